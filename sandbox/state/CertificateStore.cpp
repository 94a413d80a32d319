// SPDX-License-Identifier: GPL-3.0-or-later
#include "state/CertificateStore.h"

#include "crypto/CertificateRequests.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace vl::sandbox::CertificateStore {
namespace {

const QString Pkcs12 = u"application/x-pkcs12"_s;
const QString Pem = u"application/x-pem-file"_s;

void setError(QString *error, const QString &text)
{
    if (error != nullptr)
        *error = text;
}

QJsonObject member(const QJsonObject &o, QLatin1StringView name)
{
    return o.value(name).toObject();
}

bool isRsa(const QString &kty)
{
    return kty == "RSA"_L1 || kty == "RSA-HSM"_L1;
}

bool isEc(const QString &kty)
{
    return kty == "EC"_L1 || kty == "EC-HSM"_L1;
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out.append(s.toString());
    return out;
}

/// Checks what the service checks of a complete policy (certificates.json constraints).
bool validate(const QJsonObject &policy, QString *error)
{
    const QJsonObject kp = member(policy, "key_props"_L1);
    const QString kty = kp.value("kty"_L1).toString();
    if (!isRsa(kty) && !isEc(kty)) {
        setError(error, u"key_props.kty must be RSA, RSA-HSM, EC or EC-HSM, not '%1'."_s.arg(kty));
        return false;
    }
    const int size = kp.value("key_size"_L1).toInt();
    if (isRsa(kty) && size != 2048 && size != 3072 && size != 4096) {
        setError(error, u"key_props.key_size must be 2048, 3072 or 4096 for RSA keys."_s);
        return false;
    }
    static const QStringList curves{u"P-256"_s, u"P-384"_s, u"P-521"_s, u"P-256K"_s};
    if (isEc(kty) && !curves.contains(kp.value("crv"_L1).toString())) {
        setError(error, u"key_props.crv must be P-256, P-384, P-521 or P-256K."_s);
        return false;
    }
    const QString type = member(policy, "secret_props"_L1).value("contentType"_L1).toString();
    if (type != Pkcs12 && type != Pem) {
        setError(error, u"secret_props.contentType must be application/x-pkcs12 or "
                        "application/x-pem-file."_s);
        return false;
    }
    const QJsonObject xp = member(policy, "x509_props"_L1);
    const int months = xp.value("validity_months"_L1).toInt(-1);
    if (months < 1 || months > 1200) {
        setError(error, u"x509_props.validity_months must be between 1 and 1200."_s);
        return false;
    }
    return true;
}

QJsonArray defaultLifetimeActions(const QJsonObject &issuer)
{
    const bool unknown =
        issuer.value("name"_L1).toString().compare("Unknown"_L1, Qt::CaseInsensitive) == 0;
    return QJsonArray{QJsonObject{
        {u"trigger"_s, QJsonObject{{u"lifetime_percentage"_s, 80}}},
        {u"action"_s,
         QJsonObject{{u"action_type"_s, unknown ? u"EmailContacts"_s : u"AutoRenew"_s}}}}};
}

QJsonObject keyPropsWithDefaults(QJsonObject kp)
{
    if (kp.value("kty"_L1).toString().isEmpty())
        kp.insert("kty"_L1, u"RSA"_s);
    const QString kty = kp.value("kty"_L1).toString();
    if (isRsa(kty) && !kp.contains("key_size"_L1))
        kp.insert("key_size"_L1, 2048);
    if (isEc(kty) && !kp.contains("crv"_L1))
        kp.insert("crv"_L1, u"P-256"_s);
    if (!kp.value("exportable"_L1).isBool())
        kp.insert("exportable"_L1, true);
    if (!kp.value("reuse_key"_L1).isBool())
        kp.insert("reuse_key"_L1, false);
    return kp;
}

QJsonObject x509PropsWithDefaults(QJsonObject xp, const QString &kty)
{
    if (!xp.contains("ekus"_L1))
        xp.insert("ekus"_L1, QJsonArray{u"1.3.6.1.5.5.7.3.1"_s, u"1.3.6.1.5.5.7.3.2"_s});
    if (!xp.contains("key_usage"_L1))
        xp.insert("key_usage"_L1, isEc(kty)
                                      ? QJsonArray{u"digitalSignature"_s}
                                      : QJsonArray{u"digitalSignature"_s, u"keyEncipherment"_s});
    if (!xp.contains("validity_months"_L1))
        xp.insert("validity_months"_L1, 12);
    if (!xp.contains("basic_constraints"_L1))
        xp.insert("basic_constraints"_L1, QJsonObject{{u"ca"_s, false}});
    return xp;
}

QJsonObject policyAttributes(const QJsonObject &given, qint64 created, qint64 now)
{
    return QJsonObject{{u"enabled"_s, given.value("enabled"_L1).toBool(true)},
                       {u"created"_s, double(created)},
                       {u"updated"_s, double(now)}};
}

/// Whole months from @p from to @p to (the validity of an imported certificate).
int monthsBetween(const QDateTime &from, const QDateTime &to)
{
    int months =
        (to.date().year() - from.date().year()) * 12 + to.date().month() - from.date().month();
    if (from.addMonths(months) > to.addSecs(3600))
        --months;
    return std::max(months, 1);
}

template<typename Entry>
Entry &entryFor(QMap<QString, Entry> &map, const QString &name)
{
    auto it = map.find(name.toLower());
    if (it == map.end()) {
        Entry fresh;
        fresh.name = name;
        it = map.insert(name.toLower(), fresh);
    }
    return it.value();
}

template<typename Version>
void putVersion(QList<Version> &versions, const Version &v)
{
    for (Version &existing : versions)
        if (existing.version == v.version) {
            existing = v;
            return;
        }
    versions.append(v);
}

ObjectAttributes certificateAttributes(const IssuedCertificate &issued, qint64 now)
{
    ObjectAttributes a;
    a.enabled = issued.enabled;
    a.notBefore = issued.bundle.certificate.notBefore.toSecsSinceEpoch();
    a.expires = issued.bundle.certificate.notAfter.toSecsSinceEpoch();
    a.created = now;
    a.updated = now;
    return a;
}

/// An X.509 certificate must name its subject, in the subject or its alternative names.
bool namesSomething(const QJsonObject &xp)
{
    const QJsonObject sans = member(xp, "sans"_L1);
    return !xp.value("subject"_L1).toString().trimmed().isEmpty()
           || !strings(sans.value("dns_names"_L1)).isEmpty()
           || !strings(sans.value("emails"_L1)).isEmpty()
           || !strings(sans.value("upns"_L1)).isEmpty();
}

/// The certificate version of @p issued, replacing a pending version of that id (whose
/// creation time it keeps).
const CertificateVersion &putCertificate(CertificateEntry &certificate,
                                         const IssuedCertificate &issued, qint64 now)
{
    CertificateVersion cv;
    cv.version = issued.version;
    cv.der = issued.bundle.certificate.der;
    cv.chainDer = issued.bundle.chainDer;
    cv.attributes = certificateAttributes(issued, now);
    cv.tags = issued.tags;
    if (const CertificateVersion *pending = certificate.version(issued.version))
        cv.attributes.created = pending->attributes.created;
    putVersion(certificate.versions, cv);
    return *certificate.version(issued.version);
}

} // namespace

