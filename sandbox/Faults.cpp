// SPDX-License-Identifier: GPL-3.0-or-later
#include "Faults.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

std::optional<Faults::Kind> kindFromName(const QString &name)
{
    static const QList<std::pair<QLatin1StringView, Faults::Kind>> names{
        {"throttle"_L1, Faults::Kind::Throttle}, {"unavailable"_L1, Faults::Kind::Unavailable},
        {"drop"_L1, Faults::Kind::Drop},         {"slow"_L1, Faults::Kind::Slow},
        {"truncate"_L1, Faults::Kind::Truncate}, {"emptyPage"_L1, Faults::Kind::EmptyPage}};
    for (const auto &[n, k] : names)
        if (name == n)
            return k;
    return std::nullopt;
}

QString kindName(Faults::Kind kind)
{
    switch (kind) {
    case Faults::Kind::Throttle:
        return u"throttle"_s;
    case Faults::Kind::Unavailable:
        return u"unavailable"_s;
    case Faults::Kind::Drop:
        return u"drop"_s;
    case Faults::Kind::Slow:
        return u"slow"_s;
    case Faults::Kind::Truncate:
        return u"truncate"_s;
    case Faults::Kind::EmptyPage:
        return u"emptyPage"_s;
    }
    return {};
}

} // namespace

std::optional<QString> Faults::configure(const QJsonObject &body)
{
    if (!body.value("faults"_L1).isArray())
        return u"The body must be {\"faults\":[...]}."_s;
    QList<Rule> rules;
    for (const QJsonValue &v : body.value("faults"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        const auto kind = kindFromName(o.value("kind"_L1).toString());
        if (!kind)
            return u"Unknown fault kind '%1'."_s.arg(o.value("kind"_L1).toString());
        Rule r;
        r.kind = *kind;
        const QString target = o.value("target"_L1).toString(u"any"_s);
        if (target == "vault"_L1)
            r.target = Target::Vault;
        else if (target == "api"_L1)
            r.target = Target::Api;
        else if (target != "any"_L1)
            return u"Unknown fault target '%1'."_s.arg(target);
        r.path = o.value("path"_L1).toString();
        r.rate = o.value("rate"_L1).toDouble(0);
        if (r.rate < 0 || r.rate > 1)
            return u"rate must be between 0 and 1."_s;
        r.remaining = r.rate > 0 ? -1 : o.value("count"_L1).toInt(1);
        r.retryAfter = o.value("retryAfter"_L1).toInt(1);
        r.delayMs = o.value("delayMs"_L1).toInt(2000);
        if (r.remaining == 0 || r.retryAfter < 0 || r.delayMs < 0)
            return u"count, retryAfter and delayMs must be positive."_s;
        rules.append(r);
    }
    m_rules = rules;
    return std::nullopt;
}

QJsonArray Faults::toJson() const
{
    QJsonArray out;
    for (const Rule &r : m_rules) {
        QJsonObject o{{u"kind"_s, kindName(r.kind)},
                      {u"target"_s, r.target == Target::Vault ? u"vault"_s
                                    : r.target == Target::Api ? u"api"_s
                                                              : u"any"_s},
                      {u"retryAfter"_s, r.retryAfter},
                      {u"delayMs"_s, r.delayMs}};
        if (!r.path.isEmpty())
            o.insert("path"_L1, r.path);
        if (r.rate > 0)
            o.insert("rate"_L1, r.rate);
        else
            o.insert("count"_L1, r.remaining);
        out.append(o);
    }
    return out;
}

std::optional<Faults::Rule> Faults::take(Target target, const HttpRequest &request, bool forList)
{
    for (qsizetype i = 0; i < m_rules.size(); ++i) {
        Rule &r = m_rules[i];
        if (r.target != Target::Any && r.target != target)
            continue;
        if ((r.kind == Kind::EmptyPage) != forList)
            continue;
        if (!r.path.isEmpty() && !request.path.contains(r.path, Qt::CaseInsensitive))
            continue;
        if (r.rate > 0) {
            if (QRandomGenerator::global()->generateDouble() >= r.rate)
                continue;
            return r;
        }
        const Rule hit = r;
        if (--r.remaining <= 0)
            m_rules.removeAt(i);
        return hit;
    }
    return std::nullopt;
}

std::optional<HttpResponse> Faults::apply(Target target, const HttpRequest &request,
                                          Delivery &delivery, const QString &throttleCode,
                                          const QString &throttleMessage, const ErrorAnswer &answer)
{
    const auto fault = take(target, request);
    if (!fault)
        return std::nullopt;
    switch (fault->kind) {
    case Kind::Throttle:
    case Kind::Unavailable: {
        const bool throttled = fault->kind == Kind::Throttle;
        HttpResponse r = throttled ? answer(429, throttleCode, throttleMessage)
                                   : answer(503, u"ServiceUnavailable"_s,
                                            u"The service is temporarily unavailable."_s);
        r.setHeader("Retry-After", QByteArray::number(fault->retryAfter));
        return r;
    }
    case Kind::Drop:
        delivery.drop = true;
        return HttpResponse{};
    case Kind::Slow:
        delivery.delayMs = fault->delayMs;
        break;
    case Kind::Truncate:
        delivery.truncate = true;
        break;
    case Kind::EmptyPage:
        break;
    }
    return std::nullopt;
}

} // namespace vl::sandbox
