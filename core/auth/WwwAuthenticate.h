// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

namespace vl {

/**
 * @brief One challenge of a `WWW-Authenticate` header (RFC 7235 §2.1): a
 * scheme and either a token68 or a list of parameters.
 */
struct AuthChallenge
{
    QString scheme;  ///< as sent; compare with isScheme()
    QString token68; ///< the token68 form (`Negotiate abc==`), empty otherwise
    /// The parameters in order, names lower-cased, quoted values unescaped.
    QList<QPair<QString, QString>> parameters;

    /// True when the scheme is @p name, ignoring case.
    [[nodiscard]] bool isScheme(QStringView name) const;
    /// The first value of parameter @p name (case-insensitive), or an empty string.
    [[nodiscard]] QString parameter(QStringView name) const;
    /// True when the challenge has parameter @p name (even with an empty value).
    [[nodiscard]] bool hasParameter(QStringView name) const;
};

/**
 * @brief Parses `WWW-Authenticate` header values into challenges.
 *
 * The grammar is RFC 7235's (`1#challenge`, `auth-param = token BWS "=" BWS
 * (token / quoted-string)`, quoted strings with backslash escapes, several
 * challenges in one value separated by commas), read leniently, as servers
 * write it in practice: a comma without a following space, parameters
 * separated by spaces only, and stray separators are accepted. Input that
 * fits no reading is skipped up to the next comma; parsing never fails and
 * never reads outside the input.
 */
namespace WwwAuthenticate {

/// The challenges of one header value.
[[nodiscard]] QList<AuthChallenge> parse(QByteArrayView value);
/// The challenges of several header lines, in order.
[[nodiscard]] QList<AuthChallenge> parse(const QList<QByteArray> &values);
/// The first challenge with scheme @p scheme (case-insensitive), or nothing.
[[nodiscard]] const AuthChallenge *find(const QList<AuthChallenge> &challenges, QStringView scheme);

} // namespace WwwAuthenticate
} // namespace vl
