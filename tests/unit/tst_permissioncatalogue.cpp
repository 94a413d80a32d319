// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/Operations.h"
#include "access/PermissionCatalogue.h"
#include "access/PermissionTemplates.h"
#include "access/RoleCatalogue.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl::access;

Q_DECLARE_METATYPE(vl::access::ObjectKind)

class TestPermissionCatalogue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogueMatchesArmEnums_data();
    void catalogueMatchesArmEnums();
    void canonical_data();
    void canonical();
    void grants_data();
    void grants();
    void everyPermissionAuthorizesAnOperation_data();
    void everyPermissionAuthorizesAnOperation();
    void templates();
};

void TestPermissionCatalogue::catalogueMatchesArmEnums_data()
{
    QTest::addColumn<ObjectKind>("kind");
    QTest::addColumn<QStringList>("expected");
    // PROTOCOL.md §5.3: the ARM enums, in order.
    QTest::newRow("keys")
        << ObjectKind::Keys
        << u"all encrypt decrypt wrapKey unwrapKey sign verify get list create update import delete backup restore recover purge release rotate getrotationpolicy setrotationpolicy"_s
               .split(u' ');
    QTest::newRow("secrets") << ObjectKind::Secrets
                             << u"all get list set delete backup restore recover purge"_s.split(
                                    u' ');
    QTest::newRow("certificates")
        << ObjectKind::Certificates
        << u"all get list delete create import update managecontacts getissuers listissuers setissuers deleteissuers manageissuers recover purge backup restore"_s
               .split(u' ');
    QTest::newRow("storage")
        << ObjectKind::Storage
        << u"all get list delete set update regeneratekey recover purge backup restore setsas listsas getsas deletesas"_s
               .split(u' ');
}

void TestPermissionCatalogue::catalogueMatchesArmEnums()
{
    QFETCH(ObjectKind, kind);
    QFETCH(QStringList, expected);
    QCOMPARE(PermissionCatalogue::names(kind), expected);
    for (const PermissionInfo &p : PermissionCatalogue::permissions(kind)) {
        QCOMPARE(p.kind, kind);
        QVERIFY2(qstrlen(p.description) > 0, qPrintable(p.name));
    }
}

void TestPermissionCatalogue::canonical_data()
{
    QTest::addColumn<ObjectKind>("kind");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: unknown
    QTest::newRow("exact") << ObjectKind::Secrets << u"get"_s << u"get"_s;
    QTest::newRow("portal capitalisation") << ObjectKind::Secrets << u"Get"_s << u"get"_s;
    QTest::newRow("wrapKey keeps its camel case")
        << ObjectKind::Keys << u"WRAPKEY"_s << u"wrapKey"_s;
    QTest::newRow("spaces trimmed") << ObjectKind::Keys << u" list "_s << u"list"_s;
    QTest::newRow("set is not a key permission") << ObjectKind::Keys << u"set"_s << QString();
    QTest::newRow("update is not a secret permission")
        << ObjectKind::Secrets << u"update"_s << QString();
    QTest::newRow("rotate is a key permission") << ObjectKind::Keys << u"Rotate"_s << u"rotate"_s;
    QTest::newRow("managecontacts is a certificate permission")
        << ObjectKind::Certificates << u"ManageContacts"_s << u"managecontacts"_s;
    QTest::newRow("sas is storage only") << ObjectKind::Secrets << u"getsas"_s << QString();
    QTest::newRow("empty") << ObjectKind::Keys << QString() << QString();
}

void TestPermissionCatalogue::canonical()
{
    QFETCH(ObjectKind, kind);
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(PermissionCatalogue::canonical(kind, input).value_or(QString()), expected);
    QCOMPARE(PermissionCatalogue::isKnown(kind, input), !expected.isEmpty());
}

