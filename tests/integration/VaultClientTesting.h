// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the VaultClient integration tests share: waiting, error checks, fault injection and
// walking every page of a list.

#include "ClientFixture.h"
#include "journal/RequestJournal.h"
#include "journal/RequestRecord.h"
#include "vault/VaultClient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

#include <functional>

namespace vl::test::vaultclient {

using namespace Qt::StringLiterals;

/// The open vault of the demo seed (access policies; the automation identity may do all).
inline const QString DevVault = u"kv-contoso-dev"_s;

template<typename T>
Result<T> await(const QFuture<Result<T>> &future)
{
    return ClientFixture::await(future);
}

/// A name no other test uses: @p prefix and 8 hex characters.
inline QString uniqueName(const QString &prefix)
{
    return prefix + u'-' + QUuid::createUuid().toString(QUuid::Id128).left(8);
}

/// Posts @p faults to the sandbox's control endpoint (an empty list clears them).
inline bool injectFaults(ClientFixture &f, const QJsonArray &faults)
{
    const auto reply = f.sandbox().http().sendJson("POST", f.sandbox().apiUrl(u"/sandbox/faults"_s),
                                                   QJsonObject{{u"faults"_s, faults}});
    return reply.status == 200;
}

/**
 * Every item of a paged list: @p first, then @p next for each nextLink, at most
 * @p maxPages pages. @p pages counts the pages read; an error ends the walk.
 */
template<typename T>
Result<QList<T>> allPages(const QFuture<Result<Page<T>>> &first,
                          const std::function<QFuture<Result<Page<T>>>(const QUrl &)> &next,
                          int *pages = nullptr, int maxPages = 100)
{
    QList<T> items;
    Result<Page<T>> page = await(first);
    int count = 0;
    while (true) {
        if (!page)
            return page.error();
        ++count;
        items.append(page->items);
        if (!page->hasMore() || count >= maxPages)
            break;
        page = await(next(page->nextLink));
    }
    if (pages)
        *pages = count;
    return items;
}

/// The journal's records of requests to the vault at @p origin since record @p afterId.
inline QList<RequestRecord> vaultRecords(ClientFixture &f, const QUrl &vault, quint64 afterId = 0)
{
    QList<RequestRecord> out;
    for (const RequestRecord &r : f.journal().records())
        if (r.id > afterId && r.url.host() == vault.host() && r.url.port() == vault.port())
            out.append(r);
    return out;
}

/// The id of the journal's last record (0 when empty).
inline quint64 lastRecordId(ClientFixture &f)
{
    return f.journal().records().isEmpty() ? 0 : f.journal().records().last().id;
}

/// The api-version a record's URL carried.
inline QString apiVersionOf(const RequestRecord &r)
{
    return QUrlQuery(r.url).queryItemValue(u"api-version"_s);
}

} // namespace vl::test::vaultclient

/// Fails the test unless @p expr succeeded, printing the error otherwise (@p expr is
/// evaluated once).
#define VERIFY_OK(expr)                                                                            \
    do {                                                                                           \
        const auto &verifiedResult = (expr);                                                       \
        QVERIFY2(verifiedResult.ok(), qPrintable(verifiedResult.error().summary()));               \
    } while (false)

/// Fails the test unless @p expr is an error of @p expectedKind with HTTP @p expectedStatus
/// (@p expr is evaluated once).
#define VERIFY_ERROR(expr, expectedKind, expectedStatus)                                           \
    do {                                                                                           \
        const auto &verifiedResult = (expr);                                                       \
        QVERIFY2(!verifiedResult.ok(), "the call succeeded");                                      \
        QCOMPARE(verifiedResult.error().kind, expectedKind);                                       \
        QCOMPARE(verifiedResult.error().status, expectedStatus);                                   \
    } while (false)
