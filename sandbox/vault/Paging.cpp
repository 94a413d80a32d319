// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/Paging.h"

#include "auth/Base64Url.h"

#include <QJsonDocument>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

QByteArray skipToken(qsizetype offset)
{
    const QJsonObject marker{{u"NextMarker"_s, u"2!%1!"_s.arg(offset)}, {u"TargetLocation"_s, 0}};
    return base64UrlEncode(QJsonDocument(marker).toJson(QJsonDocument::Compact));
}

std::optional<qsizetype> offsetFromToken(const QString &token)
{
    const auto raw = base64UrlDecode(token.toLatin1());
    if (!raw)
        return std::nullopt;
    const QString marker = QJsonDocument::fromJson(*raw).object().value("NextMarker"_L1).toString();
    const QStringList parts = marker.split(u'!');
    if (parts.size() < 2)
        return std::nullopt;
    bool ok = false;
    const qsizetype offset = parts[1].toLongLong(&ok);
    if (!ok || offset < 0)
        return std::nullopt;
    return offset;
}

} // namespace

HttpResponse listPage(const VaultCall &call, const QList<QJsonObject> &items)
{
    return listPage(call, items.size(), [&items](qsizetype index) { return items.at(index); });
}

HttpResponse listPage(const VaultCall &call, qsizetype count,
                      const std::function<QJsonObject(qsizetype index)> &itemAt)
{
    int pageSize = 25;
    const auto max = call.request.queryValue(u"maxresults"_s);
    if (max) {
        bool ok = false;
        pageSize = max->toInt(&ok);
        if (!ok || pageSize < 1 || pageSize > 25)
            return vaultError(
                400, u"BadParameter"_s,
                u"The value of the maxresults parameter must be between 1 and 25; it was '%1'."_s
                    .arg(*max));
    }
    qsizetype offset = 0;
    if (const auto token = call.request.queryValue(u"$skiptoken"_s)) {
        const auto parsed = offsetFromToken(*token);
        if (!parsed)
            return vaultError(400, u"BadParameter"_s, u"The $skiptoken is not valid."_s);
        offset = std::min(*parsed, count);
    }
    auto link = [&](qsizetype next) {
        QString url = call.origin
                      + QString::fromUtf8(QUrl::toPercentEncoding(call.request.path, "/"))
                      + u"?api-version="_s + call.apiVersion + u"&$skiptoken="_s
                      + QString::fromLatin1(skipToken(next));
        if (max)
            url += u"&maxresults="_s + *max;
        return url;
    };
    QJsonArray value;
    QJsonValue nextLink = QJsonValue::Null;
    if (call.emptyPage && offset < count) {
        nextLink = link(offset);
    } else {
        const qsizetype end = std::min(count, offset + pageSize);
        for (qsizetype i = offset; i < end; ++i)
            value.append(itemAt(i));
        if (end < count)
            nextLink = link(end);
    }
    return HttpResponse::json(200, QJsonObject{{u"value"_s, value}, {u"nextLink"_s, nextLink}});
}

} // namespace vl::sandbox
