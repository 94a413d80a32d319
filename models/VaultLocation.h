// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QUrl>
#include <QVariantMap>

namespace vl {

/**
 * @brief What identifies an open vault: the account and tenant that reach it,
 * where Resource Manager keeps it (when known), and its data-plane URI.
 *
 * A vault opened by its URI (data-plane rights, no Resource Manager view) has
 * no subscription, resource group or resource id. Plain value, saved in the
 * settings as a QVariantMap (pinned and recent vaults, the last vault).
 */
struct VaultLocation
{
    QString accountId;      ///< the AccountManager's account id
    QString tenantId;       ///< the tenant whose token reaches the vault (empty: home tenant)
    QString subscriptionId; ///< may be empty (opened by URI)
    QString resourceGroup;  ///< may be empty (opened by URI)
    QString name;           ///< the vault's name
    QUrl vaultUri;          ///< `https://{name}.vault.azure.net/`
    QString resourceId;     ///< the ARM id; empty when opened by URI
    QString cloud;          ///< the CloudProfile name of the account

    /// True when an account and an https vault URI are set.
    [[nodiscard]] bool isValid() const;
    /// True when Resource Manager knows the vault (a resource id is set).
    [[nodiscard]] bool hasResourceId() const { return !resourceId.isEmpty(); }
    /// What identifies the same vault for the same account: normalised URI and account.
    [[nodiscard]] QString key() const;
    /// True when both name the same vault for the same account (key() equal).
    [[nodiscard]] bool sameVault(const VaultLocation &other) const { return key() == other.key(); }

    [[nodiscard]] QVariantMap toVariantMap() const;
    [[nodiscard]] static VaultLocation fromVariantMap(const QVariantMap &map);
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static VaultLocation fromJson(const QJsonObject &json);

    /// @p uri with a lower-case scheme and host, no query or fragment, and the path "/".
    [[nodiscard]] static QUrl normalizedUri(const QUrl &uri);
    /**
     * The vault name in @p uri: the first DNS label when the host ends with
     * @p vaultDnsSuffix, else the host (and port, when it has one).
     */
    [[nodiscard]] static QString nameFromUri(const QUrl &uri, const QString &vaultDnsSuffix = {});

    friend bool operator==(const VaultLocation &, const VaultLocation &) = default;
};

} // namespace vl

Q_DECLARE_METATYPE(vl::VaultLocation)
