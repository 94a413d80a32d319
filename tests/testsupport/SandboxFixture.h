// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpClient.h"
#include "Sandbox.h"

#include <QJsonObject>
#include <QString>

#include <memory>

namespace vl::test {

/**
 * A sandbox running in the test's process on free ports, with a client that
 * trusts its CA, and shortcuts to get tokens the way real clients do (client
 * credentials for apps; the browser sign-in with PKCE for users).
 */
class SandboxFixture
{
public:
    explicit SandboxFixture(sandbox::SandboxOptions options = {},
                            const Clock &clock = SystemClock::instance());
    ~SandboxFixture();

    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] const QString &startError() const { return m_error; }
    [[nodiscard]] sandbox::Sandbox &sandbox() { return *m_sandbox; }
    [[nodiscard]] HttpClient &http() { return *m_http; }
    [[nodiscard]] QJsonObject config() const { return m_sandbox->config(); }
    [[nodiscard]] QString api() const { return m_sandbox->apiOrigin(); }
    [[nodiscard]] QString tenantId() const;
    /// The origin of the vault named @p name (without a trailing slash).
    [[nodiscard]] QString vaultOrigin(const QString &name) const;
    /// A vault URL: origin + @p path + `api-version=7.6` (or the given one).
    [[nodiscard]] QUrl vaultUrl(const QString &vault, const QString &path,
                                const QString &apiVersion = QStringLiteral("7.6")) const;
    [[nodiscard]] QUrl apiUrl(const QString &pathAndQuery) const;

    /// A token for a service principal with a client secret (empty on failure).
    QByteArray appToken(const QString &appId, const QString &secret, const QString &scope);
    /// The first service principal of the config: the automation identity.
    QByteArray
    automationToken(const QString &scope = QStringLiteral("https://vault.azure.net/.default"));
    /// A user's token, signing in through the authorize page with PKCE as a browser would.
    QByteArray userToken(const QString &upn,
                         const QString &scope = QStringLiteral("https://vault.azure.net/.default"));
    /// The whole token answer of the last userToken call (refresh token included).
    [[nodiscard]] const QJsonObject &lastTokenAnswer() const { return m_lastAnswer; }

private:
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<HttpClient> m_http;
    bool m_running = false;
    QString m_error;
    QJsonObject m_lastAnswer;
};

} // namespace vl::test
