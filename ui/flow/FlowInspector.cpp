// SPDX-License-Identifier: GPL-3.0-or-later
#include "FlowInspector.h"

#include "ExplainErrorDialog.h"
#include "FlowDiagram.h"
#include "JournalModel.h"
#include "PrincipalDirectory.h"
#include "RequestReplay.h"
#include "Session.h"
#include "TokenPanel.h"
#include "journal/Har.h"
#include "journal/RequestJournal.h"
#include "util/Future.h"
#include "widgets/ErrorBanner.h"
#include "widgets/FormSupport.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {
namespace {

QComboBox *combo(const QString &name, const QString &accessible, QWidget *parent)
{
    auto *c = new QComboBox(parent);
    c->setObjectName(name);
    c->setAccessibleName(accessible);
    c->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    return c;
}

} // namespace

FlowInspector::FlowInspector(Session &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_filter(new JournalFilter(this))
    , m_view(new QTableView(this))
    , m_host(combo(u"hostFilter"_s, tr("Show requests to"), this))
    , m_service(combo(u"serviceFilter"_s, tr("Show requests of the service"), this))
    , m_outcome(combo(u"outcomeFilter"_s, tr("Show requests whose flow"), this))
    , m_importedBanner(new QLabel(this))
    , m_back(form::namedButton(tr("Back to this session"), u"backToSessionButton"_s,
                               tr("Show this session's requests again"), this))
    , m_tabs(new QTabWidget(this))
    , m_diagram(new FlowDiagram(this))
    , m_token(new TokenPanel(this))
    , m_remedy(new QLabel(this))
    , m_fix(form::namedButton(tr("&Fix…"), u"fixButton"_s, tr("Open the editor that fixes this"),
                              this))
    , m_retry(form::namedButton(tr("&Retry"), u"retryButton"_s, tr("Send the same request again"),
                                this))
    , m_error(new ErrorBanner(this))
{
    setObjectName(u"flowInspector"_s);

    m_host->addItem(tr("All targets"), QString());
    m_service->addItem(tr("All services"), -1);
    m_service->addItem(tr("Key Vault"), int(Service::KeyVault));
    m_service->addItem(tr("Resource Manager"), int(Service::ResourceManager));
    m_service->addItem(tr("Microsoft Graph"), int(Service::Graph));
    m_service->addItem(tr("Microsoft Entra ID"), int(Service::EntraId));
    m_service->addItem(tr("Managed identity"), int(Service::ManagedIdentity));
    m_outcome->addItem(tr("Any outcome"), QString());
    m_outcome->addItem(tr("Passed"), u"passed"_s);
    m_outcome->addItem(tr("Failed"), u"failed"_s);
    m_outcome->addItem(tr("Challenged"), u"challenged"_s);
    m_outcome->addItem(tr("Unknown"), u"unknown"_s);

    auto *explain = form::namedButton(tr("E&xplain an error…"), u"explainErrorButton"_s,
                                      tr("Explain an error pasted from another tool"), this);
    auto *exportHar = form::namedButton(tr("Export HAR…"), u"exportHarButton"_s,
                                        tr("Export the requests as a HAR file"), this);
    auto *importHar = form::namedButton(tr("Import HAR…"), u"importHarButton"_s,
                                        tr("View the flows of a HAR file"), this);
    auto *saveDiagram = form::namedButton(tr("Save diagram…"), u"saveDiagramButton"_s,
                                          tr("Save the flow diagram as PNG or SVG"), this);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_host);
    filters->addWidget(m_service);
    filters->addWidget(m_outcome);
    filters->addStretch();
    filters->addWidget(explain);
    filters->addWidget(exportHar);
    filters->addWidget(importHar);
    filters->addWidget(saveDiagram);

    m_importedBanner->setObjectName(u"importedBanner"_s);
    m_importedBanner->setWordWrap(true);
    auto *imported = new QHBoxLayout;
    imported->addWidget(m_importedBanner, 1);
    imported->addWidget(m_back);
    m_importedBanner->hide();
    m_back->hide();

    m_view->setObjectName(u"journalView"_s);
    m_view->setAccessibleName(tr("Requests of this session"));
    m_view->setModel(m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(false);
    m_view->verticalHeader()->hide();
    m_view->setWordWrap(false);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FlowInspector::showSelected);
    // The selected request reads differently once a later attempt answers it.
    connect(m_filter, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                const int row = m_view->currentIndex().row();
                if (row >= topLeft.row() && row <= bottomRight.row())
                    showSelected();
            });

    m_diagram->setObjectName(u"flowDiagram"_s);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"flowDiagramScroll"_s);
    scroll->setWidget(m_diagram);
    scroll->setWidgetResizable(true);
    m_token->setObjectName(u"tokenPanel"_s);
    m_tabs->setObjectName(u"flowTabs"_s);
    m_tabs->setAccessibleName(tr("The selected request"));
    m_tabs->addTab(scroll, tr("Flow"));
    m_tabs->addTab(m_token, tr("Token"));

    m_remedy->setObjectName(u"remedyText"_s);
    m_remedy->setWordWrap(true);
    m_remedy->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_remedy, 1);
    actions->addWidget(m_fix);
    actions->addWidget(m_retry);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_tabs, 1);
    rightLayout->addWidget(m_error);
    rightLayout->addLayout(actions);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(u"flowSplitter"_s);
    splitter->addWidget(m_view);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(imported);
    layout->addWidget(splitter, 1);

    m_fix->setEnabled(false);
    m_retry->setEnabled(false);

    connect(m_host, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setHost(m_host->currentData().toString()); });
    connect(m_service, &QComboBox::currentIndexChanged, this, [this] {
        const int s = m_service->currentData().toInt();
        m_filter->setService(s < 0 ? std::nullopt : std::optional(static_cast<Service>(s)));
    });
    connect(m_outcome, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setOutcome(m_outcome->currentData().toString()); });
    connect(explain, &QPushButton::clicked, this, &FlowInspector::openExplainDialog);
    connect(exportHar, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the requests"),
                                                          u"vaultlens.har"_s, tr("HAR (*.har)"));
        QString error;
        if (!path.isEmpty() && !this->exportHar(path, &error))
            m_error->showMessage(error);
        else if (!path.isEmpty())
            Q_EMIT statusMessage(tr("Requests exported to %1.").arg(path), 5000);
    });
    connect(importHar, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("View the flows of a HAR file"),
                                                          {}, tr("HAR (*.har *.json)"));
        QString error;
        if (!path.isEmpty() && !this->importHar(path, &error))
            m_error->showMessage(error);
    });
    connect(saveDiagram, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save the flow diagram"), u"flow.png"_s,
                                         tr("PNG image (*.png);;SVG drawing (*.svg)"));
        if (!path.isEmpty() && !m_diagram->exportTo(path))
            m_error->showMessage(tr("The diagram could not be written to %1.").arg(path));
    });
    connect(m_back, &QPushButton::clicked, this, &FlowInspector::showSession);
    connect(m_fix, &QPushButton::clicked, this, [this] {
        const int row = m_filter->mapToSource(m_view->currentIndex()).row();
        if (row < 0)
            return;
        const Remedy remedy = m_model->explanation(row).remedy();
        if (const RequestRecord *record = m_model->record(row))
            Q_EMIT remedyRequested(remedy, *record);
    });
    connect(m_retry, &QPushButton::clicked, this, &FlowInspector::retrySelected);

    useJournal(session.journal());
}

