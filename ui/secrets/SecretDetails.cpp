// SPDX-License-Identifier: GPL-3.0-or-later
// The details pane of a secret: layout, showing the item and its value, and
// editing its properties. The actions (versions, new, delete, recover, purge,
// backup, restore) are in SecretDetailsActions.cpp.
#include "secrets/SecretDetails.h"

#include "ConcealedClipboard.h"
#include "Presentation.h"
#include "SecretValidation.h"
#include "secrets/OptionalDateTimeEdit.h"
#include "secrets/TagEditor.h"
#include "util/Future.h"
#include "widgets/ErrorBanner.h"

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

QPushButton *button(const QString &text, const QString &objectName, const QString &accessible,
                    QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    b->setAccessibleName(accessible);
    return b;
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
    : QWidget(parent)
    , m_clipboard(new ConcealedClipboard(this))
    , m_banner(new ErrorBanner(this))
    , m_title(new QLabel(this))
    , m_state(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_identifier(new QLineEdit(this))
    , m_copyIdentifier(new QToolButton(this))
    , m_valueView(new QPlainTextEdit(this))
    , m_valueNote(new QLabel(this))
    , m_reveal(button(tr("&Reveal"), u"revealButton"_s, tr("Reveal the value"), this))
    , m_copyValue(button(tr("&Copy value"), u"copyValueButton"_s, tr("Copy the value"), this))
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
    , m_save(button(tr("&Save"), u"saveButton"_s, tr("Save the properties"), this))
    , m_revert(button(tr("Re&vert"), u"revertButton"_s, tr("Revert the properties"), this))
    , m_versions(new QTreeWidget(this))
    , m_rollBack(button(tr("Roll &back to this version"), u"rollBackButton"_s,
                        tr("Roll back to the selected version"), this))
    , m_newSecret(button(tr("&New secret…"), u"newSecretButton"_s, tr("New secret"), this))
    , m_newVersion(button(tr("New &version…"), u"newVersionButton"_s, tr("New version"), this))
    , m_delete(button(tr("&Delete"), u"deleteButton"_s, tr("Delete the secret"), this))
    , m_recover(button(tr("Rec&over"), u"recoverButton"_s, tr("Recover the secret"), this))
    , m_purge(button(tr("&Purge"), u"purgeButton"_s, tr("Purge the secret"), this))
    , m_backup(button(tr("Back &up to file…"), u"backupButton"_s, tr("Back up to a file"), this))
    , m_restore(
          button(tr("Res&tore from file…"), u"restoreButton"_s, tr("Restore from a file"), this))
{
    setObjectName(u"secretDetails"_s);
    buildLayout();
    connectSignals();
    clear();
}

SecretDetails::~SecretDetails() = default;

void SecretDetails::buildLayout()
{
    m_banner->setObjectName(u"detailsErrorBanner"_s);
    m_title->setObjectName(u"secretTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
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

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(header);
    layout->addLayout(actionsTop);
    layout->addLayout(actionsBottom);
    layout->addWidget(m_tabs, 1);
}

void SecretDetails::connectSignals()
{
    connect(m_copyIdentifier, &QToolButton::clicked, this, &SecretDetails::copyIdentifier);
    connect(m_reveal, &QPushButton::clicked, this, [this] {
        if (isRevealed())
            hideValue();
        else
            reveal();
    });
    connect(m_copyValue, &QPushButton::clicked, this, &SecretDetails::copyValue);
    connect(m_save, &QPushButton::clicked, this, &SecretDetails::save);
    connect(m_revert, &QPushButton::clicked, this, &SecretDetails::revert);
    connect(m_rollBack, &QPushButton::clicked, this, &SecretDetails::rollBackToSelectedVersion);
    connect(m_newSecret, &QPushButton::clicked, this, &SecretDetails::newSecret);
    connect(m_newVersion, &QPushButton::clicked, this, &SecretDetails::newVersion);
    connect(m_delete, &QPushButton::clicked, this, &SecretDetails::deleteSecret);
    connect(m_recover, &QPushButton::clicked, this, &SecretDetails::recoverSecret);
    connect(m_purge, &QPushButton::clicked, this, &SecretDetails::purgeSecret);
    connect(m_backup, &QPushButton::clicked, this, &SecretDetails::backupToFile);
    connect(m_restore, &QPushButton::clicked, this, &SecretDetails::restoreFromFile);
    connect(m_versions, &QTreeWidget::itemSelectionChanged, this, &SecretDetails::updateState);

    for (auto *w : {m_activation, m_expiry})
        connect(w, &OptionalDateTimeEdit::changed, this, &SecretDetails::updateState);
    connect(m_enabled, &QCheckBox::toggled, this, &SecretDetails::updateState);
    connect(m_contentType, &QLineEdit::textChanged, this, &SecretDetails::updateState);
    connect(m_tags, &TagEditor::changed, this, &SecretDetails::updateState);

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

void SecretDetails::setClient(std::optional<vault::VaultClient> client)
{
    m_client = std::move(client);
    clear();
}

void SecretDetails::setItem(const VaultItem &item)
{
    ++m_generation;
    m_item = item;
    m_value.reset();
    m_banner->clear();
    m_versions->clear();
    showItem();
    if (!m_item.deleted)
        reloadVersions();
}

void SecretDetails::clear()
{
    ++m_generation;
    m_item = VaultItem{};
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
    updateState();
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
    const quint64 generation = m_generation;
    const QString name = m_item.name;
    beginBusy();
    onFinished(m_client->getSecret(name), this,
               [this, generation, name](const Result<vault::SecretBundle> &r) {
                   endBusy();
                   if (generation != m_generation)
                       return;
                   if (!r.ok()) {
                       m_banner->showError(r.error(), Service::KeyVault,
                                           tr("Reading the value of %1").arg(name));
                       return;
                   }
                   m_banner->clear();
                   m_value = r->value.value_or(QString());
                   showValue();
               });
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
    const quint64 generation = m_generation;
    const QString name = m_item.name;
    beginBusy();
    // Fetched for the clipboard only: not kept, not shown.
    onFinished(m_client->getSecret(name), this,
               [this, generation, name](const Result<vault::SecretBundle> &r) {
                   endBusy();
                   if (generation != m_generation)
                       return;
                   if (!r.ok()) {
                       m_banner->showError(r.error(), Service::KeyVault,
                                           tr("Reading the value of %1").arg(name));
                       return;
                   }
                   m_clipboard->copySecret(r->value.value_or(QString()));
               });
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
    SecretDraft draft;
    draft.contentType = m_contentType->text();
    draft.notBefore = m_activation->dateTime();
    draft.expires = m_expiry->dateTime();
    draft.tags = m_tags->rows();
    if (!SecretValidation::checkProperties(draft).ok())
        return;
    vault::SecretUpdateParameters p;
    if (m_contentType->text() != m_item.contentType)
        p.contentType = m_contentType->text();
    vault::ObjectAttributes attributes;
    attributes.enabled = m_enabled->isChecked();
    attributes.notBefore = vault::secondsFromDateTime(draft.notBefore);
    attributes.expires = vault::secondsFromDateTime(draft.expires);
    p.attributes = attributes;
    if (m_tags->tags() != m_item.tags)
        p.tags = m_tags->tags();
    const quint64 generation = m_generation;
    const QString name = m_item.name;
    beginBusy();
    onFinished(m_client->updateSecret(name, {}, p), this,
               [this, generation, name](const Result<vault::SecretBundle> &r) {
                   endBusy();
                   if (generation != m_generation)
                       return;
                   if (!r.ok()) {
                       m_banner->showError(r.error(), Service::KeyVault,
                                           tr("Saving the properties of %1").arg(name));
                       return;
                   }
                   m_banner->clear();
                   applyBundle(r->properties);
                   reloadVersions();
                   Q_EMIT itemChanged(name);
                   Q_EMIT statusMessage(tr("Saved %1").arg(name), 3000);
               });
}

void SecretDetails::revert()
{
    loadEditors();
}

void SecretDetails::updateState()
{
    const bool has = hasItem();
    const bool idle = m_client.has_value() && m_busy == 0;
    const bool live = has && !m_item.deleted;
    const bool editable = live && idle && !m_item.managed;

    SecretDraft draft;
    draft.contentType = m_contentType->text();
    draft.notBefore = m_activation->dateTime();
    draft.expires = m_expiry->dateTime();
    draft.tags = m_tags->rows();
    const auto messages = SecretValidation::checkProperties(draft);
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
    setCursor(m_busy > 0 ? Qt::BusyCursor : Qt::ArrowCursor);
}

void SecretDetails::beginBusy()
{
    ++m_busy;
    updateState();
}

void SecretDetails::endBusy()
{
    m_busy = std::max(0, m_busy - 1);
    updateState();
}

} // namespace vl::ui
