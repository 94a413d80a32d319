// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/Account.h"
#include "auth/AzureCliCredential.h"
#include "auth/ClientCertificate.h"
#include "auth/CloudProfile.h"
#include "auth/DeviceCodeCredential.h"
#include "auth/TokenCache.h"
#include "auth/TokenCredential.h"
#include "http/HttpPipeline.h"
#include "util/Future.h"

#include <QObject>
#include <QPointer>

#include <chrono>
#include <functional>
#include <memory>

class QSettings;

namespace vl {

class AccountStore;
class SecretStore;
struct TokenClaims;

/// Lists the tenants @p account may use, with a credential for its home tenant.
using TenantLister = std::function<QFuture<Result<QList<TenantInfo>>>(
    const Account &account, const CloudProfile &cloud,
    std::shared_ptr<TokenCredential> credential)>;
/// Makes a service principal's credential for @p tenantId from its client secret.
using AppCredentialFactory = std::function<std::shared_ptr<TokenCredential>(
    const Account &account, const CloudProfile &cloud, const QString &tenantId,
    const QByteArray &clientSecret)>;

/// What the account manager is built from.
struct AccountManagerOptions
{
    std::shared_ptr<SecretStore> secrets; ///< required: the keychain in the app
    QSettings *settings = nullptr;        ///< where metadata lives (not owned); null: QSettings()
    QList<CloudProfile> clouds;           ///< the clouds accounts may belong to
    /// The app registration VaultLens signs users in with on the Azure clouds (a
    /// sandbox profile brings its own publicClientId).
    QString clientId;
    /// The unauthenticated, journaled pipeline to a cloud's Entra ID. Required.
    std::function<std::shared_ptr<HttpPipeline>(const CloudProfile &cloud)> identityPipeline;
    std::shared_ptr<TokenCache> tokenCache; ///< null: one of its own (on the clock below)
    const Clock *clock = nullptr;           ///< null: the system clock
    /// Lists an account's tenants after sign-in (see armTenantLister); null: the home
    /// tenant only, unless setTenants() is called.
    TenantLister listTenants;
    /// Makes service principal credentials (client secret); null: no such accounts.
    AppCredentialFactory appCredential;
    /// How Azure CLI accounts run the CLI (program, environment, timeout); the
    /// tenant is set per request.
    AzureCliOptions azureCli;
    std::function<void(const QUrl &)> openBrowser;               ///< the browser sign-in's
    std::function<void(const DeviceCodeMessage &)> onDeviceCode; ///< the device code's message
    std::chrono::milliseconds signInTimeout = std::chrono::minutes(5);
};

/// How to sign a user in.
struct SignInRequest
{
    QString cloud; ///< a CloudProfile name; empty: the first cloud of the options
    /// The authority's tenant, chosen before the prompt (a guest tenant signs in there).
    QString tenant = QStringLiteral("organizations");
    QStringList scopes; ///< empty: the cloud's Resource Manager scope
    QString prompt = QStringLiteral("select_account");
    QString loginHint;
    QString domainHint;
};

/// A service principal with a client secret, as the user enters it.
struct ServicePrincipalRequest
{
    QString cloud;
    QString tenantId;
    QString clientId; ///< the application (client) id
    QByteArray clientSecret;
    QString displayName; ///< empty: the client id
};

/**
 * @brief A service principal with a certificate, as the user enters it.
 *
 * The certificate file's bytes and password go to the keychain only (purpose
 * `client-certificate`), never to the settings.
 */
struct CertificatePrincipalRequest
{
    QString cloud;
    QString tenantId;
    QString clientId;                  ///< the application (client) id
    QByteArray certificate;            ///< a PEM (certificate + private key) or PFX file's bytes
    QByteArray password;               ///< the PFX's or the encrypted key's password; may be empty
    QString displayName;               ///< empty: the certificate's subject, else the client id
    bool sendCertificateChain = false; ///< x5c in the assertion (subject name / issuer)
};

/// The managed identity of the host VaultLens runs on.
struct ManagedIdentityRequest
{
    QString cloud;
    QString clientId;    ///< a user-assigned identity's client id; empty: system-assigned
    QString displayName; ///< empty: "Managed identity"
};

/// The account signed in to the Azure CLI (`az login`).
struct AzureCliRequest
{
    QString cloud;
    QString tenantId; ///< empty: the CLI's current tenant
};

/**
 * @brief Every signed-in account of the app, several at once, each with its
 * cloud, home tenant and tenants.
 *
 * ```
 *  signInWithBrowser / signInWithDeviceCode / addServicePrincipal (secret or certificate)
 *     └─ tokens ─► refresh token (client secret, certificate) ─► keychain  <cloud>/<id>/<purpose>
 *                  metadata (upn, name, oid, tenants, kind)   ─► QSettings
 *                  access token                              ─► memory (TokenCache)
 *                  tenants                                   ─► listTenants (Resource Manager)
 *  addManagedIdentity / addAzureCliAccount ─► nothing kept; the first token's claims
 *                                              name the account and its home tenant
 *  credential(account, tenant) ─► memory cache ─► refresh_token grant at /{tenant}/
 *                                   (client credentials, IMDS or `az` for the other kinds)
 *  restore()  ─► settings + keychain, on start
 *  signOut()  ─► memory, settings and every keychain entry of the account
 * ```
 *
 * credential() is what the pipeline uses: a guest tenant's token comes from the
 * account's refresh token, redeemed at the guest tenant's authority; a token
 * is refreshed silently when less than five minutes remain. When a refresh is
 * refused (`invalid_grant`, `interaction_required`), the account is marked as
 * needing a sign-in and signInRequired() names the tenant to sign in to. All
 * calls are made and answered on the manager's thread.
 */
class AccountManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountManager)

