// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Helpers shared by the tests of the accounts area (sign-in, token cache, accounts).

#include "ScriptedTransport.h"
#include "auth/Base64Url.h"
#include "auth/SecretStore.h"
#include "util/Future.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <memory>

namespace vl::test {

/// A compact JWS with @p claims and no real signature: the app never checks one.
inline QByteArray unsignedJwt(const QJsonObject &claims)
{
    const QByteArray header = base64UrlEncode(R"({"alg":"RS256","typ":"JWT","kid":"k1"})");
    const QByteArray payload =
        base64UrlEncode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    return header + '.' + payload + '.' + base64UrlEncode("signature");
}

/// A token endpoint answer for a user (access, refresh and ID tokens).
inline QByteArray userTokenAnswer(const QString &oid, const QString &tid, const QString &upn,
                                  const QByteArray &refreshToken, int expiresIn = 3599,
                                  const QByteArray &accessMarker = "at")
{
    const QJsonObject id{{QStringLiteral("oid"), oid},
                         {QStringLiteral("tid"), tid},
                         {QStringLiteral("preferred_username"), upn},
                         {QStringLiteral("name"), QStringLiteral("Test User")}};
    QJsonObject access = id;
    access.insert(QStringLiteral("marker"), QString::fromLatin1(accessMarker));
    QJsonObject o{{QStringLiteral("token_type"), QStringLiteral("Bearer")},
                  {QStringLiteral("expires_in"), expiresIn},
                  {QStringLiteral("scope"),
                   QStringLiteral("https://management.azure.com/user_impersonation")},
                  {QStringLiteral("access_token"), QString::fromLatin1(unsignedJwt(access))},
                  {QStringLiteral("id_token"), QString::fromLatin1(unsignedJwt(id))}};
    if (!refreshToken.isEmpty())
        o.insert(QStringLiteral("refresh_token"), QString::fromLatin1(refreshToken));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// An Entra ID error answer.
inline QByteArray oauthError(const QString &error, int aadsts)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), error},
                                     {QStringLiteral("error_description"),
                                      QStringLiteral("AADSTS%1: test error.").arg(aadsts)},
                                     {QStringLiteral("error_codes"), QJsonArray{aadsts}}})
        .toJson(QJsonDocument::Compact);
}

inline HttpHeaders jsonHeaders()
{
    return {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
}

/// The fields of a form body, decoded.
inline QUrlQuery formOf(const HttpRequest &request)
{
    QByteArray body = request.body;
    body.replace('+', ' ');
    return QUrlQuery(QString::fromLatin1(body));
}

inline QString formValue(const HttpRequest &request, const QString &name)
{
    return formOf(request).queryItemValue(name, QUrl::FullyDecoded);
}

/// Waits for @p future (running the event loop) and returns its result.
template<typename T>
T waitFor(const QFuture<T> &future, int timeoutMs = 20000)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
        qFatal("the future did not finish in time");
    return future.result();
}

/// What the loopback listener answered to one raw request.
struct LoopbackReply
{
    bool connected = false;
    QByteArray bytes;
};

/**
 * Plays the browser's last step: sends `GET @p pathAndQuery` to 127.0.0.1:@p port,
 * written in one piece, and reads the answer until the listener closes.
 */
inline LoopbackReply followRedirect(quint16 port, const QByteArray &pathAndQuery)
{
    LoopbackReply reply;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    if (!socket.waitForConnected(3000))
        return reply;
    reply.connected = true;
    socket.write("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                 + "\r\nUser-Agent: test-browser\r\nAccept: text/html\r\n\r\n");
    socket.flush();
    (void)QTest::qWaitFor(
        [&] {
            reply.bytes += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000);
    reply.bytes += socket.readAll();
    return reply;
}

/// The path and query of a redirect target (a Location header).
inline QByteArray pathAndQueryOf(const QUrl &url)
{
    return url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority);
}

/**
 * A SecretStore in memory with the same contract as the keychain (index
 * included), and a switch that makes every call fail as a missing keychain does.
 */
class MemorySecretStore final : public SecretStore
{
public:
    QHash<QString, QByteArray> entries; ///< by SecretKey::toString()
    bool unavailable = false;
    int writes = 0;

    QFuture<Result<QByteArray>> read(const SecretKey &key) override
    {
        if (unavailable)
            return readyFuture(Result<QByteArray>(failure()));
        if (!entries.contains(key.toString()))
            return readyFuture(Result<QByteArray>(
                AzureError::make(AzureError::Kind::NotFound, QStringLiteral("no entry"))));
        return readyFuture(Result<QByteArray>(entries.value(key.toString())));
    }
    QFuture<Result<Done>> write(const SecretKey &key, const QByteArray &secret) override
    {
        if (unavailable)
            return readyFuture(Result<Done>(failure()));
        ++writes;
        entries.insert(key.toString(), secret);
        return readyFuture(Result<Done>(Done{}));
    }
    QFuture<Result<Done>> remove(const SecretKey &key) override
    {
        if (unavailable)
            return readyFuture(Result<Done>(failure()));
        entries.remove(key.toString());
        return readyFuture(Result<Done>(Done{}));
    }
    QFuture<Result<QStringList>> purposes(const QString &cloud, const QString &accountId) override
    {
        QStringList list;
        const QString prefix = cloud + u'/' + accountId + u'/';
        for (auto it = entries.cbegin(); it != entries.cend(); ++it)
            if (it.key().startsWith(prefix))
                list.append(it.key().mid(prefix.size()));
        return readyFuture(Result<QStringList>(list));
    }
    QFuture<Result<Done>> removeAccount(const QString &cloud, const QString &accountId) override
    {
        if (unavailable)
            return readyFuture(Result<Done>(failure()));
        const QString prefix = cloud + u'/' + accountId + u'/';
        entries.removeIf([&](const auto &it) { return it.key().startsWith(prefix); });
        return readyFuture(Result<Done>(Done{}));
    }

private:
    static AzureError failure()
    {
        AzureError e = AzureError::make(AzureError::Kind::Unauthenticated,
                                        QStringLiteral("No system keychain is available."));
        e.code = QStringLiteral("KeychainUnavailable");
        return e;
    }
};

} // namespace vl::test
