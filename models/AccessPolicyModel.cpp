// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccessPolicyModel.h"

#include "AccessPolicyFormat.h"
#include "ModelRoles.h"
#include "Presentation.h"
#include "PrincipalDirectory.h"
#include "Session.h"
#include "access/PermissionCatalogue.h"
#include "auth/AccountManager.h"
#include "util/Future.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

using namespace Qt::StringLiterals;

namespace vl {

using access::ObjectKind;
namespace ap = accesspolicy;

namespace {

constexpr std::array<ObjectKind, 4> ColumnKinds{ObjectKind::Keys, ObjectKind::Secrets,
                                                ObjectKind::Certificates, ObjectKind::Storage};

QString identityKey(const QString &objectId, const std::optional<QString> &applicationId)
{
    return QString(objectId + u'|' + applicationId.value_or(QString())).toLower();
}

std::optional<QString> normalizedApp(const std::optional<QString> &applicationId)
{
    if (!applicationId || applicationId->trimmed().isEmpty())
        return std::nullopt;
    return applicationId->trimmed();
}

arm::Permissions merged(const arm::Permissions &a, const arm::Permissions &b)
{
    arm::Permissions out = a;
    for (ObjectKind kind : access::allObjectKinds) {
        QStringList names = ap::list(a, kind);
        const QSet<QString> held = ap::nameSet(names);
        for (const QString &n : ap::list(b, kind))
            if (!held.contains(n.toLower()) && !names.contains(n, Qt::CaseInsensitive))
                names.append(n);
        if (!ap::list(b, kind).isEmpty())
            ap::setList(out, kind, names);
    }
    return out;
}

QString settingsAccountName(Session &session, const QString &accountId, bool objectId)
{
    const std::optional<Account> account = session.accounts().account(accountId);
    if (!account)
        return {};
    if (objectId)
        return account->objectId;
    return account->displayName.isEmpty() ? account->userName : account->displayName;
}

} // namespace

/// The rows of an AccessPolicyModel for views.
class AccessPolicyTable final : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit AccessPolicyTable(AccessPolicyModel &model)
        : QAbstractTableModel(&model)
        , m_model(model)
    {}

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_model.m_rows.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : AccessPolicyModel::ColumnCount;
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    void beginReset() { beginResetModel(); }
    void endReset() { endResetModel(); }
    void beginRemove(int row) { beginRemoveRows({}, row, row); }
    void endRemove() { endRemoveRows(); }
    void beginInsert(int row) { beginInsertRows({}, row, row); }
    void endInsert() { endInsertRows(); }
    void rowChanged(int row)
    {
        Q_EMIT dataChanged(index(row, 0), index(row, AccessPolicyModel::ColumnCount - 1));
    }

private:
    AccessPolicyModel &m_model;
};

QVariant AccessPolicyTable::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AccessPolicyModel::PrincipalColumn:
        return AccessPolicyModel::tr("Principal");
    case AccessPolicyModel::TypeColumn:
        return AccessPolicyModel::tr("Type");
    case AccessPolicyModel::KeysColumn:
        return AccessPolicyModel::tr("Keys");
    case AccessPolicyModel::SecretsColumn:
        return AccessPolicyModel::tr("Secrets");
    case AccessPolicyModel::CertificatesColumn:
        return AccessPolicyModel::tr("Certificates");
    case AccessPolicyModel::StorageColumn:
        return AccessPolicyModel::tr("Storage");
    case AccessPolicyModel::StagedColumn:
        return AccessPolicyModel::tr("Staged");
    default:
        return {};
    }
}

