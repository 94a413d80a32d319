// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyDetails.h"

#include "CreateKeyDialog.h"
#include "Presentation.h"
#include "widgets/FormSupport.h"
#include "widgets/OptionalDateTimeEdit.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {
QLabel *valueLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setWordWrap(true);
    return label;
}

QString typeText(const vault::JsonWebKey &jwk)
{
    const QString kty = jwk.kty.value_or(QString());
    if (kty.endsWith("-HSM"_L1))
        return KeyDetails::tr("%1 (hardware-protected)").arg(kty);
    return kty.isEmpty() ? KeyDetails::tr("—") : kty;
}
} // namespace

KeyDetails::KeyDetails(QWidget *parent)
    : DetailsPane(VaultItemKind::Key, parent)
    , m_tabs(new QTabWidget(this))
    , m_identifier(new QLineEdit(this))
    , m_type(valueLabel(this, u"typeLabel"_s))
    , m_size(valueLabel(this, u"sizeLabel"_s))
    , m_managed(valueLabel(this, u"managedLabel"_s))
    , m_recovery(valueLabel(this, u"recoveryLabel"_s))
    , m_created(valueLabel(this, u"createdLabel"_s))
    , m_updated(valueLabel(this, u"updatedLabel"_s))
    , m_enabled(new QCheckBox(tr("&Enabled"), this))
    , m_activation(new OptionalDateTimeEdit(u"activation"_s, tr("Activation date"), this))
    , m_expiry(new OptionalDateTimeEdit(u"expiry"_s, tr("Expiry date"), this))
    , m_tags(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_jwk(new QPlainTextEdit(this))
    , m_versions(new QTreeWidget(this))
{
    setObjectName(u"keyDetails"_s);
    setAccessibleName(tr("Key details"));

    m_createButton = addButton(u"createKeyButton"_s, tr("&Create Key…"), tr("Create key"),
                               &KeyDetails::createKey);
    m_restoreButton = addButton(u"restoreButton"_s, tr("Restore from File…"),
                                tr("Restore key from file"), &KeyDetails::restore);
    QHBoxLayout *vaultRow = buttonRow({m_createButton, m_restoreButton});

    m_rotateButton =
        addButton(u"rotateButton"_s, tr("R&otate Now"), tr("Rotate key now"), &KeyDetails::rotate);
    m_policyButton = addButton(u"rotationPolicyButton"_s, tr("Rotation &Policy…"),
                               tr("Rotation policy"), &KeyDetails::editRotationPolicy);
    m_backupButton = addButton(u"backupButton"_s, tr("&Back Up…"), tr("Back up key to file"),
                               &KeyDetails::backUp);
    m_deleteButton =
        addButton(u"deleteButton"_s, tr("&Delete"), tr("Delete key"), &KeyDetails::deleteKey);
    m_recoverButton = addButton(u"recoverButton"_s, tr("Reco&ver"), tr("Recover deleted key"),
                                &KeyDetails::recoverKey);
    m_purgeButton =
        addButton(u"purgeButton"_s, tr("P&urge"), tr("Purge deleted key"), &KeyDetails::purgeKey);
    QHBoxLayout *itemRow = buttonRow({m_rotateButton, m_policyButton, m_backupButton,
                                      m_deleteButton, m_recoverButton, m_purgeButton});

    m_tabs->setObjectName(u"keyTabs"_s);
    m_tabs->setAccessibleName(tr("Key details sections"));
    m_tabs->addTab(makePropertiesTab(), tr("P&roperties"));
    m_tabs->addTab(makePublicKeyTab(), tr("Public &Key"));
    m_tabs->addTab(makeVersionsTab(), tr("Versio&ns"));

    layOutContent(vaultRow, itemRow, m_tabs);
    clear();
}

KeyDetails::~KeyDetails() = default;

void KeyDetails::refreshShown()
{
    showBundle(m_bundle);
}

QWidget *KeyDetails::makePropertiesTab()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout;

    m_copyIdButton = addButton(u"copyIdentifierButton"_s, tr("Cop&y"), tr("Copy identifier"),
                               &KeyDetails::copyIdentifier);
    addIdentifierRow(form, page, m_identifier, m_copyIdButton, tr("Key identifier"));
    form->addRow(tr("Type:"), m_type);
    form->addRow(tr("Size or curve:"), m_size);
    form->addRow(tr("Managed:"), m_managed);
    form->addRow(tr("Recovery:"), m_recovery);
    form->addRow(tr("Created:"), m_created);
    form->addRow(tr("Updated:"), m_updated);

    addEnabledAndTagsRows(form, page, m_enabled, m_tags);
    // The dates go between Enabled and Tags.
    const int tagsRow = form->rowCount() - 1;
    form->insertRow(tagsRow, form::makeLabel(page, tr("E&xpiry:"), m_expiry), m_expiry);
    form->insertRow(tagsRow, form::makeLabel(page, tr("&Activation:"), m_activation), m_activation);
    for (OptionalDateTimeEdit *date : {m_activation, m_expiry})
        date->setSuggestedDateTime(QDateTime::currentDateTime().addDays(365));

    auto *operations = new QGroupBox(tr("Permitted operations"), page);
    auto *grid = new QGridLayout(operations);
    const QStringList ops = CreateKeyDialog::allOperations();
    for (int i = 0; i < ops.size(); ++i) {
        auto *box = new QCheckBox(ops.at(i), operations);
        box->setObjectName(QString(u"op_"_s + ops.at(i) + u"Check"_s));
        box->setAccessibleName(tr("Operation %1").arg(ops.at(i)));
        m_operations.insert(ops.at(i), box);
        grid->addWidget(box, i / 4, i % 4);
        connect(box, &QCheckBox::toggled, this, &KeyDetails::updateEditState);
    }
    connect(m_enabled, &QCheckBox::toggled, this, &KeyDetails::updateEditState);
    connect(m_activation, &OptionalDateTimeEdit::changed, this, &KeyDetails::updateEditState);
    connect(m_expiry, &OptionalDateTimeEdit::changed, this, &KeyDetails::updateEditState);
    connect(m_tags, &QLineEdit::textEdited, this, &KeyDetails::updateEditState);

    m_saveButton = addButton(u"saveButton"_s, tr("&Save"), tr("Save changes"), &KeyDetails::save);
    m_revertButton =
        addButton(u"revertButton"_s, tr("Re&vert"), tr("Revert changes"), &KeyDetails::revert);
    QHBoxLayout *saveRow = makeSaveRow(m_problem, m_revertButton, m_saveButton);

    auto *inner = new QWidget;
    auto *layout = new QVBoxLayout(inner);
    layout->addLayout(form);
    layout->addWidget(operations);
    layout->addLayout(saveRow);
    layout->addStretch();
    auto *scroll = new QScrollArea(page);
    scroll->setObjectName(u"propertiesScroll"_s);
    scroll->setAccessibleName(tr("Key properties"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(inner);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(scroll);
    return page;
}

QWidget *KeyDetails::makePublicKeyTab()
{
    auto *page = new QWidget;
    m_jwk->setObjectName(u"jwkText"_s);
    m_jwk->setAccessibleName(tr("Public key parameters"));
    m_jwk->setReadOnly(true);
    m_jwk->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_jwk->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_jwk->setWordWrapMode(QTextOption::WrapAnywhere);
    m_copyJwkButton = addButton(u"copyJwkButton"_s, tr("Copy as &JWK"),
                                tr("Copy public key as JWK"), &KeyDetails::copyJwk);
    m_copyPemButton = addButton(u"copyPemButton"_s, tr("Copy as &PEM"),
                                tr("Copy public key as PEM"), &KeyDetails::copyPem);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyJwkButton);
    buttons->addWidget(m_copyPemButton);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_jwk, 1);
    layout->addLayout(buttons);
    return page;
}

