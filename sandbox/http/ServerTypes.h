// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace vl::sandbox {

/// A request as the sandbox's handlers see it: path and query names percent-decoded.
struct HttpRequest
{
    QByteArray method;                    ///< upper case
    QString path;                         ///< percent-decoded path, without the query
    QList<QPair<QString, QString>> query; ///< names and values percent-decoded, in order
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peer;
    QString origin; ///< scheme://host:port the request arrived on

    /// The first query value named @p name (case-sensitive, as the services are).
    [[nodiscard]] std::optional<QString> queryValue(const QString &name) const;
    /// The first header named @p name (case-insensitive).
    [[nodiscard]] QByteArray header(const QByteArray &name) const;
    [[nodiscard]] bool hasHeader(const QByteArray &name) const;
    /// Form fields of an application/x-www-form-urlencoded body.
    [[nodiscard]] QList<QPair<QString, QString>> formFields() const;
    [[nodiscard]] std::optional<QString> formValue(const QString &name) const;
};

/// A response to write: status, headers and body.
struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value);
    [[nodiscard]] QByteArray header(const QByteArray &name) const;

    [[nodiscard]] static HttpResponse json(int status, const QJsonObject &body);
    [[nodiscard]] static HttpResponse json(int status, const QJsonDocument &body);
    [[nodiscard]] static HttpResponse html(int status, const QByteArray &body);
    [[nodiscard]] static HttpResponse empty(int status);
};

/// Reason phrase for the status line.
[[nodiscard]] QByteArray reasonPhrase(int status);

} // namespace vl::sandbox
