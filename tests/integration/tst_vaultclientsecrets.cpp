// SPDX-License-Identifier: GPL-3.0-or-later
// VaultClient's secret calls against the sandbox's Key Vault, through the app's real
// pipeline (challenge, token, retry, journal), as the automation service principal.
#include "VaultClientTesting.h"

#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::vault;
using namespace vl::test::vaultclient;
using vl::test::ClientFixture;

namespace {

QStringList namesOf(const QList<SecretProperties> &items)
{
    QStringList out;
    for (const SecretProperties &p : items)
        out.append(p.name());
    return out;
}

QStringList versionsOf(const QList<SecretProperties> &items)
{
    QStringList out;
    for (const SecretProperties &p : items)
        out.append(p.version());
    return out;
}

SecretSetParameters secretValue(const QString &value)
{
    SecretSetParameters p;
    p.value = value;
    return p;
}

} // namespace

class TestVaultClientSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void setAndGet();
    void everyRequestCarriesTheApiVersion();
    void updateAttributesAndTags();
    void disabledSecretCannotBeRead();
    void listSecretsAcrossPages();
    void listVersionsAcrossPages();
    void emptyPagesWithANextLinkAreFollowed();
    void nextLinkIsFollowedOnTheVaultOnly();
    void softDeleteRecoverAndPurge();
    void listDeletedAcrossPages();
    void setOnADeletedNameConflicts();
    void backupAndRestore();
    void notFound_data();
    void notFound();
    void emptyVersionListIsNotAnError();
    void invalidNamesAreRefusedWithoutARequest_data();
    void invalidNamesAreRefusedWithoutARequest();
    void callerWithoutPermission();
    void throttlingIsRetried();

private:
    std::unique_ptr<ClientFixture> m_fixture;
    VaultClient m_client{nullptr, QUrl()};
};

void TestVaultClientSecrets::initTestCase()
{
    m_fixture = std::make_unique<ClientFixture>();
    QVERIFY2(m_fixture->isRunning(), qPrintable(m_fixture->sandbox().startError()));
    m_client = VaultClient(m_fixture->automationPipeline(), m_fixture->vaultUri(DevVault));
    QCOMPARE(m_client.scope(), u"https://vault.azure.net/.default"_s);
}

void TestVaultClientSecrets::init()
{
    QVERIFY(injectFaults(*m_fixture, QJsonArray{}));
}

void TestVaultClientSecrets::setAndGet()
{
    const QString name = uniqueName(u"app-password"_s);
    SecretSetParameters set = secretValue(u"s3cr3t-v1"_s);
    set.contentType = u"text/plain"_s;
    set.tags = Tags{{u"env"_s, u"dev"_s}};
    ObjectAttributes attributes;
    attributes.expires = QDateTime::currentSecsSinceEpoch() + 86400 * 30;
    set.attributes = attributes;
    const auto first = await(m_client.setSecret(name, set));
    VERIFY_OK(first);
    QCOMPARE(first->value, std::optional<QString>(u"s3cr3t-v1"_s));
    QCOMPARE(first->properties.name(), name);
    QCOMPARE(first->properties.version().size(), 32);
    QCOMPARE(first->properties.contentType, set.contentType);
    QCOMPARE(first->properties.tags, set.tags);
    QCOMPARE(first->properties.attributes->expires, attributes.expires);
    QVERIFY(first->properties.attributes->created.has_value());
    QVERIFY(first->properties.attributes->recoveryLevel.has_value());

    const auto second = await(m_client.setSecret(name, secretValue(u"s3cr3t-v2"_s)));
    VERIFY_OK(second);
    QVERIFY(second->properties.version() != first->properties.version());

    const auto latest = await(m_client.getSecret(name));
    VERIFY_OK(latest);
    QCOMPARE(latest->value, std::optional<QString>(u"s3cr3t-v2"_s));
    QCOMPARE(latest->properties.id, second->properties.id);

    const auto older = await(m_client.getSecret(name, first->properties.version()));
    VERIFY_OK(older);
    QCOMPARE(older->value, std::optional<QString>(u"s3cr3t-v1"_s));
    QCOMPARE(older->properties.contentType, set.contentType);
}