FlowInspector::~FlowInspector() = default;

void FlowInspector::layoutColumns()
{
    // Room for what each column holds, so the verdict shows without scrolling; the
    // target keeps both ends (vault and path) when it must be cut.
    m_view->setTextElideMode(Qt::ElideMiddle);
    const QFontMetrics metrics(m_view->font());
    const auto fit = [this, &metrics](int column, const QString &sample, int icon = 0) {
        const QString title = m_filter->headerData(column, Qt::Horizontal).toString();
        const int text =
            std::max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title));
        m_view->horizontalHeader()->resizeSection(column, text + 16 + icon);
    };
    fit(JournalModel::TimeColumn, u"00:00:00"_s);
    fit(JournalModel::ServiceColumn, tr("Resource Manager"));
    fit(JournalModel::MethodColumn, u"DELETE"_s);
    fit(JournalModel::TargetColumn, u"kv-contoso-prod · /secrets/name"_s);
    fit(JournalModel::StatusColumn, u"000"_s);
    fit(JournalModel::DurationColumn, tr("%1 ms").arg(9999));
    QString longestStage;
    for (int stage = 0; stage <= int(FlowStage::TokenRequest); ++stage) {
        const QString name = flowStageName(static_cast<FlowStage>(stage));
        if (metrics.horizontalAdvance(name) > metrics.horizontalAdvance(longestStage))
            longestStage = name;
    }
    fit(JournalModel::VerdictColumn, tr("Failed at %1").arg(longestStage),
        m_view->iconSize().width() > 0 ? m_view->iconSize().width() : 16);
    // At a glance: when, the verdict and the status first; then what and where.
    QHeaderView *header = m_view->horizontalHeader();
    header->moveSection(header->visualIndex(JournalModel::VerdictColumn), 1);
    header->moveSection(header->visualIndex(JournalModel::StatusColumn), 2);
    header->moveSection(header->visualIndex(JournalModel::MethodColumn), 3);
    header->moveSection(header->visualIndex(JournalModel::TargetColumn), 4);
    // The target takes the room left; the others keep their size.
    header->setStretchLastSection(false);
    header->setSectionResizeMode(JournalModel::TargetColumn, QHeaderView::Stretch);
}

