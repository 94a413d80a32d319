// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AccessToken.h"
#include "util/Clock.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace vl {

/**
 * @brief Access tokens held in memory, per account, tenant and scope set.
 *
 * Nothing here is ever written anywhere: access tokens live only as long as
 * the process (refresh tokens are the keychain's business). A token counts as
 * usable while more than refreshMargin() seconds are left before it expires,
 * so that a request never goes out with a token that dies on the way and the
 * credential refreshes silently ahead of time.
 */
class TokenCache
{
public:
    /// Five minutes, as MSAL and the Azure SDKs do.
    static constexpr qint64 DefaultRefreshMargin = 300;

    explicit TokenCache(const Clock &clock = SystemClock::instance(),
                        qint64 refreshMarginSeconds = DefaultRefreshMargin);

    /// The held token for the key, when it has more than the margin left.
    [[nodiscard]] std::optional<AccessToken> find(const QString &account, const QString &tenant,
                                                  const QStringList &scopes) const;
    /// Holds @p token for the key, replacing an older one.
    void insert(const QString &account, const QString &tenant, const QStringList &scopes,
                const AccessToken &token);
    /// Forgets the token of one key.
    void remove(const QString &account, const QString &tenant, const QStringList &scopes);
    /// Forgets every token of @p account (sign-out).
    void removeAccount(const QString &account);
    /// Forgets expired tokens; returns how many were dropped.
    int prune();
    void clear() { m_tokens.clear(); }
    [[nodiscard]] int size() const { return int(m_tokens.size()); }

    [[nodiscard]] qint64 refreshMargin() const { return m_margin; }
    [[nodiscard]] const Clock &clock() const { return m_clock; }
    /// True while @p token has more than the margin left.
    [[nodiscard]] bool isFresh(const AccessToken &token) const;

    /// The key of a scope set: sorted, without duplicates, case kept.
    [[nodiscard]] static QString keyOf(const QString &account, const QString &tenant,
                                       const QStringList &scopes);

private:
    struct Entry
    {
        QString account;
        AccessToken token;
    };
    const Clock &m_clock;
    qint64 m_margin;
    QHash<QString, Entry> m_tokens;
};

} // namespace vl
