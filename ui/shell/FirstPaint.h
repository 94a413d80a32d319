// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace vl::ui {

/**
 * @brief Quits the application once the widget it is installed on has painted
 * for the first time: the end of start-up, as `vaultlens --quit-after-show` and
 * the benchmark measure it.
 */
class QuitAfterFirstPaint final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuitAfterFirstPaint)

public:
    /// Watches @p widget (and is owned by it).
    explicit QuitAfterFirstPaint(QObject *widget);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool m_seen = false;
};

} // namespace vl::ui
