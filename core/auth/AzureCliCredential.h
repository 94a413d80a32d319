// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/TokenCredential.h"

#include <QProcessEnvironment>
#include <QStringList>

#include <chrono>

namespace vl {

/// How the Azure CLI is run.
struct AzureCliOptions
{
    QString program = QStringLiteral("az"); ///< a name looked up in PATH, or a path
    std::chrono::milliseconds timeout{std::chrono::seconds(20)};
    QString tenantId; ///< empty: the CLI's current tenant
    /// Tenants besides tenantId a request may name; "*" allows any.
    QStringList additionallyAllowedTenants = {QStringLiteral("*")};
    /// The CLI's environment (AZURE_CONFIG_DIR, PATH, ...).
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
};

/**
 * @brief The token of the account signed in to the Azure CLI.
 *
 * ```
 *  app ── az account get-access-token --output json --scope S [--tenant T] ──► Azure CLI
 *  app ◄── {"accessToken","expiresOn":"2026-01-15 10:00:00.000000","expires_on":1768471200,
 *           "tenant","tokenType":"Bearer"}                      (exit code 0)
 *      or  "ERROR: Please run 'az login' to setup account."     (stderr, exit code 1)
 * ```
 *
 * The CLI runs asynchronously (QProcess, no shell), in the directory of the
 * temporary files so that no `az` planted in the current directory runs, and
 * is killed after the timeout. Scopes and tenant ids are checked before they
 * become arguments. The answer's token never reaches a log.
 */
class AzureCliCredential final : public TokenCredential
{
public:
    explicit AzureCliCredential(AzureCliOptions options = {});

    [[nodiscard]] QString name() const override;
    [[nodiscard]] QFuture<Result<AccessToken>>
    getToken(const TokenRequestContext &request) override;

    /// The arguments getToken() passes for @p scope and @p tenant, or why it cannot.
    [[nodiscard]] Result<QStringList> arguments(const QString &scope, const QString &tenant) const;
    /// Reads the CLI's JSON answer: `accessToken`, then `expires_on` (Unix seconds) or
    /// `expiresOn` (local time).
    [[nodiscard]] static Result<AccessToken> parseAnswer(const QByteArray &output);
    /// The error for a failed run: not installed, not signed in, or the CLI's own message.
    [[nodiscard]] static AzureError errorFor(int exitCode, const QByteArray &standardError);

private:
    AzureCliOptions m_options;
};

} // namespace vl
