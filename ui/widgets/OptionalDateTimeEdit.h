// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QWidget>

#include <optional>

class QCheckBox;
class QDateTimeEdit;

namespace vl::ui {

/**
 * @brief A date and time that may be unset: a check box ("Set") and a
 * QDateTimeEdit in local time, for the activation and expiry of a secret, key
 * or certificate.
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
    /// Sets @p dateTime, or unsets the field for an invalid one; emits no changed().
    void setDateTime(const QDateTime &dateTime);
    /// The date as Unix seconds, or nullopt when unset.
    [[nodiscard]] std::optional<qint64> seconds() const;
    /// Shows @p seconds (unset for nullopt); emits no changed().
    void setSeconds(std::optional<qint64> seconds);
    /// What the editor shows while the field is unset (the date it starts from when set).
    void setSuggestedDateTime(const QDateTime &dateTime);
    /// When false, a set date cannot be unset (the service keeps a date once given).
    void setUnsetAllowed(bool allowed);
    /// When true, neither the check box nor the editor can be changed.
    void setReadOnly(bool readOnly);

    [[nodiscard]] QCheckBox *checkBox() const { return m_set; }
    [[nodiscard]] QDateTimeEdit *editor() const { return m_edit; }

Q_SIGNALS:
    /// The person changed the date or set or unset it.
    void changed();

private:
    void updateEnabled();

    QCheckBox *m_set;
    QDateTimeEdit *m_edit;
    bool m_unsetAllowed = true;
    bool m_readOnly = false;
};

} // namespace vl::ui
