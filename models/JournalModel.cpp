// SPDX-License-Identifier: GPL-3.0-or-later
#include "JournalModel.h"

#include "ModelRoles.h"
#include "Presentation.h"
#include "journal/FlowExplainer.h"
#include "journal/RequestJournal.h"

#include <QColor>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

/// Semantic tints that read on light and dark palettes alike.
const QColor PassedTint(0x1a, 0x8f, 0x46);
const QColor FailedTint(0xdc, 0x3c, 0x40);
const QColor ChallengedTint(0xb8, 0x86, 0x0b);

/// The time of day with its seconds, in the user's locale.
QString timeText(const QDateTime &started)
{
    const QLocale locale;
    QString format = locale.timeFormat(QLocale::ShortFormat);
    if (!format.contains(u's')) {
        const qsizetype minutes = format.indexOf("mm"_L1);
        if (minutes >= 0)
            format.insert(minutes + 2, ":ss"_L1);
        else
            format = locale.timeFormat(QLocale::LongFormat);
    }
    return locale.toString(started.toLocalTime().time(), format);
}

/// The vault a Resource Manager path is about ("…/Microsoft.KeyVault/vaults/{name}").
QString vaultOfArmPath(const QString &path)
{
    static const QRegularExpression vault(u"/providers/Microsoft\\.KeyVault/vaults/([^/]+)"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    const auto m = vault.match(path);
    return m.hasMatch() ? m.captured(1) : QString();
}

/// The vault a Key Vault host names ("kv-contoso-prod.vault.azure.net").
QString vaultOfHost(const QString &host)
{
    const qsizetype dot = host.indexOf(u'.');
    if (dot <= 0)
        return {};
    const QString domain = host.mid(dot + 1).toLower();
    if (domain.startsWith("vault."_L1) || domain.startsWith("vaultcore."_L1)
        || domain.startsWith("managedhsm."_L1))
        return host.left(dot);
    return {};
}

bool isAnonymousChallenge(const RequestRecord &r)
{
    return r.service == Service::KeyVault && r.status == 401 && !r.token
           && headerValue(r.requestHeaders, "Authorization").isEmpty();
}

} // namespace

struct JournalModel::Verdict
{
    enum Kind { Passed, Failed, Challenged, Unknown };
    Kind kind = Unknown;
    QString text;
    QString toolTip;

    [[nodiscard]] QString outcomeId() const
    {
        switch (kind) {
        case Passed:
            return u"passed"_s;
        case Failed:
            return u"failed"_s;
        case Challenged:
            return u"challenged"_s;
        case Unknown:
            break;
        }
        return u"unknown"_s;
    }
    [[nodiscard]] QColor colour() const
    {
        switch (kind) {
        case Passed:
            return PassedTint;
        case Failed:
            return FailedTint;
        case Challenged:
            return ChallengedTint;
        case Unknown:
            break;
        }
        if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        return QColor(Qt::gray);
    }
};

