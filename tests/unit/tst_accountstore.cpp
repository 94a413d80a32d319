// SPDX-License-Identifier: GPL-3.0-or-later
#include "TemporarySettings.h"
#include "auth/AccountSerializer.h"
#include "auth/AccountStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QSettings>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

Account carol()
{
    Account a;
    a.id = Account::makeId(u"C0C0C0C0-0000-0000-0000-000000000001"_s, u"fabrikam-tid"_s);
    a.cloud = u"AzureCloud"_s;
    a.credential = CredentialKind::Browser;
    a.userName = u"carol@fabrikam.example"_s;
    a.displayName = u"Carol Chen"_s;
    a.objectId = u"c0c0c0c0-0000-0000-0000-000000000001"_s;
    a.homeTenantId = u"fabrikam-tid"_s;
    a.clientId = u"client-1"_s;
    a.tenants = {{u"fabrikam-tid"_s, u"Fabrikam"_s, u"fabrikam.example"_s, u"Home"_s},
                 {u"contoso-tid"_s, u"Contoso"_s, u"contoso.example"_s, u"ProjectedBy"_s}};
    return a;
}

Account app()
{
    Account a;
    a.id = Account::makeId(u"app-id"_s, u"contoso-tid"_s);
    a.cloud = u"AzureUSGovernment"_s;
    a.credential = CredentialKind::ClientSecret;
    a.userName = u"app-id"_s;
    a.displayName = u"ci-pipeline"_s;
    a.homeTenantId = u"contoso-tid"_s;
    a.clientId = u"app-id"_s;
    a.tenants = {{u"contoso-tid"_s, {}, {}, u"Home"_s}};
    return a;
}

} // namespace

/// Accounts' metadata in QSettings, and its JSON mapping.
class TestAccountStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idIsLowerCaseObjectAndTenant();
    void secretPurposeFollowsTheKind_data();
    void secretPurposeFollowsTheKind();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void incompleteJsonIsRejected_data();
    void incompleteJsonIsRejected();
    void homeTenantIsAlwaysListed();
    void tenantList();
    void saveLoadReplaceRemove();
    void unreadableEntryIsSkipped();
    void settingsHoldNoSecretField();
};

void TestAccountStore::idIsLowerCaseObjectAndTenant()
{
    QCOMPARE(Account::makeId(u"ABC"_s, u"DEF"_s), u"abc.def"_s);
}

void TestAccountStore::secretPurposeFollowsTheKind_data()
{
    QTest::addColumn<CredentialKind>("kind");
    QTest::addColumn<QString>("purpose");
    QTest::addColumn<QString>("name");
    QTest::newRow("browser") << CredentialKind::Browser << u"refresh-token"_s << u"browser"_s;
    QTest::newRow("device") << CredentialKind::DeviceCode << u"refresh-token"_s << u"device-code"_s;
    QTest::newRow("secret") << CredentialKind::ClientSecret << u"client-secret"_s
                            << u"client-secret"_s;
}

void TestAccountStore::secretPurposeFollowsTheKind()
{
    QFETCH(CredentialKind, kind);
    QFETCH(QString, purpose);
    QFETCH(QString, name);
    Account a;
    a.credential = kind;
    QCOMPARE(a.secretPurpose(), purpose);
    QCOMPARE(credentialKindName(kind), name);
    bool ok = false;
    QCOMPARE(credentialKindFromName(name, &ok), kind);
    QVERIFY(ok);
}

void TestAccountStore::jsonRoundTrip_data()
{
    QTest::addColumn<Account>("account");
    QTest::newRow("user with a guest tenant") << carol();
    QTest::newRow("service principal") << app();
}

void TestAccountStore::jsonRoundTrip()
{
    QFETCH(Account, account);
    const auto back = AccountSerializer::accountFromJson(AccountSerializer::toJson(account));
    QVERIFY(back.ok());
    QCOMPARE(*back, account);
}

