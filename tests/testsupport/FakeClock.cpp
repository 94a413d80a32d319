// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeClock.h"

namespace vl::test {

FakeClock::FakeClock(QDateTime start)
    : m_now(start.toUTC())
{}

} // namespace vl::test
