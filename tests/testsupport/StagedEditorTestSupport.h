// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "StagedChanges.h"

#include <QSignalSpy>

namespace vl::test {

/**
 * Applies @p editor's staged changes and waits up to @p timeout milliseconds
 * for its applied() signal; the report it carried, or an empty report when
 * none came.
 */
[[nodiscard]] inline ApplyReport applyAndWait(StagedEditor &editor, int timeout = 30000)
{
    QSignalSpy applied(&editor, &StagedEditor::applied);
    editor.apply();
    if (!applied.wait(timeout) && applied.isEmpty())
        return {};
    return applied.first().first().value<ApplyReport>();
}

} // namespace vl::test