public:
    explicit AccountManager(AccountManagerOptions options, QObject *parent = nullptr);
    ~AccountManager() override;

    /// The accounts, in the order they were added.
    [[nodiscard]] QList<Account> accounts() const;
    [[nodiscard]] std::optional<Account> account(const QString &accountId) const;
    /// True when the account's saved sign-in is missing or was refused.
    [[nodiscard]] bool needsSignIn(const QString &accountId) const;
    [[nodiscard]] const QList<CloudProfile> &clouds() const { return m_options.clouds; }
    [[nodiscard]] std::optional<CloudProfile> cloud(const QString &name) const;

    /**
     * Loads the saved accounts from the settings and their secrets from the
     * keychain. The accounts are listed at once; the answer comes when every
     * secret was read (an error when the keychain failed for one of them).
     */
    [[nodiscard]] QFuture<Result<Done>> restore();

    [[nodiscard]] QFuture<Result<Account>> signInWithBrowser(const SignInRequest &request);
    [[nodiscard]] QFuture<Result<Account>> signInWithDeviceCode(const SignInRequest &request);
    [[nodiscard]] QFuture<Result<Account>>
    addServicePrincipal(const ServicePrincipalRequest &request);
    /// Adds a service principal that signs in with a certificate (tried before it is kept).
    [[nodiscard]] QFuture<Result<Account>>
    addServicePrincipal(const CertificatePrincipalRequest &request);
    /// Adds the host's managed identity; its first token names the account and tenant.
    [[nodiscard]] QFuture<Result<Account>>
    addManagedIdentity(const ManagedIdentityRequest &request);
    /// Adds the Azure CLI's signed-in account; its first token names the account and tenant.
    [[nodiscard]] QFuture<Result<Account>> addAzureCliAccount(const AzureCliRequest &request);
    /// Abandons a running browser or device code sign-in.
    void cancelSignIn();

    /**
     * Forgets the account: its access tokens, its settings entry and every
     * keychain entry; the answer reports the keychain's part.
     */
    [[nodiscard]] QFuture<Result<Done>> signOut(const QString &accountId);

    /**
     * The credential of @p accountId for @p tenantId (empty: the home tenant),
     * as the pipeline uses it; null for an unknown account. It keeps working
     * after a new sign-in of the same account and fails after sign-out.
     */
    [[nodiscard]] std::shared_ptr<TokenCredential> credential(const QString &accountId,
                                                              const QString &tenantId = {});

    /// The app registration users sign in with on the Azure clouds (not the sandbox's).
    [[nodiscard]] QString clientId() const { return m_options.clientId; }
    /**
     * Changes the app registration for later sign-ins; signed-in accounts keep
     * the one they signed in with (their refresh tokens are bound to it).
     */
    void setClientId(const QString &clientId) { m_options.clientId = clientId; }

    /// Lists the account's tenants again (options' listTenants) and saves them.
    [[nodiscard]] QFuture<Result<QList<TenantInfo>>> refreshTenants(const QString &accountId);
    /// Sets the account's tenants from a list the caller has (the home tenant is kept).
    void setTenants(const QString &accountId, const QList<TenantInfo> &tenants);

    /**
     * A TenantLister that asks Resource Manager (`GET {arm}/tenants?api-version=2022-12-01`)
     * through the pipeline @p makePipeline builds for a credential.
     */
    [[nodiscard]] static TenantLister armTenantLister(
        std::function<std::shared_ptr<HttpPipeline>(std::shared_ptr<TokenCredential> credential,
                                                    const CloudProfile &cloud)>
            makePipeline);

