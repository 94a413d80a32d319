// SPDX-License-Identifier: GPL-3.0-or-later
#include "Sandbox.h"

#include "Faults.h"
#include "arm/ArmService.h"
#include "graph/GraphService.h"
#include "identity/IdentityService.h"
#include "identity/TokenService.h"
#include "state/Seed.h"
#include "vault/VaultService.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QSslKey>
#include <QUrl>

#include <future>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

constexpr qsizetype MaxApiBody = 4 * 1024 * 1024;
constexpr qsizetype MaxVaultBody = 1024 * 1024;

HttpResponse tooLarge()
{
    // The services refuse an oversized request with a 400 BadParameter answer.
    return HttpResponse::json(
        400, QJsonObject{
                 {u"error"_s, QJsonObject{{u"code"_s, u"BadParameter"_s},
                                          {u"message"_s, u"The request body is too large."_s}}}});
}

} // namespace

/// `/sandbox/*` on the API origin: the config JSON, fault injection and reset.
class ControlService
{
public:
    ControlService(Sandbox &sandbox, Faults &faults)
        : m_sandbox(sandbox)
        , m_faults(faults)
    {}

    std::optional<HttpResponse> handle(const HttpRequest &request)
    {
        if (!request.path.startsWith("/sandbox/"_L1) && request.path != "/sandbox"_L1)
            return std::nullopt;
        const QString what = request.path.mid(9);
        if (what == "config"_L1 && request.method == "GET")
            return HttpResponse::json(200, m_sandbox.config());
        if (what == "faults"_L1 && request.method == "GET")
            return HttpResponse::json(200, QJsonObject{{u"faults"_s, m_faults.toJson()}});
        if (what == "faults"_L1 && request.method == "POST") {
            const QJsonDocument doc = QJsonDocument::fromJson(request.body);
            if (const auto error = m_faults.configure(doc.object()); error || !doc.isObject())
                return HttpResponse::json(
                    400, QJsonObject{
                             {u"error"_s, error.value_or(u"The body must be a JSON object."_s)}});
            return HttpResponse::json(200, QJsonObject{{u"faults"_s, m_faults.toJson()}});
        }
        if (what == "reset"_L1 && request.method == "POST") {
            QString error;
            if (!m_sandbox.reset(&error))
                return HttpResponse::json(500, QJsonObject{{u"error"_s, error}});
            return HttpResponse::json(200, m_sandbox.config());
        }
        return HttpResponse::json(404,
                                  QJsonObject{{u"error"_s, u"Unknown sandbox control path."_s}});
    }

private:
    Sandbox &m_sandbox;
    Faults &m_faults;
};