QVariant AccessPolicyTable::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AccessPolicyModel::Row &row = m_model.m_rows.at(index.row());
    const arm::AccessPolicyEntry &e = row.entry;
    const graph::Principal *principal = m_model.m_directory->find(e.objectId);
    const graph::PrincipalKind kind = principal ? principal->kind : graph::PrincipalKind::Unknown;
    const int column = index.column();

    if (role == Qt::FontRole && row.state == AccessPolicyModel::RowState::Removed) {
        QFont font;
        font.setStrikeOut(true);
        return font;
    }
    if (role == Qt::FontRole && row.state != AccessPolicyModel::RowState::Unchanged
        && column == AccessPolicyModel::StagedColumn) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == Qt::ForegroundRole && row.state == AccessPolicyModel::RowState::Removed)
        return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    if (role == Qt::DecorationRole && column == AccessPolicyModel::PrincipalColumn)
        return principalIcon(kind);
    if (role == Qt::ToolTipRole) {
        if (column >= AccessPolicyModel::KeysColumn && column <= AccessPolicyModel::StorageColumn) {
            const ObjectKind k = ColumnKinds[column - AccessPolicyModel::KeysColumn];
            const QString l = ap::line(k, ap::list(e.permissions, k));
            return l.isEmpty() ? AccessPolicyModel::tr("No %1 permissions")
                                     .arg(ap::categoryName(k).toLower())
                               : l;
        }
        QString tip =
            AccessPolicyModel::tr("Object id: %1").arg(Presentation::instance().guid(e.objectId));
        if (e.applicationId)
            tip += u'\n'
                   + AccessPolicyModel::tr("Application id: %1")
                         .arg(Presentation::instance().guid(*e.applicationId));
        return tip;
    }
    if (role != Qt::DisplayRole && role != models::RawValueRole)
        return {};
    const bool raw = role == models::RawValueRole;
    switch (column) {
    case AccessPolicyModel::PrincipalColumn: {
        const QString label = m_model.principalLabel(e);
        return raw ? QVariant(label.toLower()) : QVariant(label);
    }
    case AccessPolicyModel::TypeColumn:
        if (principal && !principal->isResolved())
            return AccessPolicyModel::tr("Unknown");
        return principal ? graph::kindName(kind) : AccessPolicyModel::tr("Resolving…");
    case AccessPolicyModel::KeysColumn:
    case AccessPolicyModel::SecretsColumn:
    case AccessPolicyModel::CertificatesColumn:
    case AccessPolicyModel::StorageColumn: {
        const ObjectKind k = ColumnKinds[column - AccessPolicyModel::KeysColumn];
        const QStringList names = ap::list(e.permissions, k);
        return raw ? QVariant(ap::weight(k, names)) : QVariant(ap::summary(k, names));
    }
    case AccessPolicyModel::StagedColumn:
        if (raw)
            return int(row.state);
        switch (row.state) {
        case AccessPolicyModel::RowState::Added:
            return AccessPolicyModel::tr("Added");
        case AccessPolicyModel::RowState::Changed:
            return AccessPolicyModel::tr("Changed");
        case AccessPolicyModel::RowState::Removed:
            return AccessPolicyModel::tr("Removed");
        case AccessPolicyModel::RowState::Unchanged:
            break;
        }
        return QString();
    default:
        return {};
    }
}

// ---------------------------------------------------------------------------------------

AccessPolicyModel::AccessPolicyModel(Session &session, VaultLocation location, QObject *parent)
    : AccessPolicyModel(session.arm(location.accountId, location.tenantId),
                        session.graph(location.accountId, location.tenantId), location,
                        settingsAccountName(session, location.accountId, true),
                        settingsAccountName(session, location.accountId, false), parent)
{
    const std::optional<Account> account = session.accounts().account(m_location.accountId);
    if (account && !account->isUser())
        m_selfKind = graph::PrincipalKind::ServicePrincipal;
}

AccessPolicyModel::AccessPolicyModel(std::optional<arm::ArmClient> arm,
                                     std::optional<graph::GraphClient> graph,
                                     VaultLocation location, QString signedInObjectId,
                                     QString signedInName, QObject *parent)
    : StagedEditor(parent)
    , m_arm(std::move(arm))
    , m_location(std::move(location))
    , m_selfObjectId(std::move(signedInObjectId))
    , m_selfName(std::move(signedInName))
    , m_directory(new PrincipalDirectory(std::move(graph), this))
    , m_table(new AccessPolicyTable(*this))
{
    connect(m_directory, &PrincipalDirectory::resolved, this, [this](const QStringList &ids) {
        const QSet<QString> wanted(ids.cbegin(), ids.cend());
        for (int r = 0; r < m_rows.size(); ++r)
            if (wanted.contains(m_rows.at(r).entry.objectId.toLower())
                || wanted.contains(m_rows.at(r).entry.applicationId.value_or(QString()).toLower()))
                m_table->rowChanged(r);
    });
    // The signed-in identity's groups count as its own in the lockout guard.
    connect(m_directory, &PrincipalDirectory::groupsResolved, this, [this](const QString &id) {
        if (id.compare(m_selfObjectId, Qt::CaseInsensitive) == 0)
            Q_EMIT stagedChanged();
    });
    connect(&Presentation::instance(), &Presentation::changed, this, [this] {
        if (!m_rows.isEmpty())
            Q_EMIT m_table->dataChanged(m_table->index(0, 0),
                                        m_table->index(int(m_rows.size()) - 1, ColumnCount - 1));
    });
}