void TestAccountStore::incompleteJsonIsRejected_data()
{
    QTest::addColumn<QString>("field");
    QTest::newRow("id") << u"id"_s;
    QTest::newRow("cloud") << u"cloud"_s;
    QTest::newRow("home tenant") << u"homeTenantId"_s;
    QTest::newRow("credential") << u"credential"_s;
}

void TestAccountStore::incompleteJsonIsRejected()
{
    QFETCH(QString, field);
    QJsonObject o = AccountSerializer::toJson(carol());
    o.remove(field);
    const auto back = AccountSerializer::accountFromJson(o);
    QVERIFY(!back.ok());
    QCOMPARE(back.error().kind, AzureError::Kind::Malformed);
}

void TestAccountStore::homeTenantIsAlwaysListed()
{
    Account a = carol();
    a.tenants = {{u"contoso-tid"_s, {}, {}, {}}};
    const auto back = AccountSerializer::accountFromJson(AccountSerializer::toJson(a));
    QVERIFY(back.ok());
    QCOMPARE(back->tenants.size(), 2);
    QCOMPARE(back->tenants.first().id, u"fabrikam-tid"_s);
    QVERIFY(back->tenant(u"FABRIKAM-TID"_s));
}

void TestAccountStore::tenantList()
{
    const QJsonObject page = QJsonDocument::fromJson(R"({"value":[
        {"id":"/tenants/t1","tenantId":"t1","tenantCategory":"Home","displayName":"Contoso",
         "defaultDomain":"contoso.example","countryCode":"NL"},
        {"id":"/tenants/t2","tenantCategory":"ProjectedBy","displayName":"Fabrikam"},
        {"displayName":"no id"}]})")
                                 .object();
    const QList<TenantInfo> tenants = AccountSerializer::tenantListFromJson(page);
    QCOMPARE(tenants.size(), 2);
    QCOMPARE(tenants[0], (TenantInfo{u"t1"_s, u"Contoso"_s, u"contoso.example"_s, u"Home"_s}));
    QCOMPARE(tenants[1].id, u"t2"_s); // from `id` when tenantId is missing
    QCOMPARE(tenants[1].category, u"ProjectedBy"_s);
}

void TestAccountStore::saveLoadReplaceRemove()
{
    TemporarySettings temp;
    auto settings = temp.settings();
    AccountStore store(settings.get());
    QVERIFY(store.load().isEmpty());
    store.save(carol());
    store.save(app());
    QCOMPARE(store.load(), (QList<Account>{carol(), app()}));

    Account renamed = carol();
    renamed.displayName = u"Carol C."_s;
    renamed.tenants.removeLast();
    store.save(renamed);
    QCOMPARE(store.load(), (QList<Account>{renamed, app()}));

    // Another QSettings on the same file sees the same accounts.
    store.sync();
    QSettings again(settings->fileName(), settings->format());
    QCOMPARE(AccountStore(&again).load().size(), 2);

    QVERIFY(store.remove(u"AzureCloud"_s, renamed.id));
    QVERIFY(!store.remove(u"AzureCloud"_s, renamed.id));
    QVERIFY(!store.remove(u"OtherCloud"_s, app().id));
    QCOMPARE(store.load(), (QList<Account>{app()}));
}

void TestAccountStore::unreadableEntryIsSkipped()
{
    TemporarySettings temp;
    auto settings = temp.settings();
    AccountStore store(settings.get());
    store.saveAll({carol(), app()});
    // QSettings numbers array entries from 1: break the first one.
    settings->setValue(u"accounts/1/cloud"_s, QString());
    QCOMPARE(store.load(), (QList<Account>{app()}));
}

void TestAccountStore::settingsHoldNoSecretField()
{
    TemporarySettings temp;
    auto settings = temp.settings();
    AccountStore store(settings.get());
    store.save(carol());
    store.sync();
    QFile file(settings->fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll().toLower();
    QVERIFY(bytes.contains("carol@fabrikam.example"));
    for (const char *word : {"token", "secret", "password", "refresh"})
        QVERIFY2(!bytes.contains(word), word);
}

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"
