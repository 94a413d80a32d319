// SPDX-License-Identifier: GPL-3.0-or-later
// VaultClient's key calls against the sandbox's Key Vault, through the app's real pipeline,
// as the automation service principal.
#include "VaultClientTesting.h"

#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::vault;
using namespace vl::test::vaultclient;
using vl::test::ClientFixture;

namespace {

KeyCreateParameters rsa(int size, const QStringList &ops = {})
{
    KeyCreateParameters p;
    p.kty = u"RSA"_s;
    p.keySize = size;
    if (!ops.isEmpty())
        p.keyOps = ops;
    return p;
}

KeyCreateParameters ec(const QString &curve)
{
    KeyCreateParameters p;
    p.kty = u"EC"_s;
    p.curve = curve;
    return p;
}

QStringList versionsOf(const QList<KeyProperties> &items)
{
    QStringList out;
    for (const KeyProperties &p : items)
        out.append(ObjectId::parse(p.kid.value_or(QString())).value_or(ObjectId{}).version);
    return out;
}

} // namespace

class TestVaultClientKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void createRsa_data();
    void createRsa();
    void createEc_data();
    void createEc();
    void createWithAttributesAndTags();
    void getLatestAndVersion();
    void updateKey();
    void listKeysAcrossPages();
    void listVersionsAcrossPages();
    void rotate();
    void rotationPolicy();
    void rotationPolicyIsValidated();
    void softDeleteRecoverAndPurge();
    void listDeletedAcrossPages();
    void createOnADeletedNameConflicts();
    void backupAndRestore();
    void notFound();

private:
    std::unique_ptr<ClientFixture> m_fixture;
    VaultClient m_client{nullptr, QUrl()};
};

void TestVaultClientKeys::initTestCase()
{
    m_fixture = std::make_unique<ClientFixture>();
    QVERIFY2(m_fixture->isRunning(), qPrintable(m_fixture->sandbox().startError()));
    m_client = VaultClient(m_fixture->automationPipeline(), m_fixture->vaultUri(DevVault));
}

void TestVaultClientKeys::createRsa_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("2048") << 2048;
    QTest::newRow("3072") << 3072;
}

void TestVaultClientKeys::createRsa()
{
    QFETCH(int, size);
    const QString name = uniqueName(u"rsa"_s);
    const QStringList ops{u"sign"_s, u"verify"_s, u"wrapKey"_s, u"unwrapKey"_s};
    const auto key = await(m_client.createKey(name, rsa(size, ops)));
    VERIFY_OK(key);
    QVERIFY(key->jwk.has_value());
    QCOMPARE(key->name(), name);
    QCOMPARE(key->version().size(), 32);
    QCOMPARE(key->jwk->kty, std::optional<QString>(u"RSA"_s));
    QCOMPARE(key->jwk->keySizeBits(), size);
    QCOMPARE(key->jwk->exponent(), QByteArray("\x01\x00\x01", 3));
    QCOMPARE(key->jwk->keyOps, std::optional<QStringList>(ops));
    QVERIFY(key->properties.attributes->isEnabled());
    // Public parameters only.
    QVERIFY(key->jwk->extra.isEmpty());
}

void TestVaultClientKeys::createEc_data()
{
    QTest::addColumn<QString>("curve");
    QTest::addColumn<int>("bits");
    QTest::newRow("P-256") << u"P-256"_s << 256;
    QTest::newRow("P-384") << u"P-384"_s << 384;
    QTest::newRow("P-521") << u"P-521"_s << 521;
}

void TestVaultClientKeys::createEc()
{
    QFETCH(QString, curve);
    QFETCH(int, bits);
    const auto key = await(m_client.createKey(uniqueName(u"ec"_s), ec(curve)));
    VERIFY_OK(key);
    QVERIFY(key->jwk && key->jwk->isEc());
    QCOMPARE(key->jwk->crv, std::optional<QString>(curve));
    QCOMPARE(key->jwk->keySizeBits(), bits);
    QVERIFY(key->jwk->x && key->jwk->y);
    QVERIFY(!key->jwk->n.has_value());
}

