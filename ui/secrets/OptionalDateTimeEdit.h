// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QWidget>

class QCheckBox;
class QDateTimeEdit;

namespace vl::ui {

/**
 * @brief A date and time that may be unset: a check box ("Set") and a
 * QDateTimeEdit in local time, for a secret's activation and expiry.
 */
class OptionalDateTimeEdit final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OptionalDateTimeEdit)

public:
    /// @p objectName names the children (`<name>Set`, `<name>Edit`); @p accessibleName the field.
    OptionalDateTimeEdit(const QString &objectName, const QString &accessibleName,
                         QWidget *parent = nullptr);

    /// The date and time (UTC), or an invalid QDateTime when unset.
    [[nodiscard]] QDateTime dateTime() const;
    /// Sets @p dateTime, or unsets the field for an invalid one.
    void setDateTime(const QDateTime &dateTime);
    /// When false, a set date cannot be unset (the service keeps a date once given).
    void setUnsetAllowed(bool allowed);

    [[nodiscard]] QCheckBox *checkBox() const { return m_set; }
    [[nodiscard]] QDateTimeEdit *editor() const { return m_edit; }

Q_SIGNALS:
    void changed();

private:
    void updateEnabled();

    QCheckBox *m_set;
    QDateTimeEdit *m_edit;
    bool m_unsetAllowed = true;
};

} // namespace vl::ui
