// SPDX-License-Identifier: GPL-3.0-or-later
#include "ValidityDateEdit.h"

#include "vault/VaultObject.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace vl::ui {

ValidityDateEdit::ValidityDateEdit(const QString &name, const QString &label, QWidget *parent)
    : QWidget(parent)
    , m_check(new QCheckBox(this))
    , m_edit(new QDateTimeEdit(this))
{
    setObjectName(name);
    setFocusProxy(m_check);
    m_check->setObjectName(QString(name + u"Check"_s));
    m_check->setAccessibleName(tr("Set %1").arg(label));
    m_check->setToolTip(tr("Set %1").arg(label));
    m_edit->setObjectName(QString(name + u"Edit"_s));
    m_edit->setAccessibleName(label);
    m_edit->setCalendarPopup(true);
    m_edit->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    m_edit->setDateTime(QDateTime::currentDateTime().addDays(365));
    m_edit->setEnabled(false);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_check);
    layout->addWidget(m_edit, 1);

    connect(m_check, &QCheckBox::toggled, this, [this](bool on) {
        m_edit->setEnabled(on && m_check->isEnabled());
        if (!m_updating)
            Q_EMIT changed();
    });
    connect(m_edit, &QDateTimeEdit::dateTimeChanged, this, [this] {
        if (!m_updating)
            Q_EMIT changed();
    });
}

std::optional<qint64> ValidityDateEdit::seconds() const
{
    if (!m_check->isChecked())
        return std::nullopt;
    return vault::secondsFromDateTime(m_edit->dateTime());
}

void ValidityDateEdit::setSeconds(std::optional<qint64> seconds)
{
    m_updating = true;
    m_check->setChecked(seconds.has_value());
    if (seconds)
        m_edit->setDateTime(vault::dateTimeFromSeconds(seconds).toLocalTime());
    m_edit->setEnabled(seconds.has_value() && m_check->isEnabled());
    m_updating = false;
}

void ValidityDateEdit::setReadOnly(bool readOnly)
{
    m_check->setEnabled(!readOnly);
    m_edit->setEnabled(!readOnly && m_check->isChecked());
}

} // namespace vl::ui