void TestVaultClientKeys::createWithAttributesAndTags()
{
    KeyCreateParameters p = rsa(2048);
    ObjectAttributes attributes;
    attributes.enabled = false;
    attributes.expires = QDateTime::currentSecsSinceEpoch() + 86400 * 365;
    p.attributes = attributes;
    p.tags = Tags{{u"purpose"_s, u"signing"_s}};
    const auto key = await(m_client.createKey(uniqueName(u"attrs"_s), p));
    VERIFY_OK(key);
    QCOMPARE(key->properties.attributes->enabled, std::optional<bool>(false));
    QCOMPARE(key->properties.attributes->expires, attributes.expires);
    QCOMPARE(key->properties.tags, p.tags);
}

void TestVaultClientKeys::getLatestAndVersion()
{
    const QString name = uniqueName(u"get"_s);
    const auto first = await(m_client.createKey(name, rsa(2048)));
    VERIFY_OK(first);
    const auto second = await(m_client.createKey(name, ec(u"P-256"_s)));
    VERIFY_OK(second);
    const auto latest = await(m_client.getKey(name));
    VERIFY_OK(latest);
    QCOMPARE(latest->id(), second->id());
    QCOMPARE(latest->jwk->kty, std::optional<QString>(u"EC"_s));
    const auto older = await(m_client.getKey(name, first->version()));
    VERIFY_OK(older);
    QCOMPARE(older->id(), first->id());
    QCOMPARE(older->jwk->n, first->jwk->n);
}

void TestVaultClientKeys::updateKey()
{
    const QString name = uniqueName(u"update"_s);
    const auto key = await(m_client.createKey(name, rsa(2048)));
    VERIFY_OK(key);
    KeyUpdateParameters patch;
    patch.keyOps = QStringList{u"verify"_s};
    patch.tags = Tags{{u"state"_s, u"retired"_s}};
    ObjectAttributes attributes;
    attributes.enabled = false;
    patch.attributes = attributes;
    const auto updated = await(m_client.updateKey(name, key->version(), patch));
    VERIFY_OK(updated);
    QCOMPARE(updated->id(), key->id());
    QCOMPARE(updated->jwk->keyOps, patch.keyOps);
    QCOMPARE(updated->properties.tags, patch.tags);
    QCOMPARE(updated->properties.attributes->enabled, std::optional<bool>(false));
    // The key material does not change.
    QCOMPARE(updated->jwk->n, key->jwk->n);
}

void TestVaultClientKeys::listKeysAcrossPages()
{
    const QString prefix = uniqueName(u"page"_s);
    QStringList created;
    for (int i = 0; i < 8; ++i) {
        const QString name = prefix + u'-' + QString::number(i);
        VERIFY_OK(await(m_client.createKey(name, ec(u"P-256"_s))));
        created.append(name);
    }
    int pages = 0;
    const auto all = allPages<KeyProperties>(
        m_client.listKeys(3), [this](const QUrl &next) { return m_client.listKeysNext(next); },
        &pages);
    VERIFY_OK(all);
    QVERIFY(pages >= 3);
    QStringList names;
    for (const KeyProperties &item : *all) {
        QVERIFY(item.kid.has_value());
        const auto id = ObjectId::parse(*item.kid);
        QVERIFY(id && id->kind == ObjectKind::Key && id->version.isEmpty());
        names.append(id->name);
    }
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
    for (const QString &name : created)
        QVERIFY2(names.contains(name), qPrintable(name));
}

void TestVaultClientKeys::listVersionsAcrossPages()
{
    const QString name = uniqueName(u"versions"_s);
    QStringList created;
    for (int i = 0; i < 5; ++i) {
        const auto key = await(m_client.createKey(name, ec(u"P-256"_s)));
        VERIFY_OK(key);
        created.append(key->version());
    }
    int pages = 0;
    const auto all = allPages<KeyProperties>(
        m_client.listKeyVersions(name, 2),
        [this](const QUrl &next) { return m_client.listKeysNext(next); }, &pages);
    VERIFY_OK(all);
    QCOMPARE(pages, 3);
    QStringList listed = versionsOf(*all);
    std::sort(listed.begin(), listed.end());
    std::sort(created.begin(), created.end());
    QCOMPARE(listed, created);
}

