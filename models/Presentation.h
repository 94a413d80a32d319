// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

namespace vl {

/**
 * @brief Presentation mode: values, GUIDs and tenant names masked on screen
 * for demos and screen sharing. One per app; models and views ask it for
 * what to display and repaint when changed() is emitted.
 */
class Presentation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Presentation)

public:
    [[nodiscard]] static Presentation &instance();

    [[nodiscard]] bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);

    /// What a hidden secret value is shown as.
    [[nodiscard]] static QString maskedValue();
    /// @p id as shown: masked but for its last four characters in presentation mode.
    [[nodiscard]] QString guid(const QString &id) const;
    /// A tenant's name or domain as shown: its first letter and dots in presentation mode.
    [[nodiscard]] QString tenantName(const QString &name) const;
    /// @p text with every GUID in it masked, in presentation mode.
    [[nodiscard]] QString text(const QString &text) const;

    /// The masking itself, whatever the mode (for tests and exports).
    [[nodiscard]] static QString maskGuid(const QString &id);
    [[nodiscard]] static QString maskGuidsIn(const QString &text);
    [[nodiscard]] static QString maskName(const QString &name);

Q_SIGNALS:
    void changed(bool enabled);

private:
    Presentation() = default;
    bool m_enabled = false;
};

} // namespace vl
