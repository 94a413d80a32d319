// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/ClientCall.h"
#include "vault/Certificate.h"

#include <QJsonObject>

namespace vl::vault {

/// JSON mapping for certificates (data plane 2025-07-01; shapes of 7.5 and 7.6).
namespace CertificateSerializer {

[[nodiscard]] CertificatePolicy policyFromJson(const QJsonObject &o);
/// Every member, as the service writes it.
[[nodiscard]] QJsonObject toJson(const CertificatePolicy &policy);
/**
 * The policy for a request body (create, import, `PATCH .../policy`):
 * without the read-only id, and with only the writable attributes.
 */
[[nodiscard]] QJsonObject toRequestJson(const CertificatePolicy &policy);

[[nodiscard]] CertificateProperties propertiesFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const CertificateProperties &properties);

[[nodiscard]] CertificateBundle bundleFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const CertificateBundle &bundle);

[[nodiscard]] DeletedCertificate deletedFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const DeletedCertificate &deleted);

/// `CertificateListResult`: a page of `GET /certificates` or `.../{name}/versions`.
[[nodiscard]] Page<CertificateProperties> pageFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const Page<CertificateProperties> &page);

/// `DeletedCertificateListResult`: a page of `GET /deletedcertificates`.
[[nodiscard]] Page<DeletedCertificate> deletedPageFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const Page<DeletedCertificate> &page);

[[nodiscard]] CertificateOperation operationFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const CertificateOperation &operation);

/// The body of `POST /certificates/{name}/import` (it holds the private key and password).
[[nodiscard]] QJsonObject toJson(const CertificateImportParameters &parameters);
/// The body of `POST /certificates/{name}/create`.
[[nodiscard]] QJsonObject toJson(const CertificateCreateParameters &parameters);
/// The body of `PATCH /certificates/{name}/{version}`.
[[nodiscard]] QJsonObject toJson(const CertificateUpdateParameters &parameters);

} // namespace CertificateSerializer
} // namespace vl::vault
