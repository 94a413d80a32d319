// SPDX-License-Identifier: GPL-3.0-or-later
// AccessPolicyModel::apply: the staged entries as deltas (accessPolicies/add with the
// permissions gained, accessPolicies/remove with those lost), then the read-back that
// checks the same deltas.
#include "AccessPolicyModel.h"

#include "AccessPolicyFormat.h"
#include "PrincipalDirectory.h"
#include "access/Validation.h"
#include "util/Future.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace vl {

using access::ObjectKind;
namespace ap = accesspolicy;

namespace {

arm::AccessPolicyEntry withPermissions(arm::AccessPolicyEntry entry,
                                       const arm::Permissions &permissions)
{
    entry.permissions = permissions;
    return entry;
}

QString joined(ObjectKind kind, const QStringList &names)
{
    return ap::canonical(kind, names).join(u", "_s);
}

} // namespace

void AccessPolicyModel::apply()
{
    if (m_isApplying)
        return;
    m_isApplying = true;
    ++m_generation; // a load still running is superseded by the read-back
    m_report = ApplyReport{};
    m_applying.clear();
    m_queue.clear();
    QList<arm::AccessPolicyEntry> adds, removes;
    for (const Row &row : std::as_const(m_rows)) {
        Pending pending{row.state, row.entry, {}, {}};
        switch (row.state) {
        case RowState::Added:
            pending.gained = row.entry.permissions;
            break;
        case RowState::Changed:
            pending.entry = *row.base;
            pending.gained = ap::difference(row.entry.permissions, row.base->permissions);
            pending.lost = ap::difference(row.base->permissions, row.entry.permissions);
            break;
        case RowState::Removed:
            // The permissions it was read with: the service drops the entry once none is left.
            pending.entry = *row.base;
            pending.lost = row.base->permissions;
            break;
        case RowState::Unchanged:
            continue;
        }
        if (pending.entry.tenantId.isEmpty())
            pending.entry.tenantId = vaultTenantId();
        // An added entry is sent even without permissions (it is the entry that is staged);
        // a changed one only with what it gains or loses.
        if (row.state == RowState::Added || !ap::isEmpty(pending.gained))
            adds.append(withPermissions(pending.entry, pending.gained));
        if (row.state == RowState::Removed || !ap::isEmpty(pending.lost))
            removes.append(withPermissions(pending.entry, pending.lost));
        m_applying.append(pending);
    }
    // Additions first: an entry trading one permission for another never goes empty
    // (the service would drop it) between the two requests.
    const int max = access::Validation::MaxAccessPoliciesPerUpdate;
    auto enqueue = [&](arm::AccessPolicyOperation op, const QList<arm::AccessPolicyEntry> &list) {
        for (qsizetype i = 0; i < list.size(); i += max)
            m_queue.append(Batch{op, list.mid(i, max)});
    };
    enqueue(arm::AccessPolicyOperation::Add, adds);
    enqueue(arm::AccessPolicyOperation::Remove, removes);

    // Refuse the whole set before anything is sent when an entry is not valid.
    for (const Batch &batch : std::as_const(m_queue)) {
        for (const arm::AccessPolicyEntry &e : batch.entries) {
            if (const auto v = access::Validation::accessPolicyEntry(e, vaultTenantId()); !v) {
                m_report.error = AzureError::make(AzureError::Kind::Malformed, v.message);
                m_report.failedOperation =
                    tr("%1 (%2)").arg(operationText(batch.operation), principalLabel(e));
                break;
            }
        }
        if (m_report.error)
            break;
    }
    if (m_report.error)
        m_queue.clear();
    setBusy(true);
    if (!m_arm) {
        m_report.error = AzureError::make(AzureError::Kind::Unauthenticated,
                                          tr("No Azure Resource Manager access for this account."));
        finishApply(std::nullopt);
        return;
    }
    if (m_report.error) {
        readBack();
        return;
    }
    sendNext();
}

void AccessPolicyModel::sendNext()
{
    if (m_queue.isEmpty()) {
        readBack();
        return;
    }
    const Batch batch = m_queue.takeFirst();
    QStringList names;
    for (const arm::AccessPolicyEntry &e : batch.entries)
        names.append(principalLabel(e));
    const QString text =
        tr("%1: %2").arg(operationText(batch.operation), QLocale().createSeparatedList(names));
    onFinished(m_arm->updateAccessPolicies(m_location.resourceId, batch.operation, batch.entries),
               this, [this, text](const Result<arm::VaultAccessPolicyParameters> &r) {
                   if (!r) {
                       m_report.error = r.error();
                       m_report.failedOperation = text;
                       m_queue.clear();
                       readBack();
                       return;
                   }
                   m_report.sent.append(text);
                   sendNext();
               });
}

void AccessPolicyModel::readBack()
{
    onFinished(m_arm->getVault(m_location.resourceId), this, [this](const Result<arm::Vault> &r) {
        if (!r) {
            if (!m_report.error) {
                m_report.error = r.error();
                m_report.failedOperation = tr("Reading the vault back");
            }
            finishApply(std::nullopt);
            return;
        }
        finishApply(*r);
    });
}

void AccessPolicyModel::compareReadBack(const QList<arm::AccessPolicyEntry> &now)
{
    for (const Pending &pending : std::as_const(m_applying)) {
        const auto it = std::find_if(now.cbegin(), now.cend(), [&](const auto &e) {
            return ap::sameIdentity(e, pending.entry.objectId, pending.entry.applicationId);
        });
        const bool present = it != now.cend();
        const QString who = principalLabel(pending.entry);
        if (pending.state == RowState::Removed) {
            if (present)
                m_report.differences.append(
                    tr("%1 still has an access policy (%2); staged: removed.")
                        .arg(who, ap::lines(it->permissions).join(u"; "_s)));
            continue;
        }
        if (pending.state == RowState::Added && !present) {
            m_report.differences.append(tr("%1 has no access policy; staged: added.").arg(who));
            continue;
        }
        // Only the delta is checked: permissions others hold or added meanwhile are no
        // difference. A changed entry that is gone holds nothing.
        const arm::Permissions held = present ? it->permissions : arm::Permissions{};
        for (ObjectKind k : access::allObjectKinds) {
            const QStringList got = ap::list(held, k);
            const QStringList missing = ap::without(ap::list(pending.gained, k), got);
            if (!missing.isEmpty())
                m_report.differences.append(tr("%1 lacks %2: %3; staged: granted.")
                                                .arg(who, access::wireName(k), joined(k, missing)));
            const QStringList kept = ap::common(ap::list(pending.lost, k), got);
            if (!kept.isEmpty())
                m_report.differences.append(tr("%1 still holds %2: %3; staged: taken away.")
                                                .arg(who, access::wireName(k), joined(k, kept)));
        }
    }
}

void AccessPolicyModel::finishApply(const std::optional<arm::Vault> &vault)
{
    if (vault) {
        m_report.readBack = true;
        const QList<arm::AccessPolicyEntry> now =
            vault->properties.accessPolicies.value_or(QList<arm::AccessPolicyEntry>{});
        compareReadBack(now);
        m_base = now;
        m_vaultTenant = vault->properties.tenantId;
        m_vaultName = vault->name;
        m_loaded = true;
    }
    m_edits.clear();
    m_applying.clear();
    m_isApplying = false;
    refresh(true);
    resolvePrincipals();
    setBusy(false);
    Q_EMIT stagedChanged();
    const ApplyReport report = m_report;
    Q_EMIT applied(report);
}

} // namespace vl