void TestVaultClientSecrets::everyRequestCarriesTheApiVersion()
{
    const quint64 before = lastRecordId(*m_fixture);
    const QString name = uniqueName(u"api-version"_s);
    VERIFY_OK(await(m_client.setSecret(name, secretValue(u"v"_s))));
    VERIFY_OK(await(m_client.getSecret(name)));
    VERIFY_OK(await(m_client.listSecrets(2)));
    const QList<RequestRecord> records = vaultRecords(*m_fixture, m_client.vaultUri(), before);
    QVERIFY(records.size() >= 3);
    for (const RequestRecord &r : records) {
        QCOMPARE(r.service, Service::KeyVault);
        QCOMPARE(apiVersionOf(r), u"2025-07-01"_s);
    }
    const QStringList operations = [&] {
        QStringList out;
        for (const RequestRecord &r : records)
            if (r.isSuccess())
                out.append(r.operation);
        return out;
    }();
    QVERIFY(operations.contains(u"set secret"_s));
    QVERIFY(operations.contains(u"get secret"_s));
    QVERIFY(operations.contains(u"list secrets"_s));
}

void TestVaultClientSecrets::updateAttributesAndTags()
{
    const QString name = uniqueName(u"update"_s);
    const auto set = await(m_client.setSecret(name, secretValue(u"value"_s)));
    VERIFY_OK(set);

    SecretUpdateParameters patch;
    patch.contentType = u"application/json"_s;
    patch.tags = Tags{{u"owner"_s, u"team-a"_s}};
    ObjectAttributes attributes;
    attributes.notBefore = QDateTime::currentSecsSinceEpoch() - 60;
    patch.attributes = attributes;
    const auto updated = await(m_client.updateSecret(name, set->properties.version(), patch));
    VERIFY_OK(updated);
    QVERIFY(!updated->value.has_value()); // an update never answers with the value
    QCOMPARE(updated->properties.id, set->properties.id);
    QCOMPARE(updated->properties.contentType, patch.contentType);
    QCOMPARE(updated->properties.tags, patch.tags);
    QCOMPARE(updated->properties.attributes->notBefore, attributes.notBefore);

    // Omitted members stay as they are: only the tags change here.
    SecretUpdateParameters tagsOnly;
    tagsOnly.tags = Tags{};
    const auto again = await(m_client.updateSecret(name, {}, tagsOnly));
    VERIFY_OK(again);
    QCOMPARE(again->properties.contentType, patch.contentType);
    QCOMPARE(again->properties.tags, std::optional<Tags>(Tags{}));
    const auto read = await(m_client.getSecret(name));
    VERIFY_OK(read);
    QCOMPARE(read->value, std::optional<QString>(u"value"_s));
}

void TestVaultClientSecrets::disabledSecretCannotBeRead()
{
    const QString name = uniqueName(u"disabled"_s);
    VERIFY_OK(await(m_client.setSecret(name, secretValue(u"value"_s))));
    SecretUpdateParameters patch;
    ObjectAttributes attributes;
    attributes.enabled = false;
    patch.attributes = attributes;
    const auto updated = await(m_client.updateSecret(name, {}, patch));
    VERIFY_OK(updated);
    QVERIFY(!updated->properties.isEnabled());

    const auto read = await(m_client.getSecret(name));
    QVERIFY(!read.ok());
    QCOMPARE(read.error().status, 403);
    QCOMPARE(read.error().innerCode, u"SecretDisabled"_s);
    // Its metadata is still listed.
    const auto versions = await(m_client.listSecretVersions(name));
    VERIFY_OK(versions);
    QCOMPARE(versions->items.size(), 1);
    QVERIFY(!versions->items.first().isEnabled());
}

void TestVaultClientSecrets::listSecretsAcrossPages()
{
    const QString prefix = uniqueName(u"page"_s);
    QStringList created;
    for (int i = 0; i < 12; ++i) {
        const QString name = prefix + u'-' + QString::number(i);
        VERIFY_OK(await(m_client.setSecret(name, secretValue(QString::number(i)))));
        created.append(name);
    }
    int pages = 0;
    const auto all = allPages<SecretProperties>(
        m_client.listSecrets(5),
        [this](const QUrl &next) { return m_client.listSecretsNext(next); }, &pages);
    VERIFY_OK(all);
    const QStringList names = namesOf(*all);
    // Nothing lost, nothing repeated.
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
    for (const QString &name : created)
        QVERIFY2(names.contains(name), qPrintable(name));
    QVERIFY2(pages >= 3, qPrintable(QString::number(pages)));
    for (const SecretProperties &item : *all) {
        QVERIFY(item.version().isEmpty()); // list items are version-less
        QVERIFY(!item.extra.contains("value"_L1));
    }
}

