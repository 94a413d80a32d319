// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: Ipv4Range::parse and Validation::ipRule on arbitrary text.
#include "access/Ipv4.h"
#include "access/Validation.h"

#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using vl::access::Ipv4Range;
namespace Validation = vl::access::Validation;

namespace {

/// An invariant the code documents; a violation is a finding, reported as a crash.
void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString text =
        QString::fromUtf8(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));

    if (const auto range = Ipv4Range::parse(text)) {
        check(range->prefix >= 0 && range->prefix <= 32);
        // Strict parsing refuses exactly the ranges with host bits set.
        check(Ipv4Range::parse(text, false).has_value() == !range->hostBitsSet());
        // The canonical form parses strictly to the same range, host bits cleared.
        const QString canonical = range->toCanonicalString();
        const auto again = Ipv4Range::parse(canonical, false);
        check(again.has_value());
        check(again->prefix == range->prefix);
        check(again->network == (range->network & range->mask()));
        check(again->toCanonicalString() == canonical);
        check(range->contains(range->network));
        (void)vl::access::nonPublicReason(*range);
    }
    if (const auto address = Ipv4Range::parseAddress(text))
        check(Ipv4Range::addressToString(*address) == text);

    const vl::access::ValidationResult rule = Validation::ipRule(text);
    if (rule.ok) {
        // Accepted rules are public, canonical and stable under normalisation.
        const auto range = Ipv4Range::parse(rule.normalized, false);
        check(range.has_value());
        check(!vl::access::nonPublicReason(*range).has_value());
        const vl::access::ValidationResult again = Validation::ipRule(rule.normalized);
        check(again.ok && again.normalized == rule.normalized);
    } else {
        check(!rule.message.isEmpty());
    }
    return 0;
}
