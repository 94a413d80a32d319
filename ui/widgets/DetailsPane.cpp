// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/DetailsPane.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QSaveFile>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "Presentation.h"
#include "widgets/FormSupport.h"

using namespace Qt::StringLiterals;

namespace vl::ui {

DetailsPane::DetailsPane(VaultItemKind kind, QWidget *parent)
    : QWidget(parent)
    , m_banner(new ErrorBanner(this))
    , m_title(new QLabel(this))
    , m_deletedNote(new QLabel(this))
    , m_kind(kind)
    , m_busyBar(new QProgressBar(this))
    , m_content(new QVBoxLayout)
    , m_confirmer(messageBoxConfirmer(this))
    , m_chooser(fileDialogChooser(this))
{
    m_banner->hide();
    m_busyBar->setObjectName(u"busyBar"_s);
    m_busyBar->setAccessibleName(tr("Working"));
    m_busyBar->setRange(0, 0);
    m_busyBar->setMaximumHeight(6);
    m_busyBar->setTextVisible(false);
    m_busyBar->setVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_busyBar);
    m_content->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_content, 1);

    m_item.kind = kind;
    m_title->setObjectName(u"titleLabel"_s);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_deletedNote->setObjectName(u"deletedNote"_s);
    m_deletedNote->setWordWrap(true);

    connect(&Presentation::instance(), &Presentation::changed, this, [this] {
        if (m_loaded)
            refreshShown();
    });
}

DetailsPane::~DetailsPane() = default;

void DetailsPane::setClient(std::optional<vault::VaultClient> client)
{
    m_client = std::move(client);
    m_banner->clear();
    clear();
}

void DetailsPane::setItem(const VaultItem &item)
{
    clear();
    m_item = item;
    m_banner->clear();
    m_title->setText(item.name);
    load();
}

void DetailsPane::resetItem(const QString &noneText)
{
    invalidateLoads();
    m_item = VaultItem{};
    m_item.kind = m_kind;
    m_loaded = false;
    m_title->setText(noneText);
    m_deletedNote->hide();
}

void DetailsPane::showAsItem(const QString &name, bool deleted)
{
    VaultItem item;
    item.kind = m_kind;
    item.name = name;
    item.deleted = deleted;
    setItem(item);
}

void DetailsPane::showDeletion(const vault::DeletionInfo &deletion)
{
    m_deletedNote->setText(tr("Deleted on %1; purged automatically on %2. Recover it to use it "
                              "again.")
                               .arg(DetailsText::dateTime(deletion.deletedDate),
                                    DetailsText::dateTime(deletion.scheduledPurgeDate)));
    m_deletedNote->show();
}

void DetailsPane::clearVersions(QTreeWidget *view)
{
    view->clear();
}

void DetailsPane::setUpVersionsView(QTreeWidget *view, const QString &accessibleName,
                                    const QStringList &headers)
{
    view->setObjectName(u"versionsView"_s);
    view->setAccessibleName(accessibleName);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setSortingEnabled(true);
    view->setHeaderLabels(headers);
    view->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view, &QWidget::customContextMenuRequested, this, [this, view](const QPoint &pos) {
        QTreeWidgetItem *row = view->itemAt(pos);
        if (!row)
            return;
        QMenu menu(this);
        menu.setObjectName(u"versionMenu"_s);
        QAction *copy = menu.addAction(tr("Copy Version &Identifier"));
        copy->setObjectName(u"copyVersionIdAction"_s);
        const QString id = row->data(0, Qt::UserRole).toString();
        connect(copy, &QAction::triggered, this,
                [id] { QGuiApplication::clipboard()->setText(id); });
        menu.exec(view->viewport()->mapToGlobal(pos));
    });
}

void DetailsPane::appendVersionRows(QTreeWidget *view, const QList<VersionRow> &rows)
{
    view->setSortingEnabled(false);
    int created = 0;
    for (const VersionRow &v : rows) {
        auto *row = new QTreeWidgetItem(view);
        row->setText(0, v.version);
        row->setData(0, Qt::UserRole, v.id);
        int column = 1;
        for (const QString &text : v.extra)
            row->setText(column++, text);
        row->setText(column++, v.attributes.isEnabled() ? tr("Yes") : tr("No"));
        created = column;
        row->setText(column, DetailsText::dateTime(v.attributes.created));
        row->setData(column++, Qt::UserRole, v.attributes.created.value_or(0));
        row->setText(column, DetailsText::dateTime(v.attributes.expires));
    }
    view->setSortingEnabled(true);
    if (!rows.isEmpty())
        view->sortByColumn(created, Qt::DescendingOrder);
}

