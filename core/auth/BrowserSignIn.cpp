// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/BrowserSignIn.h"

#include <QtNetworkAuth/QOAuthHttpServerReplyHandler>

#include <QCoreApplication>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcBrowserSignIn, "vaultlens.auth.browser")

namespace vl {
namespace {

/// Compares without an early exit, so that the time taken says nothing about the state.
bool sameState(const QByteArray &expected, const QByteArray &received)
{
    if (expected.size() != received.size() || expected.isEmpty())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < expected.size(); ++i)
        difference |= static_cast<unsigned char>(expected[i] ^ received[i]);
    return difference == 0;
}

/**
 * The redirect's query is form-encoded (OAuth 2.0, appendix B: `+` for a space). The
 * handler gives each value pretty-decoded, with encoded delimiters (`%2B`, `%26`, ...)
 * left as they came: so a literal `+` is a space, and the rest decodes fully.
 */
QString queryValue(const QVariantMap &values, const QString &name)
{
    QByteArray value = values.value(name).toString().toUtf8();
    value.replace('+', ' ');
    return QUrl::fromPercentEncoding(value);
}

/// The error a redirect carries (`error`, `error_description` with its AADSTS number).
AzureError redirectError(const QString &error, const QString &description)
{
    AzureError e = AzureError::make(error == "access_denied"_L1 ? AzureError::Kind::Cancelled
                                                                : AzureError::Kind::Unauthenticated,
                                    description.isEmpty() ? error : description);
    e.code = error;
    static const QRegularExpression aadsts(u"AADSTS\\d+"_s);
    if (const auto m = aadsts.match(description); m.hasMatch())
        e.innerCode = m.captured(0); // "AADSTS65004", as AzureError::fromResponse gives it
    return e;
}

} // namespace

BrowserSignIn::BrowserSignIn(std::shared_ptr<const PublicClient> client,
                             BrowserSignInOptions options, QObject *parent)
    : QObject(parent)
    , m_client(std::move(client))
    , m_options(std::move(options))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this]() {
        AzureError e =
            AzureError::make(AzureError::Kind::Unauthenticated,
                             tr("The browser sign-in was not completed in time. Start it again."));
        e.code = u"sign_in_timeout"_s;
        finish(e);
    });
}

BrowserSignIn::~BrowserSignIn()
{
    stopListening();
}

bool BrowserSignIn::isListening() const
{
    return m_listener && m_listener->isListening();
}

QFuture<Result<UserTokenAnswer>> BrowserSignIn::start()
{
    if (m_started)
        return m_promise.future();
    m_started = true;
    if (!m_options.openBrowser) {
        finish(AzureError::make(AzureError::Kind::Unauthenticated,
                                tr("No browser is available for the sign-in.")));
        return m_promise.future();
    }

    m_pkce = Pkce::generate();
    m_state = Pkce::randomState(32);

    // 127.0.0.1 only: never the default (every interface).
    m_listener = new QOAuthHttpServerReplyHandler(QHostAddress(QHostAddress::LocalHost), 0, this);
    if (!m_listener->isListening()) {
        finish(AzureError::network(
            tr("The sign-in could not listen for the browser's answer on 127.0.0.1.")));
        return m_promise.future();
    }
    QString path = m_options.callbackPath;
    if (!path.startsWith(u'/'))
        path.prepend(u'/');
    m_listener->setCallbackPath(path);
    connect(m_listener.data(), &QAbstractOAuthReplyHandler::callbackReceived, this,
            &BrowserSignIn::onRedirect);

    m_redirectUri.setScheme(u"http"_s);
    m_redirectUri.setHost(u"127.0.0.1"_s);
    m_redirectUri.setPort(m_listener->port());
    m_redirectUri.setPath(path);

    AuthorizeParameters p;
    p.tenant = m_options.tenant.isEmpty() ? u"organizations"_s : m_options.tenant;
    p.redirectUri = m_redirectUri;
    p.scopes = withOpenIdScopes(m_options.scopes);
    p.state = m_state;
    p.codeChallenge = m_pkce.challenge;
    p.prompt = m_options.prompt;
    p.loginHint = m_options.loginHint;
    p.domainHint = m_options.domainHint;
    m_authorizeUrl = m_client->authorizeUrl(p);

    if (m_options.timeout.count() > 0)
        m_timeout.start(m_options.timeout);
    qCInfo(lcBrowserSignIn) << "waiting for the browser on" << m_redirectUri.toString();
    m_options.openBrowser(m_authorizeUrl);
    return m_promise.future();
}

