// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AccountsTestSupport.h"
#include "ClientFixture.h"
#include "SandboxFixture.h"
#include "Session.h"
#include "TemporarySettings.h"
#include "VaultLocation.h"

#include <QSettings>

#include <memory>

namespace vl::test {

/**
 * @brief The app's Session on an in-process sandbox, as `vaultlens --sandbox`
 * builds it, with settings in a temporary place and an in-memory keychain.
 *
 * The browser sign-in is played by the fixture: the sandbox's sign-in page is
 * fetched, browserUser() picked, and the redirect followed to the loopback
 * listener, as a person in a browser would.
 */
class SessionFixture
{
public:
    explicit SessionFixture(sandbox::SandboxOptions options = {});
    ~SessionFixture();

    [[nodiscard]] bool isRunning() const { return m_sandbox->isRunning(); }
    [[nodiscard]] SandboxFixture &sandbox() { return *m_sandbox; }
    [[nodiscard]] Session &session() { return *m_session; }
    [[nodiscard]] const CloudProfile &cloud() const { return m_cloud; }
    [[nodiscard]] MemorySecretStore &secrets() { return *m_secrets; }
    [[nodiscard]] QSettings &settings() { return *m_settings; }

    /// Who the played browser signs in as (default alice@contoso.example).
    void setBrowserUser(const QString &upn) { m_browserUser = upn; }
    [[nodiscard]] const QString &browserUser() const { return m_browserUser; }
    /// When false, the browser is opened but nobody signs in (to test cancel).
    void setPlayBrowser(bool play) { m_playBrowser = play; }
    /// How many times a browser was opened.
    [[nodiscard]] int browserOpened() const { return m_browserOpened; }

    /// Signs @p upn in through the browser flow and waits; fails the test's QVERIFY on error.
    [[nodiscard]] Result<Account>
    signIn(const QString &upn = QStringLiteral("alice@contoso.example"));
    /// Adds the sandbox's automation service principal (client secret) and waits.
    [[nodiscard]] Result<Account> addAutomation();
    /// The URI of the sandbox vault @p name (with a trailing slash).
    [[nodiscard]] QUrl vaultUri(const QString &name) const;
    /**
     * Where the sandbox vault @p name is, as @p account reaches it: account,
     * home tenant, subscription, resource group, name, URI, resource id and cloud.
     * When the sandbox knows no such vault, the resource id (and subscription
     * and resource group) are left empty.
     */
    [[nodiscard]] VaultLocation vaultLocation(const Account &account, const QString &vaultName);

private:
    void playBrowser(const QUrl &authorize);

    std::unique_ptr<TemporarySettings> m_temporary;
    std::unique_ptr<SandboxFixture> m_sandbox;
    CloudProfile m_cloud;
    std::shared_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<Session> m_session;
    QString m_browserUser = QStringLiteral("alice@contoso.example");
    bool m_playBrowser = true;
    int m_browserOpened = 0;
};

} // namespace vl::test
