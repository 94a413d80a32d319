// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/TokenCache.h"

using namespace Qt::StringLiterals;

namespace vl {

TokenCache::TokenCache(const Clock &clock, qint64 refreshMarginSeconds)
    : m_clock(clock)
    , m_margin(refreshMarginSeconds)
{}

QString TokenCache::keyOf(const QString &account, const QString &tenant, const QStringList &scopes)
{
    QStringList sorted = scopes;
    sorted.sort();
    sorted.removeDuplicates();
    // A unit separator cannot appear in an id, a tenant or a scope.
    return account + u'\x1f' + tenant.toLower() + u'\x1f' + sorted.join(u' ');
}

bool TokenCache::isFresh(const AccessToken &token) const
{
    return !token.token.isEmpty() && token.expiresOn.isValid()
           && m_clock.now().secsTo(token.expiresOn) > m_margin;
}

std::optional<AccessToken> TokenCache::find(const QString &account, const QString &tenant,
                                            const QStringList &scopes) const
{
    const auto it = m_tokens.constFind(keyOf(account, tenant, scopes));
    if (it == m_tokens.constEnd() || !isFresh(it->token))
        return std::nullopt;
    return it->token;
}

void TokenCache::insert(const QString &account, const QString &tenant, const QStringList &scopes,
                        const AccessToken &token)
{
    m_tokens.insert(keyOf(account, tenant, scopes), Entry{account, token});
}

void TokenCache::remove(const QString &account, const QString &tenant, const QStringList &scopes)
{
    m_tokens.remove(keyOf(account, tenant, scopes));
}

void TokenCache::removeAccount(const QString &account)
{
    m_tokens.removeIf([&account](const auto &it) { return it.value().account == account; });
}

int TokenCache::prune()
{
    const QDateTime now = m_clock.now();
    return int(m_tokens.removeIf([&now](const auto &it) {
        return !it.value().token.expiresOn.isValid() || it.value().token.expiresOn <= now;
    }));
}

} // namespace vl
