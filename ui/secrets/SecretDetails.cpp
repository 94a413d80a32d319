// SPDX-License-Identifier: GPL-3.0-or-later
// The details pane of a secret: layout, showing the item and its value, and
// editing its properties. The actions (versions, new, delete, recover, purge,
// backup, restore) are in SecretDetailsActions.cpp.
#include "secrets/SecretDetails.h"

#include "ConcealedClipboard.h"
#include "Presentation.h"
#include "SecretValidation.h"
#include "secrets/TagEditor.h"
#include "util/Future.h"
#include "widgets/ErrorBanner.h"
#include "widgets/OptionalDateTimeEdit.h"

#include <QAction>
#include <QCheckBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {

QString shownDate(std::optional<qint64> seconds)
{
    const QDateTime d = vault::dateTimeFromSeconds(seconds);
    return d.isValid() ? QLocale().toString(d.toLocalTime(), QLocale::ShortFormat)
                       : SecretDetails::tr("—");
}

QLabel *valueLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

SecretDetails::SecretDetails(QWidget *parent)
    : DetailsPane(VaultItemKind::Secret, parent)
    , m_clipboard(new ConcealedClipboard(this))
    , m_state(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_identifier(new QLineEdit(this))
    , m_copyIdentifier(new QToolButton(this))
    , m_valueView(new QPlainTextEdit(this))
    , m_valueNote(new QLabel(this))
    , m_reveal(addButton(u"revealButton"_s, tr("&Reveal"), tr("Reveal the value"),
                         &SecretDetails::toggleValue))
    , m_copyValue(addButton(u"copyValueButton"_s, tr("&Copy value"), tr("Copy the value"),
                            &SecretDetails::copyValue))
    , m_countdown(new QLabel(this))
    , m_enabled(new QCheckBox(tr("&Enabled"), this))
    , m_contentType(new QLineEdit(this))
    , m_activation(new OptionalDateTimeEdit(u"activation"_s, tr("Activation date"), this))
    , m_expiry(new OptionalDateTimeEdit(u"expiry"_s, tr("Expiry date"), this))
    , m_propertiesError(new QLabel(this))
    , m_created(valueLabel(u"createdLabel"_s, this))
    , m_updated(valueLabel(u"updatedLabel"_s, this))
    , m_recovery(valueLabel(u"recoveryLabel"_s, this))
    , m_managed(valueLabel(u"managedLabel"_s, this))
    , m_deletion(valueLabel(u"deletionLabel"_s, this))
    , m_tags(new TagEditor(u"tags"_s, this))
    , m_save(
          addButton(u"saveButton"_s, tr("&Save"), tr("Save the properties"), &SecretDetails::save))
    , m_revert(addButton(u"revertButton"_s, tr("Re&vert"), tr("Revert the properties"),
                         &SecretDetails::revert))
    , m_versions(new QTreeWidget(this))
    , m_rollBack(addButton(u"rollBackButton"_s, tr("Roll &back to this version"),
                           tr("Roll back to the selected version"),
                           &SecretDetails::rollBackToSelectedVersion))
    , m_newSecret(addButton(u"newSecretButton"_s, tr("&New secret…"), tr("New secret"),
                            &SecretDetails::newSecret))
    , m_newVersion(addButton(u"newVersionButton"_s, tr("New &version…"), tr("New version"),
                             &SecretDetails::newVersion))
    , m_delete(addButton(u"deleteButton"_s, tr("&Delete"), tr("Delete the secret"),
                         &SecretDetails::deleteSecret))
    , m_recover(addButton(u"recoverButton"_s, tr("Rec&over"), tr("Recover the secret"),
                          &SecretDetails::recoverSecret))
    , m_purge(addButton(u"purgeButton"_s, tr("&Purge"), tr("Purge the secret"),
                        &SecretDetails::purgeSecret))
    , m_backup(addButton(u"backupButton"_s, tr("Back &up to file…"), tr("Back up to a file"),
                         &SecretDetails::backupToFile))
    , m_restore(addButton(u"restoreButton"_s, tr("Res&tore from file…"), tr("Restore from a file"),
                          &SecretDetails::restoreFromFile))
{
    setObjectName(u"secretDetails"_s);
    setConfirmer(messageBoxConfirmer(this, ConfirmAnswers::YesCancel));
    buildLayout();
    connectSignals();
    clear();
}

SecretDetails::~SecretDetails() = default;

void SecretDetails::buildLayout()
{
    m_banner->setObjectName(u"detailsErrorBanner"_s);
    m_title->setObjectName(u"secretTitle"_s);
    m_deletedNote->hide(); // the Deleted row of the properties says it
    m_state->setObjectName(u"secretState"_s);

    m_identifier->setObjectName(u"identifier"_s);
    m_identifier->setAccessibleName(tr("Identifier"));
    m_identifier->setReadOnly(true);
    m_copyIdentifier->setObjectName(u"copyIdentifierButton"_s);
    m_copyIdentifier->setAccessibleName(tr("Copy the identifier"));
    m_copyIdentifier->setText(tr("Copy"));
    m_copyIdentifier->setToolTip(tr("Copy the identifier"));

    m_valueView->setObjectName(u"valueView"_s);
    m_valueView->setAccessibleName(tr("Secret value"));
    m_valueView->setReadOnly(true);
    m_valueView->setTabChangesFocus(true);
    m_valueView->setMaximumHeight(m_valueView->fontMetrics().lineSpacing() * 4
                                  + 2 * m_valueView->frameWidth() + 8);
    m_valueNote->setObjectName(u"valueNote"_s);
    m_valueNote->setWordWrap(true);
    m_countdown->setObjectName(u"clipboardCountdown"_s);
    m_copyValue->setShortcut(QKeySequence(u"Ctrl+Shift+C"_s));

    m_enabled->setObjectName(u"enabled"_s);
    m_enabled->setAccessibleName(tr("Enabled"));
    m_contentType->setObjectName(u"contentType"_s);
    m_contentType->setAccessibleName(tr("Content type"));
    m_propertiesError->setObjectName(u"propertiesError"_s);
    m_propertiesError->setWordWrap(true);
    {
        QPalette p = m_propertiesError->palette();
        p.setColor(QPalette::WindowText, p.color(QPalette::Window).lightness() < 128
                                             ? QColor(0xff, 0x8a, 0x80)
                                             : QColor(0xb3, 0x26, 0x1e));
        m_propertiesError->setPalette(p);
    }

    m_tabs->setObjectName(u"secretTabs"_s);
    m_tabs->setAccessibleName(tr("Secret details"));

    // Properties tab.
    auto *properties = new QWidget;
    auto *form = new QFormLayout(properties);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(m_identifier, 1);
    idRow->addWidget(m_copyIdentifier);
    auto *idLabel = new QLabel(tr("&Identifier:"), properties);
    idLabel->setBuddy(m_identifier);
    form->addRow(idLabel, idRow);
    auto *valueButtons = new QHBoxLayout;
    valueButtons->addWidget(m_reveal);
    valueButtons->addWidget(m_copyValue);
    valueButtons->addWidget(m_countdown, 1);
    auto *valueBox = new QVBoxLayout;
    valueBox->addWidget(m_valueView);
    valueBox->addWidget(m_valueNote);
    valueBox->addLayout(valueButtons);
    auto *valueCaption = new QLabel(tr("Value:"), properties);
    valueCaption->setBuddy(m_valueView);
    form->addRow(valueCaption, valueBox);
    form->addRow(QString(), m_enabled);
    auto *typeLabel = new QLabel(tr("Content &type:"), properties);
    typeLabel->setBuddy(m_contentType);
    form->addRow(typeLabel, m_contentType);
    auto *activationLabel = new QLabel(tr("&Activation:"), properties);
    activationLabel->setBuddy(m_activation);
    form->addRow(activationLabel, m_activation);
    auto *expiryLabel = new QLabel(tr("E&xpiry:"), properties);
    expiryLabel->setBuddy(m_expiry);
    form->addRow(expiryLabel, m_expiry);
    form->addRow(QString(), m_propertiesError);
    form->addRow(tr("Created:"), m_created);
    form->addRow(tr("Updated:"), m_updated);
    form->addRow(tr("Recovery:"), m_recovery);
    form->addRow(tr("Managed:"), m_managed);
    form->addRow(tr("Deleted:"), m_deletion);
    auto *tagsLabel = new QLabel(tr("Ta&gs:"), properties);
    tagsLabel->setBuddy(m_tags);
    m_tags->table()->setMinimumHeight(110);
    form->addRow(tagsLabel, m_tags);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch(1);
    saveRow->addWidget(m_revert);
    saveRow->addWidget(m_save);
    form->addRow(saveRow);
    auto *scroll = new QScrollArea;
    scroll->setObjectName(u"propertiesScroll"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(properties);
    m_tabs->addTab(scroll, tr("&Properties"));

    // Versions tab.
    m_versions->setObjectName(u"versionList"_s);
    m_versions->setAccessibleName(tr("Versions"));
    m_versions->setHeaderLabels({tr("Version"), tr("Enabled"), tr("Created"), tr("Expires")});
    m_versions->setRootIsDecorated(false);
    m_versions->setUniformRowHeights(true);
    m_versions->setTextElideMode(Qt::ElideMiddle);
    m_versions->header()->setStretchLastSection(false);
    m_versions->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int column = 1; column < 4; ++column)
        m_versions->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_versions->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *rollBackAction = new QAction(tr("Roll back to this version"), m_versions);
    rollBackAction->setObjectName(u"rollBackAction"_s);
    m_versions->addAction(rollBackAction);
    connect(rollBackAction, &QAction::triggered, this, &SecretDetails::rollBackToSelectedVersion);
    auto *versionsPage = new QWidget;
    auto *versionsLayout = new QVBoxLayout(versionsPage);
    versionsLayout->addWidget(m_versions, 1);
    auto *rollRow = new QHBoxLayout;
    rollRow->addStretch(1);
    rollRow->addWidget(m_rollBack);
    versionsLayout->addLayout(rollRow);
    m_tabs->addTab(versionsPage, tr("Ve&rsions"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_state, 1);
    auto *actionsTop = new QHBoxLayout;
    for (QPushButton *b : {m_newSecret, m_newVersion})
        actionsTop->addWidget(b);
    actionsTop->addStretch(1);
    auto *actionsBottom = new QHBoxLayout;
    for (QPushButton *b : {m_backup, m_restore})
        actionsBottom->addWidget(b);
    actionsBottom->addStretch(1);
    for (QPushButton *b : {m_delete, m_recover, m_purge})
        actionsBottom->addWidget(b);

    QVBoxLayout *layout = contentLayout();
    layout->addLayout(header);
    layout->addLayout(actionsTop);
    layout->addLayout(actionsBottom);
    layout->addWidget(m_tabs, 1);
}

void SecretDetails::connectSignals()
{
    connect(m_copyIdentifier, &QToolButton::clicked, this, &SecretDetails::copyIdentifier);
    connect(m_versions, &QTreeWidget::itemSelectionChanged, this, &SecretDetails::updateActions);

    for (auto *w : {m_activation, m_expiry})
        connect(w, &OptionalDateTimeEdit::changed, this, &SecretDetails::updateActions);
    connect(m_enabled, &QCheckBox::toggled, this, &SecretDetails::updateActions);
    connect(m_contentType, &QLineEdit::textChanged, this, &SecretDetails::updateActions);
    connect(m_tags, &TagEditor::changed, this, &SecretDetails::updateActions);

    connect(m_clipboard, &ConcealedClipboard::countdown, this, [this](int seconds) {
        const QString text = tr("Clipboard clears in %1 s").arg(QLocale().toString(seconds));
        m_countdown->setText(text);
        Q_EMIT statusMessage(text, 1500);
    });
    connect(m_clipboard, &ConcealedClipboard::cleared, this, [this] {
        m_countdown->clear();
        Q_EMIT statusMessage(tr("Clipboard cleared"), 3000);
    });
    connect(m_clipboard, &ConcealedClipboard::abandoned, this, [this] {
        m_countdown->clear();
        Q_EMIT statusMessage(tr("The clipboard changed since; it is left as it is"), 3000);
    });
    connect(&Presentation::instance(), &Presentation::changed, this, [this] {
        if (hasItem())
            m_identifier->setText(Presentation::instance().text(m_item.id));
        showValue();
    });
}

void SecretDetails::load()
{
    showItem();
    if (!m_item.deleted)
        reloadVersions();
}

void SecretDetails::clear()
{
    resetItem(tr("No secret selected"));
    m_value.reset();
    m_versions->clear();
    showItem();
}

void SecretDetails::showItem()
{
    const bool has = hasItem();
    m_title->setText(has ? m_item.name : tr("No secret selected"));
    QStringList state;
    if (m_item.deleted)
        state << tr("Deleted");
    else if (has && !m_item.isEnabled())
        state << tr("Disabled");
    if (m_item.managed)
        state << tr("Managed by a certificate");
    m_state->setText(state.join(u" · "_s));
    m_identifier->setText(has ? Presentation::instance().text(m_item.id) : QString());
    const auto &a = m_item.attributes;
    m_created->setText(has ? shownDate(a.created) : QString());
    m_updated->setText(has ? shownDate(a.updated) : QString());
    QString recovery = a.recoveryLevel.value_or(QString());
    if (a.recoverableDays)
        recovery = tr("%1 (%2 days)").arg(recovery, QLocale().toString(*a.recoverableDays));
    m_recovery->setText(has ? recovery : QString());
    m_managed->setText(has ? (m_item.managed ? tr("Yes, by its certificate") : tr("No"))
                           : QString());
    m_deletion->setText(m_item.deleted ? tr("%1; purged on %2")
                                             .arg(shownDate(m_item.deletion.deletedDate),
                                                  shownDate(m_item.deletion.scheduledPurgeDate))
                                       : QString());
    m_deletion->setVisible(m_item.deleted);
    if (auto *form = qobject_cast<QFormLayout *>(m_deletion->parentWidget()->layout()))
        if (QWidget *label = form->labelForField(m_deletion))
            label->setVisible(m_item.deleted);
    loadEditors();
    showValue();
}

void SecretDetails::loadEditors()
{
    const QSignalBlocker blockEnabled(m_enabled);
    const QSignalBlocker blockType(m_contentType);
    m_enabled->setChecked(m_item.isEnabled());
    m_contentType->setText(m_item.contentType);
    m_activation->setDateTime(vault::dateTimeFromSeconds(m_item.attributes.notBefore));
    m_expiry->setDateTime(vault::dateTimeFromSeconds(m_item.attributes.expires));
    // The service keeps a date once it is set: it can be changed, not removed.
    m_activation->setUnsetAllowed(!m_item.attributes.notBefore);
    m_expiry->setUnsetAllowed(!m_item.attributes.expires);
    m_tags->setTags(m_item.tags);
    updateActions();
}

void SecretDetails::showValue()
{
    const bool presenting = Presentation::instance().isEnabled();
    if (!hasItem()) {
        m_valueView->clear();
        m_valueNote->clear();
    } else if (m_value && !presenting) {
        m_valueView->setPlainText(*m_value);
        m_valueNote->clear();
    } else {
        m_valueView->setPlainText(Presentation::maskedValue());
        m_valueNote->setText(m_value ? tr("Revealed, but hidden in presentation mode.")
                                     : QString());
    }
    m_valueNote->setVisible(!m_valueNote->text().isEmpty());
    m_reveal->setText(m_value ? tr("&Hide") : tr("&Reveal"));
    m_reveal->setAccessibleName(m_value ? tr("Hide the value") : tr("Reveal the value"));
}

void SecretDetails::reveal()
{
    if (!m_client || !hasItem() || m_item.deleted)
        return;
    const QString name = m_item.name;
    run(
        m_client->getSecret(name), tr("Reading the value of %1").arg(name),
        [this](const vault::SecretBundle &bundle) {
            m_banner->clear();
            m_value = bundle.value.value_or(QString());
            showValue();
        },
        true);
}

void SecretDetails::toggleValue()
{
    if (isRevealed())
        hideValue();
    else
        reveal();
}

void SecretDetails::hideValue()
{
    m_value.reset();
    showValue();
}

void SecretDetails::copyValue()
{
    if (m_value) {
        m_clipboard->copySecret(*m_value);
        return;
    }
    if (!m_client || !hasItem() || m_item.deleted)
        return;
    const QString name = m_item.name;
    // Fetched for the clipboard only: not kept, not shown.
    run(
        m_client->getSecret(name), tr("Reading the value of %1").arg(name),
        [this](const vault::SecretBundle &bundle) {
            m_clipboard->copySecret(bundle.value.value_or(QString()));
        },
        true);
}

void SecretDetails::copyIdentifier()
{
    if (!hasItem())
        return;
    m_clipboard->copyPlain(m_item.id);
    Q_EMIT statusMessage(tr("Identifier copied"), 3000);
}

bool SecretDetails::isDirty() const
{
    if (!hasItem() || m_item.deleted)
        return false;
    return m_enabled->isChecked() != m_item.isEnabled()
           || m_contentType->text() != m_item.contentType
           || vault::secondsFromDateTime(m_activation->dateTime()) != m_item.attributes.notBefore
           || vault::secondsFromDateTime(m_expiry->dateTime()) != m_item.attributes.expires
           || m_tags->tags() != m_item.tags || m_tags->rows().size() != m_item.tags.size();
}

void SecretDetails::save()
{
    if (!m_client || !isDirty())
        return;
    const SecretDraft edited = draft();
    if (!SecretValidation::checkProperties(edited).ok())
        return;
    vault::SecretUpdateParameters p;
    if (m_contentType->text() != m_item.contentType)
        p.contentType = m_contentType->text();
    vault::ObjectAttributes attributes;
    attributes.enabled = m_enabled->isChecked();
    attributes.notBefore = vault::secondsFromDateTime(edited.notBefore);
    attributes.expires = vault::secondsFromDateTime(edited.expires);
    p.attributes = attributes;
    if (m_tags->tags() != m_item.tags)
        p.tags = m_tags->tags();
    const QString name = m_item.name;
    run(
        m_client->updateSecret(name, {}, p), tr("Saving the properties of %1").arg(name),
        [this, name](const vault::SecretBundle &bundle) {
            m_banner->clear();
            applyBundle(bundle.properties);
            reloadVersions();
            Q_EMIT itemChanged(name);
            Q_EMIT statusMessage(tr("Saved %1").arg(name), 3000);
        },
        true);
}

void SecretDetails::revert()
{
    loadEditors();
}

void SecretDetails::updateActions()
{
    const bool has = hasItem();
    const bool idle = m_client.has_value() && !isBusy();
    const bool live = has && !m_item.deleted;
    const bool editable = live && idle && !m_item.managed;

    const auto messages = SecretValidation::checkProperties(draft());
    QStringList problems;
    for (const QString &m : {messages.contentType, messages.dates, messages.tags})
        if (!m.isEmpty())
            problems << m;
    m_propertiesError->setText(problems.join(u'\n'));
    m_propertiesError->setVisible(!problems.isEmpty());

    m_copyIdentifier->setEnabled(has);
    m_reveal->setEnabled(live && idle);
    m_copyValue->setEnabled(live && idle);
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_enabled, m_contentType, m_activation, m_expiry})
        w->setEnabled(editable);
    m_tags->setReadOnly(!editable);
    const bool dirty = isDirty();
    m_save->setEnabled(editable && dirty && messages.ok());
    m_revert->setEnabled(live && idle && dirty);
    m_rollBack->setEnabled(live && idle && !m_item.managed && m_versions->currentItem()
                           && m_versions->topLevelItemCount() > 1);
    m_newSecret->setEnabled(idle);
    m_restore->setEnabled(idle);
    m_newVersion->setEnabled(live && idle && !m_item.managed);
    m_delete->setEnabled(live && idle && !m_item.managed);
    m_backup->setEnabled(live && idle);
    m_recover->setEnabled(has && m_item.deleted && idle);
    m_purge->setEnabled(has && m_item.deleted && idle);
    m_recover->setVisible(m_item.deleted);
    m_purge->setVisible(m_item.deleted);
    m_delete->setVisible(!m_item.deleted);
    setCursor(isBusy() ? Qt::BusyCursor : Qt::ArrowCursor);
}

SecretDraft SecretDetails::draft() const
{
    SecretDraft edited;
    edited.contentType = m_contentType->text();
    edited.notBefore = m_activation->dateTime();
    edited.expires = m_expiry->dateTime();
    edited.tags = m_tags->rows();
    return edited;
}

} // namespace vl::ui
