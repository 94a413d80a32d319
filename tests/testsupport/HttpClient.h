// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

namespace vl::test {

/// A finished HTTP exchange, as a test sees it.
struct HttpReply
{
    int status = 0; ///< 0: no HTTP answer (network error)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString networkError; ///< empty when an answer came

    [[nodiscard]] QByteArray header(const QByteArray &name) const;
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    /// `error.code` and `error.innererror.code` of a Key Vault or ARM error body.
    [[nodiscard]] QString errorCode() const;
    [[nodiscard]] QString innerErrorCode() const;
    [[nodiscard]] QString errorMessage() const;
};

/**
 * A small blocking HTTP client for tests: it waits for each answer with
 * QSignalSpy (the event loop keeps running, so an in-process server answers).
 * TLS is verified against the CA given, and nothing else is trusted extra.
 */
class HttpClient
{
public:
    explicit HttpClient(const QString &caCertificatePath = {});

    HttpReply send(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                   const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpReply get(const QUrl &url, const QByteArray &bearer = {});
    HttpReply sendJson(const QByteArray &method, const QUrl &url, const QJsonObject &body,
                       const QByteArray &bearer = {});
    HttpReply postForm(const QUrl &url, const QList<QPair<QString, QString>> &fields);

    [[nodiscard]] QNetworkAccessManager &manager() { return m_manager; }
    [[nodiscard]] const QSslConfiguration &tls() const { return m_tls; }

private:
    QNetworkAccessManager m_manager;
    QSslConfiguration m_tls;
};

} // namespace vl::test
