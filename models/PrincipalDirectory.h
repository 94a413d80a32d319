// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/GraphClient.h"
#include "graph/Principal.h"

#include <QHash>
#include <QIcon>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <optional>

namespace vl {

/**
 * @brief The principals behind the object ids an editor shows, resolved
 * through Graph once and kept for the editor's life.
 *
 * ```
 *  resolve(ids) ─► GraphClient::resolve (only ids not known or pending) ─► resolved(ids)
 *  find(id): the Principal, Principal::unresolved(id) when the directory does not
 *            know it (deleted, another tenant's), or nullptr while unknown
 * ```
 *
 * Without a Graph client (an account that cannot reach Graph) every id stays
 * unknown and failed() reports why once.
 */
class PrincipalDirectory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrincipalDirectory)

public:
    explicit PrincipalDirectory(std::optional<graph::GraphClient> graph, QObject *parent = nullptr);
    ~PrincipalDirectory() override;

    [[nodiscard]] bool hasGraph() const { return m_graph.has_value(); }
    [[nodiscard]] const std::optional<graph::GraphClient> &graph() const { return m_graph; }

    /// The principal of @p id once resolved (case-insensitive); nullptr before.
    [[nodiscard]] const graph::Principal *find(const QString &id) const;
    /// True when @p id was asked for and no answer came yet.
    [[nodiscard]] bool isPending(const QString &id) const;
    /// Resolves the ids not known yet (one Graph call per 1000); answers with resolved().
    void resolve(const QStringList &ids);
    /// Resolves the service principals of applications (compound identities) by app id;
    /// answers with resolved() with the app ids.
    void resolveApplications(const QStringList &appIds);
    /// The service principal of the application @p appId once resolved; nullptr before.
    [[nodiscard]] const graph::Principal *findApplication(const QString &appId) const;
    /// The application's name once resolved, else "application <app id>".
    [[nodiscard]] QString applicationLabel(const QString &appId) const;
    /// Adds principals known otherwise (a search result the person picked).
    void insert(const graph::Principal &principal);
    /// Reads the groups @p id belongs to, directly or through other groups (Graph's
    /// transitiveMemberOf); answers with groupsResolved().
    void resolveGroupsOf(const QString &id, graph::PrincipalKind kind);
    /// The ids of the groups @p id belongs to, once read; nothing before, or when Graph
    /// refused to list them (no failed() for that: the id alone is still worth using).
    [[nodiscard]] std::optional<QStringList> groupsOf(const QString &id) const;

    /// "Dave Jones" once resolved, "Unknown principal" when the directory does not
    /// know it, else the id (masked in presentation mode).
    [[nodiscard]] QString label(const QString &id) const;
    /// The kind's name, "Unknown" when not resolved.
    [[nodiscard]] QString kindLabel(const QString &id) const;

Q_SIGNALS:
    /// Principals for @p ids are known now.
    void resolved(const QStringList &ids);
    /// A resolve failed: the ids stay unknown.
    void failed(const vl::AzureError &error);
    /// The groups of @p id are known now (groupsOf()).
    void groupsResolved(const QString &id);

private:
    std::optional<graph::GraphClient> m_graph;
    QHash<QString, graph::Principal> m_known;        ///< lower-case id -> principal
    QSet<QString> m_pending;                         ///< lower-case ids
    QHash<QString, graph::Principal> m_applications; ///< lower-case app id -> service principal
    QSet<QString> m_pendingApplications;             ///< lower-case app ids
    QHash<QString, QStringList> m_groups;            ///< lower-case id -> its groups' ids
    QSet<QString> m_pendingGroups;                   ///< lower-case ids
};

/// The icon of a principal kind: user, group, service principal, managed identity, unknown.
[[nodiscard]] QIcon principalIcon(graph::PrincipalKind kind);

} // namespace vl
