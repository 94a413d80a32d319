// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeyDetails.h"

#include "CreateKeyDialog.h"
#include "Presentation.h"
#include "ValidityDateEdit.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
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
    : DetailsPane(parent)
    , m_title(new QLabel(this))
    , m_deletedNote(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_identifier(new QLineEdit(this))
    , m_type(valueLabel(this, u"typeLabel"_s))
    , m_size(valueLabel(this, u"sizeLabel"_s))
    , m_managed(valueLabel(this, u"managedLabel"_s))
    , m_recovery(valueLabel(this, u"recoveryLabel"_s))
    , m_created(valueLabel(this, u"createdLabel"_s))
    , m_updated(valueLabel(this, u"updatedLabel"_s))
    , m_enabled(new QCheckBox(tr("&Enabled"), this))
    , m_activation(new ValidityDateEdit(u"activation"_s, tr("Activation date"), this))
    , m_expiry(new ValidityDateEdit(u"expiry"_s, tr("Expiry date"), this))
    , m_tags(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_jwk(new QPlainTextEdit(this))
    , m_versions(new QTreeWidget(this))
{
    setObjectName(u"keyDetails"_s);
    setAccessibleName(tr("Key details"));

    auto *vaultRow = new QHBoxLayout;
    m_createButton = addButton(u"createKeyButton"_s, tr("&Create Key…"), tr("Create key"),
                               &KeyDetails::createKey);
    m_restoreButton = addButton(u"restoreButton"_s, tr("Restore from File…"),
                                tr("Restore key from file"), &KeyDetails::restore);
    vaultRow->addWidget(m_createButton);
    vaultRow->addWidget(m_restoreButton);
    vaultRow->addStretch();

    auto *itemRow = new QHBoxLayout;
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
    for (QPushButton *b : {m_rotateButton, m_policyButton, m_backupButton, m_deleteButton,
                           m_recoverButton, m_purgeButton})
        itemRow->addWidget(b);
    itemRow->addStretch();

    m_title->setObjectName(u"titleLabel"_s);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_deletedNote->setObjectName(u"deletedNote"_s);
    m_deletedNote->setWordWrap(true);

    m_tabs->setObjectName(u"keyTabs"_s);
    m_tabs->setAccessibleName(tr("Key details sections"));
    m_tabs->addTab(makePropertiesTab(), tr("P&roperties"));
    m_tabs->addTab(makePublicKeyTab(), tr("Public &Key"));
    m_tabs->addTab(makeVersionsTab(), tr("Versio&ns"));

    contentLayout()->addLayout(vaultRow);
    contentLayout()->addWidget(m_title);
    contentLayout()->addWidget(m_deletedNote);
    contentLayout()->addLayout(itemRow);
    contentLayout()->addWidget(m_tabs, 1);

    connect(&Presentation::instance(), &Presentation::changed, this, [this] {
        if (m_loaded)
            showBundle(m_bundle);
    });
    clear();
}

KeyDetails::~KeyDetails() = default;

QPushButton *KeyDetails::addButton(const QString &objectName, const QString &text,
                                   const QString &accessibleName, void (KeyDetails::*slot)())
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(objectName);
    button->setAccessibleName(accessibleName);
    connect(button, &QPushButton::clicked, this, slot);
    return button;
}

QWidget *KeyDetails::makePropertiesTab()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout;

    m_identifier->setObjectName(u"identifierEdit"_s);
    m_identifier->setAccessibleName(tr("Key identifier"));
    m_identifier->setReadOnly(true);
    m_copyIdButton = addButton(u"copyIdentifierButton"_s, tr("Cop&y"), tr("Copy identifier"),
                               &KeyDetails::copyIdentifier);
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_identifier, 1);
    idRow->addWidget(m_copyIdButton);
    auto *idLabel = new QLabel(tr("&Identifier:"), page);
    idLabel->setBuddy(m_identifier);
    form->addRow(idLabel, idRow);
    form->addRow(tr("Type:"), m_type);
    form->addRow(tr("Size or curve:"), m_size);
    form->addRow(tr("Managed:"), m_managed);
    form->addRow(tr("Recovery:"), m_recovery);
    form->addRow(tr("Created:"), m_created);
    form->addRow(tr("Updated:"), m_updated);

    m_enabled->setObjectName(u"enabledCheck"_s);
    m_enabled->setAccessibleName(tr("Enabled"));
    form->addRow(QString(), m_enabled);
    auto *activationLabel = new QLabel(tr("&Activation:"), page);
    activationLabel->setBuddy(m_activation);
    form->addRow(activationLabel, m_activation);
    auto *expiryLabel = new QLabel(tr("E&xpiry:"), page);
    expiryLabel->setBuddy(m_expiry);
    form->addRow(expiryLabel, m_expiry);
    m_tags->setObjectName(u"tagsEdit"_s);
    m_tags->setAccessibleName(tr("Tags"));
    m_tags->setPlaceholderText(tr("name=value; name2=value2"));
    auto *tagsLabel = new QLabel(tr("&Tags:"), page);
    tagsLabel->setBuddy(m_tags);
    form->addRow(tagsLabel, m_tags);

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
    connect(m_activation, &ValidityDateEdit::changed, this, &KeyDetails::updateEditState);
    connect(m_expiry, &ValidityDateEdit::changed, this, &KeyDetails::updateEditState);
    connect(m_tags, &QLineEdit::textEdited, this, &KeyDetails::updateEditState);

    m_problem->setObjectName(u"problemLabel"_s);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: rgb(220, 53, 69);"_s);
    m_saveButton = addButton(u"saveButton"_s, tr("&Save"), tr("Save changes"), &KeyDetails::save);
    m_revertButton =
        addButton(u"revertButton"_s, tr("Re&vert"), tr("Revert changes"), &KeyDetails::revert);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_problem, 1);
    saveRow->addWidget(m_revertButton);
    saveRow->addWidget(m_saveButton);

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
    m_versions->setObjectName(u"versionsView"_s);
    m_versions->setAccessibleName(tr("Key versions"));
    m_versions->setRootIsDecorated(false);
    m_versions->setUniformRowHeights(true);
    m_versions->setSortingEnabled(true);
    m_versions->setHeaderLabels({tr("Version"), tr("Enabled"), tr("Created"), tr("Expires")});
    m_versions->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_versions->header()->setStretchLastSection(false);
    m_versions->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_versions, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QTreeWidgetItem *row = m_versions->itemAt(pos);
        if (!row)
            return;
        QMenu menu(this);
        menu.setObjectName(u"versionMenu"_s);
        QAction *copy = menu.addAction(tr("Copy Version &Identifier"));
        copy->setObjectName(u"copyVersionIdAction"_s);
        const QString id = row->data(0, Qt::UserRole).toString();
        connect(copy, &QAction::triggered, this,
                [id] { QGuiApplication::clipboard()->setText(id); });
        menu.exec(m_versions->viewport()->mapToGlobal(pos));
    });
    return m_versions;
}