JournalModel::JournalModel(RequestJournal &journal, QObject *parent)
    : QAbstractTableModel(parent)
    , m_journal(journal)
    , m_records(journal.records())
{
    connect(&m_journal, &RequestJournal::recordAdded, this, &JournalModel::onRecordAdded);
    connect(&m_journal, &RequestJournal::recordsRemoved, this, &JournalModel::onRecordsRemoved);
    connect(&m_journal, &RequestJournal::cleared, this, &JournalModel::onCleared);
    connect(&Presentation::instance(), &Presentation::changed, this, [this] {
        if (!m_records.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    });
}

JournalModel::~JournalModel() = default;

const RequestRecord *JournalModel::record(int row) const
{
    if (row < 0 || row >= m_records.size())
        return nullptr;
    return &m_records.at(row);
}

FlowExplanation JournalModel::explanation(int row) const
{
    const RequestRecord *r = record(row);
    if (!r)
        return {};
    if (const auto it = m_explanations.constFind(r->id); it != m_explanations.cend())
        return *it;
    // The records of the same exchange still in the journal (the record itself among them).
    const FlowExplanation e = FlowExplainer().explain(*r, m_journal.exchange(r->clientRequestId));
    m_explanations.insert(r->id, e);
    return e;
}

int JournalModel::rowOf(quint64 recordId) const
{
    if (m_records.isEmpty() || recordId < m_records.constFirst().id)
        return -1;
    // Ids grow by one per record and only the oldest are dropped.
    const quint64 offset = recordId - m_records.constFirst().id;
    if (offset < quint64(m_records.size()) && m_records.at(qsizetype(offset)).id == recordId)
        return int(offset);
    for (qsizetype i = 0; i < m_records.size(); ++i)
        if (m_records.at(i).id == recordId)
            return int(i);
    return -1;
}

void JournalModel::setHostLabel(const QString &host, const QString &label)
{
    const QString key = host.toLower();
    if (m_hostLabels.value(key) == label)
        return;
    if (label.isEmpty())
        m_hostLabels.remove(key);
    else
        m_hostLabels.insert(key, label);
    for (int row = 0; row < m_records.size(); ++row)
        if (hostOf(m_records.at(row).url) == key)
            Q_EMIT dataChanged(index(row, TargetColumn), index(row, TargetColumn));
}

QString JournalModel::hostOf(const QUrl &url)
{
    const QString host = url.host().toLower();
    return url.port() > 0 ? QString(host + u':' + QString::number(url.port())) : host;
}

QString JournalModel::hostLabel(const QUrl &url) const
{
    const QString host = hostOf(url);
    if (const auto it = m_hostLabels.constFind(host); it != m_hostLabels.cend())
        return *it;
    if (const QString vault = vaultOfHost(url.host()); !vault.isEmpty())
        return vault;
    if (const QString vault = vaultOfArmPath(url.path()); !vault.isEmpty())
        return vault;
    return host;
}

QString JournalModel::targetText(const RequestRecord &r) const
{
    QString path = r.url.path();
    if (path.isEmpty())
        path = u"/"_s;
    return hostLabel(r.url) + u" · "_s + path;
}

JournalModel::Verdict JournalModel::verdict(int row) const
{
    Verdict v;
    const RequestRecord *r = record(row);
    if (!r)
        return v;
    const FlowExplanation e = explanation(row);
    if (const FlowStep *failed = e.failedStep(); failed && e.answeredBy) {
        // A token refused with a challenge, which the next attempt answered.
        v.kind = Verdict::Challenged;
        v.text = tr("Challenged");
        v.toolTip = failed->summary;
        if (!failed->remedy.text.isEmpty())
            v.toolTip += u'\n' + failed->remedy.text;
        return v;
    }
    if (const FlowStep *failed = e.failedStep()) {
        v.kind = Verdict::Failed;
        v.text = tr("Failed at %1").arg(flowStageName(failed->stage));
        v.toolTip = failed->summary;
        if (!failed->remedy.text.isEmpty())
            v.toolTip += u'\n' + failed->remedy.text;
        return v;
    }
    if (isAnonymousChallenge(*r)) {
        v.kind = Verdict::Challenged;
        v.text = tr("Challenged");
        if (const FlowStep *challenge = e.step(FlowStage::Challenge))
            v.toolTip = challenge->summary;
        if (v.toolTip.isEmpty())
            v.toolTip = tr("Sent without a token to learn the vault's tenant from its challenge");
        return v;
    }
    const bool allPassed =
        !e.steps.isEmpty() && std::all_of(e.steps.cbegin(), e.steps.cend(), [](const FlowStep &s) {
            return s.outcome == FlowOutcome::Passed || s.outcome == FlowOutcome::Skipped;
        });
    if (r->isSuccess() && allPassed) {
        v.kind = Verdict::Passed;
        v.text = tr("Passed");
        v.toolTip = tr("Every stage of the flow passed");
        return v;
    }
    v.text = tr("Unknown");
    for (const FlowStep &s : e.steps)
        if (s.outcome == FlowOutcome::Unknown && !s.summary.isEmpty()) {
            v.toolTip = flowStageName(s.stage) + u": "_s + s.summary;
            break;
        }
    return v;
}

int JournalModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

int JournalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JournalModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RequestRecord &r = m_records.at(index.row());
    const QLocale locale;

    switch (role) {
    case RecordIdRole:
        return r.id;
    case ServiceRole:
        return int(r.service);
    case OutcomeRole:
        return verdict(index.row()).outcomeId();
    case HostRole:
        return hostOf(r.url);
    default:
        break;
    }

    switch (index.column()) {
    case TimeColumn:
        if (role == Qt::DisplayRole)
            return timeText(r.started);
        if (role == models::RawValueRole)
            return r.started.toMSecsSinceEpoch();
        if (role == Qt::ToolTipRole)
            return locale.toString(r.started.toLocalTime(), QLocale::LongFormat);
        break;
    case ServiceColumn:
        if (role == Qt::DisplayRole) {
            switch (r.service) {
            case Service::KeyVault:
                return tr("Key Vault");
            case Service::ResourceManager:
                return tr("Resource Manager");
            case Service::EntraId:
                return tr("Entra ID");
            case Service::Graph:
                return tr("Graph");
            case Service::ManagedIdentity:
                return tr("Managed identity");
            case Service::Other:
                return tr("Other");
            }
        }
        if (role == models::RawValueRole)
            return int(r.service);
        if (role == Qt::ToolTipRole && !r.operation.isEmpty())
            return r.operation;
        break;
    case MethodColumn:
        if (role == Qt::DisplayRole || role == models::RawValueRole)
            return QString::fromLatin1(r.method);
        if (role == Qt::ToolTipRole && !r.operation.isEmpty())
            return r.operation;
        break;
    case TargetColumn:
        if (role == Qt::DisplayRole)
            return Presentation::instance().text(targetText(r));
        if (role == models::RawValueRole)
            return targetText(r);
        if (role == Qt::ToolTipRole)
            return Presentation::instance().text(r.url.toDisplayString());
        break;
    case StatusColumn:
        if (role == Qt::DisplayRole)
            return r.hasHttpAnswer() ? QString::number(r.status) : tr("no answer");
        if (role == models::RawValueRole)
            return r.status;
        if (role == Qt::ToolTipRole)
            return r.hasHttpAnswer() ? Presentation::instance().text(r.error.summary())
                                     : r.networkError;
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (role == Qt::ForegroundRole && r.hasHttpAnswer() && !r.isSuccess()
            && !isAnonymousChallenge(r) && !explanation(index.row()).answeredBy)
            return FailedTint;
        break;
    case DurationColumn:
        if (role == Qt::DisplayRole)
            return tr("%1 ms").arg(locale.toString(r.durationMs));
        if (role == models::RawValueRole)
            return r.durationMs;
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case VerdictColumn: {
        if (role != Qt::DisplayRole && role != models::RawValueRole && role != Qt::ToolTipRole
            && role != Qt::ForegroundRole && role != Qt::DecorationRole)
            break;
        const Verdict v = verdict(index.row());
        if (role == Qt::DisplayRole)
            return v.text;
        if (role == models::RawValueRole)
            return int(v.kind);
        if (role == Qt::ToolTipRole)
            return Presentation::instance().text(v.toolTip);
        return v.colour();
    }
    default:
        break;
    }
    return {};
}

