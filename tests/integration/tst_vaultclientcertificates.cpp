// SPDX-License-Identifier: GPL-3.0-or-later
// VaultClient's certificate calls against the sandbox's Key Vault, through the app's real
// pipeline, as the automation service principal.
#include "VaultClientTesting.h"

#include <QCryptographicHash>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::vault;
using namespace vl::test::vaultclient;
using vl::test::ClientFixture;

namespace {

/// A policy for a certificate the vault signs itself.
CertificatePolicy selfSigned(const QString &subject,
                             const QString &contentType = u"application/x-pkcs12"_s)
{
    CertificatePolicy p;
    CertificateKeyProperties key;
    key.kty = u"RSA"_s;
    key.keySize = 2048;
    key.exportable = true;
    key.reuseKey = false;
    p.keyProperties = key;
    p.secretProperties = CertificateSecretProperties{contentType, {}};
    X509Properties x509;
    x509.subject = subject;
    SubjectAlternativeNames sans;
    sans.dnsNames = QStringList{u"www.contoso.example"_s};
    x509.sans = sans;
    x509.validityMonths = 12;
    x509.keyUsage = QStringList{u"digitalSignature"_s, u"keyEncipherment"_s};
    p.x509Properties = x509;
    IssuerParameters issuer;
    issuer.name = u"Self"_s;
    p.issuer = issuer;
    return p;
}

CertificateCreateParameters createWith(const CertificatePolicy &policy)
{
    CertificateCreateParameters c;
    c.policy = policy;
    return c;
}

} // namespace

class TestVaultClientCertificates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createSelfSigned();
    void exportThroughTheBackingSecret();
    void importPem();
    void importPfx();
    void importRejectsGarbage();
    void updateCertificate();
    void policyGetAndUpdate();
    void pendingOperationCancelAndDelete();
    void listCertificatesAcrossPages();
    void listVersionsAcrossPages();
    void softDeleteRecoverAndPurge();
    void listDeletedAcrossPages();
    void createOnADeletedNameConflicts();
    void backupAndRestore();
    void notFound();

private:
    /// Creates a self-signed certificate and waits for its operation; the bundle.
    Result<CertificateBundle> created(const QString &name, const CertificatePolicy &policy);

    std::unique_ptr<ClientFixture> m_fixture;
    VaultClient m_client{nullptr, QUrl()};
};

void TestVaultClientCertificates::initTestCase()
{
    m_fixture = std::make_unique<ClientFixture>();
    QVERIFY2(m_fixture->isRunning(), qPrintable(m_fixture->sandbox().startError()));
    m_client = VaultClient(m_fixture->automationPipeline(), m_fixture->vaultUri(DevVault));
}

Result<CertificateBundle> TestVaultClientCertificates::created(const QString &name,
                                                               const CertificatePolicy &policy)
{
    const auto operation = await(m_client.createCertificate(name, createWith(policy)));
    if (!operation)
        return operation.error();
    for (int i = 0; i < 20; ++i) {
        const auto state = await(m_client.getCertificateOperation(name));
        if (!state)
            return state.error();
        if (!state->isInProgress())
            break;
        QTest::qWait(100);
    }
    return await(m_client.getCertificate(name));
}