void TestPermissionCatalogue::grants_data()
{
    QTest::addColumn<ObjectKind>("kind");
    QTest::addColumn<QStringList>("held");
    QTest::addColumn<QString>("required");
    QTest::addColumn<bool>("granted");
    QTest::newRow("named") << ObjectKind::Secrets << QStringList{u"get"_s} << u"get"_s << true;
    QTest::newRow("case-insensitive")
        << ObjectKind::Secrets << QStringList{u"Get"_s} << u"get"_s << true;
    QTest::newRow("other permission")
        << ObjectKind::Secrets << QStringList{u"list"_s} << u"get"_s << false;
    QTest::newRow("nothing held") << ObjectKind::Keys << QStringList{} << u"get"_s << false;
    QTest::newRow("all grants get")
        << ObjectKind::Keys << QStringList{u"all"_s} << u"decrypt"_s << true;
    QTest::newRow("All grants release")
        << ObjectKind::Keys << QStringList{u"All"_s} << u"release"_s << true;
    QTest::newRow("all does not grant purge")
        << ObjectKind::Secrets << QStringList{u"all"_s} << u"purge"_s << false;
    QTest::newRow("purge by name")
        << ObjectKind::Secrets << QStringList{u"all"_s, u"purge"_s} << u"purge"_s << true;
    QTest::newRow("all does not invent permissions")
        << ObjectKind::Secrets << QStringList{u"all"_s} << u"decrypt"_s << false;
    QTest::newRow("unknown held permission is no grant")
        << ObjectKind::Secrets << QStringList{u"bogus"_s} << u"bogus"_s << false;
}

void TestPermissionCatalogue::grants()
{
    QFETCH(ObjectKind, kind);
    QFETCH(QStringList, held);
    QFETCH(QString, required);
    QFETCH(bool, granted);
    QCOMPARE(PermissionCatalogue::grants(kind, held, required), granted);
}

void TestPermissionCatalogue::everyPermissionAuthorizesAnOperation_data()
{
    QTest::addColumn<ObjectKind>("kind");
    QTest::addColumn<QString>("permission");
    for (ObjectKind kind : allObjectKinds)
        for (const PermissionInfo &p : PermissionCatalogue::permissions(kind))
            if (p.name != "all"_L1)
                QTest::newRow(qPrintable(wireName(kind) + u' ' + p.name)) << kind << p.name;
}

void TestPermissionCatalogue::everyPermissionAuthorizesAnOperation()
{
    QFETCH(ObjectKind, kind);
    QFETCH(QString, permission);
    bool used = false;
    for (const OperationInfo &op : Operations::all())
        used = used || (op.kind == kind && op.permissions.contains(permission));
    QVERIFY2(used, "no operation needs this permission");
}

void TestPermissionCatalogue::templates()
{
    const auto &all = PermissionTemplates::all();
    QCOMPARE(all.size(), 12);
    for (const PermissionTemplate &t : all) {
        QVERIFY(PermissionTemplates::find(t.id) == &t);
        const std::pair<ObjectKind, std::optional<QStringList>> lists[] = {
            {ObjectKind::Keys, t.permissions.keys},
            {ObjectKind::Secrets, t.permissions.secrets},
            {ObjectKind::Certificates, t.permissions.certificates}};
        bool any = false;
        for (const auto &[kind, list] : lists) {
            for (const QString &p : list.value_or(QStringList{})) {
                any = true;
                QVERIFY2(PermissionCatalogue::isKnown(kind, p), qPrintable(t.id + u' ' + p));
                QVERIFY2(p != "purge"_L1 && p != "release"_L1 && p != "all"_L1,
                         qPrintable(t.id + u" grants a privileged permission"_s));
            }
        }
        QVERIFY2(any, qPrintable(t.id));
        for (const QString &role : t.equivalentRoles)
            QVERIFY2(RoleCatalogue::builtIn().findByName(role), qPrintable(role));
    }
    const PermissionTemplate *sql = PermissionTemplates::find(u"sql-server-connector"_s);
    QVERIFY(sql);
    QCOMPARE(*sql->permissions.keys,
             (QStringList{u"get"_s, u"list"_s, u"wrapKey"_s, u"unwrapKey"_s}));
    QVERIFY(!sql->permissions.secrets);
    const PermissionTemplate *secrets = PermissionTemplates::find(u"secret-management"_s);
    QVERIFY(secrets);
    QCOMPARE(*secrets->permissions.secrets,
             (u"get list set delete backup restore recover"_s.split(u' ')));
    QVERIFY(PermissionTemplates::find(u"azure-backup"_s)->equivalentRoles.isEmpty());
    QVERIFY(!PermissionTemplates::find(u"no-such-template"_s));
}

QTEST_APPLESS_MAIN(TestPermissionCatalogue)
#include "tst_permissioncatalogue.moc"
