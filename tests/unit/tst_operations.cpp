// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/Operations.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl::access;

class TestOperations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapping_data();
    void mapping();
    void tableIsComplete();
    void everyVaultDataActionIsUsed();
    void classifyVariants_data();
    void classifyVariants();
};

void TestOperations::mapping_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("permissions");
    QTest::addColumn<QString>("dataAction");
    // RBAC.md §4: operation -> access-policy permission(s) -> RBAC data action.
    QTest::newRow("secrets/set") << u"secrets/set"_s << QByteArray("PUT") << u"/secrets/s1"_s
                                 << QStringList{u"set"_s} << u"secrets/setSecret/action"_s;
    QTest::newRow("secrets/update") << u"secrets/update"_s << QByteArray("PATCH")
                                    << u"/secrets/s1/0123456789abcdef0123456789abcdef"_s
                                    << QStringList{u"set"_s} << u"secrets/update/action"_s;
    QTest::newRow("secrets/get") << u"secrets/get"_s << QByteArray("GET")
                                 << u"/secrets/s1/0123456789abcdef0123456789abcdef"_s
                                 << QStringList{u"get"_s} << u"secrets/getSecret/action"_s;
    QTest::newRow("secrets/list") << u"secrets/list"_s << QByteArray("GET") << u"/secrets"_s
                                  << QStringList{u"list"_s} << u"secrets/readMetadata/action"_s;
    QTest::newRow("secrets/listVersions")
        << u"secrets/listVersions"_s << QByteArray("GET") << u"/secrets/s1/versions"_s
        << QStringList{u"list"_s} << u"secrets/readMetadata/action"_s;
    QTest::newRow("secrets/delete")
        << u"secrets/delete"_s << QByteArray("DELETE") << u"/secrets/s1"_s
        << QStringList{u"delete"_s} << u"secrets/delete"_s;
    QTest::newRow("secrets/listDeleted")
        << u"secrets/listDeleted"_s << QByteArray("GET") << u"/deletedsecrets"_s
        << QStringList{u"list"_s} << u"secrets/readMetadata/action"_s;
    QTest::newRow("secrets/getDeleted")
        << u"secrets/getDeleted"_s << QByteArray("GET") << u"/deletedsecrets/s1"_s
        << QStringList{u"get"_s} << u"secrets/readMetadata/action"_s;
    QTest::newRow("secrets/purge")
        << u"secrets/purge"_s << QByteArray("DELETE") << u"/deletedsecrets/s1"_s
        << QStringList{u"purge"_s} << u"secrets/purge/action"_s;
    QTest::newRow("secrets/recover")
        << u"secrets/recover"_s << QByteArray("POST") << u"/deletedsecrets/s1/recover"_s
        << QStringList{u"recover"_s} << u"secrets/recover/action"_s;
    QTest::newRow("secrets/backup")
        << u"secrets/backup"_s << QByteArray("POST") << u"/secrets/s1/backup"_s
        << QStringList{u"backup"_s} << u"secrets/backup/action"_s;
    QTest::newRow("secrets/restore")
        << u"secrets/restore"_s << QByteArray("POST") << u"/secrets/restore"_s
        << QStringList{u"restore"_s} << u"secrets/restore/action"_s;
    QTest::newRow("keys/create") << u"keys/create"_s << QByteArray("POST") << u"/keys/k1/create"_s
                                 << QStringList{u"create"_s} << u"keys/create/action"_s;
    QTest::newRow("keys/import") << u"keys/import"_s << QByteArray("PUT") << u"/keys/k1"_s
                                 << QStringList{u"import"_s} << u"keys/import/action"_s;
    QTest::newRow("keys/get") << u"keys/get"_s << QByteArray("GET") << u"/keys/k1/abc"_s
                              << QStringList{u"get"_s} << u"keys/read"_s;
    QTest::newRow("keys/list") << u"keys/list"_s << QByteArray("GET") << u"/keys"_s
                               << QStringList{u"list"_s} << u"keys/read"_s;
    QTest::newRow("keys/listVersions")
        << u"keys/listVersions"_s << QByteArray("GET") << u"/keys/k1/versions"_s
        << QStringList{u"list"_s} << u"keys/read"_s;
    QTest::newRow("keys/update") << u"keys/update"_s << QByteArray("PATCH") << u"/keys/k1/abc"_s
                                 << QStringList{u"update"_s} << u"keys/update/action"_s;
    QTest::newRow("keys/delete") << u"keys/delete"_s << QByteArray("DELETE") << u"/keys/k1"_s
                                 << QStringList{u"delete"_s} << u"keys/delete"_s;
    QTest::newRow("keys/listDeleted")
        << u"keys/listDeleted"_s << QByteArray("GET") << u"/deletedkeys"_s << QStringList{u"list"_s}
        << u"keys/read"_s;
    QTest::newRow("keys/getDeleted")
        << u"keys/getDeleted"_s << QByteArray("GET") << u"/deletedkeys/k1"_s
        << QStringList{u"get"_s} << u"keys/read"_s;
    QTest::newRow("keys/purge") << u"keys/purge"_s << QByteArray("DELETE") << u"/deletedkeys/k1"_s
                                << QStringList{u"purge"_s} << u"keys/purge/action"_s;
    QTest::newRow("keys/recover") << u"keys/recover"_s << QByteArray("POST")
                                  << u"/deletedkeys/k1/recover"_s << QStringList{u"recover"_s}
                                  << u"keys/recover/action"_s;
    QTest::newRow("keys/backup") << u"keys/backup"_s << QByteArray("POST") << u"/keys/k1/backup"_s
                                 << QStringList{u"backup"_s} << u"keys/backup/action"_s;
    QTest::newRow("keys/restore") << u"keys/restore"_s << QByteArray("POST") << u"/keys/restore"_s
                                  << QStringList{u"restore"_s} << u"keys/restore/action"_s;
    QTest::newRow("keys/encrypt") << u"keys/encrypt"_s << QByteArray("POST")
                                  << u"/keys/k1/abc/encrypt"_s << QStringList{u"encrypt"_s}
                                  << u"keys/encrypt/action"_s;
    QTest::newRow("keys/decrypt") << u"keys/decrypt"_s << QByteArray("POST")
                                  << u"/keys/k1/abc/decrypt"_s << QStringList{u"decrypt"_s}
                                  << u"keys/decrypt/action"_s;
    QTest::newRow("keys/sign") << u"keys/sign"_s << QByteArray("POST") << u"/keys/k1/abc/sign"_s
                               << QStringList{u"sign"_s} << u"keys/sign/action"_s;
    QTest::newRow("keys/verify") << u"keys/verify"_s << QByteArray("POST")
                                 << u"/keys/k1/abc/verify"_s << QStringList{u"verify"_s}
                                 << u"keys/verify/action"_s;
    QTest::newRow("keys/wrapKey") << u"keys/wrapKey"_s << QByteArray("POST")
                                  << u"/keys/k1/abc/wrapkey"_s << QStringList{u"wrapKey"_s}
                                  << u"keys/wrap/action"_s;
    QTest::newRow("keys/unwrapKey")
        << u"keys/unwrapKey"_s << QByteArray("POST") << u"/keys/k1/abc/unwrapkey"_s
        << QStringList{u"unwrapKey"_s} << u"keys/unwrap/action"_s;
    QTest::newRow("keys/rotate") << u"keys/rotate"_s << QByteArray("POST") << u"/keys/k1/rotate"_s
                                 << QStringList{u"rotate"_s} << u"keys/rotate/action"_s;
    QTest::newRow("keys/getRotationPolicy")
        << u"keys/getRotationPolicy"_s << QByteArray("GET") << u"/keys/k1/rotationpolicy"_s
        << QStringList{u"getrotationpolicy"_s} << u"keyrotationpolicies/read"_s;
    QTest::newRow("keys/setRotationPolicy")
        << u"keys/setRotationPolicy"_s << QByteArray("PUT") << u"/keys/k1/rotationpolicy"_s
        << QStringList{u"setrotationpolicy"_s} << u"keyrotationpolicies/write"_s;
    QTest::newRow("keys/release") << u"keys/release"_s << QByteArray("POST")
                                  << u"/keys/k1/abc/release"_s << QStringList{u"release"_s}
                                  << u"keys/release/action"_s;
    QTest::newRow("keys/getAttestation")
        << u"keys/getAttestation"_s << QByteArray("GET") << u"/keys/k1/abc/attestation"_s
        << QStringList{u"get"_s} << u"keys/read"_s;
    QTest::newRow("certificates/create")
        << u"certificates/create"_s << QByteArray("POST") << u"/certificates/c1/create"_s
        << QStringList{u"create"_s} << u"certificates/create/action"_s;
    QTest::newRow("certificates/import")
        << u"certificates/import"_s << QByteArray("POST") << u"/certificates/c1/import"_s
        << QStringList{u"import"_s} << u"certificates/import/action"_s;
    QTest::newRow("certificates/get")
        << u"certificates/get"_s << QByteArray("GET") << u"/certificates/c1/abc"_s
        << QStringList{u"get"_s} << u"certificates/read"_s;
    QTest::newRow("certificates/list")
        << u"certificates/list"_s << QByteArray("GET") << u"/certificates"_s
        << QStringList{u"list"_s} << u"certificates/read"_s;
    QTest::newRow("certificates/listVersions")
        << u"certificates/listVersions"_s << QByteArray("GET") << u"/certificates/c1/versions"_s
        << QStringList{u"list"_s} << u"certificates/read"_s;
    QTest::newRow("certificates/update")
        << u"certificates/update"_s << QByteArray("PATCH") << u"/certificates/c1/abc"_s
        << QStringList{u"update"_s} << u"certificates/update/action"_s;
    QTest::newRow("certificates/delete")
        << u"certificates/delete"_s << QByteArray("DELETE") << u"/certificates/c1"_s
        << QStringList{u"delete"_s} << u"certificates/delete"_s;
    QTest::newRow("certificates/getPolicy")
        << u"certificates/getPolicy"_s << QByteArray("GET") << u"/certificates/c1/policy"_s
        << QStringList{u"get"_s} << u"certificates/read"_s;
    QTest::newRow("certificates/updatePolicy")
        << u"certificates/updatePolicy"_s << QByteArray("PATCH") << u"/certificates/c1/policy"_s
        << QStringList{u"update"_s} << u"certificates/update/action"_s;
    QTest::newRow("certificates/getOperation")
        << u"certificates/getOperation"_s << QByteArray("GET") << u"/certificates/c1/pending"_s
        << QStringList{u"get"_s} << u"certificates/read"_s;
    QTest::newRow("certificates/updateOperation")
        << u"certificates/updateOperation"_s << QByteArray("PATCH") << u"/certificates/c1/pending"_s
        << QStringList{u"update"_s} << u"certificates/update/action"_s;
    QTest::newRow("certificates/deleteOperation")
        << u"certificates/deleteOperation"_s << QByteArray("DELETE")
        << u"/certificates/c1/pending"_s << QStringList{u"update"_s}
        << u"certificates/update/action"_s;
    QTest::newRow("certificates/merge")
        << u"certificates/merge"_s << QByteArray("POST") << u"/certificates/c1/pending/merge"_s
        << QStringList{u"create"_s} << u"certificates/create/action"_s;
    QTest::newRow("certificates/backup")
        << u"certificates/backup"_s << QByteArray("POST") << u"/certificates/c1/backup"_s
        << QStringList{u"backup"_s} << u"certificates/backup/action"_s;
    QTest::newRow("certificates/restore")
        << u"certificates/restore"_s << QByteArray("POST") << u"/certificates/restore"_s
        << QStringList{u"restore"_s} << u"certificates/restore/action"_s;
    QTest::newRow("certificates/listDeleted")
        << u"certificates/listDeleted"_s << QByteArray("GET") << u"/deletedcertificates"_s
        << QStringList{u"list"_s} << u"certificates/read"_s;
    QTest::newRow("certificates/getDeleted")
        << u"certificates/getDeleted"_s << QByteArray("GET") << u"/deletedcertificates/c1"_s
        << QStringList{u"get"_s} << u"certificates/read"_s;
    QTest::newRow("certificates/purge")
        << u"certificates/purge"_s << QByteArray("DELETE") << u"/deletedcertificates/c1"_s
        << QStringList{u"purge"_s} << u"certificates/purge/action"_s;
    QTest::newRow("certificates/recover")
        << u"certificates/recover"_s << QByteArray("POST") << u"/deletedcertificates/c1/recover"_s
        << QStringList{u"recover"_s} << u"certificates/recover/action"_s;
    QTest::newRow("certificates/getContacts")
        << u"certificates/getContacts"_s << QByteArray("GET") << u"/certificates/contacts"_s
        << QStringList{u"managecontacts"_s} << u"certificatecontacts/write"_s;
    QTest::newRow("certificates/setContacts")
        << u"certificates/setContacts"_s << QByteArray("PUT") << u"/certificates/contacts"_s
        << QStringList{u"managecontacts"_s} << u"certificatecontacts/write"_s;
    QTest::newRow("certificates/deleteContacts")
        << u"certificates/deleteContacts"_s << QByteArray("DELETE") << u"/certificates/contacts"_s
        << QStringList{u"managecontacts"_s} << u"certificatecontacts/write"_s;
    QTest::newRow("certificates/listIssuers")
        << u"certificates/listIssuers"_s << QByteArray("GET") << u"/certificates/issuers"_s
        << QStringList{u"listissuers"_s, u"manageissuers"_s} << u"certificatecas/read"_s;
    QTest::newRow("certificates/getIssuer")
        << u"certificates/getIssuer"_s << QByteArray("GET") << u"/certificates/issuers/i1"_s
        << QStringList{u"getissuers"_s, u"manageissuers"_s} << u"certificatecas/read"_s;
    QTest::newRow("certificates/setIssuer")
        << u"certificates/setIssuer"_s << QByteArray("PUT") << u"/certificates/issuers/i1"_s
        << QStringList{u"setissuers"_s, u"manageissuers"_s} << u"certificatecas/write"_s;
    QTest::newRow("certificates/updateIssuer")
        << u"certificates/updateIssuer"_s << QByteArray("PATCH") << u"/certificates/issuers/i1"_s
        << QStringList{u"setissuers"_s, u"manageissuers"_s} << u"certificatecas/write"_s;
    QTest::newRow("certificates/deleteIssuer")
        << u"certificates/deleteIssuer"_s << QByteArray("DELETE") << u"/certificates/issuers/i1"_s
        << QStringList{u"deleteissuers"_s, u"manageissuers"_s} << u"certificatecas/delete"_s;
    QTest::newRow("storage/list") << u"storage/list"_s << QByteArray("GET") << u"/storage"_s
                                  << QStringList{u"list"_s} << u"storageaccounts/read"_s;
    QTest::newRow("storage/get") << u"storage/get"_s << QByteArray("GET") << u"/storage/sa1"_s
                                 << QStringList{u"get"_s} << u"storageaccounts/read"_s;
    QTest::newRow("storage/set") << u"storage/set"_s << QByteArray("PUT") << u"/storage/sa1"_s
                                 << QStringList{u"set"_s} << u"storageaccounts/set/action"_s;
    QTest::newRow("storage/update")
        << u"storage/update"_s << QByteArray("PATCH") << u"/storage/sa1"_s
        << QStringList{u"update"_s} << u"storageaccounts/set/action"_s;
    QTest::newRow("storage/delete")
        << u"storage/delete"_s << QByteArray("DELETE") << u"/storage/sa1"_s
        << QStringList{u"delete"_s} << u"storageaccounts/delete"_s;
    QTest::newRow("storage/regenerateKey")
        << u"storage/regenerateKey"_s << QByteArray("POST") << u"/storage/sa1/regeneratekey"_s
        << QStringList{u"regeneratekey"_s} << u"storageaccounts/regeneratekey/action"_s;
    QTest::newRow("storage/backup")
        << u"storage/backup"_s << QByteArray("POST") << u"/storage/sa1/backup"_s
        << QStringList{u"backup"_s} << u"storageaccounts/backup/action"_s;
    QTest::newRow("storage/restore")
        << u"storage/restore"_s << QByteArray("POST") << u"/storage/restore"_s
        << QStringList{u"restore"_s} << u"storageaccounts/restore/action"_s;
    QTest::newRow("storage/listDeleted")
        << u"storage/listDeleted"_s << QByteArray("GET") << u"/deletedstorage"_s
        << QStringList{u"list"_s} << u"storageaccounts/read"_s;
    QTest::newRow("storage/getDeleted")
        << u"storage/getDeleted"_s << QByteArray("GET") << u"/deletedstorage/sa1"_s
        << QStringList{u"get"_s} << u"storageaccounts/read"_s;
    QTest::newRow("storage/recover")
        << u"storage/recover"_s << QByteArray("POST") << u"/deletedstorage/sa1/recover"_s
        << QStringList{u"recover"_s} << u"storageaccounts/recover/action"_s;
    QTest::newRow("storage/purge")
        << u"storage/purge"_s << QByteArray("DELETE") << u"/deletedstorage/sa1"_s
        << QStringList{u"purge"_s} << u"storageaccounts/purge/action"_s;
    QTest::newRow("storage/listSas")
        << u"storage/listSas"_s << QByteArray("GET") << u"/storage/sa1/sas"_s
        << QStringList{u"listsas"_s} << u"storageaccounts/sas/read"_s;
    QTest::newRow("storage/getSas")
        << u"storage/getSas"_s << QByteArray("GET") << u"/storage/sa1/sas/d1"_s
        << QStringList{u"getsas"_s} << u"storageaccounts/sas/read"_s;
    QTest::newRow("storage/setSas")
        << u"storage/setSas"_s << QByteArray("PUT") << u"/storage/sa1/sas/d1"_s
        << QStringList{u"setsas"_s} << u"storageaccounts/sas/set/action"_s;
    QTest::newRow("storage/deleteSas")
        << u"storage/deleteSas"_s << QByteArray("DELETE") << u"/storage/sa1/sas/d1"_s
        << QStringList{u"deletesas"_s} << u"storageaccounts/sas/delete"_s;
}

