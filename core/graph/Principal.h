// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/ClientCall.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

/**
 * @file
 * Plain value types for the Microsoft Graph (v1.0) directory objects VaultLens
 * shows in place of object ids: users, groups, service principals (managed
 * identities among them) and applications. JSON mapping lives in
 * PrincipalSerializer. Properties this code does not model are kept verbatim
 * in `extra`, so a cached answer writes back unchanged.
 */
namespace vl::graph {

/// What kind of directory object a principal is.
enum class PrincipalKind {
    Unknown,          ///< not returned by the directory, or a type VaultLens does not model
    User,             ///< `#microsoft.graph.user` (members and guests)
    Group,            ///< `#microsoft.graph.group`
    ServicePrincipal, ///< `#microsoft.graph.servicePrincipal` of an application
    ManagedIdentity,  ///< a servicePrincipal whose servicePrincipalType is "ManagedIdentity"
    Application,      ///< `#microsoft.graph.application` (an app registration)
};

/**
 * @brief A directory object as Graph describes it: the object id that access
 * policies and role assignments name, what it is, and what to show for it.
 *
 * The string members hold what Graph sent; an empty string means Graph did not
 * send the property (or sent null, which `extra` then keeps).
 */
struct Principal
{
    QString id; ///< the object id: Graph's `id`, Key Vault's and Resource Manager's `objectId`
    PrincipalKind kind = PrincipalKind::Unknown;
    /// `@odata.type` as sent ("#microsoft.graph.user"); empty where the collection implied
    /// the type (`GET /users` items carry none).
    QString odataType;
    QString displayName;
    QString userPrincipalName;    ///< users; a guest's has the `#EXT#` form
    QString mail;                 ///< users and mail-enabled groups
    QString appId;                ///< service principals and applications: the client id
    QString servicePrincipalType; ///< "Application", "ManagedIdentity", "Legacy", "SocialIdp"
    QString userType;             ///< users: "Member" or "Guest"
    QJsonObject extra;            ///< members not modelled above, verbatim

    /// A user whose userType is Guest (a B2B collaborator from another tenant).
    [[nodiscard]] bool isGuest() const;
    /// False for an id the directory returned nothing for (see unresolved()).
    [[nodiscard]] bool isResolved() const;
    /// What to show: the display name, else the user principal name, app id or object id.
    [[nodiscard]] QString label() const;

    /// A placeholder for @p id when the directory does not know it (deleted, another
    /// tenant's, or never existed): kind Unknown, no type, no name.
    [[nodiscard]] static Principal unresolved(const QString &id);

    friend bool operator==(const Principal &, const Principal &) = default;
};

/**
 * @brief One answer of a Graph collection: `value` plus the OData annotations,
 * kept as sent (`@odata.count` only with `$count=true`; `@odata.nextLink`
 * while more pages follow).
 */
struct PrincipalCollection
{
    QList<Principal> value;
    QString context;             ///< `@odata.context`
    std::optional<qint64> count; ///< `@odata.count`: the total, on the first page only
    QString nextLink;            ///< `@odata.nextLink`, exactly as sent
    QJsonObject extra;           ///< members not modelled above, verbatim

    /// The items and the link to the next page.
    [[nodiscard]] Page<Principal> toPage() const;

    friend bool operator==(const PrincipalCollection &, const PrincipalCollection &) = default;
};

/// The body of `POST /directoryObjects/getByIds`.
struct GetByIdsRequest
{
    QStringList ids;                  ///< at most 1000 object ids
    std::optional<QStringList> types; ///< "user", "group", "servicePrincipal", ...; absent: all
    QJsonObject extra;                ///< members not modelled above, verbatim

    friend bool operator==(const GetByIdsRequest &, const GetByIdsRequest &) = default;
};

/// "User", "Group", "Service principal", "Managed identity", ... (translated).
[[nodiscard]] QString kindName(PrincipalKind kind);

/// The `@odata.type` of @p kind ("#microsoft.graph.servicePrincipal" for a managed
/// identity); empty for Unknown.
[[nodiscard]] QString odataTypeOf(PrincipalKind kind);

/// The name getByIds takes in `types` ("user", "group", "servicePrincipal",
/// "application"); empty for Unknown.
[[nodiscard]] QString getByIdsTypeOf(PrincipalKind kind);

/// The entity set holding @p kind ("users", "groups", "servicePrincipals",
/// "applications"); empty for Unknown.
[[nodiscard]] QString collectionOf(PrincipalKind kind);

/// Resource Manager's `principalType` for a role assignment to @p kind ("User",
/// "Group", "ServicePrincipal"); empty for Unknown and Application, which cannot be assigned.
[[nodiscard]] QString armPrincipalTypeOf(PrincipalKind kind);

/**
 * The kind named by @p odataType ("#microsoft.graph.user", case-insensitive, with
 * or without the leading '#'); a servicePrincipal is a ManagedIdentity when
 * @p servicePrincipalType says so. Unknown for anything else.
 */
[[nodiscard]] PrincipalKind kindFromOdataType(const QString &odataType,
                                              const QString &servicePrincipalType = {});

/// The kind an entity set holds ("users" -> User, "servicePrincipals" -> ServicePrincipal);
/// Unknown for "directoryObjects" and anything else.
[[nodiscard]] PrincipalKind kindFromCollection(const QString &entitySet);

/**
 * The kind an `@odata.context` implies:
 * ".../$metadata#users", "#users/$entity" and "#groups(id,displayName)" name their
 * entity set; "#directoryObjects" implies nothing (Unknown).
 */
[[nodiscard]] PrincipalKind kindFromContext(const QString &context);

} // namespace vl::graph