void BrowserSignIn::cancel()
{
    if (m_promise.isFinished())
        return;
    AzureError e =
        AzureError::make(AzureError::Kind::Cancelled, tr("The browser sign-in was cancelled."));
    e.code = u"sign_in_cancelled"_s;
    finish(e);
}

void BrowserSignIn::setPage(const QString &title, const QString &text)
{
    // The handler puts this inside <body>: escape it, it may quote the service.
    if (m_listener)
        m_listener->setCallbackText(u"<h1>"_s + title.toHtmlEscaped() + u"</h1><p>"_s
                                    + text.toHtmlEscaped() + u"</p>"_s);
}

void BrowserSignIn::onRedirect(const QVariantMap &values)
{
    // The handler writes the page after this returns, so setPage() decides what the
    // browser shows for this very redirect.
    const QByteArray state = queryValue(values, u"state"_s).toUtf8();
    if (m_used || m_promise.isFinished()) {
        ++m_rejected;
        setPage(tr("Sign-in already complete"),
                tr("This sign-in answer was already received. You can close this page."));
        Q_EMIT redirectRejected(u"the redirect came after the sign-in was answered"_s);
        return;
    }
    if (!sameState(m_state, state)) {
        ++m_rejected;
        setPage(tr("Unexpected sign-in answer"),
                tr("This answer does not belong to the sign-in VaultLens is waiting for, "
                   "so it was ignored."));
        qCWarning(lcBrowserSignIn) << "ignored a redirect whose state does not match";
        Q_EMIT redirectRejected(state.isEmpty() ? u"the redirect has no state"_s
                                                : u"the redirect's state does not match"_s);
        return;
    }

    m_used = true;
    stopListening(); // one use: later redirects find nobody listening
    m_timeout.stop();

    const QString error = queryValue(values, u"error"_s);
    if (!error.isEmpty()) {
        const QString description = queryValue(values, u"error_description"_s);
        setPage(tr("Sign-in failed"), description.isEmpty() ? error : description);
        finish(redirectError(error, description));
        return;
    }
    const QString code = queryValue(values, u"code"_s);
    if (code.isEmpty()) {
        setPage(tr("Sign-in failed"), tr("The answer carries no authorization code."));
        finish(AzureError::make(AzureError::Kind::Malformed,
                                tr("The sign-in answer carries neither a code nor an error.")));
        return;
    }
    setPage(tr("Sign-in received"),
            tr("VaultLens received your sign-in. You can close this page and return to it."));

    const QString tenant = m_options.tenant.isEmpty() ? u"organizations"_s : m_options.tenant;
    const QFuture<Result<UserTokenAnswer>> redeemed = m_client->redeemAuthorizationCode(
        tenant, code, m_redirectUri, m_pkce.verifier, withOpenIdScopes(m_options.scopes));
    onFinished(redeemed, this, [this](const Result<UserTokenAnswer> &answer) { finish(answer); });
}

void BrowserSignIn::stopListening()
{
    // Closing stops new connections; the answer to the current one is still written
    // (the handler, and the sockets it owns, live as long as this object).
    if (m_listener && m_listener->isListening())
        m_listener->close();
}

void BrowserSignIn::finish(Result<UserTokenAnswer> result)
{
    if (m_promise.isFinished())
        return;
    m_timeout.stop();
    stopListening();
    // Forget the verifier: it is of no use once the code is redeemed or abandoned.
    m_pkce.verifier.fill('\0');
    m_pkce.verifier.clear();
    if (!result.ok())
        qCInfo(lcBrowserSignIn) << "browser sign-in failed:" << result.error().summary();
    m_promise.finish(std::move(result));
}

} // namespace vl