void TestVaultClientCertificates::createSelfSigned()
{
    const QString name = uniqueName(u"web"_s);
    const auto operation = await(
        m_client.createCertificate(name, createWith(selfSigned(u"CN=www.contoso.example"_s))));
    VERIFY_OK(operation);
    // The service answers 202 with the operation in progress.
    QVERIFY(operation->isInProgress());
    QVERIFY(operation->id && ObjectId::parse(*operation->id)->isPendingOperation());
    QVERIFY(operation->csr && operation->csr->startsWith("\x30\x82"));
    QCOMPARE(operation->issuer->name, std::optional<QString>(u"Self"_s));

    const auto done = await(m_client.getCertificateOperation(name));
    VERIFY_OK(done);
    QCOMPARE(done->status, std::optional<QString>(u"completed"_s));
    QVERIFY(done->target.has_value());
    QCOMPARE(ObjectId::parse(*done->target)->name, name);

    const auto bundle = await(m_client.getCertificate(name));
    VERIFY_OK(bundle);
    QCOMPARE(bundle->properties.name(), name);
    QVERIFY(bundle->cer.has_value());
    QCOMPARE(
        bundle->properties.thumbprintHex(),
        QString::fromLatin1(
            QCryptographicHash::hash(*bundle->cer, QCryptographicHash::Sha1).toHex().toUpper()));
    for (const auto &[id, kind] :
         {std::pair{bundle->kid, ObjectKind::Key}, std::pair{bundle->sid, ObjectKind::Secret}}) {
        QVERIFY(id.has_value());
        const auto parsed = ObjectId::parse(*id);
        QVERIFY(parsed && parsed->kind == kind);
        QCOMPARE(parsed->name, name);
        QCOMPARE(parsed->version, bundle->properties.version());
    }
    QVERIFY(bundle->policy.has_value());
    QCOMPARE(bundle->policy->x509Properties->subject,
             std::optional<QString>(u"CN=www.contoso.example"_s));
    QCOMPARE(bundle->policy->x509Properties->sans->dnsNames,
             std::optional<QStringList>(QStringList{u"www.contoso.example"_s}));
    QVERIFY(bundle->properties.attributes->expires > bundle->properties.attributes->notBefore);

    // The backing key is listed with the key's public part.
    const auto key = await(m_client.getKey(name, bundle->properties.version()));
    VERIFY_OK(key);
    QCOMPARE(key->properties.managed, std::optional<bool>(true));
    QCOMPARE(key->jwk->keySizeBits(), 2048);
}

void TestVaultClientCertificates::exportThroughTheBackingSecret()
{
    // A certificate with an exportable key is exported by reading its secret.
    const QString name = uniqueName(u"export"_s);
    const auto bundle =
        created(name, selfSigned(u"CN=export.contoso.example"_s, u"application/x-pem-file"_s));
    VERIFY_OK(bundle);
    const auto secret = await(m_client.getSecret(name, bundle->properties.version()));
    VERIFY_OK(secret);
    QCOMPARE(secret->properties.managed, std::optional<bool>(true));
    QCOMPARE(secret->properties.contentType, std::optional<QString>(u"application/x-pem-file"_s));
    QCOMPARE(secret->properties.keyId, bundle->kid);
    QVERIFY(secret->value && secret->value->contains("PRIVATE KEY-----"_L1));
    QVERIFY(secret->value->contains("-----BEGIN CERTIFICATE-----"_L1));
    // Key Vault manages that secret: it cannot be changed directly.
    const auto set = await(m_client.setSecret(name, SecretSetParameters{u"x"_s, {}, {}, {}}));
    QVERIFY(!set.ok());
    QCOMPARE(set.error().status, 403);
    QCOMPARE(set.error().innerCode, u"SecretManagedByKeyVault"_s);
}

void TestVaultClientCertificates::importPem()
{
    const QString source = uniqueName(u"pem-source"_s);
    const auto original =
        created(source, selfSigned(u"CN=pem.contoso.example"_s, u"application/x-pem-file"_s));
    VERIFY_OK(original);
    const auto pem = await(m_client.getSecret(source));
    VERIFY_OK(pem);

    const QString name = uniqueName(u"pem-import"_s);
    CertificateImportParameters import;
    import.value = *pem->value;
    CertificatePolicy policy;
    policy.secretProperties = CertificateSecretProperties{u"application/x-pem-file"_s, {}};
    import.policy = policy;
    import.tags = Tags{{ u"source"_s, u"pem"_s }};
    const auto imported = await(m_client.importCertificate(name, import));
    VERIFY_OK(imported);
    QCOMPARE(imported->properties.name(), name);
    QCOMPARE(imported->cer, original->cer);
    QCOMPARE(imported->properties.x5t, original->properties.x5t);
    QCOMPARE(imported->properties.tags, import.tags);
    QCOMPARE(imported->policy->secretProperties->contentType,
             std::optional<QString>(u"application/x-pem-file"_s));
}