void TestOperations::mapping()
{
    QFETCH(QString, id);
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QStringList, permissions);
    QFETCH(QString, dataAction);
    const auto op = Operations::fromId(id);
    QVERIFY2(op, qPrintable(id));
    const OperationInfo &info = Operations::info(*op);
    QCOMPARE(QString::fromLatin1(info.id), id);
    QCOMPARE(info.method, method);
    QCOMPARE(info.permissions, permissions);
    QCOMPARE(info.dataAction, u"Microsoft.KeyVault/vaults/"_s + dataAction);
    QCOMPARE(wireName(info.kind),
             id.section(u'/', 0, 0) == "storage"_L1 ? u"storage"_s : id.section(u'/', 0, 0));
    // The concrete request is recognised as this operation.
    const auto classified = Operations::classify(method, path);
    QVERIFY2(classified, qPrintable(path));
    QCOMPARE(QString::fromLatin1(Operations::info(classified->operation).id), id);
}

void TestOperations::tableIsComplete()
{
    QCOMPARE(Operations::all().size(), 79);
    QSet<QString> ids;
    for (const OperationInfo &op : Operations::all()) {
        QVERIFY2(!ids.contains(QString::fromLatin1(op.id)), op.id);
        ids.insert(QString::fromLatin1(op.id));
        QCOMPARE(&Operations::info(op.operation), &op);
        QVERIFY(!op.permissions.isEmpty());
    }
    // Public-key operations: keys/read suffices for asymmetric keys (RBAC.md §3.1).
    for (const OperationInfo &op : Operations::all()) {
        const bool publicKeyOp = op.operation == DataOperation::Encrypt
                                 || op.operation == DataOperation::Verify
                                 || op.operation == DataOperation::WrapKey;
        QCOMPARE(op.asymmetricReadSuffices, publicKeyOp);
    }
    QVERIFY(!Operations::fromId(u"secrets/teleport"_s));
}

