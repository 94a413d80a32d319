// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SandboxOptions.h"
#include "ServiceContext.h"
#include "crypto/Pki.h"
#include "http/HttpServer.h"
#include "state/SandboxState.h"
#include "util/Clock.h"

#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>

#include <memory>

namespace vl::sandbox {

class ArmService;
class ControlService;
class Faults;
class GraphService;
class IdentityService;
class TokenService;
class VaultService;

/**
 * @brief The sandbox cloud: Entra ID, Resource Manager, Graph and Key Vault on
 * this machine, as SANDBOX.md specifies.
 *
 * ```
 *  API origin  https://127.0.0.1:P   identity, ARM, Graph, the /sandbox control paths
 *  browser     http://127.0.0.1:B    sign-in page, device login, managed identity
 *  vault n     https://127.0.0.1:Vn  the Key Vault data plane of vault n
 * ```
 * Every data-plane and management request is authorized by the access engine
 * in core/access, so what the sandbox enforces is what the app explains.
 */
class Sandbox final : public QObject
{
    Q_OBJECT

public:
    explicit Sandbox(const Clock &clock = SystemClock::instance(), QObject *parent = nullptr);
    ~Sandbox() override;

    /// Loads or seeds the state, creates or loads the TLS material, and listens.
    bool start(const SandboxOptions &options, QString *error = nullptr);

    /// The config JSON of SANDBOX.md.
    [[nodiscard]] QJsonObject config() const;
    [[nodiscard]] QString apiOrigin() const;
    [[nodiscard]] QString browserOrigin() const;
    [[nodiscard]] QString caCertificatePath() const;
    [[nodiscard]] QString stateDirectory() const { return m_stateDir; }
    [[nodiscard]] SandboxState &state() { return *m_state; }

    /// Writes the state to the state directory (after every change).
    void persist();
    /// Back to the seed the sandbox was started with.
    bool reset(QString *error = nullptr);

private:
    bool openVault(VaultRecord &vault);
    HttpResponse handleApi(const HttpRequest &request, Delivery &delivery);
    HttpResponse handleBrowser(const HttpRequest &request, Delivery &delivery);
    HttpResponse handleVault(const HttpRequest &request, Delivery &delivery);

    const Clock &m_clock;
    SandboxOptions m_options;
    std::unique_ptr<QTemporaryDir> m_temporaryState;
    QString m_stateDir;
    std::optional<TlsMaterial> m_tls;
    QSslCertificate m_certificate; ///< parsed once, shared by every origin
    QSslKey m_key;
    std::unique_ptr<SandboxState> m_state;
    std::unique_ptr<TokenService> m_tokens;
    std::unique_ptr<ServiceContext> m_context;
    std::unique_ptr<GraphService> m_graph;
    std::unique_ptr<Faults> m_faults;
    std::unique_ptr<IdentityService> m_identity;
    std::unique_ptr<ArmService> m_arm;
    std::unique_ptr<VaultService> m_vaults;
    std::unique_ptr<ControlService> m_control;
    HttpServer *m_api = nullptr;
    HttpServer *m_browser = nullptr;
    QMap<quint16, HttpServer *> m_vaultServers;
};

} // namespace vl::sandbox