void TestVaultClientCertificates::importPfx()
{
    const QString source = uniqueName(u"pfx-source"_s);
    const auto original = created(source, selfSigned(u"CN=pfx.contoso.example"_s));
    VERIFY_OK(original);
    const auto pfx = await(m_client.getSecret(source));
    VERIFY_OK(pfx);
    QCOMPARE(pfx->properties.contentType, std::optional<QString>(u"application/x-pkcs12"_s));

    CertificateImportParameters import;
    import.value = *pfx->value; // base64 PKCS#12 without a password
    import.password = QString();
    const auto imported = await(m_client.importCertificate(uniqueName(u"pfx-import"_s), import));
    VERIFY_OK(imported);
    QCOMPARE(imported->cer, original->cer);
}

void TestVaultClientCertificates::importRejectsGarbage()
{
    CertificateImportParameters import;
    import.value = u"bm90IGEgY2VydGlmaWNhdGU="_s;
    import.password = u"wrong"_s;
    const auto r = await(m_client.importCertificate(uniqueName(u"garbage"_s), import));
    VERIFY_ERROR(r, AzureError::Kind::Malformed, 400);
}

void TestVaultClientCertificates::updateCertificate()
{
    const QString name = uniqueName(u"update"_s);
    const auto bundle = created(name, selfSigned(u"CN=update.contoso.example"_s));
    VERIFY_OK(bundle);
    CertificateUpdateParameters patch;
    patch.tags = Tags{{u"owner"_s, u"web-team"_s}};
    ObjectAttributes attributes;
    attributes.enabled = false;
    patch.attributes = attributes;
    const auto updated =
        await(m_client.updateCertificate(name, bundle->properties.version(), patch));
    VERIFY_OK(updated);
    QCOMPARE(updated->properties.id, bundle->properties.id);
    QCOMPARE(updated->properties.tags, patch.tags);
    QCOMPARE(updated->properties.attributes->enabled, std::optional<bool>(false));
    QCOMPARE(updated->cer, bundle->cer);
}

void TestVaultClientCertificates::policyGetAndUpdate()
{
    const QString name = uniqueName(u"policy"_s);
    VERIFY_OK(created(name, selfSigned(u"CN=policy.contoso.example"_s)));
    const auto policy = await(m_client.getCertificatePolicy(name));
    VERIFY_OK(policy);
    QVERIFY(policy->id && ObjectId::parse(*policy->id)->isCertificatePolicy());
    QCOMPARE(policy->x509Properties->validityMonths, std::optional<int>(12));
    QCOMPARE(policy->keyProperties->keySize, std::optional<int>(2048));

    CertificatePolicy change;
    X509Properties x509 = *policy->x509Properties;
    x509.validityMonths = 6;
    change.x509Properties = x509;
    CertificateLifetimeAction renew;
    renew.daysBeforeExpiry = 30;
    renew.actionType = u"AutoRenew"_s;
    change.lifetimeActions = QList<CertificateLifetimeAction>{renew};
    const auto updated = await(m_client.updateCertificatePolicy(name, change));
    VERIFY_OK(updated);
    QCOMPARE(updated->x509Properties->validityMonths, std::optional<int>(6));
    QCOMPARE(updated->lifetimeActions->size(), 1);
    QCOMPARE(updated->lifetimeActions->first().daysBeforeExpiry, std::optional<int>(30));
    QCOMPARE(updated->lifetimeActions->first().actionType, std::optional<QString>(u"AutoRenew"_s));
    // What PATCH did not name stays.
    QCOMPARE(updated->keyProperties->keySize, std::optional<int>(2048));
    QCOMPARE(updated->issuer->name, std::optional<QString>(u"Self"_s));

    const auto read = await(m_client.getCertificatePolicy(name));
    VERIFY_OK(read);
    QCOMPARE(read->x509Properties->validityMonths, std::optional<int>(6));
}

