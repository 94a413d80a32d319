// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QTimer>

namespace vl::ui {

/**
 * @brief Quits the application once the widget it is installed on has painted
 * for the first time: the end of start-up, as `vaultlens --quit-after-show` and
 * the benchmark measure it. Header-only, so that the benchmark's empty program
 * can use it without linking anything of VaultLens.
 */
class QuitAfterFirstPaint final : public QObject
{
public:
    /// Watches @p widget (and is owned by it).
    explicit QuitAfterFirstPaint(QObject *widget)
        : QObject(widget)
    {
        widget->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            // After the paint has reached the screen (the backing store is flushed).
            QTimer::singleShot(0, this, [] { QCoreApplication::exit(0); });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_seen = false;
};

} // namespace vl::ui