Sandbox::Sandbox(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{}

Sandbox::~Sandbox() = default;

bool Sandbox::start(const SandboxOptions &options, QString *error)
{
    m_options = options;
    if (options.stateDir.isEmpty()) {
        m_temporaryState = std::make_unique<QTemporaryDir>();
        if (!m_temporaryState->isValid()) {
            if (error)
                *error = u"cannot create a temporary state directory"_s;
            return false;
        }
        m_stateDir = m_temporaryState->path();
    } else {
        m_stateDir = QDir(options.stateDir).absolutePath();
        if (!QDir().mkpath(m_stateDir)) {
            if (error)
                *error = u"cannot create the state directory %1"_s.arg(m_stateDir);
            return false;
        }
    }
    // The TLS material (two RSA keys on a first start) is made on a worker thread
    // while the state is loaded or seeded, which makes keys of its own.
    auto tls = std::async(std::launch::async, [dir = m_stateDir] {
        QString tlsError;
        auto material = Pki::loadOrCreate(dir, &tlsError);
        return std::pair{material, tlsError};
    });

    QString loadError;
    auto loaded = SandboxState::load(m_stateDir, &loadError);
    if (!loaded && loadError.isEmpty())
        loaded = Seed::build(options, m_clock, &loadError);
    else if (loaded && !options.clientAddress.isEmpty())
        loaded->clientAddress = options.clientAddress;
    auto [material, tlsError] = tls.get();
    if (!material || !loaded) {
        if (error)
            *error = material ? loadError : tlsError;
        return false;
    }
    m_tls = material;
    m_state = std::make_unique<SandboxState>(std::move(*loaded));
    m_tokens = std::make_unique<TokenService>(*m_state, m_clock);
    m_faults = std::make_unique<Faults>();
    m_context = std::make_unique<ServiceContext>(
        ServiceContext{*m_state, *m_tokens, m_clock, [this] { persist(); },
                       [this] { return apiOrigin(); }, [this] { return browserOrigin(); },
                       [](quint16 port) {
                           return u"https://127.0.0.1:"_s + QString::number(port);
                       }});
    m_identity = std::make_unique<IdentityService>(*m_context);
    m_arm = std::make_unique<ArmService>(*m_context, *m_faults,
                                         [this](VaultRecord &v) { return openVault(v); });
    m_graph = std::make_unique<GraphService>(*m_context);
    m_vaults = std::make_unique<VaultService>(*m_context, *m_faults);
    m_control = std::make_unique<ControlService>(*this, *m_faults);

    m_certificate = QSslCertificate(m_tls->serverCertificatePem, QSsl::Pem);
    m_key = QSslKey(m_tls->serverPrivateKeyPem, QSsl::Ec, QSsl::Pem);
    m_api =
        new HttpServer([this](const HttpRequest &r, Delivery &d) { return handleApi(r, d); }, this);
    m_api->useTls(m_certificate, m_key);
    if (!m_api->listenLocal(options.port)) {
        if (error)
            *error = u"cannot listen on 127.0.0.1:%1"_s.arg(options.port);
        return false;
    }
    m_browser = new HttpServer(
        [this](const HttpRequest &r, Delivery &d) { return handleBrowser(r, d); }, this);
    if (!m_browser->listenLocal(0)) {
        if (error)
            *error = u"cannot listen for the browser origin"_s;
        return false;
    }
    for (VaultRecord &v : m_state->vaults) {
        if (!openVault(v)) {
            if (error)
                *error = u"cannot listen for vault %1"_s.arg(v.resource.name);
            return false;
        }
    }
    persist();
    return true;
}

bool Sandbox::openVault(VaultRecord &vault)
{
    auto *server = new HttpServer(
        [this](const HttpRequest &r, Delivery &d) { return handleVault(r, d); }, this);
    server->useTls(m_certificate, m_key);
    quint16 port =
        vault.port && !m_vaultServers.contains(vault.port) ? server->listenLocal(vault.port) : 0;
    if (!port)
        port = server->listenLocal(0); // the remembered port is taken: pick another
    if (!port) {
        delete server;
        return false;
    }
    vault.port = port;
    vault.resource.properties.vaultUri = u"https://127.0.0.1:"_s + QString::number(port) + u'/';
    m_vaultServers.insert(port, server);
    return true;
}

void Sandbox::persist()
{
    if (!m_state)
        return;
    QString error;
    if (!m_state->save(m_stateDir, &error))
        qWarning("vaultlens-sandbox: cannot save the state: %s", qPrintable(error));
}

bool Sandbox::reset(QString *error)
{
    auto seeded = Seed::build(m_options, m_clock, error);
    if (!seeded)
        return false;
    // Keep what clients hold on to: the tenants' signing keys and the vault origins.
    for (Tenant &t : seeded->directory.tenants)
        if (const Tenant *old = m_state->directory.tenant(t.id))
            t = *old;
    for (VaultRecord &v : seeded->vaults) {
        if (VaultRecord *old = m_state->vaultByName(v.resource.name)) {
            v.port = old->port;
            v.resource.properties.vaultUri = old->resource.properties.vaultUri;
        }
    }
    *m_state = std::move(*seeded);
    m_tokens->clearCache();
    m_identity->clearPending();
    m_faults->clear();
    for (VaultRecord &v : m_state->vaults)
        if (!m_vaultServers.contains(v.port) && !openVault(v)) {
            if (error)
                *error = u"cannot listen for vault %1"_s.arg(v.resource.name);
            return false;
        }
    persist();
    return true;
}

QString Sandbox::apiOrigin() const
{
    return m_api ? m_api->origin() : QString();
}

QString Sandbox::browserOrigin() const
{
    return m_browser ? m_browser->origin() : QString();
}

QString Sandbox::caCertificatePath() const
{
    return QDir(m_stateDir).filePath(u"ca.pem"_s);
}

QJsonObject Sandbox::config() const
{
    const QString api = apiOrigin();
    QJsonArray tenants;
    for (const Tenant &t : m_state->directory.tenants)
        tenants.append(QJsonObject{
            {u"id"_s, t.id}, {u"domain"_s, t.domain}, {u"displayName"_s, t.displayName}});
    QJsonArray accounts, servicePrincipals, managedIdentities;
    for (const Principal &p : m_state->directory.principals) {
        if (p.deleted)
            continue;
        if (p.isUser())
            accounts.append(QJsonObject{{u"upn"_s, p.userPrincipalName},
                                        {u"objectId"_s, p.objectId},
                                        {u"tenantId"_s, p.tenantId},
                                        {u"displayName"_s, p.displayName},
                                        {u"kind"_s, u"user"_s}});
        else if (p.kind == PrincipalKind::ServicePrincipal && !p.trustedService)
            servicePrincipals.append(QJsonObject{{u"appId"_s, p.appId},
                                                 {u"objectId"_s, p.objectId},
                                                 {u"tenantId"_s, p.tenantId},
                                                 {u"displayName"_s, p.displayName},
                                                 {u"clientSecret"_s, p.clientSecret}});
        else if (p.kind == PrincipalKind::ManagedIdentity)
            managedIdentities.append(QJsonObject{{u"clientId"_s, p.appId},
                                                 {u"objectId"_s, p.objectId},
                                                 {u"displayName"_s, p.displayName}});
    }
    QJsonArray subscriptions;
    for (const Subscription &s : m_state->subscriptions)
        subscriptions.append(QJsonObject{{u"subscriptionId"_s, s.id},
                                         {u"displayName"_s, s.displayName},
                                         {u"tenantId"_s, s.tenantId}});
    QJsonArray vaults;
    for (const VaultRecord &v : m_state->vaults)
        vaults.append(
            QJsonObject{{u"name"_s, v.resource.name},
                        {u"id"_s, v.resource.id},
                        {u"vaultUri"_s, v.resource.properties.vaultUri.value_or(QString())}});
    return QJsonObject{
        {u"apiOrigin"_s, api},
        {u"browserOrigin"_s, browserOrigin()},
        {u"caCertificate"_s, caCertificatePath()},
        {u"authorityHost"_s, api},
        {u"resourceManager"_s, QString(api + u'/')},
        {u"graph"_s, QString(api + u'/')},
        {u"imdsEndpoint"_s, browserOrigin()},
        {u"audiences"_s, QJsonObject{{u"arm"_s, u"https://management.azure.com"_s},
                                     {u"vault"_s, u"https://vault.azure.net"_s},
                                     {u"graph"_s, u"https://graph.microsoft.com"_s}}},
        {u"clientAddress"_s, m_state->clientAddress},
        {u"tenants"_s, tenants},
        {u"accounts"_s, accounts},
        {u"servicePrincipals"_s, servicePrincipals},
        {u"managedIdentities"_s, managedIdentities},
        {u"publicClientId"_s, m_state->publicClientId},
        {u"subscriptions"_s, subscriptions},
        {u"vaults"_s, vaults}};
}

HttpResponse Sandbox::handleApi(const HttpRequest &request, Delivery &delivery)
{
    if (request.body.size() > MaxApiBody)
        return tooLarge();
    if (auto r = m_control->handle(request))
        return *r;
    if (auto r = m_arm->handle(request, delivery))
        return *r;
    if (auto r = m_graph->handle(request))
        return *r;
    if (auto r = m_identity->handleApi(request))
        return *r;
    return HttpResponse::json(
        404,
        QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, u"NotFound"_s},
                                             {u"message"_s, QString(u"No sandbox endpoint at "_s
                                                                    + request.path)}}}});
}

HttpResponse Sandbox::handleBrowser(const HttpRequest &request, Delivery &)
{
    return m_identity->handleBrowser(request);
}

HttpResponse Sandbox::handleVault(const HttpRequest &request, Delivery &delivery)
{
    if (request.body.size() > MaxVaultBody)
        return tooLarge();
    const quint16 port = quint16(QUrl(request.origin).port());
    VaultRecord *vault = m_state->vaultByPort(port);
    if (!vault)
        return vaultError(404, u"VaultNotFound"_s, u"This vault no longer exists."_s);
    return m_vaults->handle(*vault, request, delivery);
}

} // namespace vl::sandbox
