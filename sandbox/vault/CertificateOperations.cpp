// SPDX-License-Identifier: GPL-3.0-or-later
// The certificate operations of the Key Vault data plane (certificates.json 7.5, the 7.6
// examples and the JS SDK's recorded answers): create with a policy (202 and a
// CertificateOperation at .../pending; issuer Self is issued at once, other issuers
// wait for a merge of the signed certificate), the pending operation, merge and
// import of PFX or PEM. A certificate brings a managed key and a managed secret of the
// same name and version (state/CertificateStore). Reads, updates and soft delete are in
// CertificateLifecycle.cpp; contacts and issuers in CertificateAdmin.cpp.
#include "auth/Base64Url.h"
#include "crypto/CertificateRequests.h"
#include "state/CertificateStore.h"
#include "vault/CertificateCommon.h"
#include "vault/VaultObjects.h"

#include <QCryptographicHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace vl::sandbox {

namespace CertificateCommon {

QString certificateId(const Ctx &c, const QString &name, const QString &suffix)
{
    return c.call.origin + u"/certificates/"_s + name
           + (suffix.isEmpty() ? QString() : QString(u'/' + suffix));
}

QJsonObject policyJson(const Ctx &c, const CertificateEntry &e)
{
    QJsonObject p = e.policy;
    p.insert("id"_L1, certificateId(c, e.name, u"policy"_s));
    return p;
}

namespace {

void addTags(QJsonObject &o, const CertificateVersion &v)
{
    if (v.tags)
        o.insert("tags"_L1, VaultObjects::tagsJson(*v.tags));
}

QString x5t(const CertificateVersion &v)
{
    return QString::fromLatin1(
        base64UrlEncode(QCryptographicHash::hash(v.der, QCryptographicHash::Sha1)));
}

} // namespace

QJsonObject bundleJson(const Ctx &c, const CertificateEntry &e, const CertificateVersion &v)
{
    QJsonObject o{{u"id"_s, certificateId(c, e.name, v.version)},
                  {u"attributes"_s, VaultObjects::attributesJson(v.attributes, c.props())},
                  {u"policy"_s, policyJson(c, e)}};
    if (!v.der.isEmpty()) {
        o.insert("kid"_L1, QString(c.call.origin + u"/keys/"_s + e.name + u'/' + v.version));
        o.insert("sid"_L1, QString(c.call.origin + u"/secrets/"_s + e.name + u'/' + v.version));
        o.insert("x5t"_L1, x5t(v));
        o.insert("cer"_L1, QString::fromLatin1(v.der.toBase64()));
        o.insert("contentType"_L1, CertificateStore::contentType(e.policy));
    }
    addTags(o, v);
    if (e.pending)
        o.insert("pending"_L1, QJsonObject{{u"id"_s, certificateId(c, e.name, u"pending"_s)}});
    return o;
}

QJsonObject itemJson(const Ctx &c, const CertificateEntry &e, const CertificateVersion &v,
                     bool versioned)
{
    QJsonObject o{{u"id"_s, certificateId(c, e.name, versioned ? v.version : QString())},
                  {u"attributes"_s, VaultObjects::attributesJson(v.attributes, c.props(), false)}};
    if (!v.der.isEmpty())
        o.insert("x5t"_L1, x5t(v));
    addTags(o, v);
    return o;
}

QJsonObject operationJson(const Ctx &c, const CertificateEntry &e)
{
    const CertificateOperationState &p = *e.pending;
    QJsonObject o{{u"id"_s, certificateId(c, e.name, u"pending"_s)},
                  {u"issuer"_s, p.issuer},
                  {u"csr"_s, QString::fromLatin1(p.csrDer.toBase64())},
                  {u"cancellation_requested"_s, p.cancellationRequested},
                  {u"status"_s, p.status},
                  {u"request_id"_s, p.requestId}};
    if (!p.statusDetails.isEmpty())
        o.insert("status_details"_L1, p.statusDetails);
    if (p.status == "completed"_L1)
        o.insert("target"_L1, certificateId(c, e.name));
    if (p.error)
        o.insert("error"_L1, *p.error);
    return o;
}

HttpResponse notFound(const QString &name, const QString &version)
{
    return vaultError(
        404, u"CertificateNotFound"_s,
        u"A certificate with (name/id) %1 was not found in this key vault. If you recently deleted this certificate you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182"_s
            .arg(version.isEmpty() ? name : QString(name + u'/' + version)));
}

CertificateEntry *active(const Ctx &c)
{
    CertificateEntry *e = c.data().certificate(c.name());
    return e && !e->deleted && !e->versions.isEmpty() ? e : nullptr;
}

std::optional<HttpResponse> checkHsm(const Ctx &c, const QJsonObject &policy)
{
    const QString kty = policy[u"key_props"_s][u"kty"_s].toString();
    if (kty.endsWith("-HSM"_L1)
        && c.props().sku.name.compare("premium"_L1, Qt::CaseInsensitive) != 0)
        return VaultObjects::badParameter(
            u"Hardware key operation not allowed on standard vault"_s);
    return std::nullopt;
}

std::optional<HttpResponse> checkNameFree(const Ctx &c)
{
    const KeyEntry *key = c.data().key(c.name());
    const SecretEntry *secret = c.data().secret(c.name());
    const auto unmanagedKey = key
                              && std::any_of(key->versions.cbegin(), key->versions.cend(),
                                             [](const KeyVersion &v) { return !v.managed; });
    const auto unmanagedSecret = secret
                                 && std::any_of(secret->versions.cbegin(), secret->versions.cend(),
                                                [](const SecretVersion &v) { return !v.managed; });
    if (!unmanagedKey && !unmanagedSecret)
        return std::nullopt;
    return vaultError(
        409, u"Conflict"_s,
        u"A %1 named %2 already exists and does not belong to a certificate; a certificate's key and secret take the certificate's name."_s
            .arg(unmanagedKey ? u"key"_s : u"secret"_s, c.name()));
}

} // namespace CertificateCommon

