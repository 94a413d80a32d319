// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace vl {

/**
 * @brief The source of "now" for everything that depends on time.
 *
 * Token expiry, clipboard clearing, soft-delete dates and token validation take
 * a Clock so that tests can move time by hand (see tests/testsupport/FakeClock).
 */
class Clock
{
public:
    virtual ~Clock() = default;
    /// The current time in UTC.
    [[nodiscard]] virtual QDateTime now() const = 0;
    /// Seconds since the Unix epoch, as JWT claims count them.
    [[nodiscard]] qint64 nowSecsSinceEpoch() const { return now().toSecsSinceEpoch(); }
};

/// The real wall clock.
class SystemClock final : public Clock
{
public:
    [[nodiscard]] QDateTime now() const override;
    /// A process-wide instance for code that is not handed a clock explicitly.
    static const Clock &instance();
};

} // namespace vl