void FlowInspector::useJournal(RequestJournal &journal)
{
    JournalModel *old = m_model;
    m_model = new JournalModel(journal, this);
    for (auto it = m_hostLabels.cbegin(); it != m_hostLabels.cend(); ++it)
        m_model->setHostLabel(it.key(), it.value());
    m_filter->setSourceModel(m_model);
    delete old;
    layoutColumns();
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { addHosts(first, last); });
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { addHosts(0, m_model->rowCount() - 1); });
    addHosts(0, m_model->rowCount() - 1);
    showSelected();
}

void FlowInspector::setHostLabel(const QString &host, const QString &label)
{
    m_hostLabels.insert(host, label);
    m_model->setHostLabel(host, label);
    const int index = m_host->findData(host);
    if (index >= 0)
        m_host->setItemText(index, label);
}

void FlowInspector::addHosts(int first, int last)
{
    // Only the new rows: this runs for every request the session sends.
    for (int row = first; row <= last; ++row) {
        const QString host = m_model->index(row, 0).data(JournalModel::HostRole).toString();
        if (!host.isEmpty() && m_host->findData(host) < 0)
            m_host->addItem(m_hostLabels.value(host, host), host);
    }
}

std::optional<RequestRecord> FlowInspector::selectedRecord() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    const RequestRecord *record = m_model->record(m_filter->mapToSource(current).row());
    return record ? std::optional(*record) : std::nullopt;
}

bool FlowInspector::selectRecord(quint64 recordId)
{
    const int row = m_model->rowOf(recordId);
    if (row < 0)
        return false;
    QModelIndex index = m_filter->mapFromSource(m_model->index(row, 0));
    if (!index.isValid()) {
        m_host->setCurrentIndex(0);
        m_service->setCurrentIndex(0);
        m_outcome->setCurrentIndex(0);
        index = m_filter->mapFromSource(m_model->index(row, 0));
    }
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return index.isValid();
}

void FlowInspector::selectLatest()
{
    const int rows = m_filter->rowCount();
    if (rows > 0)
        m_view->setCurrentIndex(m_filter->index(rows - 1, 0));
}

std::optional<quint64> FlowInspector::latestFailure() const
{
    for (int row = m_model->rowCount() - 1; row >= 0; --row)
        if (m_model->index(row, 0).data(JournalModel::OutcomeRole).toString() == "failed"_L1)
            return m_model->index(row, 0).data(JournalModel::RecordIdRole).toULongLong();
    return std::nullopt;
}