namespace {

using access::DataOperation;
using CertificateCommon::Ctx;
using VaultObjects::badParameter;

const QString InProgressDetails =
    u"Pending certificate created. Certificate request is in progress. This may take some time based on the issuer provider. Please check again later."_s;
const QString MergeDetails =
    u"Pending certificate created. Please Perform Merge to complete the request."_s;

HttpResponse pendingNotFound(const QString &name)
{
    return vaultError(404, u"PendingCertificateNotFound"_s,
                      u"Pending certificate not found: %1"_s.arg(name));
}

/// Where a new version may go: a valid name, not deleted, no key or secret of the name
/// outside the certificate.
std::optional<HttpResponse> checkWritable(const Ctx &c)
{
    if (auto r = VaultObjects::checkName(c.name()))
        return r;
    const CertificateEntry *entry = c.data().certificate(c.name());
    if (entry && entry->deleted)
        return VaultObjects::deletedButRecoverable(u"Certificate"_s, entry->name);
    return CertificateCommon::checkNameFree(c);
}

/// attributes.enabled and tags of a create, import or merge body.
std::optional<HttpResponse> readProperties(const QJsonObject &body, IssuedCertificate &issued)
{
    ObjectAttributes attributes;
    if (auto r =
            VaultObjects::readAttributes(body.value("attributes"_L1).toObject(), attributes, false))
        return r;
    issued.enabled = attributes.enabled;
    return VaultObjects::readTags(body, issued.tags);
}

CertificateEntry &entryFor(const Ctx &c)
{
    auto it = c.data().certificates.find(c.name().toLower());
    if (it == c.data().certificates.end()) {
        CertificateEntry fresh;
        fresh.name = c.name();
        it = c.data().certificates.insert(c.name().toLower(), fresh);
    }
    return it.value();
}

/// The key of a new version: the previous one when the policy says reuse_key.
std::optional<KeyPair> keyFor(const Ctx &c, const QJsonObject &policy)
{
    const KeyEntry *previous = c.data().key(c.name());
    if (policy[u"key_props"_s][u"reuse_key"_s].toBool() && previous
        && !previous->versions.isEmpty())
        return KeyPair::fromPrivateKeyPem(previous->versions.last().privateKeyPem);
    return CertificateStore::generateKey(policy);
}

/// A version awaiting its certificate: disabled, dated as planned, without `cer`
/// (what the service shows for a certificate whose operation is in progress).
void addPendingVersion(CertificateEntry &e, const IssuedCertificate &issued,
                       const CertificateRequest &request, qint64 now)
{
    CertificateVersion v;
    v.version = issued.version;
    v.attributes.enabled = false;
    v.attributes.notBefore = request.notBefore.toSecsSinceEpoch();
    v.attributes.expires = request.notAfter.toSecsSinceEpoch();
    v.attributes.created = v.attributes.updated = now;
    v.tags = issued.tags;
    e.versions.append(v);
}

HttpResponse accepted(const Ctx &c, const CertificateEntry &e, bool retryLater)
{
    QJsonObject operation = CertificateCommon::operationJson(c, e);
    // The service answers every create with the operation in progress; a Self certificate
    // is issued at once here, so the first poll of .../pending finds it completed.
    operation.insert("status"_L1, u"inProgress"_s);
    operation.insert("status_details"_L1, e.pending->statusDetails.isEmpty()
                                              ? InProgressDetails
                                              : e.pending->statusDetails);
    operation.remove("target"_L1);
    HttpResponse r = HttpResponse::json(202, operation);
    r.setHeader("Location",
                (CertificateCommon::certificateId(c, e.name, u"pending"_s) + u"?api-version="_s
                 + c.call.apiVersion + u"&request_id="_s + e.pending->requestId)
                    .toUtf8());
    if (retryLater)
        r.setHeader("Retry-After", "10");
    return r;
}

std::optional<QJsonObject> createPolicy(const Ctx &c, const QJsonObject &body, QString &why)
{
    const CertificateEntry *existing = c.data().certificate(c.name());
    if (!body.value("policy"_L1).isObject() && (!existing || existing->policy.isEmpty())) {
        why = u"A policy is required to create the first version of a certificate."_s;
        return std::nullopt;
    }
    const QJsonObject given =
        body.value("policy"_L1).isObject() ? body.value("policy"_L1).toObject() : existing->policy;
    return CertificateStore::policyWithDefaults(given, c.now(), &why);
}

/// Refusals before anything is made: an HSM key in a Standard vault, an operation in progress.
std::optional<HttpResponse> checkCreate(const Ctx &c, const QJsonObject &policy)
{
    if (auto r = CertificateCommon::checkHsm(c, policy))
        return r;
    const CertificateEntry *existing = c.data().certificate(c.name());
    if (existing && existing->pending && existing->pending->status == "inProgress"_L1)
        return vaultError(
            409, u"Conflict"_s,
            u"Certificate %1 has a pending operation in progress; merge, cancel or delete it first."_s
                .arg(existing->name));
    return std::nullopt;
}

/// Makes the key and the CSR; issuer Self gets its certificate at once, the others wait
/// for a merge with a pending version (CertificateOperation: certificates.json).
HttpResponse startOperation(Ctx &c, const QJsonObject &policy, IssuedCertificate &issued)
{
    const auto key = keyFor(c, policy);
    const CertificateRequest request = CertificateStore::requestFromPolicy(policy, c.now());
    const auto csr = key ? CertificateRequests::createCsr(*key, request) : std::nullopt;
    if (!csr)
        return badParameter(
            u"The policy's x509_props cannot be made into a certificate: check the subject (an X.500 name such as CN=www.contoso.example), the names, the ekus (dotted OIDs) and the key_usage names."_s);
    CertificateOperationState op{newVersionId(),
                                 issued.version,
                                 u"inProgress"_s,
                                 {},
                                 false,
                                 *csr,
                                 {},
                                 policy[u"issuer"_s].toObject(),
                                 std::nullopt};
    const bool self = CertificateStore::selfIssued(policy);
    if (self) {
        const auto info = Certificates::createSelfSigned(*key, request);
        issued.bundle = CertificateBundle{info.value_or(CertificateInfo{}), *key, {}};
        if (!info
            || !CertificateStore::storeVersion(c.data(), c.name(), policy, issued, c.now(),
                                               c.call.origin))
            return vaultError(500, u"InternalError"_s, u"The certificate could not be issued."_s);
        op.status = u"completed"_s;
    } else {
        op.privateKeyPem = key->privateKeyPem();
        const bool unknown =
            op.issuer.value("name"_L1).toString().compare("Unknown"_L1, Qt::CaseInsensitive) == 0;
        op.statusDetails = unknown ? MergeDetails : InProgressDetails;
    }
    CertificateEntry &entry = entryFor(c);
    entry.policy = policy;
    if (!self)
        addPendingVersion(entry, issued, request, c.now());
    entry.pending = op;
    c.context.persist();
    return accepted(c, entry, !self);
}

HttpResponse create(Ctx &c)
{
    if (auto r = checkWritable(c))
        return *r;
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    QString why;
    const auto policy = createPolicy(c, *body, why);
    if (!policy)
        return badParameter(why);
    if (auto r = checkCreate(c, *policy))
        return *r;
    IssuedCertificate issued;
    issued.version = newVersionId();
    if (auto r = readProperties(*body, issued))
        return *r;
    return startOperation(c, *policy, issued);
}

HttpResponse getPending(Ctx &c)
{
    const CertificateEntry *e = c.data().certificate(c.name());
    if (!e || e->deleted || !e->pending)
        return pendingNotFound(c.name());
    HttpResponse r = HttpResponse::json(200, CertificateCommon::operationJson(c, *e));
    if (e->pending->status == "inProgress"_L1)
        r.setHeader("Retry-After", "10");
    return r;
}

HttpResponse updatePending(Ctx &c)
{
    CertificateEntry *e = c.data().certificate(c.name());
    if (!e || e->deleted || !e->pending)
        return pendingNotFound(c.name());
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    if (!body->value("cancellation_requested"_L1).isBool())
        return badParameter(u"cancellation_requested must be true or false."_s);
    // The request is recorded; the issuer decides (recorded answers keep inProgress).
    e->pending->cancellationRequested = body->value("cancellation_requested"_L1).toBool();
    c.context.persist();
    return HttpResponse::json(200, CertificateCommon::operationJson(c, *e));
}

HttpResponse deletePending(Ctx &c)
{
    CertificateEntry *e = c.data().certificate(c.name());
    if (!e || e->deleted || !e->pending)
        return pendingNotFound(c.name());
    const QJsonObject answer = CertificateCommon::operationJson(c, *e);
    e->pending.reset();
    c.context.persist();
    return HttpResponse::json(200, answer);
}

/// The DER certificates of one x5c entry: base64 DER, or (as the JS SDK's tests send
/// it) base64 of PEM text with one or more CERTIFICATE blocks.
QList<QByteArray> x5cCertificates(const QString &entry)
{
    const QByteArray decoded = QByteArray::fromBase64(entry.toLatin1());
    if (!Certificates::looksLikePem(decoded))
        return {decoded};
    QList<QByteArray> out;
    const QByteArray begin = "-----BEGIN CERTIFICATE-----";
    const QByteArray end = "-----END CERTIFICATE-----";
    for (qsizetype at = decoded.indexOf(begin); at >= 0; at = decoded.indexOf(begin, at + 1)) {
        const qsizetype stop = decoded.indexOf(end, at);
        if (stop < 0)
            break;
        out.append(
            QByteArray::fromBase64(decoded.mid(at + begin.size(), stop - at - begin.size())));
    }
    return out;
}

/// The merged bundle: the certificate whose key is the pending key, the others its chain.
std::optional<CertificateBundle> mergedBundle(const QJsonArray &x5c, const KeyPair &key,
                                              QString &why)
{
    CertificateBundle bundle;
    bundle.key = key;
    bool leaf = false;
    for (const QJsonValue &entry : x5c)
        for (const QByteArray &der : x5cCertificates(entry.toString())) {
            const auto info = Certificates::parseDer(der);
            if (!info) {
                why = u"An x5c entry is not an X.509 certificate."_s;
                return std::nullopt;
            }
            if (!leaf && CertificateRequests::publicKeyDer(der) == key.publicKeyDer()) {
                bundle.certificate = *info;
                leaf = true;
            } else {
                bundle.chainDer.append(der);
            }
        }
    if (!leaf) {
        why = u"Public key from x509 certificate and key of this instance doesn't match"_s;
        return std::nullopt;
    }
    return bundle;
}

/// Stores the merged certificate as the pending version and completes the operation:
/// 201 with the CertificateBundle and a Location (recorded answer of the JS SDK tests).
HttpResponse completeMerge(Ctx &c, CertificateEntry &e, const QJsonObject &body,
                           const CertificateBundle &bundle)
{
    IssuedCertificate issued;
    issued.version = e.pending->version;
    if (const CertificateVersion *pending = e.version(issued.version))
        issued.tags = pending->tags;
    if (auto r = readProperties(body, issued))
        return *r;
    issued.bundle = bundle;
    if (!CertificateStore::storeVersion(c.data(), e.name, e.policy, issued, c.now(), c.call.origin))
        return vaultError(500, u"InternalError"_s, u"The certificate could not be stored."_s);
    e.pending->status = u"completed"_s;
    e.pending->statusDetails.clear();
    e.pending->privateKeyPem.clear();
    c.context.persist();
    HttpResponse r =
        HttpResponse::json(201, CertificateCommon::bundleJson(c, e, *e.version(issued.version)));
    r.setHeader("Location", (CertificateCommon::certificateId(c, e.name) + u"?api-version="_s
                             + c.call.apiVersion)
                                .toUtf8());
    return r;
}

HttpResponse merge(Ctx &c)
{
    CertificateEntry *e = c.data().certificate(c.name());
    if (!e || e->deleted || !e->pending)
        return pendingNotFound(c.name());
    if (e->pending->status != "inProgress"_L1 || e->pending->privateKeyPem.isEmpty())
        return badParameter(
            u"The operation of certificate %1 is %2: there is nothing to merge."_s.arg(
                e->name, e->pending->status));
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    const QJsonArray x5c = body->value("x5c"_L1).toArray();
    const auto key = KeyPair::fromPrivateKeyPem(e->pending->privateKeyPem);
    QString why = u"x5c must hold the signed certificate (base64 DER), then its issuers."_s;
    const auto bundle = x5c.isEmpty() || !key ? std::nullopt : mergedBundle(x5c, *key, why);
    if (!bundle)
        return badParameter(why);
    return completeMerge(c, *e, *body, *bundle);
}

/// The PEM text of an import's value: the value itself, or (as the JS SDK sends PEM bytes
/// when it is given no content type) the text its base64 decodes to.
QByteArray pemText(const QJsonObject &body)
{
    const QByteArray value = body.value("value"_L1).toString().toUtf8();
    if (Certificates::looksLikePem(value))
        return value;
    const QByteArray decoded = QByteArray::fromBase64(value);
    return Certificates::looksLikePem(decoded) ? decoded : value;
}

/// The import's format: the policy's content type, else recognised by content (the JS
/// SDK drops the policy, so PEM arrives without one: PROTOCOL.md §9).
QString importFormat(const QJsonObject &body)
{
    const QString declared = body[u"policy"_s][u"secret_props"_s][u"contentType"_s].toString();
    if (!declared.isEmpty())
        return declared;
    return Certificates::looksLikePem(pemText(body)) ? u"application/x-pem-file"_s
                                                     : u"application/x-pkcs12"_s;
}

std::optional<CertificateBundle> importedBundle(const QJsonObject &body, const QString &format,
                                                QString &why)
{
    const QByteArray value = body.value("value"_L1).toString().toUtf8();
    QString reason;
    std::optional<CertificateBundle> bundle;
    if (format == "application/x-pem-file"_L1) {
        bundle = Certificates::importPem(pemText(body), &reason);
        why =
            u"The specified PEM X.509 certificate content is in an unexpected format. Please check if certificate is in valid PEM format (%1)."_s
                .arg(reason);
    } else {
        const QByteArray pfx = QByteArray::fromBase64(value);
        bundle = pfx.isEmpty()
                     ? std::nullopt
                     : Certificates::importPkcs12(pfx, body.value("pwd"_L1).toString(), &reason);
        why =
            u"The specified PKCS#12 X.509 certificate content can not be read. Please check if certificate is in valid PKCS#12 format (%1)."_s
                .arg(reason.isEmpty() ? u"the value is not base64"_s : reason);
    }
    return bundle;
}

HttpResponse import(Ctx &c)
{
    if (auto r = checkWritable(c))
        return *r;
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    if (!body->value("value"_L1).isString())
        return badParameter(u"The certificate value is required."_s);
    const QString format = importFormat(*body);
    if (format != "application/x-pem-file"_L1 && format != "application/x-pkcs12"_L1)
        return badParameter(
            u"secret_props.contentType must be application/x-pkcs12 or application/x-pem-file."_s);
    QString why;
    const auto bundle = importedBundle(*body, format, why);
    if (!bundle)
        return badParameter(why);
    const auto policy =
        CertificateStore::importedPolicy(bundle->certificate, bundle->key, format,
                                         body->value("policy"_L1).toObject(), c.now(), &why);
    if (!policy)
        return badParameter(why);
    if (auto r = CertificateCommon::checkHsm(c, *policy))
        return *r;
    IssuedCertificate issued;
    issued.version = newVersionId();
    issued.bundle = *bundle;
    if (auto r = readProperties(*body, issued))
        return *r;
    if (!CertificateStore::storeVersion(c.data(), c.name(), *policy, issued, c.now(),
                                        c.call.origin))
        return vaultError(500, u"InternalError"_s, u"The certificate could not be stored."_s);
    CertificateEntry &entry = entryFor(c);
    entry.pending.reset();
    c.context.persist();
    return HttpResponse::json(200, CertificateCommon::bundleJson(c, entry, entry.versions.last()));
}

} // namespace

