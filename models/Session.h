// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/ArmClient.h"
#include "auth/AccountManager.h"
#include "auth/CloudProfile.h"
#include "graph/GraphClient.h"
#include "http/AuthenticationPolicy.h"
#include "http/HttpPipeline.h"
#include "journal/RequestJournal.h"
#include "vault/VaultClient.h"

#include <QHash>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QSettings;

namespace vl {

class SecretStore;
class Clock;

/// What a session is built from.
struct SessionOptions
{
    QList<CloudProfile> clouds;           ///< the clouds accounts may belong to, in menu order
    std::shared_ptr<SecretStore> secrets; ///< required: the keychain in the app
    QSettings *settings = nullptr;        ///< metadata of accounts (not owned); null: QSettings()
    QString clientId; ///< the app registration for the Azure clouds; may be empty
    /// Opens the browser sign-in page; null: the desktop's browser (QDesktopServices).
    std::function<void(const QUrl &)> openBrowser;
    const Clock *clock = nullptr; ///< null: the system clock
};

/**
 * @brief Everything that talks to the clouds, for one run of the app: one
 * transport (TLS chosen per URL by the clouds' profiles), one journal, the
 * account manager, and a pipeline per account and tenant, from which the
 * Resource Manager, Key Vault and Graph clients are made.
 *
 * ```
 *  view ─► model ─► Session::vault(account, tenant, uri) ─► VaultClient ─► pipeline ─► transport
 *                                                         (journal records every exchange)
 * ```
 *
 * Clients are cheap values; ask again rather than keeping one across a
 * sign-out. A client for an unknown account is std::nullopt.
 */
class Session final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Session)

public:
    explicit Session(SessionOptions options, QObject *parent = nullptr);
    ~Session() override;

    [[nodiscard]] AccountManager &accounts() { return *m_accounts; }
    [[nodiscard]] RequestJournal &journal() { return m_journal; }
    [[nodiscard]] const QList<CloudProfile> &clouds() const { return m_options.clouds; }
    [[nodiscard]] std::optional<CloudProfile> cloud(const QString &name) const;
    /// The cloud of @p accountId, or std::nullopt for an unknown account.
    [[nodiscard]] std::optional<CloudProfile> cloudOf(const QString &accountId) const;
    [[nodiscard]] std::shared_ptr<HttpTransport> transport() const { return m_transport; }

    /// The authenticated pipeline of @p accountId in @p tenantId (empty: the home tenant).
    [[nodiscard]] std::shared_ptr<HttpPipeline> pipeline(const QString &accountId,
                                                         const QString &tenantId = {});
    [[nodiscard]] std::optional<arm::ArmClient> arm(const QString &accountId,
                                                    const QString &tenantId = {});
    [[nodiscard]] std::optional<vault::VaultClient>
    vault(const QString &accountId, const QString &tenantId, const QUrl &vaultUri);
    [[nodiscard]] std::optional<graph::GraphClient> graph(const QString &accountId,
                                                          const QString &tenantId = {});

    /// The unauthenticated, journaled pipeline credentials use to reach Entra ID.
    [[nodiscard]] std::shared_ptr<HttpPipeline> identityPipeline();

Q_SIGNALS:
    /// A device code sign-in is waiting for the person: show the code and the link.
    void deviceCode(const vl::DeviceCodeMessage &message);
    /// The browser sign-in page @p url was handed to the browser; @p opened is false when
    /// no browser could be started (the person can still open the link by hand).
    void browserOpened(const QUrl &url, bool opened);

private:
    /// The journaled pipeline that authenticates with @p credential in @p cloud.
    [[nodiscard]] std::shared_ptr<HttpPipeline>
    authenticatedPipeline(std::shared_ptr<TokenCredential> credential, const CloudProfile &cloud);

    SessionOptions m_options;
    RequestJournal m_journal;
    std::shared_ptr<HttpTransport> m_transport;
    std::shared_ptr<ChallengeCache> m_challenges;
    std::unique_ptr<AccountManager> m_accounts;
    QHash<QString, std::shared_ptr<HttpPipeline>> m_pipelines; ///< "<account>|<tenant>"
};

} // namespace vl
