// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to the certificate operations (CertificateOperations.cpp,
// CertificateLifecycle.cpp, CertificateAdmin.cpp): the call context, the shapes of
// CertificateBundle, CertificateItem, CertificatePolicy and CertificateOperation
// (certificates.json 7.5, the 7.6 examples, recorded answers) and the errors.

#include "state/VaultData.h"
#include "vault/VaultService.h"

#include <QJsonObject>

namespace vl::sandbox::CertificateCommon {

struct Ctx
{
    VaultCall &call;
    ServiceContext &context;
    [[nodiscard]] VaultData &data() const { return call.vault.data; }
    [[nodiscard]] const arm::VaultProperties &props() const
    {
        return call.vault.resource.properties;
    }
    [[nodiscard]] qint64 now() const { return context.clock.nowSecsSinceEpoch(); }
    [[nodiscard]] QString name() const { return call.operation.objectName; }
    [[nodiscard]] QString version() const { return call.operation.version; }
};

/// `https://127.0.0.1:V/certificates/{name}[/{suffix}]`.
[[nodiscard]] QString certificateId(const Ctx &c, const QString &name, const QString &suffix = {});
/// The policy with its id.
[[nodiscard]] QJsonObject policyJson(const Ctx &c, const CertificateEntry &e);
/// CertificateBundle: id, kid, sid, x5t, cer, contentType (once issued), attributes,
/// tags, policy, pending {id} while an operation exists.
[[nodiscard]] QJsonObject bundleJson(const Ctx &c, const CertificateEntry &e,
                                     const CertificateVersion &v);
/// CertificateItem: id, attributes (without the recovery members, as the service lists
/// them), tags, x5t.
[[nodiscard]] QJsonObject itemJson(const Ctx &c, const CertificateEntry &e,
                                   const CertificateVersion &v, bool versioned);
/// CertificateOperation: id .../pending, issuer, csr, cancellation_requested, status,
/// status_details, request_id, target, error.
[[nodiscard]] QJsonObject operationJson(const Ctx &c, const CertificateEntry &e);

/// 404 CertificateNotFound, the KeyNotFound text for certificates (PROTOCOL.md §4.8).
[[nodiscard]] HttpResponse notFound(const QString &name, const QString &version = {});
/// The active certificate the call names, or nothing.
[[nodiscard]] CertificateEntry *active(const Ctx &c);
/// 400 when the policy asks for an HSM key in a Standard vault.
[[nodiscard]] std::optional<HttpResponse> checkHsm(const Ctx &c, const QJsonObject &policy);
/// 409 when a key or secret of the name exists that does not back a certificate.
[[nodiscard]] std::optional<HttpResponse> checkNameFree(const Ctx &c);

} // namespace vl::sandbox::CertificateCommon

namespace vl::sandbox::CertificateLifecycle {
/// get, list, versions, update, policy, delete, recover, purge, backup, restore.
[[nodiscard]] std::optional<HttpResponse> run(CertificateCommon::Ctx &c);
} // namespace vl::sandbox::CertificateLifecycle

namespace vl::sandbox::CertificateAdmin {
/// contacts and issuers.
[[nodiscard]] std::optional<HttpResponse> run(CertificateCommon::Ctx &c);
} // namespace vl::sandbox::CertificateAdmin
