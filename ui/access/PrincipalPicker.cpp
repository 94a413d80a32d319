// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/PrincipalPicker.h"

#include "Presentation.h"
#include "PrincipalDirectory.h"
#include "util/Future.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {

constexpr int DebounceMs = 250;
constexpr int PrincipalRole = Qt::UserRole + 1;

/// The sign-in name (users) or application id (service principals) shown under the name.
QString secondaryLine(const graph::Principal &p)
{
    const Presentation &presentation = Presentation::instance();
    QString kind = graph::kindName(p.kind);
    if (!p.userPrincipalName.isEmpty())
        return QString(kind + u" · "_s + presentation.text(p.userPrincipalName));
    if (!p.appId.isEmpty())
        return QString(kind + u" · "_s
                       + PrincipalPicker::tr("app %1").arg(presentation.guid(p.appId)));
    if (!p.mail.isEmpty())
        return QString(kind + u" · "_s + presentation.text(p.mail));
    return kind;
}

} // namespace

PrincipalPicker::PrincipalPicker(PrincipalDirectory &directory, QWidget *parent)
    : QWidget(parent)
    , m_directory(directory)
    , m_field(new QLineEdit(this))
    , m_results(new QListWidget(this))
    , m_status(new QLabel(this))
    , m_debounce(new QTimer(this))
{
    m_field->setObjectName(u"principalSearch"_s);
    m_field->setAccessibleName(tr("Search principals"));
    m_field->setPlaceholderText(tr("Search users, groups and applications by name"));
    m_field->setClearButtonEnabled(true);

    m_results->setObjectName(u"principalResults"_s);
    m_results->setAccessibleName(tr("Matching principals"));
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->setIconSize(QSize(24, 24));
    m_results->setUniformItemSizes(true);
    m_results->setMinimumHeight(140);

    m_status->setObjectName(u"principalSearchStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setText(tr("Type the start of a name to search the directory."));

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(DebounceMs);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_field);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_status);
    setFocusProxy(m_field);

    connect(m_field, &QLineEdit::textEdited, m_debounce, qOverload<>(&QTimer::start));
    connect(m_field, &QLineEdit::returnPressed, this, [this] {
        m_debounce->stop();
        startSearch();
    });
    connect(m_debounce, &QTimer::timeout, this, &PrincipalPicker::startSearch);
    connect(m_results, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && row < m_matches.size())
            m_directory.insert(m_matches.at(row));
        Q_EMIT selectedChanged();
    });
}

PrincipalPicker::~PrincipalPicker() = default;

void PrincipalPicker::setKinds(const QList<graph::PrincipalKind> &kinds)
{
    m_kinds = kinds;
    if (!m_field->text().trimmed().isEmpty())
        startSearch();
}

void PrincipalPicker::search(const QString &text)
{
    m_field->setText(text);
    m_debounce->stop();
    startSearch();
}

void PrincipalPicker::setSelected(const graph::Principal &principal)
{
    ++m_generation; // an answer still on its way must not replace this
    m_debounce->stop();
    m_directory.insert(principal);
    m_matches = {principal};
    const QSignalBlocker blocker(m_results);
    m_results->clear();
    auto *item = new QListWidgetItem(principalIcon(principal.kind),
                                     QString(Presentation::instance().text(principal.label())
                                             + u'\n' + secondaryLine(principal)),
                                     m_results);
    item->setData(PrincipalRole, principal.id);
    m_results->setCurrentRow(0);
    m_status->clear();
    Q_EMIT selectedChanged();
}

std::optional<graph::Principal> PrincipalPicker::selected() const
{
    const int row = m_results->currentRow();
    if (row < 0 || row >= m_matches.size() || !m_results->item(row)->isSelected())
        return std::nullopt;
    return m_matches.at(row);
}

void PrincipalPicker::startSearch()
{
    const QString text = m_field->text().trimmed();
    const int generation = ++m_generation;
    const bool hadSelection = selected().has_value();
    m_matches.clear();
    {
        const QSignalBlocker blocker(m_results);
        m_results->clear();
    }
    if (hadSelection)
        Q_EMIT selectedChanged();
    if (text.isEmpty()) {
        m_status->setText(tr("Type the start of a name to search the directory."));
        return;
    }
    const std::optional<graph::GraphClient> &graph = m_directory.graph();
    if (!graph) {
        m_status->setText(tr("This account cannot search Microsoft Graph."));
        Q_EMIT searchFinished(-1);
        return;
    }
    m_status->setText(tr("Searching for “%1”…").arg(text));
    onFinished(graph->searchAll(text, graph::SearchMode::Prefix), this,
               [this, generation, text](const Result<QList<graph::Principal>> &r) {
                   if (generation != m_generation)
                       return; // a later search or a selection replaced this one
                   if (!r) {
                       m_status->setText(tr("The search failed: %1").arg(r.error().message));
                       Q_EMIT searchFinished(-1);
                       return;
                   }
                   const QSignalBlocker blocker(m_results);
                   for (const graph::Principal &p : *r) {
                       if (!m_kinds.isEmpty() && !m_kinds.contains(p.kind))
                           continue;
                       m_matches.append(p);
                       auto *item =
                           new QListWidgetItem(principalIcon(p.kind),
                                               QString(Presentation::instance().text(p.label())
                                                       + u'\n' + secondaryLine(p)),
                                               m_results);
                       item->setData(PrincipalRole, p.id);
                       item->setToolTip(Presentation::instance().guid(p.id));
                   }
                   const int count = int(m_matches.size());
                   if (count == 0)
                       m_status->setText(tr("No principal’s name starts with “%1”.").arg(text));
                   else
                       m_status->setText(tr("%n match(es); choose one.", nullptr, count));
                   Q_EMIT searchFinished(count);
               });
}

} // namespace vl::ui
