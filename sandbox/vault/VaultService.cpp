// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/VaultService.h"

#include "access/AccessEngine.h"
#include "arm/ResourceId.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace vl::sandbox {

HttpResponse vaultError(int status, const QString &code, const QString &message,
                        const QString &innerCode)
{
    QJsonObject error{{u"code"_s, code}, {u"message"_s, message}};
    if (!innerCode.isEmpty())
        error.insert("innererror"_L1, QJsonObject{{u"code"_s, innerCode}});
    return HttpResponse::json(status, QJsonObject{{u"error"_s, error}});
}

const QStringList &VaultService::supportedApiVersions()
{
    static const QStringList versions{u"7.3"_s, u"7.4"_s,        u"7.5"_s,
                                      u"7.6"_s, u"2025-07-01"_s, u"2026-04-01"_s};
    return versions;
}

VaultService::VaultService(ServiceContext &context, Faults &faults)
    : m_context(context)
    , m_faults(faults)
{}

HttpResponse VaultService::handle(VaultRecord &vault, const HttpRequest &request,
                                  Delivery &delivery)
{
    const QString clientAddress = m_context.clientAddress(request);
    auto finish = [&](HttpResponse r) {
        r.setHeader("x-ms-request-id", newRequestId());
        if (request.hasHeader("x-ms-client-request-id"))
            r.setHeader("x-ms-client-request-id", request.header("x-ms-client-request-id"));
        r.setHeader("x-ms-keyvault-network-info", "conn_type=Ipv4;addr=" + clientAddress.toLatin1()
                                                      + ";act_addr_fam=InterNetwork;");
        r.setHeader("x-ms-keyvault-region", vault.resource.location.value_or(QString()).toUtf8());
        r.setHeader("x-ms-keyvault-service-version", "1.9.2826.1");
        r.setHeader("Cache-Control", "no-cache");
        return r;
    };

    if (auto faulted = m_faults.apply(
            Faults::Target::Vault, request, delivery, u"Throttled"_s,
            u"Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached"_s,
            [](int status, const QString &code, const QString &message) {
                return vaultError(status, code, message);
            }))
        return delivery.drop ? *faulted : finish(*faulted);

    // An anonymous request is challenged before its body or api-version is looked at.
    const VerifiedToken token = m_context.tokens.verify(request.header("Authorization"));
    access::VaultContext engineVault;
    engineVault.vault = vault.resource;
    engineVault.authorityHost = m_context.apiOrigin();
    engineVault.rbac.assignments = m_context.state.roleAssignments;
    if (const auto *sub =
            m_context.state.subscription(arm::ResourceId::parse(vault.resource.id).subscriptionId))
        engineVault.rbac.managementGroupScopes = sub->managementGroups;
    access::Caller caller = token.caller(m_context.state.directory);
    access::Arrival arrival;
    arrival.clientAddress = clientAddress;

    if (!token.facts.present) {
        const access::Verdict v = access::AccessEngine::evaluate(
            engineVault, caller, arrival, {}, m_context.clock.nowSecsSinceEpoch());
        HttpResponse r = vaultError(v.denial->status, v.denial->code, v.denial->message);
        r.setHeader("WWW-Authenticate", v.denial->wwwAuthenticate);
        return finish(r);
    }

    const auto apiVersion = request.queryValue(u"api-version"_s);
    if (!apiVersion)
        return finish(vaultError(400, u"BadParameter"_s,
                                 u"The 'api-version' query parameter is required."_s));
    if (!supportedApiVersions().contains(*apiVersion))
        return finish(vaultError(
            400, u"BadParameter"_s,
            u"The specified version (%1) is not recognized. Consider using the latest supported version (%2)."_s
                .arg(*apiVersion, supportedApiVersions().last())));

    const auto classified = access::Operations::classify(request.method, request.path);
    if (!classified)
        return finish(vaultError(404, u"NotFound"_s,
                                 u"The requested resource or operation does not exist: %1 %2"_s.arg(
                                     QString::fromLatin1(request.method), request.path)));

    VaultCall call{request, vault, *classified, request.origin, *apiVersion, false};
    if (m_faults.take(Faults::Target::Vault, request, true))
        call.emptyPage = true;

    access::OperationRequest op;
    op.operation = classified->operation;
    op.objectName = classified->objectName;
    const access::OperationInfo &info = access::Operations::info(classified->operation);
    if (info.kind == access::ObjectKind::Secrets)
        op.objectEnabled = SecretOperations::enabledFact(call);
    if (info.kind == access::ObjectKind::Keys)
        KeyOperations::addFacts(call, op);

    const access::Verdict verdict = access::AccessEngine::evaluate(
        engineVault, caller, arrival, op, m_context.clock.nowSecsSinceEpoch());
    if (verdict.denial) {
        HttpResponse r = vaultError(verdict.denial->status, verdict.denial->code,
                                    verdict.denial->message, verdict.denial->innerCode);
        if (!verdict.denial->wwwAuthenticate.isEmpty())
            r.setHeader("WWW-Authenticate", verdict.denial->wwwAuthenticate);
        return finish(r);
    }
    if (vault.resource.properties.usesRbac()) {
        const QString assignment = verdict.stage(access::Stage::Authorization).matched;
        HttpResponse r = run(call);
        r.setHeader("x-ms-keyvault-rbac-assignment-id", assignment.section(u'/', -1).toLatin1());
        r.setHeader("x-ms-keyvault-rbac-cache", "ra_miss");
        return finish(r);
    }
    return finish(run(call));
}

HttpResponse VaultService::run(VaultCall &call)
{
    switch (access::Operations::info(call.operation.operation).kind) {
    case access::ObjectKind::Secrets:
        if (auto refused = CertificateOperations::beforeSecretOperation(call))
            return *refused;
        return SecretOperations::run(call, m_context);
    case access::ObjectKind::Keys:
        return KeyOperations::run(call, m_context);
    case access::ObjectKind::Certificates:
        return CertificateOperations::run(call, m_context);
    case access::ObjectKind::Storage:
        break;
    }
    return vaultError(501, u"NotImplemented"_s,
                      u"The sandbox does not implement %1 yet."_s.arg(QString::fromLatin1(
                          access::Operations::info(call.operation.operation).displayName)));
}

} // namespace vl::sandbox