std::optional<QJsonObject> policyWithDefaults(const QJsonObject &given, qint64 now, QString *error)
{
    QJsonObject policy;
    const QJsonObject kp = keyPropsWithDefaults(member(given, "key_props"_L1));
    policy.insert("key_props"_L1, kp);
    QJsonObject sp = member(given, "secret_props"_L1);
    if (sp.value("contentType"_L1).toString().isEmpty())
        sp.insert("contentType"_L1, Pkcs12);
    policy.insert("secret_props"_L1, sp);
    const QJsonObject xp =
        x509PropsWithDefaults(member(given, "x509_props"_L1), kp.value("kty"_L1).toString());
    policy.insert("x509_props"_L1, xp);
    QJsonObject issuer = member(given, "issuer"_L1);
    if (issuer.value("name"_L1).toString().isEmpty())
        issuer.insert("name"_L1, u"Unknown"_s);
    policy.insert("issuer"_L1, issuer);
    policy.insert("lifetime_actions"_L1, given.value("lifetime_actions"_L1).isArray()
                                             ? given.value("lifetime_actions"_L1).toArray()
                                             : defaultLifetimeActions(issuer));
    const QJsonObject attributes = member(given, "attributes"_L1);
    const qint64 created =
        attributes.contains("created"_L1) ? qint64(attributes.value("created"_L1).toDouble()) : now;
    policy.insert("attributes"_L1, policyAttributes(attributes, created, now));
    if (!namesSomething(xp)) {
        setError(error, u"The policy's x509_props need a subject or subject alternative names."_s);
        return std::nullopt;
    }
    if (!validate(policy, error))
        return std::nullopt;
    return policy;
}