void TestVaultClientCertificates::pendingOperationCancelAndDelete()
{
    // Issuer Unknown: the operation waits for a merge.
    const QString name = uniqueName(u"pending"_s);
    CertificatePolicy policy = selfSigned(u"CN=pending.contoso.example"_s);
    policy.issuer->name = u"Unknown"_s;
    const auto started = await(m_client.createCertificate(name, createWith(policy)));
    VERIFY_OK(started);
    const auto pending = await(m_client.getCertificateOperation(name));
    VERIFY_OK(pending);
    QVERIFY(pending->isInProgress());
    QCOMPARE(pending->cancellationRequested, std::optional<bool>(false));
    QVERIFY(pending->csr.has_value());

    // A second create while one is in progress is refused.
    VERIFY_ERROR(await(m_client.createCertificate(name, createWith(policy))),
                 AzureError::Kind::Conflict, 409);

    const auto cancelled = await(m_client.cancelCertificateOperation(name));
    VERIFY_OK(cancelled);
    QCOMPARE(cancelled->cancellationRequested, std::optional<bool>(true));

    const auto deleted = await(m_client.deleteCertificateOperation(name));
    VERIFY_OK(deleted);
    QCOMPARE(deleted->id, pending->id);
    const auto gone = await(m_client.getCertificateOperation(name));
    VERIFY_ERROR(gone, AzureError::Kind::NotFound, 404);
    QCOMPARE(gone.error().code, u"PendingCertificateNotFound"_s);
}

void TestVaultClientCertificates::listCertificatesAcrossPages()
{
    const QString prefix = uniqueName(u"page"_s);
    QStringList names;
    for (int i = 0; i < 5; ++i) {
        const QString name = prefix + u'-' + QString::number(i);
        VERIFY_OK(created(name, selfSigned(u"CN="_s + name)));
        names.append(name);
    }
    int pages = 0;
    const auto all = allPages<CertificateProperties>(
        m_client.listCertificates(2),
        [this](const QUrl &next) { return m_client.listCertificatesNext(next); }, &pages);
    VERIFY_OK(all);
    QVERIFY(pages >= 3);
    QStringList listed;
    for (const CertificateItem &item : *all) {
        listed.append(item.name());
        QVERIFY(item.version().isEmpty());
        // Issued ones carry their thumbprint (one waiting for its issuer has none yet).
        if (names.contains(item.name()))
            QVERIFY(item.x5t.has_value());
    }
    QCOMPARE(QSet<QString>(listed.begin(), listed.end()).size(), listed.size());
    for (const QString &name : names)
        QVERIFY2(listed.contains(name), qPrintable(name));
}

void TestVaultClientCertificates::listVersionsAcrossPages()
{
    const QString name = uniqueName(u"versions"_s);
    QStringList versions;
    for (int i = 0; i < 3; ++i) {
        const auto bundle = created(name, selfSigned(u"CN=versions.contoso.example"_s));
        VERIFY_OK(bundle);
        versions.append(bundle->properties.version());
    }
    int pages = 0;
    const auto all = allPages<CertificateProperties>(
        m_client.listCertificateVersions(name, 1),
        [this](const QUrl &next) { return m_client.listCertificatesNext(next); }, &pages);
    VERIFY_OK(all);
    QCOMPARE(pages, 3);
    QStringList listed;
    for (const CertificateItem &item : *all)
        listed.append(item.version());
    std::sort(listed.begin(), listed.end());
    std::sort(versions.begin(), versions.end());
    QCOMPARE(listed, versions);
}

void TestVaultClientCertificates::softDeleteRecoverAndPurge()
{
    const QString name = uniqueName(u"soft-delete"_s);
    const auto bundle = created(name, selfSigned(u"CN=delete.contoso.example"_s));
    VERIFY_OK(bundle);
    const auto deleted = await(m_client.deleteCertificate(name));
    VERIFY_OK(deleted);
    QCOMPARE(deleted->certificate.properties.id, bundle->properties.id);
    QVERIFY(deleted->deletion.recoveryId.has_value());
    QCOMPARE(ObjectId::parse(*deleted->deletion.recoveryId)->kind, ObjectKind::DeletedCertificate);
    VERIFY_ERROR(await(m_client.getCertificate(name)), AzureError::Kind::NotFound, 404);

    const auto gotDeleted = await(m_client.getDeletedCertificate(name));
    VERIFY_OK(gotDeleted);
    QCOMPARE(gotDeleted->certificate.cer, bundle->cer);

    const auto recovered = await(m_client.recoverDeletedCertificate(name));
    VERIFY_OK(recovered);
    QCOMPARE(recovered->properties.id, bundle->properties.id);
    VERIFY_OK(await(m_client.getCertificate(name)));
    VERIFY_OK(await(m_client.getSecret(name))); // its secret came back with it

    VERIFY_OK(await(m_client.deleteCertificate(name)));
    VERIFY_OK(await(m_client.purgeDeletedCertificate(name)));
    VERIFY_ERROR(await(m_client.getDeletedCertificate(name)), AzureError::Kind::NotFound, 404);
}