QVariant JournalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ServiceColumn:
        return tr("Service");
    case MethodColumn:
        return tr("Method");
    case TargetColumn:
        return tr("Target");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    case VerdictColumn:
        return tr("Verdict");
    default:
        return {};
    }
}

void JournalModel::onRecordAdded(const RequestRecord &record)
{
    const int row = int(m_records.size());
    beginInsertRows({}, row, row);
    m_records.append(record);
    endInsertRows();

    // Earlier records of the same exchange read differently now (a challenge answered).
    if (record.clientRequestId.isEmpty())
        return;
    QList<int> stale;
    for (auto it = m_explanations.begin(); it != m_explanations.end();) {
        const int r = rowOf(it.key());
        if (r >= 0 && m_records.at(r).clientRequestId == record.clientRequestId) {
            stale.append(r);
            it = m_explanations.erase(it);
        } else {
            ++it;
        }
    }
    for (const int r : std::as_const(stale))
        Q_EMIT dataChanged(index(r, StatusColumn), index(r, VerdictColumn));
}

void JournalModel::onRecordsRemoved(int count)
{
    const int n = std::min(count, int(m_records.size()));
    if (n <= 0)
        return;
    beginRemoveRows({}, 0, n - 1);
    for (int i = 0; i < n; ++i)
        m_explanations.remove(m_records.at(i).id);
    m_records.remove(0, n);
    endRemoveRows();
}

void JournalModel::onCleared()
{
    beginResetModel();
    m_records.clear();
    m_explanations.clear();
    endResetModel();
}

// ---- JournalFilter --------------------------------------------------------------------------

JournalFilter::JournalFilter(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(models::RawValueRole);
    setDynamicSortFilter(true);
}

JournalFilter::~JournalFilter() = default;

void JournalFilter::setHost(const QString &host)
{
    const QString h = host.toLower();
    if (h == m_host)
        return;
    m_host = h;
    invalidateFilter();
}

void JournalFilter::setService(std::optional<Service> service)
{
    if (service == m_service)
        return;
    m_service = service;
    invalidateFilter();
}

void JournalFilter::setOutcome(const QString &outcome)
{
    if (outcome == m_outcome)
        return;
    m_outcome = outcome;
    invalidateFilter();
}

bool JournalFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_host.isEmpty() && i.data(JournalModel::HostRole).toString() != m_host)
        return false;
    if (m_service && i.data(JournalModel::ServiceRole).toInt() != int(*m_service))
        return false;
    if (!m_outcome.isEmpty() && i.data(JournalModel::OutcomeRole).toString() != m_outcome)
        return false;
    return true;
}

} // namespace vl
