// SPDX-License-Identifier: GPL-3.0-or-later
// Azure Resource Graph (`POST /providers/Microsoft.ResourceGraph/resources`,
// api-version 2024-04-01 and 2022-10-01; PROTOCOL.md §5.8). The sandbox knows one
// table, the Key Vault rows of `Resources`, and the query shape inventories send:
//
//   Resources | where type =~ 'microsoft.keyvault/vaults'
//             | project col, alias = tostring(properties.x.y), ... | order by col asc | limit n
//
// Any other query is answered 400 BadRequest / InvalidQuery as the service does.
// Rows are filtered by the caller's Microsoft.KeyVault/vaults/read, never refused.
#include "arm/ArmHelpers.h"
#include "arm/ArmService.h"
#include "arm/ResourceId.h"
#include "arm/VaultSerializer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

const QStringList GraphApiVersions{u"2021-03-01"_s, u"2022-10-01"_s, u"2024-04-01"_s};
const QString VaultType = u"microsoft.keyvault/vaults"_s;
constexpr int DefaultTop = 100;
constexpr int MaxTop = 1000;

/// One projected column: its name and how to compute it from a full row.
struct Column
{
    QString name;
    QStringList path;  ///< members from the row, e.g. properties, sku, name
    QString converter; ///< empty, tostring or tobool
};

/// The recognised query.
struct VaultQuery
{
    std::optional<QList<Column>> project;
    std::optional<QString> orderBy;
    bool descending = false;
    std::optional<int> limit;
};

/// Splits @p text at @p separator outside quotes and parentheses.
QStringList splitTopLevel(const QString &text, QChar separator)
{
    QStringList parts;
    QString current;
    int depth = 0;
    QChar quote;
    for (const QChar c : text) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
        } else if (c == u'(') {
            ++depth;
        } else if (c == u')') {
            --depth;
        } else if (c == separator && depth == 0) {
            parts.append(current.trimmed());
            current.clear();
            continue;
        }
        current.append(c);
    }
    parts.append(current.trimmed());
    return parts;
}