void TestVaultClientCertificates::listDeletedAcrossPages()
{
    const QString prefix = uniqueName(u"deleted"_s);
    QStringList deleted;
    for (int i = 0; i < 3; ++i) {
        const QString name = prefix + u'-' + QString::number(i);
        VERIFY_OK(created(name, selfSigned(u"CN="_s + name)));
        VERIFY_OK(await(m_client.deleteCertificate(name)));
        deleted.append(name);
    }
    int pages = 0;
    const auto all = allPages<DeletedCertificate>(
        m_client.listDeletedCertificates(1),
        [this](const QUrl &next) { return m_client.listDeletedCertificatesNext(next); }, &pages);
    VERIFY_OK(all);
    QVERIFY(pages >= 3);
    QStringList names;
    for (const DeletedCertificate &d : *all)
        names.append(d.certificate.properties.name());
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
    for (const QString &name : deleted)
        QVERIFY2(names.contains(name), qPrintable(name));
}

void TestVaultClientCertificates::createOnADeletedNameConflicts()
{
    const QString name = uniqueName(u"conflict"_s);
    VERIFY_OK(created(name, selfSigned(u"CN=conflict.contoso.example"_s)));
    VERIFY_OK(await(m_client.deleteCertificate(name)));
    const auto again =
        await(m_client.createCertificate(name, createWith(selfSigned(u"CN=again"_s))));
    VERIFY_ERROR(again, AzureError::Kind::Conflict, 409);
    QCOMPARE(again.error().innerCode, u"ObjectIsDeletedButRecoverable"_s);
}

void TestVaultClientCertificates::backupAndRestore()
{
    const QString name = uniqueName(u"backup"_s);
    const auto bundle = created(name, selfSigned(u"CN=backup.contoso.example"_s));
    VERIFY_OK(bundle);
    const auto backup = await(m_client.backupCertificate(name));
    VERIFY_OK(backup);
    QVERIFY(!backup->value.isEmpty());
    VERIFY_ERROR(await(m_client.restoreCertificate(*backup)), AzureError::Kind::Conflict, 409);
    VERIFY_OK(await(m_client.deleteCertificate(name)));
    VERIFY_OK(await(m_client.purgeDeletedCertificate(name)));
    const auto restored = await(m_client.restoreCertificate(*backup));
    VERIFY_OK(restored);
    QCOMPARE(restored->properties.id, bundle->properties.id);
    QCOMPARE(restored->cer, bundle->cer);
}

void TestVaultClientCertificates::notFound()
{
    const auto r = await(m_client.getCertificate(u"no-such-certificate"_s));
    VERIFY_ERROR(r, AzureError::Kind::NotFound, 404);
    QCOMPARE(r.error().code, u"CertificateNotFound"_s);
    VERIFY_ERROR(await(m_client.getCertificatePolicy(u"no-such-certificate"_s)),
                 AzureError::Kind::NotFound, 404);
    VERIFY_ERROR(await(m_client.getCertificateOperation(u"no-such-certificate"_s)),
                 AzureError::Kind::NotFound, 404);
    VERIFY_ERROR(await(m_client.deleteCertificate(u"no-such-certificate"_s)),
                 AzureError::Kind::NotFound, 404);
    VERIFY_ERROR(await(m_client.getDeletedCertificate(u"no-such-certificate"_s)),
                 AzureError::Kind::NotFound, 404);
    VERIFY_ERROR(await(m_client.backupCertificate(u"no-such-certificate"_s)),
                 AzureError::Kind::NotFound, 404);
}

QTEST_GUILESS_MAIN(TestVaultClientCertificates)
#include "tst_vaultclientcertificates.moc"