std::optional<QJsonObject> updatedPolicy(const QJsonObject &stored, const QJsonObject &update,
                                         qint64 now, QString *error)
{
    QJsonObject merged = stored;
    for (const auto name :
         {"key_props"_L1, "secret_props"_L1, "x509_props"_L1, "issuer"_L1, "attributes"_L1}) {
        QJsonObject part = member(stored, name);
        const QJsonObject changes = member(update, name);
        for (auto it = changes.begin(); it != changes.end(); ++it)
            part.insert(it.key(), it.value());
        merged.insert(name, part);
    }
    if (update.value("lifetime_actions"_L1).isArray())
        merged.insert("lifetime_actions"_L1, update.value("lifetime_actions"_L1));
    return policyWithDefaults(merged, now, error);
}

std::optional<QJsonObject> importedPolicy(const CertificateInfo &certificate, const KeyPair &key,
                                          const QString &type, const QJsonObject &given, qint64 now,
                                          QString *error)
{
    QJsonObject kp{{u"exportable"_s, true}, {u"reuse_key"_s, false}};
    if (key.type() == KeyPair::Type::Ec) {
        kp.insert("kty"_L1, u"EC"_s);
        kp.insert("crv"_L1, key.curve());
    } else {
        kp.insert("kty"_L1, u"RSA"_s);
        kp.insert("key_size"_L1, key.bits());
    }
    QJsonObject xp{
        {u"subject"_s, certificate.subject},
        {u"ekus"_s, QJsonArray{}},
        {u"key_usage"_s, QJsonArray{}},
        {u"validity_months"_s, monthsBetween(certificate.notBefore, certificate.notAfter)}};
    if (!certificate.dnsNames.isEmpty())
        xp.insert("sans"_L1,
                  QJsonObject{{u"dns_names"_s, QJsonArray::fromStringList(certificate.dnsNames)}});
    const QJsonObject base{{u"key_props"_s, kp},
                           {u"secret_props"_s, QJsonObject{{u"contentType"_s, type}}},
                           {u"x509_props"_s, xp},
                           {u"issuer"_s, QJsonObject{{u"name"_s, u"Unknown"_s}}},
                           {u"attributes"_s, QJsonObject{{u"enabled"_s, true}}}};
    QJsonObject update = given;
    QJsonObject sp = member(update, "secret_props"_L1);
    sp.insert("contentType"_L1, type); // the format the value came in decides
    update.insert("secret_props"_L1, sp);
    return updatedPolicy(base, update, now, error);
}