AccessPolicyModel::~AccessPolicyModel() = default;

QAbstractTableModel *AccessPolicyModel::table() const
{
    return m_table;
}

QString AccessPolicyModel::vaultTenantId() const
{
    return m_vaultTenant.isEmpty() ? m_location.tenantId : m_vaultTenant;
}

QString AccessPolicyModel::vaultName() const
{
    return m_vaultName.isEmpty() ? m_location.name : m_vaultName;
}

QString AccessPolicyModel::title() const
{
    return tr("Access policies");
}

QList<arm::AccessPolicyEntry> AccessPolicyModel::workingEntries() const
{
    QList<arm::AccessPolicyEntry> out;
    for (const Row &row : m_rows)
        if (row.state != RowState::Removed)
            out.append(row.entry);
    return out;
}

arm::AccessPolicyEntry AccessPolicyModel::entry(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).entry : arm::AccessPolicyEntry{};
}

std::optional<arm::AccessPolicyEntry> AccessPolicyModel::baseEntry(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).base : std::nullopt;
}

AccessPolicyModel::RowState AccessPolicyModel::rowState(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).state : RowState::Unchanged;
}

bool AccessPolicyModel::isStagedRow(int row) const
{
    return rowState(row) != RowState::Unchanged;
}

int AccessPolicyModel::rowOf(const QString &objectId,
                             const std::optional<QString> &applicationId) const
{
    for (int r = 0; r < m_rows.size(); ++r)
        if (ap::sameIdentity(m_rows.at(r).entry, objectId, normalizedApp(applicationId)))
            return r;
    return -1;
}

QString AccessPolicyModel::principalLabel(const arm::AccessPolicyEntry &e) const
{
    const graph::Principal *p = m_directory->find(e.objectId);
    QString name = m_directory->label(e.objectId);
    if (p && !p->isResolved())
        name = tr("Unknown principal (%1)").arg(Presentation::instance().guid(e.objectId));
    if (!e.applicationId)
        return name;
    // A compound identity: the application acting for the principal.
    return tr("%1 for %2").arg(m_directory->applicationLabel(*e.applicationId), name);
}

// ---- staging ---------------------------------------------------------------------------

const arm::AccessPolicyEntry *
AccessPolicyModel::baseFor(const QString &objectId,
                           const std::optional<QString> &applicationId) const
{
    for (const arm::AccessPolicyEntry &e : m_base)
        if (ap::sameIdentity(e, objectId, applicationId))
            return &e;
    return nullptr;
}

int AccessPolicyModel::editIndex(const QString &objectId,
                                 const std::optional<QString> &applicationId) const
{
    const QString key = identityKey(objectId, applicationId);
    for (int i = 0; i < m_edits.size(); ++i)
        if (identityKey(m_edits.at(i).objectId, m_edits.at(i).applicationId) == key)
            return i;
    return -1;
}

void AccessPolicyModel::setEdit(Edit edit)
{
    edit.applicationId = normalizedApp(edit.applicationId);
    const int i = editIndex(edit.objectId, edit.applicationId);
    const arm::AccessPolicyEntry *base = baseFor(edit.objectId, edit.applicationId);
    // An edit that ends where the base is, or removes what is not there, is no edit.
    const bool noop =
        (base && edit.permissions && ap::samePermissions(*edit.permissions, base->permissions))
        || (!base && !edit.permissions);
    if (noop) {
        if (i >= 0)
            m_edits.removeAt(i);
    } else if (i >= 0) {
        m_edits[i] = std::move(edit);
    } else {
        m_edits.append(std::move(edit));
    }
    refresh(false);
    Q_EMIT stagedChanged();
}

void AccessPolicyModel::stageAdd(arm::AccessPolicyEntry entry)
{
    if (m_isApplying)
        return;
    entry.applicationId = normalizedApp(entry.applicationId);
    const int row = rowOf(entry.objectId, entry.applicationId);
    Edit edit{entry.objectId, entry.applicationId,
              entry.tenantId.isEmpty() ? vaultTenantId() : entry.tenantId, entry.permissions};
    if (row >= 0 && m_rows.at(row).state != RowState::Removed)
        edit.permissions = merged(m_rows.at(row).entry.permissions, entry.permissions);
    m_directory->resolve({entry.objectId});
    setEdit(std::move(edit));
}

