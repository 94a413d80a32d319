// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/TagEditor.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

TagEditor::TagEditor(const QString &objectName, QWidget *parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 2, this))
    , m_add(new QPushButton(tr("&Add tag"), this))
    , m_remove(new QPushButton(tr("Remove tag"), this))
{
    setObjectName(objectName);
    m_table->setObjectName(QString(objectName + u"Table"_s));
    m_table->setAccessibleName(tr("Tags"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setDefaultSectionSize(160);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_add->setObjectName(QString(objectName + u"Add"_s));
    m_add->setAccessibleName(tr("Add tag"));
    m_remove->setObjectName(QString(objectName + u"Remove"_s));
    m_remove->setAccessibleName(tr("Remove tag"));
    m_remove->setEnabled(false);
    setFocusProxy(m_table);

    auto *addAction = new QAction(tr("Add tag"), m_table);
    addAction->setObjectName(QString(objectName + u"AddAction"_s));
    auto *removeAction = new QAction(tr("Remove tag"), m_table);
    removeAction->setObjectName(QString(objectName + u"RemoveAction"_s));
    removeAction->setShortcut(QKeySequence::Delete);
    removeAction->setShortcutContext(Qt::WidgetShortcut);
    m_table->addActions({addAction, removeAction});

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, [this] { addRow({}, {}, true); });
    connect(addAction, &QAction::triggered, this, [this] { addRow({}, {}, true); });
    connect(m_remove, &QPushButton::clicked, this, &TagEditor::removeSelected);
    connect(removeAction, &QAction::triggered, this, &TagEditor::removeSelected);
    connect(m_table, &QTableWidget::itemChanged, this, &TagEditor::changed);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_readOnly && !m_table->selectedItems().isEmpty()); });
}

void TagEditor::setTags(const vault::Tags &tags)
{
    const QSignalBlocker blockSelf(this);
    const QSignalBlocker block(m_table);
    m_table->setRowCount(0);
    for (auto it = tags.begin(); it != tags.end(); ++it)
        addRow(it.key(), it.value());
}

QList<TagRow> TagEditor::rows() const
{
    QList<TagRow> out;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QTableWidgetItem *name = m_table->item(r, 0);
        const QTableWidgetItem *value = m_table->item(r, 1);
        const QString n = name ? name->text() : QString();
        const QString v = value ? value->text() : QString();
        // A row left entirely empty is not a tag yet.
        if (n.isEmpty() && v.isEmpty())
            continue;
        out.append({n, v});
    }
    return out;
}

vault::Tags TagEditor::tags() const
{
    vault::Tags out;
    for (const auto &[name, value] : rows())
        if (!name.trimmed().isEmpty())
            out.insert(name, value);
    return out;
}

void TagEditor::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    m_table->setEditTriggers(readOnly ? QAbstractItemView::NoEditTriggers
                                      : QAbstractItemView::DoubleClicked
                                            | QAbstractItemView::EditKeyPressed
                                            | QAbstractItemView::AnyKeyPressed);
    m_add->setEnabled(!readOnly);
    m_remove->setEnabled(!readOnly && !m_table->selectedItems().isEmpty());
    for (QAction *action : m_table->actions())
        action->setEnabled(!readOnly);
}

void TagEditor::addRow(const QString &name, const QString &value, bool edit)
{
    const int row = m_table->rowCount();
    {
        const QSignalBlocker block(m_table);
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(name));
        m_table->setItem(row, 1, new QTableWidgetItem(value));
    }
    if (edit) {
        m_table->setCurrentCell(row, 0);
        m_table->editItem(m_table->item(row, 0));
    }
    if (!name.isEmpty() || !value.isEmpty())
        Q_EMIT changed();
}

void TagEditor::removeSelected()
{
    if (m_readOnly)
        return;
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.rbegin(), rows.rend());
    for (int row : rows)
        m_table->removeRow(row);
    if (!rows.isEmpty())
        Q_EMIT changed();
}

} // namespace vl::ui
