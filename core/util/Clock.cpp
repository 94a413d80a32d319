// SPDX-License-Identifier: GPL-3.0-or-later
#include "util/Clock.h"

namespace vl {

QDateTime SystemClock::now() const
{
    return QDateTime::currentDateTimeUtc();
}

const Clock &SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

} // namespace vl