bool AccessPolicyModel::stageReplace(const QString &objectId,
                                     const std::optional<QString> &applicationId,
                                     const arm::Permissions &permissions)
{
    if (m_isApplying)
        return false;
    const int row = rowOf(objectId, applicationId);
    if (row < 0)
        return false;
    const arm::AccessPolicyEntry &e = m_rows.at(row).entry;
    setEdit(Edit{e.objectId, e.applicationId, e.tenantId, permissions});
    return true;
}

bool AccessPolicyModel::stageRemove(const QString &objectId,
                                    const std::optional<QString> &applicationId)
{
    if (m_isApplying)
        return false;
    const int row = rowOf(objectId, applicationId);
    if (row < 0)
        return false;
    const arm::AccessPolicyEntry &e = m_rows.at(row).entry;
    setEdit(Edit{e.objectId, e.applicationId, e.tenantId, std::nullopt});
    return true;
}

void AccessPolicyModel::stageGrant(const QString &principalId, ObjectKind kind,
                                   const QString &permission)
{
    if (m_isApplying)
        return;
    arm::AccessPolicyEntry e;
    e.objectId = principalId;
    e.tenantId = vaultTenantId();
    ap::setList(e.permissions, kind,
                {access::PermissionCatalogue::canonical(kind, permission).value_or(permission)});
    stageAdd(std::move(e));
}

void AccessPolicyModel::discardStaged()
{
    if (m_isApplying || m_edits.isEmpty())
        return;
    m_edits.clear();
    refresh(false);
    Q_EMIT stagedChanged();
}

QList<AccessPolicyModel::Row> AccessPolicyModel::computeRows() const
{
    QList<Row> rows;
    QSet<int> used;
    for (const arm::AccessPolicyEntry &b : m_base) {
        Row row{b, b, RowState::Unchanged};
        const int i = editIndex(b.objectId, normalizedApp(b.applicationId));
        if (i >= 0) {
            used.insert(i);
            const Edit &edit = m_edits.at(i);
            if (!edit.permissions)
                row.state = RowState::Removed;
            else if (!ap::samePermissions(*edit.permissions, b.permissions)) {
                row.entry.permissions = *edit.permissions;
                row.state = RowState::Changed;
            }
        }
        rows.append(row);
    }
    for (int i = 0; i < m_edits.size(); ++i) {
        const Edit &edit = m_edits.at(i);
        if (used.contains(i) || !edit.permissions)
            continue;
        arm::AccessPolicyEntry e;
        e.tenantId = edit.tenantId;
        e.objectId = edit.objectId;
        e.applicationId = edit.applicationId;
        e.permissions = *edit.permissions;
        rows.append(Row{e, std::nullopt, RowState::Added});
    }
    return rows;
}

void AccessPolicyModel::refresh(bool reset)
{
    QList<Row> rows = computeRows();
    if (reset) {
        m_table->beginReset();
        m_rows = std::move(rows);
        m_table->endReset();
        return;
    }
    // Rows keep their relative order: drop the rows gone, then insert or update in place.
    auto key = [](const Row &r) {
        return identityKey(r.entry.objectId, r.entry.applicationId);
    };
    QSet<QString> wanted;
    for (const Row &r : rows)
        wanted.insert(key(r));
    for (int r = int(m_rows.size()) - 1; r >= 0; --r) {
        if (wanted.contains(key(m_rows.at(r))))
            continue;
        m_table->beginRemove(r);
        m_rows.removeAt(r);
        m_table->endRemove();
    }
    for (int r = 0; r < rows.size(); ++r) {
        if (r < m_rows.size() && key(m_rows.at(r)) == key(rows.at(r))) {
            const Row &old = m_rows.at(r);
            const bool same = old.state == rows.at(r).state && old.entry == rows.at(r).entry;
            m_rows[r] = rows.at(r);
            if (!same)
                m_table->rowChanged(r);
            continue;
        }
        m_table->beginInsert(r);
        m_rows.insert(r, rows.at(r));
        m_table->endInsert();
    }
}

// ---- diff and guards -------------------------------------------------------------------

QString AccessPolicyModel::operationText(arm::AccessPolicyOperation operation) const
{
    return u"PUT accessPolicies/"_s + arm::accessPolicyOperationName(operation);
}