QWidget *KeyDetails::makeVersionsTab()
{
    setUpVersionsView(m_versions, tr("Key versions"),
                      {tr("Version"), tr("Enabled"), tr("Created"), tr("Expires")});
    m_versions->header()->setStretchLastSection(false);
    return m_versions;
}

void KeyDetails::clear()
{
    resetItem(tr("No key selected"));
    m_bundle = {};
    m_identifier->clear();
    for (QLabel *l : {m_type, m_size, m_managed, m_recovery, m_created, m_updated})
        l->setText(tr("—"));
    m_enabled->setChecked(false);
    m_activation->setSeconds(std::nullopt);
    m_expiry->setSeconds(std::nullopt);
    m_tags->clear();
    for (QCheckBox *box : m_operations)
        box->setChecked(false);
    m_jwk->clear();
    m_versions->clear();
    updateActions();
}

void KeyDetails::load()
{
    const bool live = loadShown(
        [this](const QString &name) { return m_client->getDeletedKey(name); },
        tr("Reading the deleted key"),
        [this](const vault::DeletedKey &deleted) { showBundle(deleted.key); },
        [this](const QString &name) { return m_client->getKey(name); }, tr("Reading the key"),
        [this](const vault::KeyBundle &bundle) { showBundle(bundle); });
    if (live)
        loadVersions();
}

void KeyDetails::loadVersions()
{
    const QString name = m_item.name;
    loadVersionPages(
        m_versions, [this, name] { return m_client->listKeyVersions(name, 25); },
        [this](const QUrl &next) { return m_client->listKeysNext(next); },
        tr("Listing the key's versions"),
        [this](const QList<vault::KeyProperties> &versions) { appendVersions(versions); });
}

void KeyDetails::appendVersions(const QList<vault::KeyProperties> &versions)
{
    QList<VersionRow> rows;
    for (const vault::KeyProperties &v : versions) {
        const auto id = vault::ObjectId::parse(v.kid.value_or(QString()));
        rows.append({id ? id->version : v.kid.value_or(QString()),
                     v.kid.value_or(QString()),
                     {},
                     v.attributes.value_or(vault::ObjectAttributes{})});
    }
    appendVersionRows(m_versions, rows);
}