std::optional<HttpResponse> CertificateOperations::beforeSecretOperation(VaultCall &call)
{
    // A certificate's secret names its key (SecretBundle.kid); the vault's origin is only
    // known once it listens, so the id is written here.
    for (SecretEntry &secret : call.vault.data.secrets)
        for (SecretVersion &v : secret.versions)
            if (v.managed)
                v.kid = call.origin + u"/keys/"_s + secret.name + u'/' + v.version;
    const CertificateEntry *certificate = call.vault.data.certificate(call.operation.objectName);
    if (certificate && certificate->deleted && certificate->deletedSecret
        && call.operation.operation == DataOperation::SetSecret)
        return VaultObjects::deletedButRecoverable(u"Secret"_s, certificate->name);
    const SecretEntry *secret = call.vault.data.secret(call.operation.objectName);
    if (!secret
        || !std::any_of(secret->versions.cbegin(), secret->versions.cend(),
                        [](const SecretVersion &v) { return v.managed; }))
        return std::nullopt;
    switch (call.operation.operation) {
    case DataOperation::SetSecret:
        return VaultObjects::managedByKeyVault(u"set"_s, u"SecretManagedByKeyVault"_s);
    case DataOperation::UpdateSecret:
        return VaultObjects::managedByKeyVault(u"update"_s, u"SecretManagedByKeyVault"_s);
    case DataOperation::DeleteSecret:
        return VaultObjects::managedByKeyVault(u"delete"_s, u"SecretManagedByKeyVault"_s);
    case DataOperation::BackupSecret:
        return VaultObjects::managedByKeyVault(u"backup"_s, u"SecretManagedByKeyVault"_s);
    default:
        return std::nullopt;
    }
}

HttpResponse CertificateOperations::run(VaultCall &call, ServiceContext &context)
{
    Ctx c{call, context};
    switch (call.operation.operation) {
    case DataOperation::CreateCertificate:
        return create(c);
    case DataOperation::ImportCertificate:
        return import(c);
    case DataOperation::GetCertificateOperation:
        return getPending(c);
    case DataOperation::UpdateCertificateOperation:
        return updatePending(c);
    case DataOperation::DeleteCertificateOperation:
        return deletePending(c);
    case DataOperation::MergeCertificate:
        return merge(c);
    default:
        break;
    }
    if (auto r = CertificateLifecycle::run(c))
        return *r;
    if (auto r = CertificateAdmin::run(c))
        return *r;
    return vaultError(400, u"BadParameter"_s, u"Not a certificate operation."_s);
}

} // namespace vl::sandbox
