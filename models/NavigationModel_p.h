// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The nodes of NavigationModel and its loads in flight (private to the model).

#include "NavigationModel.h"
#include "arm/ArmClient.h"

#include <QHash>

#include <optional>
#include <vector>

namespace vl {

/// One node of the tree; the root holds the accounts.
struct NavigationModel::Node
{
    enum class State { NotLoaded, Loading, Loaded, Failed };

    NavigationNodeKind kind = NavigationNodeKind::Account;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    State state = State::Loaded;
    quint64 generation = 0; ///< the load in flight; an answer for another one is dropped

    QString id;   ///< what IdRole answers
    QString name; ///< the name, unmasked
    QString accountId;
    QString tenantId;
    QString subscriptionId;

    Account account;   ///< account nodes
    TenantInfo tenant; ///< tenant nodes
    arm::Subscription subscription;
    arm::VaultSummary vault; ///< vault nodes
    VaultLocation location;  ///< vault nodes
    AzureError error;        ///< error nodes
    QString errorText;       ///< error nodes: the plain explanation

    [[nodiscard]] int row() const
    {
        if (!parent)
            return 0;
        const auto &siblings = parent->children;
        for (size_t i = 0; i < siblings.size(); ++i)
            if (siblings[i].get() == this)
                return int(i);
        return 0;
    }
};

/// A tenant's or a subscription's load in flight.
struct NavigationModel::Load
{
    bool wholeTenant = true; ///< else one subscription
    QString accountId;
    QString tenantId;
    QString subscriptionId; ///< when !wholeTenant
    QString cloud;
    QString vaultDnsSuffix;
    quint64 generation = 0;
    std::optional<arm::ArmClient> arm;
    QList<arm::Subscription> subscriptions;
    QList<arm::VaultSummary> vaults;
    QHash<QString, AzureError> failedSubscriptions; ///< lower-case id -> why (fallback)
    int pending = 0;                                ///< fallback listings still running
};

/// A load error in plain words: the failed stage's sentence, else the service's message.
[[nodiscard]] QString navigationErrorText(const AzureError &error);

} // namespace vl