QList<StagedChange> AccessPolicyModel::stagedChanges() const
{
    QList<StagedChange> adds, changes, removes;
    for (const Row &row : m_rows) {
        if (row.state == RowState::Unchanged)
            continue;
        const graph::Principal *p = m_directory->find(row.entry.objectId);
        const QString kind = p ? graph::kindName(p->kind) : tr("Unknown");
        StagedChange c;
        c.subject = tr("Access policy of %1 (%2)").arg(principalLabel(row.entry), kind);
        switch (row.state) {
        case RowState::Added:
            c.kind = StagedChange::Kind::Add;
            c.after = ap::lines(row.entry.permissions);
            c.operation = operationText(arm::AccessPolicyOperation::Add);
            adds.append(c);
            break;
        case RowState::Changed:
            c.kind = StagedChange::Kind::Modify;
            for (ObjectKind k : access::allObjectKinds) {
                const QStringList before = ap::list(row.base->permissions, k);
                const QStringList after = ap::list(row.entry.permissions, k);
                if (ap::nameSet(before) == ap::nameSet(after))
                    continue;
                if (!before.isEmpty())
                    c.before.append(ap::line(k, before));
                c.after.append(after.isEmpty() ? QString(access::wireName(k) + u": —"_s)
                                               : ap::line(k, after));
            }
            // The permissions gained are added and those lost removed: the entry is never
            // replaced, so permissions others add meanwhile are kept.
            c.operation =
                QString(operationText(arm::AccessPolicyOperation::Add) + u" + "_s
                        + arm::accessPolicyOperationName(arm::AccessPolicyOperation::Remove));
            changes.append(c);
            break;
        case RowState::Removed:
            c.kind = StagedChange::Kind::Remove;
            c.before = ap::lines(row.entry.permissions);
            c.operation = operationText(arm::AccessPolicyOperation::Remove);
            removes.append(c);
            break;
        case RowState::Unchanged:
            break;
        }
    }
    return adds + changes + removes;
}

QList<GuardWarning> AccessPolicyModel::guardWarnings() const
{
    QList<GuardWarning> out;
    bool keptThroughGroups = false;
    const std::optional<GuardWarning> throughGroups = groupLockout(&keptThroughGroups);
    // The signed-in person's own entry losing permissions (unless a group's entry keeps them).
    if (!m_selfObjectId.isEmpty() && !keptThroughGroups) {
        for (const Row &row : m_rows) {
            if (!row.base || row.entry.applicationId
                || row.entry.objectId.compare(m_selfObjectId, Qt::CaseInsensitive) != 0)
                continue;
            QStringList lostLines;
            for (ObjectKind k : access::allObjectKinds) {
                const QStringList before = ap::list(row.base->permissions, k);
                const QStringList after = row.state == RowState::Removed
                                              ? QStringList{}
                                              : ap::list(row.entry.permissions, k);
                const QStringList gone = ap::lost(k, before, after);
                if (!gone.isEmpty())
                    lostLines.append(ap::line(k, gone));
            }
            if (lostLines.isEmpty())
                continue;
            const QString who = m_selfName.isEmpty() ? m_directory->label(m_selfObjectId)
                                                     : Presentation::instance().text(m_selfName);
            const QString consequence =
                row.state == RowState::Removed
                    ? tr("You (%1) will lose your access policy on %2, with %3.")
                          .arg(who, vaultName(), lostLines.join(u"; "_s))
                    : tr("You (%1) will lose %2 on %3.")
                          .arg(who, lostLines.join(u"; "_s), vaultName());
            out.append(GuardWarning{GuardWarning::SelfLockout, consequence});
        }
    }
    if (throughGroups)
        out.append(*throughGroups);
    // The last principal with full management of keys, secrets and certificates.
    QStringList hadFull;
    bool keepsFull = false;
    for (const Row &row : m_rows) {
        if (row.base && ap::fullManagement(row.base->permissions))
            hadFull.append(principalLabel(row.entry));
        if (row.state != RowState::Removed && ap::fullManagement(row.entry.permissions))
            keepsFull = true;
    }
    if (!hadFull.isEmpty() && !keepsFull)
        out.append(GuardWarning{
            GuardWarning::LastFullRights,
            tr("No one will keep full management of keys, secrets and certificates on %1: %2 "
               "lose it.")
                .arg(vaultName(), QLocale().createSeparatedList(hadFull))});
    return out;
}