void TestVaultClientSecrets::listVersionsAcrossPages()
{
    const QString name = uniqueName(u"versions"_s);
    QStringList created;
    for (int i = 0; i < 7; ++i) {
        const auto set = await(m_client.setSecret(name, secretValue(QString::number(i))));
        VERIFY_OK(set);
        created.append(set->properties.version());
    }
    int pages = 0;
    const auto all = allPages<SecretProperties>(
        m_client.listSecretVersions(name, 3),
        [this](const QUrl &next) { return m_client.listSecretsNext(next); }, &pages);
    VERIFY_OK(all);
    QStringList listed = versionsOf(*all);
    QCOMPARE(pages, 3);
    QCOMPARE(listed.size(), created.size());
    std::sort(listed.begin(), listed.end());
    std::sort(created.begin(), created.end());
    QCOMPARE(listed, created);
}

void TestVaultClientSecrets::emptyPagesWithANextLinkAreFollowed()
{
    const QString name = uniqueName(u"empty-page"_s);
    VERIFY_OK(await(m_client.setSecret(name, secretValue(u"v"_s))));
    QVERIFY(injectFaults(*m_fixture, QJsonArray{QJsonObject{{u"kind"_s, u"emptyPage"_s},
                                                            {u"target"_s, u"vault"_s},
                                                            {u"path"_s, u"/versions"_s}}}));
    const auto first = await(m_client.listSecretVersions(name));
    VERIFY_OK(first);
    QVERIFY(first->items.isEmpty());
    QVERIFY(first->hasMore());
    const auto second = await(m_client.listSecretsNext(first->nextLink));
    VERIFY_OK(second);
    QCOMPARE(second->items.size(), 1);
    QVERIFY(!second->hasMore());
}

void TestVaultClientSecrets::nextLinkIsFollowedOnTheVaultOnly()
{
    const QString prefix = uniqueName(u"host"_s);
    for (int i = 0; i < 3; ++i)
        VERIFY_OK(
            await(m_client.setSecret(prefix + u'-' + QString::number(i), secretValue(u"v"_s))));
    const auto first = await(m_client.listSecrets(1));
    VERIFY_OK(first);
    QVERIFY(first->hasMore());

    // The service writes its public host (with :443) into nextLink; a link naming any other
    // host is read on this vault's origin, with this client's api-version.
    QUrl elsewhere = first->nextLink;
    elsewhere.setHost(u"kv-contoso-dev.vault.azure.net"_s);
    elsewhere.setPort(443);
    QUrlQuery query(elsewhere);
    query.removeAllQueryItems(u"api-version"_s);
    query.addQueryItem(u"api-version"_s, u"7.2"_s);
    elsewhere.setQuery(query);
    const quint64 before = lastRecordId(*m_fixture);
    const auto second = await(m_client.listSecretsNext(elsewhere));
    VERIFY_OK(second);
    QCOMPARE(second->items.size(), 1);
    const auto direct = await(m_client.listSecretsNext(first->nextLink));
    VERIFY_OK(direct);
    QCOMPARE(second->items, direct->items);
    for (const RequestRecord &r : m_fixture->journal().records()) {
        if (r.id <= before)
            continue;
        QVERIFY2(r.url.host() != "kv-contoso-dev.vault.azure.net"_L1, qPrintable(r.url.toString()));
        if (r.service == Service::KeyVault)
            QCOMPARE(apiVersionOf(r), u"2025-07-01"_s);
    }

    const auto nowhere = await(m_client.listSecretsNext(QUrl(u"https://example.com"_s)));
    VERIFY_ERROR(nowhere, AzureError::Kind::Malformed, 0);
}

