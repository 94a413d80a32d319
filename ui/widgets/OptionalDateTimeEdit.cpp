// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/OptionalDateTimeEdit.h"

#include "vault/VaultObject.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace vl::ui {

OptionalDateTimeEdit::OptionalDateTimeEdit(const QString &objectName, const QString &accessibleName,
                                           QWidget *parent)
    : QWidget(parent)
    , m_set(new QCheckBox(tr("Set"), this))
    , m_edit(new QDateTimeEdit(this))
{
    setObjectName(objectName);
    m_set->setObjectName(QString(objectName + u"Set"_s));
    m_set->setAccessibleName(tr("%1 is set").arg(accessibleName));
    m_edit->setObjectName(QString(objectName + u"Edit"_s));
    m_edit->setAccessibleName(accessibleName);
    m_edit->setCalendarPopup(true);
    m_edit->setTimeSpec(Qt::LocalTime);
    m_edit->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
    m_edit->setDateTime(QDateTime::currentDateTime());
    setFocusProxy(m_set);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_set);
    layout->addWidget(m_edit, 1);

    connect(m_set, &QCheckBox::toggled, this, [this] {
        updateEnabled();
        Q_EMIT changed();
    });
    connect(m_edit, &QDateTimeEdit::dateTimeChanged, this, [this] {
        if (m_set->isChecked())
            Q_EMIT changed();
    });
    updateEnabled();
}

QDateTime OptionalDateTimeEdit::dateTime() const
{
    if (!m_set->isChecked())
        return {};
    // Whole seconds, as the service stores them.
    QDateTime d = m_edit->dateTime().toUTC();
    return QDateTime::fromSecsSinceEpoch(d.toSecsSinceEpoch(), Qt::UTC);
}

void OptionalDateTimeEdit::setDateTime(const QDateTime &dateTime)
{
    const QSignalBlocker blockSet(m_set);
    const QSignalBlocker blockEdit(m_edit);
    m_set->setChecked(dateTime.isValid());
    if (dateTime.isValid())
        m_edit->setDateTime(dateTime.toLocalTime());
    updateEnabled();
}

std::optional<qint64> OptionalDateTimeEdit::seconds() const
{
    return vault::secondsFromDateTime(dateTime());
}

void OptionalDateTimeEdit::setSeconds(std::optional<qint64> seconds)
{
    setDateTime(vault::dateTimeFromSeconds(seconds));
}

void OptionalDateTimeEdit::setSuggestedDateTime(const QDateTime &dateTime)
{
    if (m_set->isChecked())
        return;
    const QSignalBlocker blockEdit(m_edit);
    m_edit->setDateTime(dateTime.toLocalTime());
}

void OptionalDateTimeEdit::setUnsetAllowed(bool allowed)
{
    m_unsetAllowed = allowed;
    updateEnabled();
}

void OptionalDateTimeEdit::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    updateEnabled();
}

void OptionalDateTimeEdit::updateEnabled()
{
    m_edit->setEnabled(!m_readOnly && m_set->isChecked());
    m_set->setEnabled(!m_readOnly && (m_unsetAllowed || !m_set->isChecked()));
    m_set->setToolTip(m_readOnly || m_set->isEnabled()
                          ? QString()
                          : tr("Key Vault keeps a date once set; choose another date instead."));
}

} // namespace vl::ui