void TestOperations::everyVaultDataActionIsUsed()
{
    // Every vault data action of the provider operations page (RBAC.md §3.1) except the
    // preview secrets/rotate/action and certificatecas/... duplicates is needed by some operation.
    const QStringList published = {u"certificatecas/delete"_s,
                                   u"certificatecas/read"_s,
                                   u"certificatecas/write"_s,
                                   u"certificatecontacts/write"_s,
                                   u"certificates/delete"_s,
                                   u"certificates/read"_s,
                                   u"certificates/backup/action"_s,
                                   u"certificates/purge/action"_s,
                                   u"certificates/update/action"_s,
                                   u"certificates/create/action"_s,
                                   u"certificates/import/action"_s,
                                   u"certificates/recover/action"_s,
                                   u"certificates/restore/action"_s,
                                   u"keyrotationpolicies/read"_s,
                                   u"keyrotationpolicies/write"_s,
                                   u"keys/read"_s,
                                   u"keys/update/action"_s,
                                   u"keys/create/action"_s,
                                   u"keys/import/action"_s,
                                   u"keys/recover/action"_s,
                                   u"keys/restore/action"_s,
                                   u"keys/delete"_s,
                                   u"keys/backup/action"_s,
                                   u"keys/purge/action"_s,
                                   u"keys/encrypt/action"_s,
                                   u"keys/decrypt/action"_s,
                                   u"keys/wrap/action"_s,
                                   u"keys/unwrap/action"_s,
                                   u"keys/sign/action"_s,
                                   u"keys/verify/action"_s,
                                   u"keys/release/action"_s,
                                   u"keys/rotate/action"_s,
                                   u"secrets/delete"_s,
                                   u"secrets/backup/action"_s,
                                   u"secrets/purge/action"_s,
                                   u"secrets/update/action"_s,
                                   u"secrets/recover/action"_s,
                                   u"secrets/restore/action"_s,
                                   u"secrets/readMetadata/action"_s,
                                   u"secrets/getSecret/action"_s,
                                   u"secrets/setSecret/action"_s,
                                   u"storageaccounts/read"_s,
                                   u"storageaccounts/set/action"_s,
                                   u"storageaccounts/delete"_s,
                                   u"storageaccounts/backup/action"_s,
                                   u"storageaccounts/purge/action"_s,
                                   u"storageaccounts/regeneratekey/action"_s,
                                   u"storageaccounts/recover/action"_s,
                                   u"storageaccounts/restore/action"_s,
                                   u"storageaccounts/sas/set/action"_s,
                                   u"storageaccounts/sas/delete"_s,
                                   u"storageaccounts/sas/read"_s};
    for (const QString &action : published) {
        const QString full = u"Microsoft.KeyVault/vaults/"_s + action;
        const bool used =
            std::any_of(Operations::all().begin(), Operations::all().end(),
                        [&](const OperationInfo &op) { return op.dataAction == full; });
        QVERIFY2(used, qPrintable(full));
    }
}

