// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxFixture.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace vl::test {

SandboxFixture::SandboxFixture(sandbox::SandboxOptions options, const Clock &clock)
    : m_sandbox(std::make_unique<sandbox::Sandbox>(clock))
{
    m_running = m_sandbox->start(options, &m_error);
    m_http = std::make_unique<HttpClient>(m_running ? m_sandbox->caCertificatePath() : QString());
}

SandboxFixture::~SandboxFixture() = default;

QString SandboxFixture::tenantId() const
{
    return config().value("tenants"_L1).toArray().first().toObject().value("id"_L1).toString();
}

QString SandboxFixture::vaultOrigin(const QString &name) const
{
    for (const QJsonValue &v : config().value("vaults"_L1).toArray())
        if (v.toObject().value("name"_L1).toString() == name)
            return v.toObject().value("vaultUri"_L1).toString().chopped(1);
    return {};
}

QUrl SandboxFixture::vaultUrl(const QString &vault, const QString &path,
                              const QString &apiVersion) const
{
    QUrl url(vaultOrigin(vault) + path);
    QUrlQuery q(url);
    if (!apiVersion.isEmpty())
        q.addQueryItem(u"api-version"_s, apiVersion);
    url.setQuery(q);
    return url;
}

QUrl SandboxFixture::apiUrl(const QString &pathAndQuery) const
{
    return QUrl(api() + pathAndQuery);
}

QByteArray SandboxFixture::appToken(const QString &appId, const QString &secret,
                                    const QString &scope)
{
    const HttpReply r = m_http->postForm(apiUrl(u"/"_s + tenantId() + u"/oauth2/v2.0/token"_s),
                                         {{u"grant_type"_s, u"client_credentials"_s},
                                          {u"client_id"_s, appId},
                                          {u"client_secret"_s, secret},
                                          {u"scope"_s, scope}});
    return r.json().value("access_token"_L1).toString().toLatin1();
}

QByteArray SandboxFixture::automationToken(const QString &scope)
{
    const QJsonObject sp = config().value("servicePrincipals"_L1).toArray().first().toObject();
    return appToken(sp.value("appId"_L1).toString(), sp.value("clientSecret"_L1).toString(), scope);
}

QByteArray SandboxFixture::userToken(const QString &upn, const QString &scope)
{
    const QString client = config().value("publicClientId"_L1).toString();
    QByteArray verifierBytes(32, Qt::Uninitialized);
    for (char &c : verifierBytes)
        c = char(QRandomGenerator::global()->bounded(256));
    const QByteArray verifier =
        verifierBytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray challenge =
        QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QString redirect = u"http://127.0.0.1:53682/callback"_s;
    QUrl authorize(config().value("browserOrigin"_L1).toString()
                   + u"/organizations/oauth2/v2.0/authorize"_s);
    QUrlQuery q;
    q.addQueryItem(u"client_id"_s, client);
    q.addQueryItem(u"response_type"_s, u"code"_s);
    q.addQueryItem(u"redirect_uri"_s, redirect);
    q.addQueryItem(u"scope"_s, scope + u" openid profile offline_access"_s);
    q.addQueryItem(u"state"_s, u"test-state"_s);
    q.addQueryItem(u"code_challenge"_s, QString::fromLatin1(challenge));
    q.addQueryItem(u"code_challenge_method"_s, u"S256"_s);
    authorize.setQuery(q);
    const HttpReply signIn = m_http->postForm(authorize, {{u"account"_s, upn}});
    const QUrl location(QString::fromUtf8(signIn.header("Location")));
    const QString code = QUrlQuery(location).queryItemValue(u"code"_s, QUrl::FullyDecoded);
    if (signIn.status != 302 || code.isEmpty())
        return {};
    const HttpReply token =
        m_http->postForm(apiUrl(u"/organizations/oauth2/v2.0/token"_s),
                         {{u"grant_type"_s, u"authorization_code"_s},
                          {u"client_id"_s, client},
                          {u"code"_s, code},
                          {u"redirect_uri"_s, redirect},
                          {u"code_verifier"_s, QString::fromLatin1(verifier)},
                          {u"scope"_s, scope + u" openid profile offline_access"_s}});
    m_lastAnswer = token.json();
    return m_lastAnswer.value("access_token"_L1).toString().toLatin1();
}

} // namespace vl::test
