// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/ActionPattern.h"

namespace vl::access {

bool actionMatches(const QString &pattern, const QString &action)
{
    // Iterative glob match with backtracking to the last '*': linear in practice.
    qsizetype p = 0;
    qsizetype a = 0;
    qsizetype star = -1;
    qsizetype resume = 0;
    while (a < action.size()) {
        if (p < pattern.size() && pattern[p] == u'*') {
            star = p++;
            resume = a;
        } else if (p < pattern.size() && pattern[p].toCaseFolded() == action[a].toCaseFolded()) {
            ++p;
            ++a;
        } else if (star >= 0) {
            p = star + 1;
            a = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

} // namespace vl::access