/// A column expression: `name`, `a.b.c`, `alias = tostring(a.b)` or `alias = a.b`.
std::optional<Column> parseColumn(const QString &text)
{
    static const QRegularExpression assignment(u"^([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.+)$"_s);
    static const QRegularExpression converted(
        u"^(tostring|tobool|toboolean)\\s*\\(\\s*([A-Za-z0-9_.]+)\\s*\\)$"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression path(u"^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$"_s);
    Column column;
    QString expression = text.trimmed();
    if (const auto m = assignment.match(expression); m.hasMatch()) {
        column.name = m.captured(1);
        expression = m.captured(2).trimmed();
    }
    if (const auto m = converted.match(expression); m.hasMatch()) {
        column.converter = m.captured(1).toLower() == "tostring"_L1 ? u"tostring"_s : u"tobool"_s;
        expression = m.captured(2);
    }
    if (!path.match(expression).hasMatch())
        return std::nullopt;
    column.path = expression.split(u'.');
    if (column.name.isEmpty()) {
        // An unnamed nested path is named like KQL does: properties.sku.name ->
        // properties_sku_name.
        if (!column.converter.isEmpty())
            return std::nullopt;
        column.name = column.path.join(u'_');
    }
    return column;
}

/// The query as stages, or the stage that is not supported.
std::optional<VaultQuery> parseQuery(const QString &query, QString &unsupported)
{
    const QStringList stages = splitTopLevel(query.simplified(), u'|');
    static const QRegularExpression vaultFilter(
        u"^where\\s+type\\s*(=~|==)\\s*(['\"])([^'\"]+)\\2$"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression order(
        u"^(?:order|sort)\\s+by\\s+([A-Za-z_][A-Za-z0-9_]*)(?:\\s+(asc|desc))?$"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression limit(u"^(?:limit|take)\\s+(\\d{1,6})$"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    if (stages.isEmpty() || stages.first().compare("resources"_L1, Qt::CaseInsensitive) != 0) {
        unsupported = stages.value(0);
        return std::nullopt;
    }
    VaultQuery q;
    bool filtered = false;
    for (qsizetype i = 1; i < stages.size(); ++i) {
        const QString &stage = stages[i];
        unsupported = stage;
        if (const auto m = vaultFilter.match(stage); m.hasMatch() && !filtered && !q.project) {
            const bool exact = m.captured(1) == "=="_L1;
            if (exact ? m.captured(3) != VaultType
                      : m.captured(3).compare(VaultType, Qt::CaseInsensitive) != 0)
                return std::nullopt;
            filtered = true;
        } else if (stage.startsWith("project "_L1, Qt::CaseInsensitive) && !q.project) {
            QList<Column> columns;
            for (const QString &part : splitTopLevel(stage.mid(8), u',')) {
                const auto column = parseColumn(part);
                if (!column)
                    return std::nullopt;
                columns.append(*column);
            }
            q.project = columns;
        } else if (const auto o = order.match(stage); o.hasMatch() && !q.orderBy) {
            q.orderBy = o.captured(1);
            q.descending = o.captured(2).compare("desc"_L1, Qt::CaseInsensitive) == 0;
        } else if (const auto l = limit.match(stage); l.hasMatch() && !q.limit) {
            q.limit = l.captured(1).toInt();
        } else {
            return std::nullopt;
        }
    }
    if (!filtered) {
        unsupported = query.simplified();
        return std::nullopt;
    }
    unsupported.clear();
    return q;
}

/// The `Resources` row of a vault, as Resource Graph stores it.
QJsonObject fullRow(const VaultRecord &v)
{
    const QJsonObject resource = arm::VaultSerializer::toJson(v.resource);
    const arm::ResourceId id = arm::ResourceId::parse(v.resource.id);
    return QJsonObject{{u"id"_s, v.resource.id},
                       {u"name"_s, v.resource.name},
                       {u"type"_s, VaultType},
                       {u"tenantId"_s, v.resource.properties.tenantId},
                       {u"kind"_s, QString()},
                       {u"location"_s, v.resource.location.value_or(QString())},
                       {u"resourceGroup"_s, id.resourceGroup.toLower()},
                       {u"subscriptionId"_s, id.subscriptionId},
                       {u"managedBy"_s, QString()},
                       {u"sku"_s, QJsonValue::Null},
                       {u"plan"_s, QJsonValue::Null},
                       {u"properties"_s, resource.value("properties"_L1)},
                       {u"tags"_s, resource.value("tags"_L1).isObject()
                                       ? resource.value("tags"_L1)
                                       : QJsonValue(QJsonObject{})},
                       {u"identity"_s, QJsonValue::Null},
                       {u"zones"_s, QJsonValue::Null},
                       {u"extendedLocation"_s, QJsonValue::Null}};
}

QJsonValue evaluate(const QJsonObject &row, const Column &column)
{
    QJsonValue value = row.value(column.path.first());
    for (qsizetype i = 1; i < column.path.size(); ++i)
        value = value.toObject().value(column.path[i]);
    if (column.converter == "tostring"_L1) {
        if (value.isString())
            return value;
        if (value.isBool())
            return value.toBool() ? u"true"_s : u"false"_s;
        if (value.isDouble())
            return QString::number(value.toDouble());
        if (value.isObject())
            return QString::fromUtf8(
                QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        if (value.isArray())
            return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        return QString();
    }
    if (column.converter == "tobool"_L1) {
        if (value.isBool())
            return value;
        if (value.isString() && value.toString().compare("true"_L1, Qt::CaseInsensitive) == 0)
            return true;
        if (value.isString() && value.toString().compare("false"_L1, Qt::CaseInsensitive) == 0)
            return false;
        return QJsonValue::Null;
    }
    return value.isUndefined() ? QJsonValue(QJsonValue::Null) : value;
}

QString skipTokenFor(qsizetype offset)
{
    return QString::fromLatin1(
        QJsonDocument(QJsonObject{{u"$skip"_s, offset}}).toJson(QJsonDocument::Compact).toBase64());
}

std::optional<qsizetype> offsetFromSkipToken(const QString &token)
{
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromBase64(token.toLatin1()));
    const QJsonValue skip = doc.object().value("$skip"_L1);
    if (!skip.isDouble() || skip.toInteger(-1) < 0)
        return std::nullopt;
    return skip.toInteger();
}

} // namespace

HttpResponse ArmService::resourceGraph(ArmCall &call)
{
    const QStringList &s = call.segments;
    if (s.size() != 3 || s[2].compare("resources"_L1, Qt::CaseInsensitive) != 0)
        return armError(
            404, u"InvalidResourceType"_s,
            u"The resource type '%1' could not be found in the namespace 'Microsoft.ResourceGraph' for api version '%2'."_s
                .arg(s.mid(2).join(u'/'), call.apiVersion));
    if (!GraphApiVersions.contains(call.apiVersion))
        return armError(400, u"InvalidApiVersionParameter"_s,
                        u"The api-version '%1' is invalid. The supported versions are '%2'."_s.arg(
                            call.apiVersion, GraphApiVersions.join(u',')));
    if (call.request.method != "POST")
        return armError(405, u"MethodNotAllowed"_s, u"The method is not allowed."_s);
    HttpResponse error;
    const auto body = ArmHelpers::jsonBody(call.request, error);
    if (!body)
        return error;

    // The service's answer to a query it cannot run: one code, the details say why.
    auto invalidQuery = [&](const QJsonObject &detail) {
        const QString stamp =
            QDateTime::fromSecsSinceEpoch(m_context.clock.nowSecsSinceEpoch(), Qt::UTC)
                .toString(Qt::ISODate);
        QString correlation = QString::fromLatin1(newRequestId());
        return HttpResponse::json(
            400,
            QJsonObject{
                {u"error"_s,
                 QJsonObject{
                     {u"code"_s, u"BadRequest"_s},
                     {u"message"_s,
                      u"Please provide below info when asking for support: timestamp = %1, correlationId = %2."_s
                          .arg(stamp, correlation)},
                     {u"details"_s,
                      QJsonArray{
                          QJsonObject{
                              {u"code"_s, u"InvalidQuery"_s},
                              {u"message"_s,
                               u"Query is invalid. Please refer to the documentation for the Azure Resource Graph service and fix the error before retrying."_s}},
                          detail}}}}});
    };
    const QString query = body->value("query"_L1).toString();
    if (query.trimmed().isEmpty())
        return invalidQuery(
            QJsonObject{{u"code"_s, u"EmptyQuery"_s}, {u"message"_s, u"The query is empty."_s}});
    QString unsupported;
    const auto parsed = parseQuery(query, unsupported);
    if (!parsed)
        return invalidQuery(QJsonObject{
            {u"code"_s, u"UnsupportedQuery"_s},
            {u"message"_s,
             u"The sandbox answers only Key Vault inventory queries (Resources | where type =~ 'microsoft.keyvault/vaults' | project ... | order by ... | limit n); it does not support '%1'."_s
                 .arg(unsupported)}});

    const QJsonObject options = body->value("options"_L1).toObject();
    int top = DefaultTop;
    if (options.contains("$top"_L1)) {
        top = options.value("$top"_L1).toInt(-1);
        if (top < 1 || top > MaxTop)
            return armError(400, u"BadRequest"_s,
                            u"The $top option must be between 1 and %1."_s.arg(MaxTop));
    }
    qsizetype offset = std::max(0, options.value("$skip"_L1).toInt(0));
    if (const QString token = options.value("$skipToken"_L1).toString(); !token.isEmpty()) {
        const auto fromToken = offsetFromSkipToken(token);
        if (!fromToken)
            return armError(400, u"BadRequest"_s, u"The $skipToken is not valid."_s);
        offset = *fromToken;
    }
    const QString format = options.value("resultFormat"_L1).toString(u"objectArray"_s);
    if (format != "objectArray"_L1 && format != "table"_L1)
        return armError(
            400, u"BadRequest"_s,
            u"The resultFormat '%1' is not valid; use objectArray or table."_s.arg(format));

    // Scope: the subscriptions named, or those under the management groups named, or
    // every subscription of the caller's tenant.
    QStringList scope;
    if (body->value("subscriptions"_L1).isArray()) {
        for (const QJsonValue &v : body->value("subscriptions"_L1).toArray())
            scope.append(v.toString().toLower());
    } else {
        QStringList groups;
        for (const QJsonValue &v : body->value("managementGroups"_L1).toArray())
            groups.append(v.toString());
        for (const Subscription &sub : m_context.state.subscriptions) {
            if (sub.tenantId.compare(call.caller.tenantId, Qt::CaseInsensitive) != 0)
                continue;
            const bool inGroup = std::any_of(groups.begin(), groups.end(), [&](const QString &g) {
                return std::any_of(sub.managementGroups.begin(), sub.managementGroups.end(),
                                   [&](const QString &m) {
                                       return m.section(u'/', -1).compare(g, Qt::CaseInsensitive)
                                              == 0;
                                   });
            });
            if (groups.isEmpty() || inGroup)
                scope.append(sub.id.toLower());
        }
    }

    QList<QJsonObject> rows;
    for (const VaultRecord &v : m_context.state.vaults) {
        const arm::ResourceId id = arm::ResourceId::parse(v.resource.id);
        if (!scope.contains(id.subscriptionId.toLower()))
            continue;
        if (!allowed(call, u"Microsoft.KeyVault/vaults/read"_s, v.resource.id))
            continue;
        const QJsonObject full = fullRow(v);
        if (!parsed->project) {
            rows.append(full);
            continue;
        }
        QJsonObject projected;
        for (const Column &c : *parsed->project)
            projected.insert(c.name, evaluate(full, c));
        rows.append(projected);
    }
    // Stable paging needs an order: the one asked for, else by id.
    const QString key = parsed->orderBy.value_or(u"id"_s);
    std::stable_sort(rows.begin(), rows.end(), [&](const QJsonObject &a, const QJsonObject &b) {
        const int c = QString::compare(a.value(key).toVariant().toString(),
                                       b.value(key).toVariant().toString(), Qt::CaseInsensitive);
        return parsed->descending ? c > 0 : c < 0;
    });
    if (parsed->limit && rows.size() > *parsed->limit)
        rows.resize(*parsed->limit);

    const qsizetype total = rows.size();
    const QList<QJsonObject> page = rows.mid(std::min(offset, total), top);
    QJsonValue data;
    if (format == "table"_L1) {
        QStringList names;
        if (parsed->project)
            for (const Column &c : *parsed->project)
                names.append(c.name);
        else if (!rows.isEmpty())
            names = rows.first().keys();
        QJsonArray columns;
        for (const QString &n : names)
            columns.append(QJsonObject{{u"name"_s, n}, {u"type"_s, u"string"_s}});
        QJsonArray tableRows;
        for (const QJsonObject &r : page) {
            QJsonArray cells;
            for (const QString &n : names)
                cells.append(r.value(n));
            tableRows.append(cells);
        }
        data = QJsonObject{{u"columns"_s, columns}, {u"rows"_s, tableRows}};
    } else {
        QJsonArray array;
        for (const QJsonObject &r : page)
            array.append(r);
        data = array;
    }
    QJsonObject answer{{u"totalRecords"_s, total},
                       {u"count"_s, page.size()},
                       {u"data"_s, data},
                       {u"facets"_s, QJsonArray{}},
                       {u"resultTruncated"_s, u"false"_s}};
    if (offset + page.size() < total)
        answer.insert("$skipToken"_L1, skipTokenFor(offset + page.size()));
    return HttpResponse::json(200, answer);
}

} // namespace vl::sandbox
