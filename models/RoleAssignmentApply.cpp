// SPDX-License-Identifier: GPL-3.0-or-later
// RoleAssignmentModel::apply: the staged creates and deletes one by one, then the read-back.
#include "RoleAssignmentModel.h"
#include "RoleAssignmentModel_p.h"

#include "RoleAssignmentTable.h"
#include "Session.h"
#include "util/Future.h"

using namespace Qt::StringLiterals;

namespace vl {

using namespace rbacdetail;

void RoleAssignmentModel::apply()
{
    if (m_applying)
        return;
    QList<RoleAssignmentRow> queue;
    for (const RoleAssignmentRow &row : std::as_const(m_rows))
        if (row.staged == RoleAssignmentRow::Staged::Added)
            queue.append(row);
    for (const RoleAssignmentRow &row : std::as_const(m_rows))
        if (row.staged == RoleAssignmentRow::Staged::Removed)
            queue.append(row);
    m_applying = true;
    ++m_generation; // a load still running is superseded by the read-back
    setBusy(true);
    sendNext(0, queue, std::make_shared<ApplyReport>());
}

void RoleAssignmentModel::sendNext(int index, QList<RoleAssignmentRow> queue,
                                   std::shared_ptr<ApplyReport> report)
{
    if (index >= queue.size()) {
        readBack(std::move(queue), std::move(report));
        return;
    }
    const RoleAssignmentRow row = queue.at(index);
    const arm::RoleAssignment &a = row.assignment;
    const bool add = row.staged == RoleAssignmentRow::Staged::Added;
    const QString operation =
        QString((add ? u"PUT roleAssignments/"_s : u"DELETE roleAssignments/"_s) + a.name);
    const auto arm = m_session.arm(m_location.accountId, m_location.tenantId);
    if (!arm) {
        report->error = AzureError::make(AzureError::Kind::Unauthenticated,
                                         tr("The account of this vault is not signed in."));
        report->failedOperation = operation;
        readBack(std::move(queue), std::move(report));
        return;
    }
    const auto next = [this, index, queue, report, operation,
                       line = QString(operation + u": "_s + describe(a))](
                          const std::optional<AzureError> &error) {
        if (error) {
            report->error = *error;
            report->failedOperation = operation;
            readBack(queue, report);
            return;
        }
        report->sent << line;
        sendNext(index + 1, queue, report);
    };
    if (add) {
        arm::RoleAssignmentCreateParameters parameters;
        parameters.roleDefinitionId = a.roleDefinitionId;
        parameters.principalId = a.principalId;
        parameters.principalType = a.principalType;
        onFinished(arm->createRoleAssignment(a.scope, parameters, a.name), this,
                   [next](const Result<arm::RoleAssignment> &r) {
                       next(r ? std::nullopt : std::optional(r.error()));
                   });
    } else {
        onFinished(arm->deleteRoleAssignment(a.id), this, [next](const Result<Done> &r) {
            next(r ? std::nullopt : std::optional(r.error()));
        });
    }
}

void RoleAssignmentModel::readBack(QList<RoleAssignmentRow> sentQueue,
                                   std::shared_ptr<ApplyReport> report)
{
    listAll({}, {}, [this, sentQueue, report](const Result<QList<arm::RoleAssignment>> &r) {
        if (r) {
            report->readBack = true;
            for (const RoleAssignmentRow &row : sentQueue) {
                const arm::RoleAssignment &want = row.assignment;
                if (row.staged == RoleAssignmentRow::Staged::Added) {
                    const bool present =
                        std::any_of(r->begin(), r->end(), [&](const arm::RoleAssignment &a) {
                            return sameText(a.principalId, want.principalId)
                                   && sameRole(a.roleDefinitionId, want.roleDefinitionId)
                                   && sameScope(a.scope, want.scope);
                        });
                    if (!present)
                        report->differences
                            << tr("Not in place: %1 (%2 was not read back).")
                                   .arg(describe(want), QString(u"roleAssignments/"_s + want.name));
                } else {
                    const bool present =
                        std::any_of(r->begin(), r->end(), [&](const arm::RoleAssignment &a) {
                            return sameText(a.id, want.id);
                        });
                    if (present)
                        report->differences << tr("Still present: %1 (roleAssignments/%2).")
                                                   .arg(describe(want), want.name);
                }
            }
        } else if (!report->error) {
            report->error = r.error();
            report->failedOperation = tr("Read back the role assignments");
        }
        // The staged edits are over: sent or dropped, as the report says.
        for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
            if (m_rows[i].staged == RoleAssignmentRow::Staged::Added) {
                m_table->beginRemoveRows({}, i, i);
                m_rows.removeAt(i);
                m_table->endRemoveRows();
            } else if (m_rows[i].staged == RoleAssignmentRow::Staged::Removed) {
                m_rows[i].staged = RoleAssignmentRow::Staged::None;
                notifyRow(i);
            }
        }
        if (r) {
            syncRows(*r);
            m_loaded = true;
            lookUpNames(*r);
        }
        m_applying = false;
        setBusy(false);
        Q_EMIT stagedChanged();
        if (r)
            Q_EMIT loaded();
        Q_EMIT applied(*report);
    });
}

} // namespace vl