void TestVaultClientSecrets::softDeleteRecoverAndPurge()
{
    const QString name = uniqueName(u"soft-delete"_s);
    const auto set = await(m_client.setSecret(name, secretValue(u"keep me"_s)));
    VERIFY_OK(set);

    const auto deleted = await(m_client.deleteSecret(name));
    VERIFY_OK(deleted);
    QCOMPARE(deleted->properties.id, set->properties.id);
    QVERIFY(deleted->deletion.recoveryId.has_value());
    const auto recoveryId = ObjectId::parse(*deleted->deletion.recoveryId);
    QVERIFY(recoveryId && recoveryId->kind == ObjectKind::DeletedSecret
            && recoveryId->name == name);
    QVERIFY(deleted->deletion.deletedDate.has_value());
    QVERIFY(*deleted->deletion.scheduledPurgeDate > *deleted->deletion.deletedDate);
    VERIFY_ERROR(await(m_client.getSecret(name)), AzureError::Kind::NotFound, 404);

    const auto gotDeleted = await(m_client.getDeletedSecret(name));
    VERIFY_OK(gotDeleted);
    QCOMPARE(gotDeleted->deletion.recoveryId, deleted->deletion.recoveryId);

    const auto recovered = await(m_client.recoverDeletedSecret(name));
    VERIFY_OK(recovered);
    QCOMPARE(recovered->properties.id, set->properties.id);
    const auto read = await(m_client.getSecret(name));
    VERIFY_OK(read);
    QCOMPARE(read->value, std::optional<QString>(u"keep me"_s));
    VERIFY_ERROR(await(m_client.getDeletedSecret(name)), AzureError::Kind::NotFound, 404);

    VERIFY_OK(await(m_client.deleteSecret(name)));
    VERIFY_OK(await(m_client.purgeDeletedSecret(name)));
    VERIFY_ERROR(await(m_client.getDeletedSecret(name)), AzureError::Kind::NotFound, 404);
    VERIFY_ERROR(await(m_client.purgeDeletedSecret(name)), AzureError::Kind::NotFound, 404);
    // The name is free again.
    VERIFY_OK(await(m_client.setSecret(name, secretValue(u"new"_s))));
}

void TestVaultClientSecrets::listDeletedAcrossPages()
{
    const QString prefix = uniqueName(u"deleted"_s);
    QStringList deleted;
    for (int i = 0; i < 5; ++i) {
        const QString name = prefix + u'-' + QString::number(i);
        VERIFY_OK(await(m_client.setSecret(name, secretValue(u"v"_s))));
        VERIFY_OK(await(m_client.deleteSecret(name)));
        deleted.append(name);
    }
    int pages = 0;
    const auto all = allPages<DeletedSecret>(
        m_client.listDeletedSecrets(2),
        [this](const QUrl &next) { return m_client.listDeletedSecretsNext(next); }, &pages);
    VERIFY_OK(all);
    QVERIFY(pages >= 3);
    QStringList names;
    for (const DeletedSecret &d : *all) {
        names.append(d.properties.name());
        QVERIFY(d.deletion.recoveryId.has_value());
    }
    QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
    for (const QString &name : deleted)
        QVERIFY2(names.contains(name), qPrintable(name));
}

void TestVaultClientSecrets::setOnADeletedNameConflicts()
{
    const QString name = uniqueName(u"conflict"_s);
    VERIFY_OK(await(m_client.setSecret(name, secretValue(u"v"_s))));
    VERIFY_OK(await(m_client.deleteSecret(name)));
    const auto again = await(m_client.setSecret(name, secretValue(u"v2"_s)));
    VERIFY_ERROR(again, AzureError::Kind::Conflict, 409);
    QCOMPARE(again.error().innerCode, u"ObjectIsDeletedButRecoverable"_s);
    QVERIFY(again.error().message.contains(name));
}

void TestVaultClientSecrets::backupAndRestore()
{
    const QString name = uniqueName(u"backup"_s);
    VERIFY_OK(await(m_client.setSecret(name, secretValue(u"one"_s))));
    VERIFY_OK(await(m_client.setSecret(name, secretValue(u"two"_s))));
    const auto backup = await(m_client.backupSecret(name));
    VERIFY_OK(backup);
    QVERIFY(!backup->value.isEmpty());
    QVERIFY(!backup->bytes().isEmpty()); // base64url

    // A backup cannot be restored over a live or a deleted secret of the same name.
    VERIFY_ERROR(await(m_client.restoreSecret(*backup)), AzureError::Kind::Conflict, 409);
    VERIFY_OK(await(m_client.deleteSecret(name)));
    VERIFY_ERROR(await(m_client.restoreSecret(*backup)), AzureError::Kind::Conflict, 409);
    VERIFY_OK(await(m_client.purgeDeletedSecret(name)));

    const auto restored = await(m_client.restoreSecret(*backup));
    VERIFY_OK(restored);
    QCOMPARE(restored->properties.name(), name);
    const auto versions = await(m_client.listSecretVersions(name));
    VERIFY_OK(versions);
    QCOMPARE(versions->items.size(), 2);
    const auto read = await(m_client.getSecret(name));
    VERIFY_OK(read);
    QCOMPARE(read->value, std::optional<QString>(u"two"_s));

    VERIFY_ERROR(await(m_client.restoreSecret(BackupBlob{"bm90IGEgYmFja3Vw"})),
                 AzureError::Kind::Malformed, 400);
}

