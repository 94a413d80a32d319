// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConcealedClipboard.h"

#include <QClipboard>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QMimeData>
#include <QSettings>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace vl {

namespace {

constexpr auto KdeHint = "x-kde-passwordManagerHint"_L1;
constexpr auto WindowsExclude =
    "application/x-qt-windows-mime;value=\"ExcludeClipboardContentFromMonitorProcessing\""_L1;
constexpr auto WindowsHistory =
    "application/x-qt-windows-mime;value=\"CanIncludeInClipboardHistory\""_L1;
constexpr auto WindowsCloud =
    "application/x-qt-windows-mime;value=\"CanUploadToCloudClipboard\""_L1;
constexpr auto MacConcealed = "org.nspasteboard.ConcealedType"_L1;

QByteArray digestOf(const QString &text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}

QClipboard *systemClipboard()
{
    return qobject_cast<QGuiApplication *>(QCoreApplication::instance())
               ? QGuiApplication::clipboard()
               : nullptr;
}

} // namespace

ConcealedClipboard::ConcealedClipboard(QObject *parent)
    : QObject(parent)
{
    // Precise timers: a coarse one may fire 5% early or late, so a one-second
    // tick and the deadline could swap and a second of the countdown be lost.
    m_ticker.setSingleShot(true);
    m_ticker.setTimerType(Qt::PreciseTimer);
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_ticker, &QTimer::timeout, this, &ConcealedClipboard::tick);
    connect(&m_deadline, &QTimer::timeout, this, &ConcealedClipboard::clearNow);
}

ConcealedClipboard::~ConcealedClipboard()
{
    if (isPending() && stillOurs())
        if (QClipboard *clipboard = systemClipboard())
            clipboard->clear(QClipboard::Clipboard);
}

void ConcealedClipboard::setClearDelay(std::chrono::milliseconds delay)
{
    m_delay = delay;
}

std::chrono::milliseconds ConcealedClipboard::clearDelay() const
{
    if (m_delay >= 0ms)
        return m_delay;
    const int seconds = QSettings().value(ClearSecondsKey, DefaultClearSeconds).toInt();
    return seconds > 0 ? std::chrono::milliseconds(std::chrono::seconds(seconds)) : 0ms;
}

int ConcealedClipboard::secondsLeft() const
{
    if (!isPending())
        return 0;
    return int(std::ceil(double(m_ends.remainingTime()) / 1000.0));
}

QMimeData *ConcealedClipboard::concealedMimeData(const QString &text)
{
    auto *data = new QMimeData;
    data->setText(text);
    data->setData(KdeHint, QByteArrayLiteral("secret"));
    data->setData(WindowsExclude, QByteArray(4, '\0'));
    // A DWORD 0: keep it out of the clipboard history and the cloud clipboard.
    data->setData(WindowsHistory, QByteArray(4, '\0'));
    data->setData(WindowsCloud, QByteArray(4, '\0'));
    data->setData(MacConcealed, QByteArray());
    return data;
}

bool ConcealedClipboard::isConcealed(const QMimeData *data)
{
    return data && data->data(KdeHint) == "secret";
}

void ConcealedClipboard::copySecret(const QString &text)
{
    QClipboard *clipboard = systemClipboard();
    if (!clipboard)
        return;
    stop();
    clipboard->setMimeData(concealedMimeData(text), QClipboard::Clipboard);
    const auto delay = clearDelay();
    if (delay <= 0ms)
        return;
    m_digest = digestOf(text);
    m_ends = QDeadlineTimer(delay);
    m_deadline.start(delay);
    m_shown = secondsLeft();
    Q_EMIT countdown(m_shown);
    scheduleTick();
}

void ConcealedClipboard::copyPlain(const QString &text)
{
    stop();
    if (QClipboard *clipboard = systemClipboard())
        clipboard->setText(text, QClipboard::Clipboard);
}

void ConcealedClipboard::cancel()
{
    stop();
}

void ConcealedClipboard::clearNow()
{
    if (m_digest.isEmpty())
        return;
    const bool ours = stillOurs();
    stop();
    if (!ours) {
        Q_EMIT abandoned();
        return;
    }
    if (QClipboard *clipboard = systemClipboard())
        clipboard->clear(QClipboard::Clipboard);
    Q_EMIT cleared();
}

void ConcealedClipboard::tick()
{
    if (!stillOurs()) {
        stop();
        Q_EMIT abandoned();
        return;
    }
    const int left = secondsLeft();
    if (left > 0 && left != m_shown) {
        m_shown = left;
        Q_EMIT countdown(left);
    }
    scheduleTick();
}

void ConcealedClipboard::scheduleTick()
{
    // The next tick falls just after the whole seconds left drop, a full
    // second before the deadline at the latest; the last one shows 1.
    const qint64 remaining = m_ends.remainingTime();
    if (remaining <= 1000)
        return;
    const qint64 toNextSecond = remaining % 1000 == 0 ? 1000 : remaining % 1000;
    m_ticker.start(std::chrono::milliseconds(toNextSecond + 1));
}

bool ConcealedClipboard::stillOurs() const
{
    const QClipboard *clipboard = systemClipboard();
    if (!clipboard || m_digest.isEmpty())
        return false;
    const QMimeData *data = clipboard->mimeData(QClipboard::Clipboard);
    return data && data->hasText() && digestOf(data->text()) == m_digest;
}

void ConcealedClipboard::stop()
{
    m_ticker.stop();
    m_deadline.stop();
    m_digest.clear();
}

} // namespace vl
