// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/DeviceCodeCredential.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDeviceCode, "vaultlens.auth.devicecode")

namespace vl {
namespace {

constexpr std::chrono::seconds SlowDownStep{5}; // RFC 8628 §3.5

AzureError failure(AzureError::Kind kind, const QString &code, const QString &message,
                   const AzureError &from = {})
{
    AzureError e = from.isError() ? from : AzureError::make(kind, message);
    e.kind = kind;
    e.code = code;
    if (!message.isEmpty())
        e.message = message;
    return e;
}

} // namespace

DeviceCodeSignIn::DeviceCodeSignIn(std::shared_ptr<const PublicClient> client,
                                   DeviceCodeOptions options, QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_options(std::move(options))
{
    if (m_options.tenant.isEmpty())
        m_options.tenant = u"organizations"_s;
}

DeviceCodeSignIn::~DeviceCodeSignIn()
{
    m_deviceCode.fill('\0');
}

QFuture<Result<UserTokenAnswer>> DeviceCodeSignIn::start()
{
    if (m_started)
        return m_promise.future();
    m_started = true;
    if (!m_options.onMessage) {
        finish(AzureError::make(AzureError::Kind::Unauthenticated,
                                tr("There is nowhere to show the device code.")));
        return m_promise.future();
    }
    const auto requested =
        m_client->requestDeviceCode(m_options.tenant, withOpenIdScopes(m_options.scopes));
    onFinished(requested, this, [this](const Result<DeviceCodeGrant> &grant) {
        if (m_promise.isFinished())
            return;
        if (!grant.ok())
            return finish(grant.error());
        m_deviceCode = grant->deviceCode;
        m_expiresOn = grant->expiresOn;
        m_interval = std::chrono::seconds(grant->intervalSeconds);
        m_options.onMessage(DeviceCodeMessage{grant->userCode, grant->verificationUri,
                                              grant->message, grant->expiresOn});
        scheduleNext();
    });
    return m_promise.future();
}

void DeviceCodeSignIn::cancel()
{
    finish(failure(AzureError::Kind::Cancelled, u"sign_in_cancelled"_s,
                   tr("The device code sign-in was cancelled.")));
}

void DeviceCodeSignIn::scheduleNext()
{
    if (m_promise.isFinished())
        return;
    auto next = [self = QPointer<DeviceCodeSignIn>(this)]() {
        if (self)
            self->poll();
    };
    if (m_options.schedule)
        m_options.schedule(m_interval, std::move(next));
    else
        QTimer::singleShot(m_interval, this, std::move(next));
}

void DeviceCodeSignIn::poll()
{
    if (m_promise.isFinished())
        return;
    if (m_client->clock().now() >= m_expiresOn)
        return finish(failure(AzureError::Kind::Unauthenticated, u"expired_token"_s,
                              tr("The device code expired before the sign-in was approved. "
                                 "Start again for a new code.")));
    ++m_polls;
    const auto polled = m_client->pollDeviceCode(m_options.tenant, m_deviceCode,
                                                 withOpenIdScopes(m_options.scopes));
    onFinished(polled, this, [this](const Result<UserTokenAnswer> &answer) {
        if (m_promise.isFinished())
            return;
        if (answer.ok())
            return finish(answer);
        const AzureError &e = answer.error();
        if (e.code == "authorization_pending"_L1)
            return scheduleNext();
        if (e.code == "slow_down"_L1) {
            m_interval += SlowDownStep;
            qCInfo(lcDeviceCode) << "asked to slow down; polling every" << m_interval.count()
                                 << "s";
            return scheduleNext();
        }
        if (e.code == "authorization_declined"_L1)
            return finish(failure(AzureError::Kind::Cancelled, e.code,
                                  tr("The sign-in was declined on the verification page."), e));
        if (e.code == "expired_token"_L1)
            return finish(failure(AzureError::Kind::Unauthenticated, e.code,
                                  tr("The device code expired before the sign-in was approved. "
                                     "Start again for a new code."),
                                  e));
        if (e.code == "bad_verification_code"_L1)
            return finish(failure(AzureError::Kind::Unauthenticated, e.code,
                                  tr("Entra ID does not know this device code."), e));
        finish(e);
    });
}

void DeviceCodeSignIn::finish(Result<UserTokenAnswer> result)
{
    if (m_promise.isFinished())
        return;
    m_deviceCode.fill('\0');
    m_deviceCode.clear();
    if (!result.ok())
        qCInfo(lcDeviceCode) << "device code sign-in failed:" << result.error().summary();
    m_promise.finish(std::move(result));
}

DeviceCodeCredential::DeviceCodeCredential(std::shared_ptr<const PublicClient> client,
                                           DeviceCodeOptions options, QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_options(std::move(options))
{}

DeviceCodeCredential::~DeviceCodeCredential() = default;

QString DeviceCodeCredential::name() const
{
    return tr("device code");
}

void DeviceCodeCredential::setOnRefreshToken(std::function<void(const QByteArray &)> onRefreshToken)
{
    m_onRefreshToken = std::move(onRefreshToken);
    if (m_refresh)
        m_refresh->setOnRotated(m_onRefreshToken);
}

QFuture<Result<UserTokenAnswer>> DeviceCodeCredential::authenticate(const QStringList &scopes,
                                                                    const QString &tenant)
{
    if (m_signIn && !m_pending.isFinished())
        return m_pending;
    if (m_signIn)
        m_signIn->deleteLater();
    DeviceCodeOptions options = m_options;
    if (!scopes.isEmpty())
        options.scopes = scopes;
    if (!tenant.isEmpty())
        options.tenant = tenant;
    m_signIn = new DeviceCodeSignIn(m_client, options, this);
    SharedPromise<Result<UserTokenAnswer>> promise;
    onFinished(m_signIn->start(), this, [this, promise](const Result<UserTokenAnswer> &result) {
        if (result.ok()) {
            m_identity = result->identity;
            if (!result->refreshToken.isEmpty()) {
                m_refresh = std::make_shared<RefreshTokenCredential>(
                    m_client, result->identity.tenantId, result->refreshToken, name());
                m_refresh->setOnRotated(m_onRefreshToken);
                if (m_onRefreshToken)
                    m_onRefreshToken(result->refreshToken);
            }
        }
        promise.finish(result);
        if (result.ok())
            Q_EMIT signedIn(result->identity);
    });
    m_pending = promise.future();
    return m_pending;
}

void DeviceCodeCredential::cancel()
{
    if (m_signIn)
        m_signIn->cancel();
}

QFuture<Result<AccessToken>> DeviceCodeCredential::getToken(const TokenRequestContext &request)
{
    if (m_refresh && m_refresh->hasRefreshToken())
        return m_refresh->getToken(request);
    return authenticate(request.scopes, request.tenantId)
        .then([](const Result<UserTokenAnswer> &answer) -> Result<AccessToken> {
            if (!answer.ok())
                return answer.error();
            return answer->accessToken;
        });
}

} // namespace vl