void TestVaultClientSecrets::notFound_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::newRow("no such secret") << u"no-such-secret"_s << QString();
    QTest::newRow("no such version")
        << u"dev-database-password"_s << u"0123456789abcdef0123456789abcdef"_s;
}

void TestVaultClientSecrets::notFound()
{
    QFETCH(QString, name);
    QFETCH(QString, version);
    const auto r = await(m_client.getSecret(name, version));
    VERIFY_ERROR(r, AzureError::Kind::NotFound, 404);
    QCOMPARE(r.error().code, u"SecretNotFound"_s);
    QVERIFY(!r.error().requestId.isEmpty());
    VERIFY_ERROR(await(m_client.getDeletedSecret(name)), AzureError::Kind::NotFound, 404);
    VERIFY_ERROR(await(m_client.deleteSecret(u"no-such-secret"_s)), AzureError::Kind::NotFound,
                 404);
    VERIFY_ERROR(await(m_client.backupSecret(u"no-such-secret"_s)), AzureError::Kind::NotFound,
                 404);
    VERIFY_ERROR(await(m_client.recoverDeletedSecret(u"no-such-secret"_s)),
                 AzureError::Kind::NotFound, 404);
}

void TestVaultClientSecrets::emptyVersionListIsNotAnError()
{
    // As the service does (recorded): 200 with no items, not 404.
    const auto page = await(m_client.listSecretVersions(u"never-created"_s, 1));
    VERIFY_OK(page);
    QVERIFY(page->items.isEmpty());
    QVERIFY(!page->hasMore());
}

void TestVaultClientSecrets::invalidNamesAreRefusedWithoutARequest_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("slash") << u"a/b"_s;
    QTest::newRow("dot-dot") << u".."_s;
}

void TestVaultClientSecrets::invalidNamesAreRefusedWithoutARequest()
{
    QFETCH(QString, name);
    const quint64 before = lastRecordId(*m_fixture);
    VERIFY_ERROR(await(m_client.getSecret(name)), AzureError::Kind::Malformed, 0);
    VERIFY_ERROR(await(m_client.setSecret(name, secretValue(u"v"_s))), AzureError::Kind::Malformed,
                 0);
    VERIFY_ERROR(await(m_client.getSecret(u"ok"_s, name.isEmpty() ? u"a/b"_s : name)),
                 AzureError::Kind::Malformed, 0);
    QCOMPARE(lastRecordId(*m_fixture), before);
}

void TestVaultClientSecrets::callerWithoutPermission()
{
    // Erin has no access policy on the dev vault.
    VaultClient erin(m_fixture->userPipeline(u"erin@contoso.example"_s),
                     m_fixture->vaultUri(DevVault));
    const auto r = await(erin.getSecret(u"dev-database-password"_s));
    VERIFY_ERROR(r, AzureError::Kind::Policy, 403);
    QCOMPARE(r.error().missingPermission.isEmpty(), false);
    VERIFY_ERROR(await(erin.listSecrets()), AzureError::Kind::Policy, 403);
}

void TestVaultClientSecrets::throttlingIsRetried()
{
    QVERIFY(injectFaults(*m_fixture, QJsonArray{QJsonObject{{u"kind"_s, u"throttle"_s},
                                                            {u"target"_s, u"vault"_s},
                                                            {u"count"_s, 1},
                                                            {u"retryAfter"_s, 0},
                                                            {u"path"_s, u"/secrets"_s}}}));
    const auto page = await(m_client.listSecrets());
    VERIFY_OK(page);
    QVERIFY(!page->items.isEmpty());
}

QTEST_GUILESS_MAIN(TestVaultClientSecrets)
#include "tst_vaultclientsecrets.moc"
