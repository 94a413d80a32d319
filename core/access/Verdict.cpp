// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/Verdict.h"

using namespace Qt::StringLiterals;

namespace vl::access {

QJsonObject Denial::toJson() const
{
    QJsonObject error{{u"code"_s, code}, {u"message"_s, message}};
    if (!innerCode.isEmpty())
        error.insert("innererror"_L1, QJsonObject{{u"code"_s, innerCode}});
    return QJsonObject{{u"error"_s, error}};
}

const StageVerdict &Verdict::stage(Stage s) const
{
    for (const StageVerdict &v : stages)
        if (v.stage == s)
            return v;
    static const StageVerdict missing{s, Outcome::Unknown, Rule::None, {}, {}};
    return missing;
}

QString stageName(Stage stage)
{
    switch (stage) {
    case Stage::Firewall:
        return u"firewall"_s;
    case Stage::TokenValidation:
        return u"token validation"_s;
    case Stage::Authorization:
        return u"authorization"_s;
    case Stage::Operation:
        return u"operation"_s;
    }
    return {};
}

QString outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Passed:
        return u"passed"_s;
    case Outcome::Failed:
        return u"failed"_s;
    case Outcome::Skipped:
        return u"skipped"_s;
    case Outcome::Unknown:
        return u"unknown"_s;
    }
    return {};
}

} // namespace vl::access
