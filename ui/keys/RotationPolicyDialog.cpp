// SPDX-License-Identifier: GPL-3.0-or-later
#include "RotationPolicyDialog.h"

#include "widgets/DetailsSupport.h"
#include "widgets/FormSupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {
constexpr qint64 MinimumExpiry = 28 * 86400;
const auto AfterCreate = "timeAfterCreate"_L1;
const auto BeforeExpiry = "timeBeforeExpiry"_L1;
} // namespace

RotationPolicyDialog::RotationPolicyDialog(const QString &keyName,
                                           const vault::KeyRotationPolicy &policy, QWidget *parent)
    : QDialog(parent)
    , m_policy(policy)
    , m_expiry(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"rotationPolicyDialog"_s);
    setWindowTitle(tr("Rotation Policy of %1").arg(keyName));

    m_expiry->setObjectName(u"expiryTimeEdit"_s);
    m_expiry->setAccessibleName(tr("Expiry time of new versions"));
    m_expiry->setPlaceholderText(tr("e.g. P2Y (empty: no expiry)"));
    m_expiry->setText(policy.expiryTime.value_or(QString()));

    auto *fields = new QFormLayout;
    form::addRow(fields, this, tr("New versions &expire after:"), m_expiry);

    auto *actions = new QGroupBox(tr("Lifetime actions"), this);
    auto *grid = new QGridLayout(actions);
    m_rotate = makeRow(u"rotate"_s, tr("&Rotate automatically"));
    m_notify = makeRow(u"notify"_s, tr("&Notify (Event Grid)"));
    int row = 0;
    for (const ActionRow *r : {&m_rotate, &m_notify}) {
        grid->addWidget(r->enabled, row, 0);
        grid->addWidget(r->trigger, row, 1);
        grid->addWidget(r->duration, row, 2);
        ++row;
    }
    const QList<vault::KeyLifetimeAction> list =
        policy.lifetimeActions.value_or(QList<vault::KeyLifetimeAction>());
    showAction(m_rotate, list, u"Rotate"_s);
    showAction(m_notify, list, u"Notify"_s);

    auto *hint = new QLabel(tr("Durations are ISO 8601: P90D is 90 days, P1Y6M a year and a "
                               "half, P2W two weeks."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);

    form::setUpProblemLabel(m_problem);
    form::setUpButtons(this, m_buttons, tr("&Save"), tr("Save policy"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addWidget(actions);
    layout->addWidget(hint);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_expiry, &QLineEdit::textChanged, this, &RotationPolicyDialog::validate);
    validate();
    resize(560, sizeHint().height());
}

RotationPolicyDialog::ActionRow RotationPolicyDialog::makeRow(const QString &type,
                                                              const QString &label)
{
    ActionRow row;
    row.enabled = new QCheckBox(label, this);
    row.enabled->setObjectName(QString(type + u"Check"_s));
    row.enabled->setAccessibleName(QString(label).remove(u'&'));
    row.trigger = new QComboBox(this);
    row.trigger->setObjectName(QString(type + u"TriggerCombo"_s));
    row.trigger->setAccessibleName(tr("When to %1").arg(type));
    row.trigger->addItem(tr("after creation by"), QString(AfterCreate));
    row.trigger->addItem(tr("before expiry by"), QString(BeforeExpiry));
    row.duration = new QLineEdit(this);
    row.duration->setObjectName(QString(type + u"DurationEdit"_s));
    row.duration->setAccessibleName(tr("Duration for %1").arg(type));
    row.duration->setPlaceholderText(u"P90D"_s);
    connect(row.enabled, &QCheckBox::toggled, this, &RotationPolicyDialog::validate);
    connect(row.trigger, &QComboBox::currentIndexChanged, this, &RotationPolicyDialog::validate);
    connect(row.duration, &QLineEdit::textChanged, this, &RotationPolicyDialog::validate);
    return row;
}

void RotationPolicyDialog::showAction(ActionRow &row,
                                      const QList<vault::KeyLifetimeAction> &actions,
                                      const QString &type)
{
    for (const vault::KeyLifetimeAction &a : actions) {
        if (a.type.value_or(QString()).compare(type, Qt::CaseInsensitive) != 0)
            continue;
        row.enabled->setChecked(true);
        const bool after = a.timeAfterCreate.has_value();
        row.trigger->setCurrentIndex(after ? 0 : 1);
        row.duration->setText(after ? *a.timeAfterCreate : a.timeBeforeExpiry.value_or(QString()));
        return;
    }
    row.enabled->setChecked(false);
    row.trigger->setCurrentIndex(type == "Notify"_L1 ? 1 : 0);
    row.duration->setText(type == "Notify"_L1 ? u"P30D"_s : u"P90D"_s);
}

QString RotationPolicyDialog::rowProblem(const ActionRow &row, const QString &label) const
{
    if (!row.enabled->isChecked())
        return {};
    if (!duration::seconds(row.duration->text()))
        return tr("%1: “%2” is not an ISO 8601 duration such as P90D.")
            .arg(label, row.duration->text());
    if (row.trigger->currentData().toString() == BeforeExpiry
        && m_expiry->text().trimmed().isEmpty())
        return tr("%1 before expiry needs an expiry time.").arg(label);
    return {};
}

QString RotationPolicyDialog::problem() const
{
    const QString expiry = m_expiry->text().trimmed();
    if (!expiry.isEmpty()) {
        const auto seconds = duration::seconds(expiry);
        if (!seconds)
            return tr("“%1” is not an ISO 8601 duration such as P2Y or P90D.").arg(expiry);
        if (*seconds < MinimumExpiry)
            return tr("The expiry time must be at least 28 days (P28D).");
    }
    if (const QString why = rowProblem(m_rotate, tr("Rotate")); !why.isEmpty())
        return why;
    return rowProblem(m_notify, tr("Notify"));
}

void RotationPolicyDialog::validate()
{
    for (const ActionRow *row : {&m_rotate, &m_notify}) {
        row->trigger->setEnabled(row->enabled->isChecked());
        row->duration->setEnabled(row->enabled->isChecked());
    }
    form::showProblem(m_problem, m_buttons, problem());
}

vault::KeyRotationPolicy RotationPolicyDialog::policy() const
{
    vault::KeyRotationPolicy p = m_policy;
    const QString expiry = m_expiry->text().trimmed();
    p.expiryTime = expiry.isEmpty() ? std::nullopt : std::optional<QString>(expiry);
    p.hasAttributes = true;
    QList<vault::KeyLifetimeAction> actions;
    const auto add = [&actions](const ActionRow &row, const QString &type) {
        if (!row.enabled->isChecked())
            return;
        vault::KeyLifetimeAction a;
        a.type = type;
        a.hasAction = true;
        a.hasTrigger = true;
        if (row.trigger->currentData().toString() == AfterCreate)
            a.timeAfterCreate = row.duration->text().trimmed();
        else
            a.timeBeforeExpiry = row.duration->text().trimmed();
        actions.append(a);
    };
    add(m_rotate, u"Rotate"_s);
    add(m_notify, u"Notify"_s);
    p.lifetimeActions = actions;
    return p;
}

} // namespace vl::ui
