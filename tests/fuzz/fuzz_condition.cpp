// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: RbacEvaluator::evaluateCondition. The input (UTF-8) is the condition,
// optionally followed by a newline and the action being checked.
#include "access/RbacEvaluator.h"

#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace vl::access;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

const ConditionAttributes &attributes()
{
    static const ConditionAttributes a{
        {u"Request:Microsoft.Authorization/roleAssignments:RoleDefinitionId"_s,
         {u"/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"_s}},
        {u"Resource:Microsoft.Authorization/roleAssignments:RoleDefinitionId"_s,
         {u"/providers/Microsoft.Authorization/roleDefinitions/21090545-7ca7-4776-b22c-e363652d74d2"_s,
          u"8e3af657-a8ff-443c-a75c-2fe8c4bcb635"_s}},
    };
    return a;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString input =
        QString::fromUtf8(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    const qsizetype newline = input.indexOf(u'\n');
    const QString condition = newline < 0 ? input : input.left(newline);
    const QString action =
        newline < 0 ? u"Microsoft.Authorization/roleAssignments/write"_s : input.mid(newline + 1);

    const std::optional<bool> withAttributes =
        RbacEvaluator::evaluateCondition(condition, action, attributes());
    const std::optional<bool> without = RbacEvaluator::evaluateCondition(condition, action, {});
    // Whether a condition is supported does not depend on the attribute values, and
    // taking attribute values away can only turn a grant into a refusal.
    check(withAttributes.has_value() == without.has_value());
    if (without && *without)
        check(*withAttributes);
    // Deterministic.
    check(RbacEvaluator::evaluateCondition(condition, action, attributes()) == withAttributes);
    return 0;
}