Q_SIGNALS:
    void accountAdded(const vl::Account &account);
    void accountChanged(const vl::Account &account);
    void accountRemoved(const QString &accountId);
    /// A silent refresh for @p tenantId was refused: sign in again to that tenant.
    void signInRequired(const QString &accountId, const QString &tenantId,
                        const vl::AzureError &error);

private:
    struct Session;
    friend class AccountCredential;

    [[nodiscard]] std::shared_ptr<Session> find(const QString &accountId) const;
    [[nodiscard]] std::shared_ptr<const PublicClient> clientFor(const CloudProfile &cloud) const;
    [[nodiscard]] const Clock &clock() const;
    [[nodiscard]] QFuture<Result<AccessToken>>
    tokenFor(const QString &accountId, const QString &tenantId, const TokenRequestContext &request);
    [[nodiscard]] std::shared_ptr<TokenCredential> tenantCredential(Session &session,
                                                                    const QString &tenantId);
    /// Keeps a user's sign-in: keychain, session, cache, settings, tenants.
    [[nodiscard]] QFuture<Result<Account>> adoptUserSignIn(const CloudProfile &cloud,
                                                           CredentialKind kind,
                                                           const UserTokenAnswer &answer,
                                                           const QStringList &scopes);
    /// Saves and announces @p session's account, lists its tenants, answers @p promise.
    void completeSignIn(const std::shared_ptr<Session> &session, bool added,
                        SharedPromise<Result<Account>> promise);
    void attachRefreshPersistence(const std::shared_ptr<Session> &session);
    [[nodiscard]] Result<CloudProfile> resolveCloud(const QString &name) const;
    /// The credential of a service principal, managed identity or Azure CLI account.
    [[nodiscard]] std::shared_ptr<TokenCredential> appCredential(const Session &session,
                                                                 const QString &tenantId) const;
    /// Reads an app account's keychain secret into @p session (restore()); false if unusable.
    bool loadAppSecret(Session &session, const QByteArray &secret) const;
    /**
     * Gets a Resource Manager token with @p inner, lets @p fill complete the
     * account from its claims, keeps @p secret (if any) in the keychain, then
     * adopts the account.
     */
    void adoptAppSignIn(const CloudProfile &cloud, Account account,
                        std::shared_ptr<TokenCredential> inner, QByteArray secret,
                        std::function<Result<Done>(Account &, const TokenClaims &)> fill,
                        std::function<void(Session &)> install,
                        SharedPromise<Result<Account>> promise);

    AccountManagerOptions m_options;
    std::unique_ptr<AccountStore> m_store;
    std::shared_ptr<TokenCache> m_cache;
    QList<std::shared_ptr<Session>> m_sessions;
    QPointer<QObject> m_running; ///< the sign-in in progress (browser or device code)
};

} // namespace vl
