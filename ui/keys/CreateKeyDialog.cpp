// SPDX-License-Identifier: GPL-3.0-or-later
#include "CreateKeyDialog.h"

#include "widgets/DetailsSupport.h"
#include "widgets/FormSupport.h"
#include "widgets/OptionalDateTimeEdit.h"

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

using form::named;

QStringList CreateKeyDialog::allOperations()
{
    return {u"encrypt"_s, u"decrypt"_s,   u"sign"_s,   u"verify"_s,
            u"wrapKey"_s, u"unwrapKey"_s, u"import"_s, u"export"_s};
}

CreateKeyDialog::CreateKeyDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(named(new QLineEdit(this), u"keyNameEdit"_s, tr("Key name")))
    , m_type(named(new QComboBox(this), u"keyTypeCombo"_s, tr("Key type")))
    , m_size(named(new QComboBox(this), u"keySizeCombo"_s, tr("Key size or curve")))
    , m_hsm(named(new QCheckBox(tr("Protect the key in an &HSM"), this), u"hsmCheck"_s,
                  tr("Hardware security module")))
    , m_enabled(named(new QCheckBox(tr("&Enabled"), this), u"enabledCheck"_s, tr("Enabled")))
    , m_activation(new OptionalDateTimeEdit(u"activation"_s, tr("Activation date"), this))
    , m_expiry(new OptionalDateTimeEdit(u"expiry"_s, tr("Expiry date"), this))
    , m_tags(named(new QLineEdit(this), u"tagsEdit"_s, tr("Tags")))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"createKeyDialog"_s);
    setWindowTitle(tr("Create Key"));
    m_name->setPlaceholderText(tr("e.g. signing-key"));
    m_type->addItem(tr("RSA"), u"RSA"_s);
    m_type->addItem(tr("Elliptic curve (EC)"), u"EC"_s);
    m_hsm->setToolTip(tr("Premium vaults and managed HSMs only; other vaults refuse it."));
    m_enabled->setChecked(true);
    m_tags->setPlaceholderText(tr("name=value; name2=value2"));
    form::setUpProblemLabel(m_problem);
    for (OptionalDateTimeEdit *date : {m_activation, m_expiry})
        date->setSuggestedDateTime(QDateTime::currentDateTime().addDays(365));

    auto *fields = new QFormLayout;
    form::addRow(fields, this, tr("&Name:"), m_name);
    form::addRow(fields, this, tr("&Type:"), m_type);
    form::addRow(fields, this, tr("&Size:"), m_size);
    fields->addRow(QString(), m_hsm);
    fields->addRow(QString(), m_enabled);
    form::addRow(fields, this, tr("&Activation:"), m_activation);
    form::addRow(fields, this, tr("E&xpiry:"), m_expiry);
    form::addRow(fields, this, tr("T&ags:"), m_tags);

    auto *operations = new QGroupBox(tr("Permitted operations"), this);
    auto *grid = new QGridLayout(operations);
    const QStringList ops = allOperations();
    for (int i = 0; i < ops.size(); ++i) {
        auto *box =
            named(new QCheckBox(ops.at(i), operations), QString(u"op_"_s + ops.at(i) + u"Check"_s),
                  tr("Operation %1").arg(ops.at(i)));
        box->setChecked(i < 6);
        m_operations.insert(ops.at(i), box);
        grid->addWidget(box, i / 4, i % 4);
        connect(box, &QCheckBox::toggled, this, &CreateKeyDialog::validate);
    }

    m_buttons->setObjectName(u"buttons"_s);
    form::setUpButtons(this, m_buttons, tr("&Create"), tr("Create"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addWidget(operations);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_name, &QLineEdit::textChanged, this, &CreateKeyDialog::validate);
    connect(m_tags, &QLineEdit::textChanged, this, &CreateKeyDialog::validate);
    connect(m_type, &QComboBox::currentIndexChanged, this, &CreateKeyDialog::typeChanged);
    connect(m_activation, &OptionalDateTimeEdit::changed, this, &CreateKeyDialog::validate);
    connect(m_expiry, &OptionalDateTimeEdit::changed, this, &CreateKeyDialog::validate);
    typeChanged();
    resize(520, sizeHint().height());
}

void CreateKeyDialog::typeChanged()
{
    const bool rsa = m_type->currentData().toString() == "RSA"_L1;
    m_size->clear();
    if (rsa) {
        for (int bits : {2048, 3072, 4096})
            m_size->addItem(tr("%1 bits").arg(bits), bits);
    } else {
        for (const QString &curve : {u"P-256"_s, u"P-384"_s, u"P-521"_s, u"P-256K"_s})
            m_size->addItem(curve, curve);
    }
    // EC keys sign and verify; RSA keys also encrypt and wrap.
    for (auto it = m_operations.cbegin(); it != m_operations.cend(); ++it) {
        const bool signing = it.key() == "sign"_L1 || it.key() == "verify"_L1;
        const bool usual = signing || (rsa && it.key() != "import"_L1 && it.key() != "export"_L1);
        it.value()->setChecked(usual);
        it.value()->setEnabled(rsa || signing || it.key() == "import"_L1
                               || it.key() == "export"_L1);
    }
    validate();
}

QString CreateKeyDialog::name() const
{
    return m_name->text().trimmed();
}

vault::KeyCreateParameters CreateKeyDialog::parameters() const
{
    vault::KeyCreateParameters p;
    const QString type = m_type->currentData().toString();
    p.kty = m_hsm->isChecked() ? QString(type + u"-HSM"_s) : type;
    if (type == "RSA"_L1)
        p.keySize = m_size->currentData().toInt();
    else
        p.curve = m_size->currentData().toString();
    QStringList ops;
    for (const QString &op : allOperations())
        if (m_operations.value(op)->isChecked() && m_operations.value(op)->isEnabled())
            ops.append(op);
    p.keyOps = ops;
    vault::ObjectAttributes attributes;
    attributes.enabled = m_enabled->isChecked();
    attributes.notBefore = m_activation->seconds();
    attributes.expires = m_expiry->seconds();
    p.attributes = attributes;
    const auto tags = DetailsText::parseTags(m_tags->text());
    if (tags && !tags->isEmpty())
        p.tags = *tags;
    return p;
}

QString CreateKeyDialog::problem() const
{
    if (const QString why = DetailsText::nameProblem(name()); !why.isEmpty())
        return why;
    QString tagProblem;
    if (!DetailsText::parseTags(m_tags->text(), &tagProblem))
        return tagProblem;
    const auto nbf = m_activation->seconds();
    const auto exp = m_expiry->seconds();
    if (nbf && exp && *exp <= *nbf)
        return tr("The expiry date must come after the activation date.");
    bool anyOperation = false;
    for (QCheckBox *box : m_operations)
        anyOperation = anyOperation || (box->isChecked() && box->isEnabled());
    if (!anyOperation)
        return tr("Allow at least one operation.");
    return {};
}

void CreateKeyDialog::validate()
{
    // An empty name is not an error yet: the person has not typed it.
    form::showProblem(m_problem, m_buttons, problem(), m_name->text().isEmpty());
}

} // namespace vl::ui