CertificateRequest requestFromPolicy(const QJsonObject &policy, qint64 now)
{
    const QJsonObject xp = member(policy, "x509_props"_L1);
    const QJsonObject sans = member(xp, "sans"_L1);
    CertificateRequest r;
    r.subject = xp.value("subject"_L1).toString();
    r.dnsNames = strings(sans.value("dns_names"_L1));
    r.emails = strings(sans.value("emails"_L1));
    r.upns = strings(sans.value("upns"_L1));
    r.ekus = strings(xp.value("ekus"_L1));
    r.keyUsage = strings(xp.value("key_usage"_L1));
    const QDateTime created = QDateTime::fromSecsSinceEpoch(now, Qt::UTC);
    r.notBefore = created.addSecs(-600);
    r.notAfter = created.addMonths(xp.value("validity_months"_L1).toInt(12));
    return r;
}

std::optional<KeyPair> generateKey(const QJsonObject &policy)
{
    const QJsonObject kp = member(policy, "key_props"_L1);
    if (isEc(kp.value("kty"_L1).toString()))
        return KeyPair::generateEc(kp.value("crv"_L1).toString());
    return KeyPair::generateRsa(kp.value("key_size"_L1).toInt(2048));
}

bool selfIssued(const QJsonObject &policy)
{
    return member(policy, "issuer"_L1)
               .value("name"_L1)
               .toString()
               .compare("Self"_L1, Qt::CaseInsensitive)
           == 0;
}

QString contentType(const QJsonObject &policy)
{
    return member(policy, "secret_props"_L1).value("contentType"_L1).toString(Pkcs12);
}

std::optional<QString> secretValue(const CertificateBundle &bundle, const QJsonObject &policy)
{
    // RBAC.md §6.2: the secret holds the private key only when the key is exportable.
    const bool exportable = member(policy, "key_props"_L1).value("exportable"_L1).toBool(true);
    if (contentType(policy) == Pem) {
        if (exportable)
            return QString::fromLatin1(Certificates::exportPem(bundle));
        QByteArray pem = CertificateRequests::certificatePem(bundle.certificate.der);
        for (const QByteArray &der : bundle.chainDer)
            pem += CertificateRequests::certificatePem(der);
        return QString::fromLatin1(pem);
    }
    const auto pfx =
        exportable
            ? Certificates::exportPkcs12(bundle)
            : CertificateRequests::certificatesOnlyPkcs12(bundle.certificate.der, bundle.chainDer);
    if (!pfx)
        return std::nullopt;
    return QString::fromLatin1(pfx->toBase64());
}

bool storeVersion(VaultData &data, const QString &name, const QJsonObject &policy,
                  const IssuedCertificate &issued, qint64 now, const QString &origin)
{
    const auto value = secretValue(issued.bundle, policy);
    const QByteArray pem = issued.bundle.key.privateKeyPem();
    if (!value || pem.isEmpty())
        return false;
    CertificateEntry &certificate = entryFor(data.certificates, name);
    certificate.policy = policy;
    const CertificateVersion &cv = putCertificate(certificate, issued, now);

    const QString kty = member(policy, "key_props"_L1).value("kty"_L1).toString(u"RSA"_s);
    KeyVersion kv;
    kv.version = issued.version;
    kv.kty = kty;
    kv.privateKeyPem = pem;
    kv.keyOps = defaultKeyOperations(kty);
    kv.attributes = cv.attributes;
    kv.managed = true;
    putVersion(entryFor(data.keys, certificate.name).versions, kv);

    SecretVersion sv;
    sv.version = issued.version;
    sv.value = *value;
    sv.contentType = contentType(policy);
    sv.attributes = cv.attributes;
    sv.managed = true;
    sv.kid = origin + u"/keys/"_s + certificate.name + u'/' + issued.version;
    putVersion(entryFor(data.secrets, certificate.name).versions, sv);
    return true;
}

} // namespace vl::sandbox::CertificateStore