void TestVaultClientKeys::rotate()
{
    const QString name = uniqueName(u"rotate"_s);
    const auto key = await(m_client.createKey(name, rsa(2048, {u"sign"_s, u"verify"_s})));
    VERIFY_OK(key);
    const auto rotated = await(m_client.rotateKey(name));
    VERIFY_OK(rotated);
    QCOMPARE(rotated->name(), name);
    QVERIFY(rotated->version() != key->version());
    QVERIFY(rotated->jwk->n != key->jwk->n);
    QCOMPARE(rotated->jwk->keySizeBits(), 2048);
    QCOMPARE(rotated->jwk->keyOps, key->jwk->keyOps);
    const auto versions = await(m_client.listKeyVersions(name));
    VERIFY_OK(versions);
    QCOMPARE(versions->items.size(), 2);
    const auto latest = await(m_client.getKey(name));
    VERIFY_OK(latest);
    QCOMPARE(latest->id(), rotated->id());
}

void TestVaultClientKeys::rotationPolicy()
{
    const QString name = uniqueName(u"policy"_s);
    VERIFY_OK(await(m_client.createKey(name, rsa(2048))));

    // Before any is set, the service answers its default: notify 30 days before expiry.
    const auto initial = await(m_client.getKeyRotationPolicy(name));
    VERIFY_OK(initial);
    QVERIFY(initial->id && initial->id->endsWith(u'/' + name + u"/rotationpolicy"_s));
    QVERIFY(initial->lifetimeActions.has_value());

    KeyRotationPolicy policy;
    KeyLifetimeAction rotate;
    rotate.timeAfterCreate = u"P90D"_s;
    rotate.type = u"Rotate"_s;
    KeyLifetimeAction notify;
    notify.timeBeforeExpiry = u"P30D"_s;
    notify.type = u"Notify"_s;
    policy.lifetimeActions = QList<KeyLifetimeAction>{rotate, notify};
    policy.expiryTime = u"P2Y"_s;
    const auto set = await(m_client.setKeyRotationPolicy(name, policy));
    VERIFY_OK(set);
    QCOMPARE(set->expiryTime, std::optional<QString>(u"P2Y"_s));
    QCOMPARE(set->lifetimeActions->size(), 2);
    QCOMPARE(set->lifetimeActions->at(0).timeAfterCreate, std::optional<QString>(u"P90D"_s));
    QCOMPARE(set->lifetimeActions->at(0).type, std::optional<QString>(u"Rotate"_s));
    QVERIFY(set->created.has_value() && set->updated.has_value());

    const auto read = await(m_client.getKeyRotationPolicy(name));
    VERIFY_OK(read);
    QCOMPARE(read->lifetimeActions, set->lifetimeActions);
    QCOMPARE(read->expiryTime, set->expiryTime);

    // What was read can be sent back unchanged.
    VERIFY_OK(await(m_client.setKeyRotationPolicy(name, *read)));

    // A rotation uses the policy's expiryTime for the new version.
    const auto rotated = await(m_client.rotateKey(name));
    VERIFY_OK(rotated);
    QVERIFY(rotated->properties.attributes->expires.has_value());
}

void TestVaultClientKeys::rotationPolicyIsValidated()
{
    const QString name = uniqueName(u"bad-policy"_s);
    VERIFY_OK(await(m_client.createKey(name, rsa(2048))));
    KeyRotationPolicy policy;
    KeyLifetimeAction action;
    action.type = u"Rotate"_s; // no trigger
    policy.lifetimeActions = QList<KeyLifetimeAction>{action};
    VERIFY_ERROR(await(m_client.setKeyRotationPolicy(name, policy)), AzureError::Kind::Malformed,
                 400);
    VERIFY_ERROR(await(m_client.getKeyRotationPolicy(u"no-such-key"_s)), AzureError::Kind::NotFound,
                 404);
}

void TestVaultClientKeys::softDeleteRecoverAndPurge()
{
    const QString name = uniqueName(u"soft-delete"_s);
    const auto key = await(m_client.createKey(name, ec(u"P-256"_s)));
    VERIFY_OK(key);
    const auto deleted = await(m_client.deleteKey(name));
    VERIFY_OK(deleted);
    QCOMPARE(deleted->key.id(), key->id());
    QVERIFY(deleted->deletion.recoveryId.has_value());
    QCOMPARE(ObjectId::parse(*deleted->deletion.recoveryId)->kind, ObjectKind::DeletedKey);
    VERIFY_ERROR(await(m_client.getKey(name)), AzureError::Kind::NotFound, 404);

    const auto gotDeleted = await(m_client.getDeletedKey(name));
    VERIFY_OK(gotDeleted);
    QCOMPARE(gotDeleted->key.id(), key->id());
    QVERIFY(gotDeleted->deletion.scheduledPurgeDate.has_value());

    const auto recovered = await(m_client.recoverDeletedKey(name));
    VERIFY_OK(recovered);
    QCOMPARE(recovered->id(), key->id());
    QCOMPARE(recovered->jwk->x, key->jwk->x);
    VERIFY_OK(await(m_client.getKey(name)));

    VERIFY_OK(await(m_client.deleteKey(name)));
    VERIFY_OK(await(m_client.purgeDeletedKey(name)));
    VERIFY_ERROR(await(m_client.getDeletedKey(name)), AzureError::Kind::NotFound, 404);
    VERIFY_OK(await(m_client.createKey(name, ec(u"P-256"_s))));
}