void DetailsPane::addIdentifierRow(QFormLayout *form, QWidget *page, QLineEdit *identifier,
                                   QPushButton *copy, const QString &accessibleName)
{
    identifier->setObjectName(u"identifierEdit"_s);
    identifier->setAccessibleName(accessibleName);
    identifier->setReadOnly(true);
    auto *idRow = new QHBoxLayout;
    idRow->addWidget(identifier, 1);
    idRow->addWidget(copy);
    form::addRow(form, page, tr("&Identifier:"), identifier, idRow);
}

void DetailsPane::addEnabledAndTagsRows(QFormLayout *form, QWidget *page, QCheckBox *enabled,
                                        QLineEdit *tags)
{
    enabled->setObjectName(u"enabledCheck"_s);
    enabled->setAccessibleName(tr("Enabled"));
    form->addRow(QString(), enabled);
    tags->setObjectName(u"tagsEdit"_s);
    tags->setAccessibleName(tr("Tags"));
    tags->setPlaceholderText(tr("name=value; name2=value2"));
    form::addRow(form, page, tr("&Tags:"), tags);
}

QHBoxLayout *DetailsPane::makeSaveRow(QLabel *problem, QPushButton *revert, QPushButton *save)
{
    form::setUpProblemLabel(problem);
    return form::saveRow(problem, revert, save);
}

bool DetailsPane::enabledOrTagsDiffer(const QCheckBox *enabled, const QLineEdit *tags,
                                      const vault::ObjectAttributes &attributes,
                                      const std::optional<vault::Tags> &savedTags)
{
    return enabled->isChecked() != attributes.isEnabled()
           || tags->text().trimmed() != DetailsText::formatTags(savedTags.value_or(vault::Tags{}));
}

void DetailsPane::updateLifecycleButtons(bool idle, bool live)
{
    const bool deleted = m_item.deleted;
    m_restoreButton->setEnabled(idle);
    m_backupButton->setEnabled(live);
    m_deleteButton->setEnabled(live);
    m_recoverButton->setEnabled(idle && deleted && !m_item.name.isEmpty());
    m_purgeButton->setEnabled(idle && deleted && !m_item.name.isEmpty());
    m_recoverButton->setVisible(deleted);
    m_purgeButton->setVisible(deleted);
    m_deleteButton->setVisible(!deleted);
}

void DetailsPane::layOutContent(QLayout *vaultRow, QLayout *itemRow, QTabWidget *tabs,
                                QWidget *above)
{
    m_content->addLayout(vaultRow);
    if (above)
        m_content->addWidget(above);
    m_content->addWidget(m_title);
    m_content->addWidget(m_deletedNote);
    m_content->addLayout(itemRow);
    m_content->addWidget(tabs, 1);
}

QHBoxLayout *DetailsPane::buttonRow(std::initializer_list<QPushButton *> buttons)
{
    auto *row = new QHBoxLayout;
    for (QPushButton *b : buttons)
        row->addWidget(b);
    row->addStretch();
    return row;
}

void DetailsPane::copyIdentifierText(const QString &identifier)
{
    if (!m_loaded)
        return;
    QGuiApplication::clipboard()->setText(identifier);
    Q_EMIT statusMessage(tr("Identifier copied."), StatusTimeout);
}

void DetailsPane::announceChanged(const QString &name, const QString &message)
{
    Q_EMIT statusMessage(message, StatusTimeout);
    Q_EMIT itemChanged(name);
}

void DetailsPane::announceRemoved(const QString &name, const QString &message, bool showDeleted)
{
    Q_EMIT statusMessage(message, StatusTimeout);
    Q_EMIT itemRemoved(name);
    if (m_item.name != name)
        return;
    if (showDeleted)
        showAsItem(name, true);
    else
        clear();
}

void DetailsPane::setConfirmer(Confirmer confirmer)
{
    m_confirmer = std::move(confirmer);
}

void DetailsPane::setFileChooser(FileChooser chooser)
{
    m_chooser = std::move(chooser);
    m_chooserReplaced = true;
}

bool DetailsPane::confirm(const QString &title, const QString &text) const
{
    return m_confirmer && m_confirmer(title, text);
}

QString DetailsPane::chooseFile(FileMode mode, const QString &title, const QString &filter,
                                const QString &suggestedName) const
{
    return m_chooser ? m_chooser(mode, title, filter, suggestedName) : QString();
}

bool DetailsPane::writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        m_banner->showMessage(tr("Could not write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

std::optional<QByteArray> DetailsPane::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_banner->showMessage(tr("Could not read %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    return file.readAll();
}

void DetailsPane::setBusy(bool busy)
{
    const bool was = isBusy();
    m_busy = qMax(0, m_busy + (busy ? 1 : -1));
    m_busyBar->setVisible(isBusy());
    if (was != isBusy()) {
        updateActions();
        Q_EMIT busyChanged(isBusy());
    }
}

} // namespace vl::ui
