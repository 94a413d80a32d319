// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>

class QMimeData;

namespace vl {

/**
 * @brief Copies to the system clipboard, marking secrets as concealed for
 * clipboard managers and clearing them after a delay, but only if the
 * clipboard still holds what was copied.
 *
 * ```
 *  copySecret(text) ──► clipboard: text/plain + concealment hints
 *        │  countdown(n) every second
 *        ▼
 *  deadline ──► clipboard still holds text? ──yes──► clear ──► cleared()
 *                                            └─no──► leave it ──► abandoned()
 * ```
 *
 * The hints are those clipboard managers honour: `x-kde-passwordManagerHint:
 * secret` (Klipper and others on Linux), `ExcludeClipboardContentFromMonitorProcessing`
 * and `CanIncludeInClipboardHistory` = 0 (Windows clipboard history and cloud
 * clipboard), `org.nspasteboard.ConcealedType` (macOS pasteboard managers).
 *
 * Only a SHA-256 digest of the copied text is kept to recognise it later;
 * the text itself is not held. The delay comes from the setting
 * `clipboard/clearSeconds` (default 30; 0 or less never clears) unless
 * setClearDelay() overrides it.
 */
class ConcealedClipboard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConcealedClipboard)

public:
    /// The setting with the delay in seconds.
    static constexpr QLatin1StringView ClearSecondsKey{"clipboard/clearSeconds"};
    static constexpr int DefaultClearSeconds = 30;

    explicit ConcealedClipboard(QObject *parent = nullptr);
    /// Clears a pending secret that is still on the clipboard.
    ~ConcealedClipboard() override;

    /// Overrides the delay of the setting (for tests and callers with their own setting).
    void setClearDelay(std::chrono::milliseconds delay);
    /// The delay before a copied secret is cleared; zero when it never is.
    [[nodiscard]] std::chrono::milliseconds clearDelay() const;

    /// True while a copied secret waits to be cleared.
    [[nodiscard]] bool isPending() const { return m_deadline.isActive(); }
    /// Whole seconds until the pending secret is cleared (rounded up); 0 when none is pending.
    [[nodiscard]] int secondsLeft() const;

    /// The mime data of a concealed copy of @p text (owned by the caller).
    [[nodiscard]] static QMimeData *concealedMimeData(const QString &text);
    /// True when @p data carries the concealment hint for clipboard managers.
    [[nodiscard]] static bool isConcealed(const QMimeData *data);

public Q_SLOTS:
    /// Copies @p text as concealed and starts the countdown to clear it.
    void copySecret(const QString &text);
    /// Copies @p text plainly (identifiers, names): no hints, no timer; cancels a pending clear.
    void copyPlain(const QString &text);
    /// Stops the countdown without clearing.
    void cancel();
    /// Clears now if the clipboard still holds the pending secret.
    void clearNow();

Q_SIGNALS:
    /// Seconds until the clipboard is cleared: when copied, then each time the
    /// whole number of seconds left drops, down to 1.
    void countdown(int secondsLeft);
    /// The secret copied was cleared from the clipboard.
    void cleared();
    /// Something else was copied meanwhile, so the clipboard was left alone.
    void abandoned();

private:
    void tick();
    void scheduleTick();
    [[nodiscard]] bool stillOurs() const;
    void stop();

    QTimer m_ticker;
    QTimer m_deadline;
    QDeadlineTimer m_ends;
    QByteArray m_digest;
    std::chrono::milliseconds m_delay{-1};
    int m_shown = 0;
};

} // namespace vl