void TestVaultClientKeys::listDeletedAcrossPages()
{
    const QString prefix = uniqueName(u"deleted"_s);
    QStringList deleted;
    for (int i = 0; i < 5; ++i) {
        const QString name = prefix + u'-' + QString::number(i);
        VERIFY_OK(await(m_client.createKey(name, ec(u"P-256"_s))));
        VERIFY_OK(await(m_client.deleteKey(name)));
        deleted.append(name);
    }
    int pages = 0;
    const auto all = allPages<DeletedKey>(
        m_client.listDeletedKeys(2),
        [this](const QUrl &next) { return m_client.listDeletedKeysNext(next); }, &pages);
    VERIFY_OK(all);
    QVERIFY(pages >= 3);
    QStringList names;
    for (const DeletedKey &d : *all) {
        names.append(d.key.name());
        QVERIFY(d.deletion.recoveryId.has_value());
    }
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
    for (const QString &name : deleted)
        QVERIFY2(names.contains(name), qPrintable(name));
}

void TestVaultClientKeys::createOnADeletedNameConflicts()
{
    const QString name = uniqueName(u"conflict"_s);
    VERIFY_OK(await(m_client.createKey(name, ec(u"P-256"_s))));
    VERIFY_OK(await(m_client.deleteKey(name)));
    const auto again = await(m_client.createKey(name, ec(u"P-256"_s)));
    VERIFY_ERROR(again, AzureError::Kind::Conflict, 409);
    QCOMPARE(again.error().innerCode, u"ObjectIsDeletedButRecoverable"_s);
}

void TestVaultClientKeys::backupAndRestore()
{
    const QString name = uniqueName(u"backup"_s);
    const auto key = await(m_client.createKey(name, rsa(2048)));
    VERIFY_OK(key);
    const auto backup = await(m_client.backupKey(name));
    VERIFY_OK(backup);
    QVERIFY(!backup->value.isEmpty());
    VERIFY_ERROR(await(m_client.restoreKey(*backup)), AzureError::Kind::Conflict, 409);
    VERIFY_OK(await(m_client.deleteKey(name)));
    VERIFY_OK(await(m_client.purgeDeletedKey(name)));
    const auto restored = await(m_client.restoreKey(*backup));
    VERIFY_OK(restored);
    QCOMPARE(restored->id(), key->id());
    QCOMPARE(restored->jwk->n, key->jwk->n);
}

void TestVaultClientKeys::notFound()
{
    const auto r = await(m_client.getKey(u"no-such-key"_s));
    VERIFY_ERROR(r, AzureError::Kind::NotFound, 404);
    QCOMPARE(r.error().code, u"KeyNotFound"_s);
    VERIFY_ERROR(await(m_client.getKey(u"no-such-key"_s, u"0123456789abcdef0123456789abcdef"_s)),
                 AzureError::Kind::NotFound, 404);
    VERIFY_ERROR(await(m_client.deleteKey(u"no-such-key"_s)), AzureError::Kind::NotFound, 404);
    VERIFY_ERROR(await(m_client.rotateKey(u"no-such-key"_s)), AzureError::Kind::NotFound, 404);
    VERIFY_ERROR(await(m_client.getDeletedKey(u"no-such-key"_s)), AzureError::Kind::NotFound, 404);
    VERIFY_ERROR(await(m_client.purgeDeletedKey(u"no-such-key"_s)), AzureError::Kind::NotFound,
                 404);
    VERIFY_ERROR(await(m_client.backupKey(u"no-such-key"_s)), AzureError::Kind::NotFound, 404);
}

QTEST_GUILESS_MAIN(TestVaultClientKeys)
#include "tst_vaultclientkeys.moc"