void KeyDetails::clear()
{
    invalidateLoads();
    m_item = VaultItem{};
    m_item.kind = VaultItemKind::Key;
    m_bundle = {};
    m_loaded = false;
    m_title->setText(tr("No key selected"));
    m_deletedNote->hide();
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

void KeyDetails::setItem(const VaultItem &item)
{
    clear();
    m_item = item;
    m_banner->clear();
    m_title->setText(item.name);
    load();
}

void KeyDetails::showAsItem(const QString &name, bool deleted)
{
    VaultItem item;
    item.kind = VaultItemKind::Key;
    item.name = name;
    item.deleted = deleted;
    setItem(item);
}

void KeyDetails::load()
{
    if (!m_client || m_item.name.isEmpty())
        return;
    const QString name = m_item.name;
    if (m_item.deleted) {
        run(
            m_client->getDeletedKey(name), tr("Reading the deleted key"),
            [this](const vault::DeletedKey &deleted) {
                showBundle(deleted.key);
                showDeletion(deleted.deletion);
            },
            true);
        return;
    }
    run(
        m_client->getKey(name), tr("Reading the key"),
        [this](const vault::KeyBundle &bundle) { showBundle(bundle); }, true);
    loadVersions();
}

void KeyDetails::loadVersions(const QUrl &next)
{
    if (next.isEmpty())
        m_versions->clear();
    const auto future =
        next.isEmpty() ? m_client->listKeyVersions(m_item.name, 25) : m_client->listKeysNext(next);
    run(
        future, tr("Listing the key's versions"),
        [this](const Page<vault::KeyProperties> &page) {
            appendVersions(page.items);
            if (page.hasMore())
                loadVersions(page.nextLink);
        },
        true);
}

void KeyDetails::appendVersions(const QList<vault::KeyProperties> &versions)
{
    m_versions->setSortingEnabled(false);
    for (const vault::KeyProperties &v : versions) {
        const auto id = vault::ObjectId::parse(v.kid.value_or(QString()));
        const vault::ObjectAttributes a = v.attributes.value_or(vault::ObjectAttributes{});
        auto *row = new QTreeWidgetItem(m_versions);
        row->setText(0, id ? id->version : v.kid.value_or(QString()));
        row->setData(0, Qt::UserRole, v.kid.value_or(QString()));
        row->setText(1, a.isEnabled() ? tr("Yes") : tr("No"));
        row->setText(2, DetailsText::dateTime(a.created));
        row->setData(2, Qt::UserRole, a.created.value_or(0));
        row->setText(3, DetailsText::dateTime(a.expires));
    }
    m_versions->setSortingEnabled(true);
    m_versions->sortByColumn(2, Qt::DescendingOrder);
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

void KeyDetails::showDeletion(const vault::DeletionInfo &deletion)
{
    m_deletedNote->setText(tr("Deleted on %1; purged automatically on %2. Recover it to use it "
                              "again.")
                               .arg(DetailsText::dateTime(deletion.deletedDate),
                                    DetailsText::dateTime(deletion.scheduledPurgeDate)));
    m_deletedNote->show();
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
    return m_enabled->isChecked() != a.isEnabled() || m_activation->seconds() != a.notBefore
           || m_expiry->seconds() != a.expires || ops != original
           || m_tags->text().trimmed()
                  != DetailsText::formatTags(m_bundle.properties.tags.value_or(vault::Tags{}));
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
    m_restoreButton->setEnabled(idle);
    m_rotateButton->setEnabled(live);
    m_policyButton->setEnabled(live);
    m_backupButton->setEnabled(live);
    m_deleteButton->setEnabled(live);
    m_recoverButton->setEnabled(idle && m_item.deleted && !m_item.name.isEmpty());
    m_purgeButton->setEnabled(idle && m_item.deleted && !m_item.name.isEmpty());
    m_recoverButton->setVisible(m_item.deleted);
    m_purgeButton->setVisible(m_item.deleted);
    m_deleteButton->setVisible(!m_item.deleted);
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
