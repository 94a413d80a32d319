// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QWidget>

#include <optional>

class QCheckBox;
class QDateTimeEdit;

namespace vl::ui {

/**
 * @brief A date and time that may be absent: a check box that turns it on,
 * and the editor (local time). Used for activation and expiry dates.
 */
class ValidityDateEdit final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ValidityDateEdit)

public:
    /// @p name is the object name stem (`expiry` gives `expiryCheck`, `expiryEdit`);
    /// @p label the accessible name ("Expiry date").
    ValidityDateEdit(const QString &name, const QString &label, QWidget *parent = nullptr);

    /// Unix seconds, or nullopt when unchecked.
    [[nodiscard]] std::optional<qint64> seconds() const;
    /// Shows @p seconds (unchecked for nullopt); emits no changed().
    void setSeconds(std::optional<qint64> seconds);
    void setReadOnly(bool readOnly);

    [[nodiscard]] QCheckBox *checkBox() const { return m_check; }
    [[nodiscard]] QDateTimeEdit *editor() const { return m_edit; }

Q_SIGNALS:
    /// The person changed the date or switched it on or off.
    void changed();

private:
    QCheckBox *m_check;
    QDateTimeEdit *m_edit;
    bool m_updating = false;
};

} // namespace vl::ui
