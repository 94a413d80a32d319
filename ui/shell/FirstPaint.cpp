// SPDX-License-Identifier: GPL-3.0-or-later
#include "FirstPaint.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>

namespace vl::ui {

QuitAfterFirstPaint::QuitAfterFirstPaint(QObject *widget)
    : QObject(widget)
{
    widget->installEventFilter(this);
}

bool QuitAfterFirstPaint::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && !m_seen) {
        m_seen = true;
        // After the paint has reached the screen (the backing store is flushed).
        QTimer::singleShot(0, this, [] { QCoreApplication::exit(0); });
    }
    return QObject::eventFilter(watched, event);
}

} // namespace vl::ui
