// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/ReviewChangesDialog.h"
#include "widgets/StagedChangesBar.h"

#include <QCheckBox>
#include <QDir>
#include <QPushButton>
#include <QString>
#include <QTest>
#include <QWidget>

namespace vl::test {

/// Where screenshots go: the VAULTLENS_SCREENSHOTS directory, empty when none are wanted.
[[nodiscard]] inline QString screenshotDir()
{
    return qEnvironmentVariable("VAULTLENS_SCREENSHOTS");
}

/**
 * Grabs @p widget to `<screenshotDir()>/<name>` when screenshots are wanted,
 * after letting pending layout requests settle; fails the test when the
 * image cannot be saved.
 */
inline void screenshot(QWidget &widget, const QString &name)
{
    const QString dir = screenshotDir();
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QTest::qWait(50);
    QVERIFY(widget.grab().save(dir + u'/' + name));
}

/**
 * Opens @p bar's review, ticks every guard confirmation, applies and waits up
 * to @p timeout milliseconds for the report; closes the review and returns the
 * report's text. Empty when the review did not open, asked for other than
 * @p expectedWarnings confirmations (when not negative), kept Apply disabled
 * or showed no report in time. @p diff, when given, receives the review's diff.
 */
[[nodiscard]] inline QString reviewAndApply(ui::StagedChangesBar &bar, QString *diff = nullptr,
                                            qsizetype expectedWarnings = -1, int timeout = 30000)
{
    ui::ReviewChangesDialog *review = bar.review();
    if (!review || (expectedWarnings >= 0 && review->confirmations().size() != expectedWarnings))
        return {};
    if (diff)
        *diff = review->diffText();
    for (QCheckBox *box : review->confirmations())
        box->setChecked(true);
    if (!review->applyButton()->isEnabled())
        return {};
    review->applyButton()->click();
    if (!QTest::qWaitFor([&] { return !review->reportText().isEmpty(); }, timeout))
        return {};
    const QString report = review->reportText();
    review->reject();
    return report;
}

} // namespace vl::test
