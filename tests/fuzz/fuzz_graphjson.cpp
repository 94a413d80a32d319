// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: QJsonDocument::fromJson, then PrincipalSerializer both ways (a
// directory object, a collection, a getByIds request), and the Graph query pieces on
// the strings found.
#include "graph/GraphQuery.h"
#include "graph/PrincipalSerializer.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace vl::graph;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

/// @p written is @p input, plus an empty array under @p key when @p input had none.
bool sameOrGained(const QJsonObject &input, QJsonObject written, QLatin1StringView key)
{
    if (written == input)
        return true;
    if (input.contains(key) || written.value(key) != QJsonValue(QJsonArray()))
        return false;
    written.remove(key);
    return written == input;
}

void checkQueries(const QString &text)
{
    const QString filter = GraphQuery::startsWith(u"displayName"_s, text);
    constexpr QLatin1StringView Head("startswith(displayName,'");
    check(filter.startsWith(Head) && filter.endsWith("')"_L1));
    // Inside the literal every quote is doubled, so the literal cannot end early.
    QString literal = filter.mid(Head.size(), filter.size() - Head.size() - 2);
    check(!literal.replace("''"_L1, ""_L1).contains(u'\''));

    const QString clause = GraphQuery::searchClause(u"displayName"_s, text);
    check(clause.startsWith("\"displayName:"_L1) && clause.endsWith(u'"'));
    const QString words = clause.mid(13, clause.size() - 14);
    check(!words.contains(u'"') && !words.contains(u'\\'));

    if (GraphQuery::isObjectId(text))
        check(text.size() == 36);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks the kind a caller would imply; the rest is the JSON.
    const auto implied = PrincipalKind(data[0] % 6);
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(input, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return 0;
    const QJsonObject o = document.object();

    // A directory object writes back exactly what it was read from.
    const Principal principal = PrincipalSerializer::principalFromJson(o, implied);
    const QJsonObject principalJson = PrincipalSerializer::toJson(principal);
    check(principalJson == o);
    check(PrincipalSerializer::principalFromJson(principalJson, implied) == principal);
    check(!principal.label().isEmpty()
          || (principal.id.isEmpty() && principal.displayName.isEmpty()));
    if (!principal.odataType.isEmpty())
        check(principal.isResolved());

    // A collection likewise (one without `value` gains an empty one).
    const PrincipalCollection collection = PrincipalSerializer::collectionFromJson(o, implied);
    const QJsonObject collectionJson = PrincipalSerializer::toJson(collection);
    check(sameOrGained(o, collectionJson, "value"_L1));
    check(PrincipalSerializer::collectionFromJson(collectionJson, implied) == collection);
    const vl::Page<Principal> page = collection.toPage();
    check(page.items.size() == collection.value.size());
    check(page.hasMore() == !collection.nextLink.isEmpty());

    // A getByIds request likewise (one without `ids` gains an empty one).
    const GetByIdsRequest request = PrincipalSerializer::getByIdsRequestFromJson(o);
    const QJsonObject requestJson = PrincipalSerializer::toJson(request);
    check(sameOrGained(o, requestJson, "ids"_L1));
    check(PrincipalSerializer::getByIdsRequestFromJson(requestJson) == request);
    const QStringList distinct = GraphQuery::distinctIds(request.ids);
    qsizetype total = 0;
    for (const QStringList &batch : GraphQuery::batches(distinct, 1 + data[0] % 7)) {
        check(!batch.isEmpty() && batch.size() <= 1 + data[0] % 7);
        total += batch.size();
    }
    check(total == distinct.size());

    for (const QString &text : {principal.displayName, principal.id, collection.context})
        checkQueries(text);
    (void)kindFromContext(collection.context);
    return 0;
}
