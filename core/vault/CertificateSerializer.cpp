// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/CertificateSerializer.h"

#include "util/Json.h"
#include "vault/ObjectSerializer.h"

using namespace Qt::StringLiterals;

namespace vl::vault {

QString CertificateProperties::name() const
{
    const auto parsed = objectId();
    return parsed ? parsed->name : QString();
}

QString CertificateProperties::version() const
{
    const auto parsed = objectId();
    return parsed ? parsed->version : QString();
}

QString CertificateProperties::thumbprintHex() const
{
    if (!x5t)
        return {};
    return QString::fromLatin1(
        QByteArray::fromBase64(x5t->toLatin1(), QByteArray::Base64UrlEncoding).toHex().toUpper());
}

QString OperationError::innerCode() const
{
    return innerError ? innerError->value("code"_L1).toString() : QString();
}

bool CertificateOperation::isInProgress() const
{
    return status && status->compare("inProgress"_L1, Qt::CaseInsensitive) == 0;
}

namespace CertificateSerializer {

using namespace detail;

namespace {

std::optional<QByteArray> optionalBase64(const QJsonObject &o, QLatin1StringView key)
{
    const QJsonValue v = o.value(key);
    if (!v.isString())
        return std::nullopt;
    return QByteArray::fromBase64(v.toString().toLatin1());
}

void insertBase64(QJsonObject &o, QLatin1StringView key, const std::optional<QByteArray> &bytes)
{
    if (bytes)
        o.insert(key, QString::fromLatin1(bytes->toBase64()));
}

CertificateKeyProperties keyPropertiesFromJson(const QJsonObject &o)
{
    CertificateKeyProperties k;
    k.exportable = json::optionalBool(o, "exportable"_L1);
    k.kty = json::optionalString(o, "kty"_L1);
    k.keySize = optionalInteger(o, "key_size"_L1);
    k.reuseKey = json::optionalBool(o, "reuse_key"_L1);
    k.curve = json::optionalString(o, "crv"_L1);
    k.extra = withoutKeys(o, {"exportable"_L1, "kty"_L1, "key_size"_L1, "reuse_key"_L1, "crv"_L1});
    return k;
}

QJsonObject keyPropertiesToJson(const CertificateKeyProperties &k)
{
    QJsonObject o;
    json::insertOptional(o, "exportable"_L1, k.exportable);
    json::insertOptional(o, "kty"_L1, k.kty);
    json::insertOptional(o, "key_size"_L1, k.keySize);
    json::insertOptional(o, "reuse_key"_L1, k.reuseKey);
    json::insertOptional(o, "crv"_L1, k.curve);
    mergeExtra(o, k.extra);
    return o;
}

SubjectAlternativeNames sansFromJson(const QJsonObject &o)
{
    SubjectAlternativeNames s;
    s.emails = optionalStringList(o, "emails"_L1);
    s.dnsNames = optionalStringList(o, "dns_names"_L1);
    s.upns = optionalStringList(o, "upns"_L1);
    s.extra = withoutKeys(o, {"emails"_L1, "dns_names"_L1, "upns"_L1});
    return s;
}

QJsonObject sansToJson(const SubjectAlternativeNames &s)
{
    QJsonObject o;
    insertStringList(o, "emails"_L1, s.emails);
    insertStringList(o, "dns_names"_L1, s.dnsNames);
    insertStringList(o, "upns"_L1, s.upns);
    mergeExtra(o, s.extra);
    return o;
}

X509Properties x509FromJson(const QJsonObject &o)
{
    X509Properties x;
    x.subject = json::optionalString(o, "subject"_L1);
    x.ekus = optionalStringList(o, "ekus"_L1);
    if (const auto sans = optionalObject(o, "sans"_L1))
        x.sans = sansFromJson(*sans);
    x.keyUsage = optionalStringList(o, "key_usage"_L1);
    x.validityMonths = optionalInteger(o, "validity_months"_L1);
    x.extra =
        withoutKeys(o, {"subject"_L1, "ekus"_L1, "sans"_L1, "key_usage"_L1, "validity_months"_L1});
    return x;
}

QJsonObject x509ToJson(const X509Properties &x)
{
    QJsonObject o;
    json::insertOptional(o, "subject"_L1, x.subject);
    insertStringList(o, "ekus"_L1, x.ekus);
    if (x.sans)
        o.insert("sans"_L1, sansToJson(*x.sans));
    insertStringList(o, "key_usage"_L1, x.keyUsage);
    json::insertOptional(o, "validity_months"_L1, x.validityMonths);
    mergeExtra(o, x.extra);
    return o;
}

CertificateLifetimeAction lifetimeActionFromJson(const QJsonObject &o)
{
    CertificateLifetimeAction a;
    const auto trigger = optionalObject(o, "trigger"_L1);
    a.hasTrigger = trigger.has_value();
    const QJsonObject t = trigger.value_or(QJsonObject());
    a.lifetimePercentage = optionalInteger(t, "lifetime_percentage"_L1);
    a.daysBeforeExpiry = optionalInteger(t, "days_before_expiry"_L1);
    a.extraTrigger = withoutKeys(t, {"lifetime_percentage"_L1, "days_before_expiry"_L1});
    const auto action = optionalObject(o, "action"_L1);
    a.hasAction = action.has_value();
    const QJsonObject act = action.value_or(QJsonObject());
    a.actionType = json::optionalString(act, "action_type"_L1);
    a.extraAction = withoutKeys(act, {"action_type"_L1});
    a.extra = withoutKeys(o, {"trigger"_L1, "action"_L1});
    return a;
}

QJsonObject lifetimeActionToJson(const CertificateLifetimeAction &a)
{
    QJsonObject o;
    QJsonObject t;
    json::insertOptional(t, "lifetime_percentage"_L1, a.lifetimePercentage);
    json::insertOptional(t, "days_before_expiry"_L1, a.daysBeforeExpiry);
    mergeExtra(t, a.extraTrigger);
    if (a.hasTrigger || !t.isEmpty())
        o.insert("trigger"_L1, t);
    QJsonObject act;
    json::insertOptional(act, "action_type"_L1, a.actionType);
    mergeExtra(act, a.extraAction);
    if (a.hasAction || !act.isEmpty())
        o.insert("action"_L1, act);
    mergeExtra(o, a.extra);
    return o;
}

IssuerParameters issuerFromJson(const QJsonObject &o)
{
    IssuerParameters i;
    i.name = json::optionalString(o, "name"_L1);
    i.certificateType = json::optionalString(o, "cty"_L1);
    i.certificateTransparency = json::optionalBool(o, "cert_transparency"_L1);
    i.extra = withoutKeys(o, {"name"_L1, "cty"_L1, "cert_transparency"_L1});
    return i;
}

QJsonObject issuerToJson(const IssuerParameters &i)
{
    QJsonObject o;
    json::insertOptional(o, "name"_L1, i.name);
    json::insertOptional(o, "cty"_L1, i.certificateType);
    json::insertOptional(o, "cert_transparency"_L1, i.certificateTransparency);
    mergeExtra(o, i.extra);
    return o;
}

QJsonObject policyToJson(const CertificatePolicy &p, bool request)
{
    QJsonObject o;
    if (!request)
        json::insertOptional(o, "id"_L1, p.id);
    if (p.keyProperties)
        o.insert("key_props"_L1, keyPropertiesToJson(*p.keyProperties));
    if (p.secretProperties) {
        QJsonObject s;
        json::insertOptional(s, "contentType"_L1, p.secretProperties->contentType);
        mergeExtra(s, p.secretProperties->extra);
        o.insert("secret_props"_L1, s);
    }
    if (p.x509Properties)
        o.insert("x509_props"_L1, x509ToJson(*p.x509Properties));
    if (p.lifetimeActions) {
        QJsonArray actions;
        for (const CertificateLifetimeAction &a : *p.lifetimeActions)
            actions.append(lifetimeActionToJson(a));
        o.insert("lifetime_actions"_L1, actions);
    }
    if (p.issuer)
        o.insert("issuer"_L1, issuerToJson(*p.issuer));
    if (p.attributes)
        o.insert("attributes"_L1, request ? ObjectSerializer::toRequestJson(*p.attributes)
                                          : ObjectSerializer::toJson(*p.attributes));
    if (!request)
        mergeExtra(o, p.extra);
    return o;
}

} // namespace

CertificatePolicy policyFromJson(const QJsonObject &o)
{
    CertificatePolicy p;
    p.id = json::optionalString(o, "id"_L1);
    if (const auto k = optionalObject(o, "key_props"_L1))
        p.keyProperties = keyPropertiesFromJson(*k);
    if (const auto s = optionalObject(o, "secret_props"_L1)) {
        CertificateSecretProperties secret;
        secret.contentType = json::optionalString(*s, "contentType"_L1);
        secret.extra = withoutKeys(*s, {"contentType"_L1});
        p.secretProperties = secret;
    }
    if (const auto x = optionalObject(o, "x509_props"_L1))
        p.x509Properties = x509FromJson(*x);
    if (o.value("lifetime_actions"_L1).isArray()) {
        QList<CertificateLifetimeAction> actions;
        const QJsonArray array = o.value("lifetime_actions"_L1).toArray();
        for (const QJsonValue &v : array)
            actions.append(lifetimeActionFromJson(v.toObject()));
        p.lifetimeActions = actions;
    }
    if (const auto i = optionalObject(o, "issuer"_L1))
        p.issuer = issuerFromJson(*i);
    if (const auto a = optionalObject(o, "attributes"_L1))
        p.attributes = ObjectSerializer::attributesFromJson(*a);
    p.extra = withoutKeys(o, {"id"_L1, "key_props"_L1, "secret_props"_L1, "x509_props"_L1,
                              "lifetime_actions"_L1, "issuer"_L1, "attributes"_L1});
    return p;
}

QJsonObject toJson(const CertificatePolicy &policy)
{
    return policyToJson(policy, false);
}

QJsonObject toRequestJson(const CertificatePolicy &policy)
{
    return policyToJson(policy, true);
}

CertificateProperties propertiesFromJson(const QJsonObject &o)
{
    CertificateProperties p;
    p.id = o.value("id"_L1).toString();
    if (const auto attributes = optionalObject(o, "attributes"_L1))
        p.attributes = ObjectSerializer::attributesFromJson(*attributes);
    p.tags = json::optionalStringMap(o, "tags"_L1);
    p.x5t = json::optionalString(o, "x5t"_L1);
    p.extra = withoutKeys(o, {"id"_L1, "attributes"_L1, "tags"_L1, "x5t"_L1});
    return p;
}

QJsonObject toJson(const CertificateProperties &p)
{
    QJsonObject o;
    if (!p.id.isEmpty())
        o.insert("id"_L1, p.id);
    if (p.attributes)
        o.insert("attributes"_L1, ObjectSerializer::toJson(*p.attributes));
    insertTags(o, p.tags);
    json::insertOptional(o, "x5t"_L1, p.x5t);
    mergeExtra(o, p.extra);
    return o;
}

CertificateBundle bundleFromJson(const QJsonObject &o)
{
    CertificateBundle b;
    b.properties = propertiesFromJson(o);
    b.kid = json::optionalString(o, "kid"_L1);
    b.sid = json::optionalString(o, "sid"_L1);
    b.cer = optionalBase64(o, "cer"_L1);
    b.contentType = json::optionalString(o, "contentType"_L1);
    if (const auto policy = optionalObject(o, "policy"_L1))
        b.policy = policyFromJson(*policy);
    b.properties.extra = withoutKeys(b.properties.extra,
                                     {"kid"_L1, "sid"_L1, "cer"_L1, "contentType"_L1, "policy"_L1});
    return b;
}

QJsonObject toJson(const CertificateBundle &b)
{
    QJsonObject o = toJson(b.properties);
    json::insertOptional(o, "kid"_L1, b.kid);
    json::insertOptional(o, "sid"_L1, b.sid);
    insertBase64(o, "cer"_L1, b.cer);
    json::insertOptional(o, "contentType"_L1, b.contentType);
    if (b.policy)
        o.insert("policy"_L1, toJson(*b.policy));
    return o;
}

DeletedCertificate deletedFromJson(const QJsonObject &o)
{
    DeletedCertificate d;
    d.certificate = bundleFromJson(o);
    d.certificate.properties.extra =
        withoutKeys(d.certificate.properties.extra,
                    {"recoveryId"_L1, "deletedDate"_L1, "scheduledPurgeDate"_L1});
    d.deletion = ObjectSerializer::deletionFromJson(o);
    return d;
}

QJsonObject toJson(const DeletedCertificate &d)
{
    QJsonObject o = toJson(d.certificate);
    ObjectSerializer::insertDeletion(o, d.deletion);
    return o;
}

Page<CertificateProperties> pageFromJson(const QJsonObject &o)
{
    return ObjectSerializer::pageFromJson<CertificateProperties>(o, propertiesFromJson);
}

QJsonObject toJson(const Page<CertificateProperties> &page)
{
    return ObjectSerializer::pageToJson(
        page, [](const CertificateProperties &p) { return CertificateSerializer::toJson(p); });
}

Page<DeletedCertificate> deletedPageFromJson(const QJsonObject &o)
{
    return ObjectSerializer::pageFromJson<DeletedCertificate>(o, deletedFromJson);
}

QJsonObject toJson(const Page<DeletedCertificate> &page)
{
    return ObjectSerializer::pageToJson(
        page, [](const DeletedCertificate &d) { return CertificateSerializer::toJson(d); });
}

CertificateOperation operationFromJson(const QJsonObject &o)
{
    CertificateOperation op;
    op.id = json::optionalString(o, "id"_L1);
    if (const auto issuer = optionalObject(o, "issuer"_L1))
        op.issuer = issuerFromJson(*issuer);
    op.csr = optionalBase64(o, "csr"_L1);
    op.cancellationRequested = json::optionalBool(o, "cancellation_requested"_L1);
    op.status = json::optionalString(o, "status"_L1);
    op.statusDetails = json::optionalString(o, "status_details"_L1);
    if (const auto error = optionalObject(o, "error"_L1)) {
        OperationError e;
        e.code = json::optionalString(*error, "code"_L1);
        e.message = json::optionalString(*error, "message"_L1);
        e.innerError = optionalObject(*error, "innererror"_L1);
        e.extra = withoutKeys(*error, {"code"_L1, "message"_L1, "innererror"_L1});
        op.error = e;
    }
    op.target = json::optionalString(o, "target"_L1);
    op.requestId = json::optionalString(o, "request_id"_L1);
    op.extra =
        withoutKeys(o, {"id"_L1, "issuer"_L1, "csr"_L1, "cancellation_requested"_L1, "status"_L1,
                        "status_details"_L1, "error"_L1, "target"_L1, "request_id"_L1});
    return op;
}

QJsonObject toJson(const CertificateOperation &op)
{
    QJsonObject o;
    json::insertOptional(o, "id"_L1, op.id);
    if (op.issuer)
        o.insert("issuer"_L1, issuerToJson(*op.issuer));
    insertBase64(o, "csr"_L1, op.csr);
    json::insertOptional(o, "cancellation_requested"_L1, op.cancellationRequested);
    json::insertOptional(o, "status"_L1, op.status);
    json::insertOptional(o, "status_details"_L1, op.statusDetails);
    if (op.error) {
        QJsonObject e;
        json::insertOptional(e, "code"_L1, op.error->code);
        json::insertOptional(e, "message"_L1, op.error->message);
        if (op.error->innerError)
            e.insert("innererror"_L1, *op.error->innerError);
        mergeExtra(e, op.error->extra);
        o.insert("error"_L1, e);
    }
    json::insertOptional(o, "target"_L1, op.target);
    json::insertOptional(o, "request_id"_L1, op.requestId);
    mergeExtra(o, op.extra);
    return o;
}

QJsonObject toJson(const CertificateImportParameters &parameters)
{
    QJsonObject o{{u"value"_s, parameters.value}};
    json::insertOptional(o, "pwd"_L1, parameters.password);
    if (parameters.policy)
        o.insert("policy"_L1, toRequestJson(*parameters.policy));
    if (parameters.attributes)
        o.insert("attributes"_L1, ObjectSerializer::toRequestJson(*parameters.attributes));
    insertTags(o, parameters.tags);
    return o;
}

QJsonObject toJson(const CertificateCreateParameters &parameters)
{
    QJsonObject o{{u"policy"_s, toRequestJson(parameters.policy)}};
    if (parameters.attributes)
        o.insert("attributes"_L1, ObjectSerializer::toRequestJson(*parameters.attributes));
    insertTags(o, parameters.tags);
    return o;
}

QJsonObject toJson(const CertificateUpdateParameters &parameters)
{
    QJsonObject o;
    if (parameters.policy)
        o.insert("policy"_L1, toRequestJson(*parameters.policy));
    if (parameters.attributes)
        o.insert("attributes"_L1, ObjectSerializer::toRequestJson(*parameters.attributes));
    insertTags(o, parameters.tags);
    return o;
}

} // namespace CertificateSerializer
} // namespace vl::vault