void TestOperations::classifyVariants_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("id"); // empty: not a data-plane operation
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("version");
    QTest::newRow("latest with trailing slash")
        << QByteArray("GET") << u"/secrets/s1/"_s << u"secrets/get"_s << u"s1"_s << QString();
    QTest::newRow("latest without slash")
        << QByteArray("GET") << u"/secrets/s1"_s << u"secrets/get"_s << u"s1"_s << QString();
    QTest::newRow("versioned") << QByteArray("GET") << u"/secrets/s1/abc"_s << u"secrets/get"_s
                               << u"s1"_s << u"abc"_s;
    QTest::newRow("list with trailing slash")
        << QByteArray("GET") << u"/secrets/"_s << u"secrets/list"_s << QString() << QString();
    QTest::newRow("set with trailing slash")
        << QByteArray("PUT") << u"/secrets/s1/"_s << u"secrets/set"_s << u"s1"_s << QString();
    QTest::newRow("method is case-insensitive")
        << QByteArray("get") << u"/keys"_s << u"keys/list"_s << QString() << QString();
    QTest::newRow("crypto on latest version") << QByteArray("POST") << u"/keys/k1//encrypt"_s
                                              << u"keys/encrypt"_s << u"k1"_s << QString();
    QTest::newRow("crypto without a version segment")
        << QByteArray("POST") << u"/keys/k1/release"_s << u"keys/release"_s << u"k1"_s << QString();
    QTest::newRow("literal segment case")
        << QByteArray("POST") << u"/keys/k1/v/WrapKey"_s << u"keys/wrapKey"_s << u"k1"_s << u"v"_s;
    QTest::newRow("contacts beat a certificate named contacts")
        << QByteArray("GET") << u"/certificates/contacts"_s << u"certificates/getContacts"_s
        << QString() << QString();
    QTest::newRow("versions beat a version named versions")
        << QByteArray("GET") << u"/keys/k1/versions"_s << u"keys/listVersions"_s << u"k1"_s
        << QString();
    QTest::newRow("restore is a collection operation")
        << QByteArray("POST") << u"/keys/restore"_s << u"keys/restore"_s << QString() << QString();
    QTest::newRow("PATCH latest") << QByteArray("PATCH") << u"/secrets/s1"_s << u"secrets/update"_s
                                  << u"s1"_s << QString();
    QTest::newRow("unknown collection")
        << QByteArray("GET") << u"/widgets"_s << QString() << QString() << QString();
    QTest::newRow("wrong method") << QByteArray("POST") << u"/secrets/s1"_s << QString()
                                  << QString() << QString();
    QTest::newRow("too deep") << QByteArray("GET") << u"/secrets/s1/v/extra/more"_s << QString()
                              << QString() << QString();
    QTest::newRow("empty name") << QByteArray("DELETE") << u"/secrets//"_s << QString() << QString()
                                << QString();
    QTest::newRow("root") << QByteArray("GET") << u"/"_s << QString() << QString() << QString();
}

void TestOperations::classifyVariants()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, id);
    QFETCH(QString, name);
    QFETCH(QString, version);
    const auto c = Operations::classify(method, path);
    if (id.isEmpty()) {
        QVERIFY2(!c, c ? Operations::info(c->operation).id : "");
        return;
    }
    QVERIFY(c);
    QCOMPARE(QString::fromLatin1(Operations::info(c->operation).id), id);
    QCOMPARE(c->objectName, name);
    QCOMPARE(c->version, version);
}

QTEST_APPLESS_MAIN(TestOperations)
#include "tst_operations.moc"