void KeyDetails::showBundle(const vault::KeyBundle &bundle)
{
    m_bundle = bundle;
    m_loaded = true;
    const vault::JsonWebKey jwk = bundle.jwk.value_or(vault::JsonWebKey{});
    const vault::ObjectAttributes a =
        bundle.properties.attributes.value_or(vault::ObjectAttributes{});
    Presentation &presentation = Presentation::instance();
    m_title->setText(bundle.name().isEmpty() ? m_item.name : bundle.name());
    m_identifier->setText(presentation.text(bundle.id()));
    m_identifier->setCursorPosition(0);
    m_type->setText(typeText(jwk));
    if (jwk.isEc())
        m_size->setText(
            tr("Curve %1 (%2 bits)").arg(jwk.crv.value_or(tr("unknown"))).arg(jwk.keySizeBits()));
    else if (jwk.keySizeBits() > 0)
        m_size->setText(tr("%1 bits").arg(QLocale().toString(jwk.keySizeBits())));
    else
        m_size->setText(tr("—"));
    m_managed->setText(bundle.properties.managed.value_or(false)
                           ? tr("Yes: it backs a certificate of the same name")
                           : tr("No"));
    m_recovery->setText(DetailsText::recoveryLevel(a));
    m_created->setText(DetailsText::dateTime(a.created));
    m_updated->setText(DetailsText::dateTime(a.updated));
    revert();
    m_jwk->setPlainText(publickey::parameterText(jwk));
    updateActions();
}

void KeyDetails::revert()
{
    const vault::ObjectAttributes a =
        m_bundle.properties.attributes.value_or(vault::ObjectAttributes{});
    const QStringList ops =
        m_bundle.jwk.value_or(vault::JsonWebKey{}).keyOps.value_or(QStringList());
    const QSignalBlocker block(m_enabled);
    m_enabled->setChecked(a.isEnabled());
    m_activation->setSeconds(a.notBefore);
    m_expiry->setSeconds(a.expires);
    m_tags->setText(DetailsText::formatTags(m_bundle.properties.tags.value_or(vault::Tags{})));
    for (auto it = m_operations.cbegin(); it != m_operations.cend(); ++it) {
        const QSignalBlocker blockBox(it.value());
        it.value()->setChecked(ops.contains(it.key()));
    }
    updateEditState();
}

bool KeyDetails::isDirty() const
{
    if (!m_loaded)
        return false;
    const vault::ObjectAttributes a =
        m_bundle.properties.attributes.value_or(vault::ObjectAttributes{});
    QStringList ops;
    for (auto it = m_operations.cbegin(); it != m_operations.cend(); ++it)
        if (it.value()->isChecked())
            ops.append(it.key());
    QStringList original =
        m_bundle.jwk.value_or(vault::JsonWebKey{}).keyOps.value_or(QStringList());
    original.sort();
    ops.sort();
    return m_activation->seconds() != a.notBefore || m_expiry->seconds() != a.expires
           || ops != original
           || enabledOrTagsDiffer(m_enabled, m_tags, a, m_bundle.properties.tags);
}

void KeyDetails::updateEditState()
{
    QString problem;
    if (DetailsText::parseTags(m_tags->text(), &problem))
        problem.clear();
    const auto nbf = m_activation->seconds();
    const auto exp = m_expiry->seconds();
    if (problem.isEmpty() && nbf && exp && *exp <= *nbf)
        problem = tr("The expiry date must come after the activation date.");
    m_problem->setText(problem);
    updateActions();
}

QString KeyDetails::quotedName() const
{
    return tr("The key “%1”").arg(m_item.name);
}

void KeyDetails::updateActions()
{
    const bool idle = !isBusy() && m_client.has_value();
    const bool live = idle && m_loaded && !m_item.deleted;
    const bool editable =
        m_loaded && !m_item.deleted && !m_bundle.properties.managed.value_or(false);
    m_createButton->setEnabled(idle);
    m_rotateButton->setEnabled(live);
    m_policyButton->setEnabled(live);
    updateLifecycleButtons(idle, live);
    m_enabled->setEnabled(editable);
    m_activation->setReadOnly(!editable);
    m_expiry->setReadOnly(!editable);
    m_tags->setReadOnly(!editable);
    for (QCheckBox *box : m_operations)
        box->setEnabled(editable);
    const bool dirty = isDirty();
    m_saveButton->setEnabled(idle && editable && dirty && m_problem->text().isEmpty());
    m_revertButton->setEnabled(!isBusy() && dirty);
    m_copyIdButton->setEnabled(m_loaded);
    m_copyJwkButton->setEnabled(m_loaded && m_bundle.jwk.has_value());
    m_copyPemButton->setEnabled(
        m_loaded
        && !publickey::subjectPublicKeyInfo(m_bundle.jwk.value_or(vault::JsonWebKey{})).isEmpty());
}

} // namespace vl::ui