void FlowInspector::showSelected()
{
    m_error->clear();
    const QModelIndex current = m_view->currentIndex();
    const int row = current.isValid() ? m_filter->mapToSource(current).row() : -1;
    const RequestRecord *record = row >= 0 ? m_model->record(row) : nullptr;
    if (!record) {
        m_diagram->clear();
        m_token->setTokenInfo(std::nullopt);
        m_remedy->setText(tr("Select a request to see its flow."));
        m_fix->setEnabled(false);
        m_retry->setEnabled(false);
        return;
    }
    const FlowExplanation explanation = m_model->explanation(row);
    const auto titleOf = [this](const RequestRecord &r) {
        return QString(QString::fromLatin1(r.method) + u' ' + r.url.path() + u" · "_s
                       + (r.hasHttpAnswer() ? QString::number(r.status) : tr("no answer")));
    };
    const QString title = titleOf(*record);
    // A challenged attempt is drawn beside the attempt that answered it.
    const int answerRow = explanation.answeredBy ? m_model->rowOf(explanation.answeredBy) : -1;
    if (m_before && m_beforeId != record->id)
        m_diagram->setExplanations({*m_before, explanation}, {tr("Before"), title});
    else if (const RequestRecord *answer = m_model->record(answerRow))
        m_diagram->setExplanations(
            {explanation, m_model->explanation(answerRow)},
            {title, tr("Next attempt (#%1): %2").arg(answer->id).arg(titleOf(*answer))});
    else
        m_diagram->setExplanation(explanation, title);
    const QList<RequestRecord> exchange =
        m_imported ? QList<RequestRecord>{} : m_session.journal().exchange(record->clientRequestId);
    m_token->setTokenInfo(RequestReplay::tokenOf(*record, exchange));
    const Remedy remedy = explanation.remedy();
    const FlowStep *failed = explanation.failedStep();
    if (failed)
        m_remedy->setText(
            remedy.text.isEmpty()
                ? tr("Failed at %1: %2").arg(flowStageName(failed->stage), failed->summary)
                : remedy.text);
    else
        m_remedy->setText(tr("Every stage of this request's flow passed or was not needed."));
    const bool fixable = remedy.kind == Remedy::Kind::AddClientAddress
                         || remedy.kind == Remedy::Kind::GrantAccessPolicyPermission
                         || remedy.kind == Remedy::Kind::AssignRole
                         || remedy.kind == Remedy::Kind::SignInToTenant
                         || remedy.kind == Remedy::Kind::SignInAgain;
    m_fix->setEnabled(!m_imported && failed && fixable);
    const QString why = m_imported ? tr("Imported requests are not sent again.")
                                   : RequestReplay::whyNotRetry(m_session, *record);
    m_retry->setEnabled(why.isEmpty());
    m_retry->setToolTip(why);
}

void FlowInspector::retrySelected()
{
    const std::optional<RequestRecord> record = selectedRecord();
    if (!record || m_imported)
        return;
    const int row = m_model->rowOf(record->id);
    m_before = m_model->explanation(row);
    m_beforeId = record->id;
    m_retry->setEnabled(false);
    onFinished(RequestReplay::retry(m_session, *record), this,
               [this](const Result<RequestRecord> &r) {
                   if (!r) {
                       m_error->showError(r.error(), Service::Other, tr("Sending it again"));
                       m_before.reset();
                       showSelected();
                       return;
                   }
                   selectRecord(r->id);
                   Q_EMIT retried(*r);
               });
}

bool FlowInspector::exportHar(const QString &path, QString *error) const
{
    QString why;
    if (har::exportHarFile(m_session.journal(), path, &why))
        return true;
    if (error)
        *error = tr("%1 could not be written: %2").arg(path, why);
    return false;
}

bool FlowInspector::importHar(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("%1 could not be read: %2").arg(path, file.errorString());
        return false;
    }
    const Result<QList<RequestRecord>> records = har::importHar(file.readAll());
    if (!records) {
        if (error)
            *error = tr("%1 is not a HAR file VaultLens can read: %2")
                         .arg(path, records.error().message);
        return false;
    }
    auto journal = std::make_unique<RequestJournal>();
    journal->setMaximumSize(int(qMax<qsizetype>(records->size(), journal->maximumSize())));
    for (const RequestRecord &r : *records)
        journal->append(r);
    m_before.reset();
    useJournal(*journal);
    m_imported = std::move(journal);
    m_importedBanner->setText(
        tr("Viewing %n request(s) imported from %1.", nullptr, int(records->size()))
            .arg(QFileInfo(path).fileName()));
    m_importedBanner->show();
    m_back->show();
    return true;
}

void FlowInspector::showSession()
{
    if (!m_imported)
        return;
    m_before.reset();
    useJournal(m_session.journal());
    m_imported.reset();
    m_importedBanner->hide();
    m_back->hide();
}

void FlowInspector::openExplainDialog()
{
    // Principals are named through the first signed-in account that reaches Graph.
    std::optional<graph::GraphClient> graph;
    for (const Account &account : m_session.accounts().accounts())
        if ((graph = m_session.graph(account.id)))
            break;
    auto *directory = new PrincipalDirectory(std::move(graph), this);
    auto *dialog = new ExplainErrorDialog(directory, this);
    directory->setParent(dialog); // lives as long as the dialog
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExplainErrorDialog::remedyRequested, this,
            [this](const Remedy &remedy) { Q_EMIT remedyRequested(remedy, RequestRecord{}); });
    dialog->open();
}

} // namespace vl::ui