std::optional<GuardWarning> AccessPolicyModel::groupLockout(bool *keptThroughGroups) const
{
    // What the signed-in identity holds through its own entry and its groups' entries,
    // before and after: a group's entry losing what no other entry keeps.
    *keptThroughGroups = false;
    const std::optional<QStringList> groups = m_directory->groupsOf(m_selfObjectId);
    if (m_selfObjectId.isEmpty() || !groups || groups->isEmpty())
        return std::nullopt;
    QHash<ObjectKind, QStringList> before, after;
    QStringList changedGroups;
    for (const Row &row : m_rows) {
        if (row.entry.applicationId)
            continue;
        const bool group = groups->contains(row.entry.objectId.toLower());
        if (!group && row.entry.objectId.compare(m_selfObjectId, Qt::CaseInsensitive) != 0)
            continue;
        for (ObjectKind k : access::allObjectKinds) {
            if (row.base)
                before[k] += ap::list(row.base->permissions, k);
            if (row.state != RowState::Removed)
                after[k] += ap::list(row.entry.permissions, k);
        }
        if (group && row.base && row.state != RowState::Unchanged)
            changedGroups.append(principalLabel(row.entry));
    }
    QStringList lostLines;
    for (ObjectKind k : access::allObjectKinds) {
        before[k].removeDuplicates();
        after[k].removeDuplicates();
        if (const QStringList gone = ap::lost(k, before[k], after[k]); !gone.isEmpty())
            lostLines.append(ap::line(k, gone));
    }
    *keptThroughGroups = lostLines.isEmpty();
    if (changedGroups.isEmpty() || lostLines.isEmpty())
        return std::nullopt;
    const QString who = m_selfName.isEmpty() ? m_directory->label(m_selfObjectId)
                                             : Presentation::instance().text(m_selfName);
    const QString text = changedGroups.size() == 1
                             ? tr("You (%1) will lose %2 on %3, held through the group %4.")
                             : tr("You (%1) will lose %2 on %3, held through the groups %4.");
    return GuardWarning{GuardWarning::SelfLockout,
                        text.arg(who, lostLines.join(u"; "_s), vaultName(),
                                 QLocale().createSeparatedList(changedGroups))};
}

// ---- load ------------------------------------------------------------------------------

void AccessPolicyModel::resolvePrincipals()
{
    QStringList ids;
    QStringList apps;
    for (const Row &row : std::as_const(m_rows)) {
        ids.append(row.entry.objectId);
        if (row.entry.applicationId)
            apps.append(*row.entry.applicationId);
    }
    m_directory->resolve(ids);
    m_directory->resolveApplications(apps);
    m_directory->resolveGroupsOf(m_selfObjectId, m_selfKind);
}

void AccessPolicyModel::reload()
{
    if (m_isApplying)
        return;
    if (!m_arm || m_location.resourceId.isEmpty()) {
        Q_EMIT loadFailed(AzureError::make(
            AzureError::Kind::Unauthenticated,
            tr("Access policies are read through Azure Resource Manager, which this account or "
               "vault does not reach.")));
        return;
    }
    const int generation = ++m_generation;
    setBusy(true);
    onFinished(m_arm->getVault(m_location.resourceId), this,
               [this, generation](const Result<arm::Vault> &r) {
                   // A later reload, or an apply (whose read-back is newer), supersedes this
                   // answer.
                   if (generation != m_generation)
                       return;
                   setBusy(false);
                   if (!r) {
                       Q_EMIT loadFailed(r.error());
                       return;
                   }
                   m_base = r->properties.accessPolicies.value_or(QList<arm::AccessPolicyEntry>{});
                   m_vaultTenant = r->properties.tenantId;
                   m_vaultName = r->name;
                   m_loaded = true;
                   // Edits that the new base already satisfies are done.
                   const QList<Edit> edits = m_edits;
                   m_edits.clear();
                   for (const Edit &e : edits) {
                       const arm::AccessPolicyEntry *base = baseFor(e.objectId, e.applicationId);
                       if ((base && e.permissions
                            && ap::samePermissions(*e.permissions, base->permissions))
                           || (!base && !e.permissions))
                           continue;
                       m_edits.append(e);
                   }
                   refresh(true);
                   resolvePrincipals();
                   Q_EMIT loaded();
                   Q_EMIT stagedChanged();
               });
}

} // namespace vl

#include "AccessPolicyModel.moc"
