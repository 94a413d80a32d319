// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "crypto/KeyPair.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace vl::sandbox {

/// A Microsoft Entra tenant of the sandbox, with the key that signs its tokens.
struct Tenant
{
    QString id;
    QString domain;
    QString displayName;
    KeyPair signingKey;
    QString keyId; ///< `kid` and `x5t` of the signing key in the JWKS
};

enum class PrincipalKind { User, Group, ServicePrincipal, ManagedIdentity };

/**
 * A directory object: a user, a group, a service principal or a managed identity.
 * Users and groups live in one tenant; a user can be a guest in others (`guestIn`).
 */
struct Principal
{
    PrincipalKind kind = PrincipalKind::User;
    QString objectId;
    QString tenantId;
    QString displayName;
    QString userPrincipalName;          ///< users
    QString appId;                      ///< service principals and managed identities (client id)
    QString clientSecret;               ///< service principals with a secret (demo only)
    QString certificateThumbprint;      ///< base64url SHA-1 of a registered client certificate
    QByteArray certificatePublicKeyPem; ///< its public key, to check client assertions
    QString jobTitle;                   ///< shown on the sign-in page
    QStringList members;                ///< groups: member object ids
    QStringList guestIn;                ///< users: other tenants where they are a guest
    bool trustedService = false;        ///< a first-party service the firewall bypass lets in
    bool deleted = false;               ///< removed from the directory (stale access policies)

    [[nodiscard]] bool isUser() const { return kind == PrincipalKind::User; }
};

/// The public client application VaultLens signs in with, and others known to the sandbox.
struct Application
{
    QString appId;
    QString displayName;
    bool publicClient = true;
};

class Directory
{
public:
    QList<Tenant> tenants;
    QList<Principal> principals;
    QList<Application> applications;

    [[nodiscard]] const Tenant *tenant(const QString &idOrDomain) const;
    [[nodiscard]] const Principal *principal(const QString &objectId) const;
    [[nodiscard]] const Principal *userByName(const QString &upn) const;
    [[nodiscard]] const Principal *servicePrincipalByAppId(const QString &appId) const;
    [[nodiscard]] const Principal *managedIdentity(const QString &clientId,
                                                   const QString &objectId = {}) const;
    [[nodiscard]] const Application *application(const QString &appId) const;
    /// Object ids of every group @p objectId belongs to, directly or through other groups.
    [[nodiscard]] QStringList transitiveGroups(const QString &objectId) const;
    /// True when @p user may sign in to @p tenantId (home tenant or guest).
    [[nodiscard]] bool canSignIn(const Principal &user, const QString &tenantId) const;
};

[[nodiscard]] QString principalKindName(PrincipalKind kind); ///< User, Group, ServicePrincipal, ...

} // namespace vl::sandbox
