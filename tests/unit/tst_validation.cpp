// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/Validation.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl::access;
namespace arm = vl::arm;
using Entries = QList<vl::arm::AccessPolicyEntry>;

namespace {

const QString Tenant = u"72f988bf-86f1-41af-91ab-2d7cd011db47"_s;
const QString OtherTenant = u"00000000-0000-0000-0000-000000000001"_s;
const QString ObjectA = u"ce2ce14e-85d7-4629-bdbc-454d0519d987"_s;
const QString ObjectB = u"a925f2f7-5c63-4b7b-8799-25a5f97bc3b2"_s;
const QString AppId = u"04b07795-8ddb-461a-bbee-02f9e1bf7b46"_s;
using Tags = QMap<QString, QString>;

/// Marks an optional string column as absent.
const QString Absent = u"<absent>"_s;

std::optional<QString> optional(const QString &value)
{
    if (value == Absent)
        return std::nullopt;
    return value;
}

/// A distinct GUID per index.
QString guidNumber(int i)
{
    return u"00000000-0000-4000-8000-%1"_s.arg(i, 12, 10, QLatin1Char('0'));
}

/// A distinct public address per index (20.0.0.0/8 is public).
QString publicAddress(int i)
{
    return u"20.%1.%2.%3"_s.arg(i / 65536).arg((i / 256) % 256).arg(i % 256);
}

QString subnet(int i)
{
    return u"/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet/subnets/subnet%1"_s
        .arg(i);
}

Tags numberedTags(int count)
{
    Tags tags;
    for (int i = 0; i < count; ++i)
        tags.insert(u"tag%1"_s.arg(i), u"value"_s);
    return tags;
}

arm::AccessPolicyEntry entry(const QString &objectId,
                             std::optional<QString> applicationId = std::nullopt)
{
    arm::AccessPolicyEntry e;
    e.tenantId = Tenant;
    e.objectId = objectId;
    e.applicationId = std::move(applicationId);
    e.permissions.secrets = QStringList{u"get"_s, u"list"_s};
    return e;
}

/// Checks the result and, for failures, that the message names what it should.
void checkResult(const ValidationResult &r, bool ok, const QString &messageContains)
{
    QVERIFY2(r.ok == ok,
             qPrintable(u"ok=%1, message: %2"_s.arg(QString::number(int(r.ok)), r.message)));
    QCOMPARE(bool(r), ok);
    if (ok) {
        QVERIFY2(r.message.isEmpty(), qPrintable(r.message));
    } else {
        QVERIFY(!r.message.isEmpty());
        QVERIFY(r.normalized.isEmpty());
    }
    if (!messageContains.isEmpty())
        QVERIFY2(r.message.contains(messageContains),
                 qPrintable(u"'%1' not in '%2'"_s.arg(messageContains, r.message)));
}

} // namespace

class TestValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void limits();
    void vaultName_data();
    void vaultName();
    void objectName_data();
    void objectName();
    void guid_data();
    void guid();
    void tags_data();
    void tags();
    void ipRule_data();
    void ipRule();
    void subnetId_data();
    void subnetId();
    void networkRuleSet_data();
    void networkRuleSet();
    void accessPolicyEntry_data();
    void accessPolicyEntry();
    void accessPolicies_data();
    void accessPolicies();
};

void TestValidation::limits()
{
    QCOMPARE(Validation::MaxIpRules, 1000);
    QCOMPARE(Validation::MaxVirtualNetworkRules, 200);
    QCOMPARE(Validation::MaxAccessPolicies, 1024);
    QCOMPARE(Validation::MaxAccessPoliciesPerUpdate, 16);
    QCOMPARE(Validation::MaxObjectNameLength, 127);
    QCOMPARE(Validation::MaxObjectTags, 15);
    QCOMPARE(Validation::MaxResourceTags, 50);
    QCOMPARE(Validation::MaxTagNameLength, 512);
    QCOMPARE(Validation::MaxTagValueLength, 256);
}

void TestValidation::vaultName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messageContains");

    QTest::newRow("2 chars") << u"ab"_s << false << u"'ab' has 2"_s;
    QTest::newRow("3 chars") << u"abc"_s << true << QString();
    QTest::newRow("24 chars") << QString(24, u'a') << true << QString();
    QTest::newRow("25 chars") << QString(25, u'a') << false << u"has 25"_s;
    QTest::newRow("empty") << QString() << false << u"has 0"_s;
    QTest::newRow("fixture name") << u"sample-vault"_s << true << QString();
    QTest::newRow("mixed case and digits") << u"My-Vault-01"_s << true << QString();
    QTest::newRow("ends with digit") << u"vault1"_s << true << QString();
    QTest::newRow("single hyphens") << u"a-b-c"_s << true << QString();
    QTest::newRow("starts with digit") << u"1vault"_s << false << u"start with a letter"_s;
    QTest::newRow("starts with hyphen") << u"-vault"_s << false << u"start with a letter"_s;
    QTest::newRow("ends with hyphen") << u"vault-"_s << false << u"end with a letter or a digit"_s;
    QTest::newRow("consecutive hyphens") << u"my--vault"_s << false << u"consecutive hyphens"_s;
    QTest::newRow("underscore") << u"my_vault"_s << false << u"contains '_'"_s;
    QTest::newRow("dot") << u"my.vault"_s << false << u"contains '.'"_s;
    QTest::newRow("space") << u"my vault"_s << false << u"'my vault'"_s;
    QTest::newRow("non-ASCII letter") << u"vault\u00e9"_s << false << u"contains '\u00e9'"_s;
}

void TestValidation::vaultName()
{
    QFETCH(QString, name);
    QFETCH(bool, ok);
    QFETCH(QString, messageContains);

    checkResult(Validation::vaultName(name), ok, messageContains);
}

void TestValidation::objectName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messageContains");

    QTest::newRow("empty") << QString() << false << u"required"_s;
    QTest::newRow("1 char") << u"a"_s << true << QString();
    QTest::newRow("127 chars") << QString(127, u'x') << true << QString();
    QTest::newRow("128 chars") << QString(128, u'x') << false << u"has 128"_s;
    QTest::newRow("letters digits hyphens") << u"My-Secret-2"_s << true << QString();
    QTest::newRow("digits only") << u"123"_s << true << QString();
    QTest::newRow("starts with hyphen") << u"-secret"_s << true << QString();
    QTest::newRow("underscore") << u"my_secret"_s << false << u"'my_secret' contains '_'"_s;
    QTest::newRow("dot") << u"my.secret"_s << false << u"contains '.'"_s;
    QTest::newRow("slash") << u"my/secret"_s << false << u"contains '/'"_s;
    QTest::newRow("space") << u"my secret"_s << false << u"contains ' '"_s;
    QTest::newRow("non-ASCII") << u"s\u00e9cret"_s << false << u"contains '\u00e9'"_s;
}

void TestValidation::objectName()
{
    QFETCH(QString, name);
    QFETCH(bool, ok);
    QFETCH(QString, messageContains);

    checkResult(Validation::objectName(name), ok, messageContains);
}

void TestValidation::guid_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("normalized");

    QTest::newRow("zeros") << u"00000000-0000-0000-0000-000000000000"_s << true
                           << u"00000000-0000-0000-0000-000000000000"_s;
    QTest::newRow("lower case") << ObjectB << true << ObjectB;
    QTest::newRow("upper case normalized") << ObjectB.toUpper() << true << ObjectB;
    QTest::newRow("mixed case normalized")
        << u"A925f2F7-5C63-4b7b-8799-25A5F97bc3b2"_s << true << ObjectB;
    QTest::newRow("no hyphens") << u"a925f2f75c634b7b879925a5f97bc3b2"_s << false << QString();
    QTest::newRow("braces") << u"{a925f2f7-5c63-4b7b-8799-25a5f97bc3b2}"_s << false << QString();
    QTest::newRow("non-hex") << u"g925f2f7-5c63-4b7b-8799-25a5f97bc3b2"_s << false << QString();
    QTest::newRow("too short") << u"a925f2f7-5c63-4b7b-8799-25a5f97bc3b"_s << false << QString();
    QTest::newRow("too long") << u"a925f2f7-5c63-4b7b-8799-25a5f97bc3b22"_s << false << QString();
    QTest::newRow("misplaced hyphen")
        << u"a925f2f75-c63-4b7b-8799-25a5f97bc3b2"_s << false << QString();
    QTest::newRow("leading space")
        << u" a925f2f7-5c63-4b7b-8799-25a5f97bc3b2"_s << false << QString();
    QTest::newRow("trailing newline")
        << u"a925f2f7-5c63-4b7b-8799-25a5f97bc3b2\n"_s << false << QString();
    QTest::newRow("empty") << QString() << false << QString();
    QTest::newRow("name, not id") << u"sample-vault"_s << false << QString();
}

void TestValidation::guid()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    QFETCH(QString, normalized);

    const ValidationResult r = Validation::guid(value);
    checkResult(r, ok, ok ? QString() : u"'%1' is not a GUID"_s.arg(value));
    if (ok)
        QCOMPARE(r.normalized, normalized);
}

void TestValidation::tags_data()
{
    QTest::addColumn<Tags>("tags");
    QTest::addColumn<bool>("vaultTarget");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messageContains");

    QTest::newRow("none, object") << Tags() << false << true << QString();
    QTest::newRow("none, vault") << Tags() << true << true << QString();
    QTest::newRow("15 object tags") << numberedTags(15) << false << true << QString();
    QTest::newRow("16 object tags") << numberedTags(16) << false << false << u"At most 15"_s;
    QTest::newRow("16 vault tags") << numberedTags(16) << true << true << QString();
    QTest::newRow("50 vault tags") << numberedTags(50) << true << true << QString();
    QTest::newRow("51 vault tags") << numberedTags(51) << true << false << u"At most 50"_s;
    QTest::newRow("count in message") << numberedTags(51) << true << false << u"there are 51"_s;

    for (const bool vault : {false, true}) {
        const QString where = vault ? u", vault"_s : u", object"_s;
        const QString name512(512, u'n');
        const QString name513(513, u'n');
        QTest::newRow(qPrintable(u"name 512"_s + where))
            << Tags{{name512, u"v"_s}} << vault << true << QString();
        QTest::newRow(qPrintable(u"name 513"_s + where))
            << Tags{{name513, u"v"_s}} << vault << false << u"longer than 512"_s;
        QTest::newRow(qPrintable(u"value 256"_s + where))
            << Tags{{u"env"_s, QString(256, u'v')}} << vault << true << QString();
        QTest::newRow(qPrintable(u"value 257"_s + where))
            << Tags{{u"env"_s, QString(257, u'v')}} << vault << false
            << u"tag 'env' is longer than 256"_s;
        QTest::newRow(qPrintable(u"empty name"_s + where))
            << Tags{{QString(), u"v"_s}} << vault << false << u"empty"_s;
        QTest::newRow(qPrintable(u"blank name"_s + where))
            << Tags{{u"   "_s, u"v"_s}} << vault << false << u"empty"_s;
        QTest::newRow(qPrintable(u"empty value"_s + where))
            << Tags{{u"env"_s, QString()}} << vault << true << QString();
    }

    // ARM tag names may not contain <>%&\?/ ; vault object tags may.
    for (const QChar c : u"<>%&\\?/"_s) {
        const QString name = u"cost"_s + c + u"center"_s;
        QTest::newRow(qPrintable(u"vault tag name with "_s + c))
            << Tags{{name, u"v"_s}} << true << false
            << u"'%1' contains '%2'"_s.arg(name, QString(c));
        QTest::newRow(qPrintable(u"object tag name with "_s + c))
            << Tags{{name, u"v"_s}} << false << true << QString();
    }
    QTest::newRow("vault tag name with allowed punctuation")
        << Tags{{u"cost-center.env:prod_1"_s, u"a/b<c>"_s}} << true << true << QString();
}

void TestValidation::tags()
{
    QFETCH(Tags, tags);
    QFETCH(bool, vaultTarget);
    QFETCH(bool, ok);
    QFETCH(QString, messageContains);

    checkResult(Validation::tags(tags, vaultTarget ? TagTarget::Vault : TagTarget::VaultObject), ok,
                messageContains);
}

void TestValidation::ipRule_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<QString>("messageContains");

    // Public addresses and ranges, normalised as the service stores them
    QTest::newRow("bare address to /32")
        << u"124.56.78.91"_s << true << u"124.56.78.91/32"_s << QString();
    QTest::newRow("/32 kept") << u"124.56.78.91/32"_s << true << u"124.56.78.91/32"_s << QString();
    QTest::newRow("TEST-NET-3 address")
        << u"203.0.113.10"_s << true << u"203.0.113.10/32"_s << QString();
    QTest::newRow("TEST-NET-3 range")
        << u"203.0.113.0/24"_s << true << u"203.0.113.0/24"_s << QString();
    QTest::newRow("TEST-NET-2 /31")
        << u"198.51.100.6/31"_s << true << u"198.51.100.6/31"_s << QString();
    QTest::newRow("surrounding spaces trimmed")
        << u" 203.0.113.10 "_s << true << u"203.0.113.10/32"_s << QString();

    // Non-public
    QTest::newRow("private 10/8") << u"10.0.0.0/8"_s << false << QString()
                                  << u"'10.0.0.0/8' lies in a private"_s;
    QTest::newRow("private 172.16") << u"172.16.5.4"_s << false << QString() << u"private"_s;
    QTest::newRow("private 192.168")
        << u"192.168.1.1"_s << false << QString() << u"'192.168.1.1'"_s;
    QTest::newRow("loopback") << u"127.0.0.1"_s << false << QString() << u"loopback"_s;
    QTest::newRow("link-local") << u"169.254.169.254"_s << false << QString() << u"link-local"_s;
    QTest::newRow("this network") << u"0.0.0.0"_s << false << QString() << u"0.0.0.0/8"_s;
    QTest::newRow("shared address") << u"100.64.0.1"_s << false << QString() << u"100.64.0.0/10"_s;
    QTest::newRow("multicast") << u"224.0.0.1"_s << false << QString() << u"multicast"_s;
    QTest::newRow("reserved") << u"240.0.0.1"_s << false << QString() << u"reserved"_s;
    QTest::newRow("everything") << u"0.0.0.0/0"_s << false << QString() << u"'0.0.0.0/0'"_s;
    QTest::newRow("8/6 overlaps 10/8") << u"8.0.0.0/6"_s << false << QString() << u"private"_s;

    // IPv6
    QTest::newRow("IPv6 address") << u"2001:db8::1"_s << false << QString() << u"IPv6"_s;
    QTest::newRow("IPv6 loopback") << u"::1"_s << false << QString() << u"'::1'"_s;
    QTest::newRow("IPv6 range") << u"2001:db8::/32"_s << false << QString() << u"IPv6"_s;

    // Host bits
    QTest::newRow("host bits") << u"203.0.113.10/24"_s << false << QString()
                               << u"did you mean 203.0.113.0/24"_s;
    QTest::newRow("host bits /31")
        << u"203.0.113.7/31"_s << false << QString() << u"203.0.113.6/31"_s;

    // Malformed
    QTest::newRow("empty") << QString() << false << QString() << QString();
    QTest::newRow("blank") << u"   "_s << false << QString() << QString();
    QTest::newRow("quoted fixture value")
        << u"'10.91.4.0/24'"_s << false << QString() << u"''10.91.4.0/24''"_s;
    QTest::newRow("octet 256") << u"203.0.113.256"_s << false << QString() << u"203.0.113.256"_s;
    QTest::newRow("three octets") << u"203.0.113"_s << false << QString() << u"'203.0.113'"_s;
    QTest::newRow("leading zero") << u"203.0.113.010"_s << false << QString() << u"010"_s;
    QTest::newRow("prefix 33") << u"203.0.113.1/33"_s << false << QString() << u"/33"_s;
    QTest::newRow("host name") << u"example.com"_s << false << QString() << u"example.com"_s;
}

void TestValidation::ipRule()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    QFETCH(QString, normalized);
    QFETCH(QString, messageContains);

    const ValidationResult r = Validation::ipRule(value);
    checkResult(r, ok, messageContains);
    if (ok) {
        QCOMPARE(r.normalized, normalized);
        // The normalised form is itself valid and stable.
        QCOMPARE(Validation::ipRule(r.normalized).normalized, normalized);
    }
}

void TestValidation::subnetId_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("normalized");

    const QString good =
        u"/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/test-vnet/subnets/subnet1"_s;
    QTest::newRow("request form") << good << true << good.toLower();
    QTest::newRow("response form (lower case)") << good.toLower() << true << good.toLower();
    QTest::newRow("upper case") << good.toUpper() << true << good.toLower();
    QTest::newRow("surrounding spaces") << u"  "_s + good + u" "_s << true << good.toLower();
    QTest::newRow("virtual network, no subnet")
        << u"/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/test-vnet"_s
        << false << QString();
    QTest::newRow("subnets without name")
        << u"/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/test-vnet/subnets/"_s
        << false << QString();
    QTest::newRow("extra segment") << good + u"/extra"_s << false << QString();
    QTest::newRow("wrong provider")
        << u"/subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Compute/virtualNetworks/test-vnet/subnets/subnet1"_s
        << false << QString();
    QTest::newRow("no resource group")
        << u"/subscriptions/subid/providers/Microsoft.Network/virtualNetworks/test-vnet/subnets/subnet1"_s
        << false << QString();
    QTest::newRow("no leading slash") << good.mid(1) << false << QString();
    QTest::newRow("subnet name only") << u"subnet1"_s << false << QString();
    QTest::newRow("empty") << QString() << false << QString();
}

void TestValidation::subnetId()
{
    QFETCH(QString, id);
    QFETCH(bool, ok);
    QFETCH(QString, normalized);

    const ValidationResult r = Validation::subnetId(id);
    checkResult(r, ok, ok ? QString() : u"'%1' is not a subnet id"_s.arg(id));
    if (ok)
        QCOMPARE(r.normalized, normalized);
}

void TestValidation::networkRuleSet_data()
{
    QTest::addColumn<QString>("bypass");
    QTest::addColumn<QString>("defaultAction");
    QTest::addColumn<QStringList>("ipRules");
    QTest::addColumn<QStringList>("vnetRules");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messageContains");

    const QStringList none;
    QTest::newRow("empty") << Absent << Absent << none << none << true << QString();
    QTest::newRow("fixture request rules")
        << u"AzureServices"_s << u"Deny"_s << QStringList{u"124.56.78.91"_s}
        << QStringList{subnet(1)} << true << QString();
    QTest::newRow("bypass None") << u"None"_s << u"Allow"_s << none << none << true << QString();
    QTest::newRow("enums case-insensitive")
        << u"azureservices"_s << u"deny"_s << none << none << true << QString();
    QTest::newRow("bad bypass") << u"Everything"_s << u"Deny"_s << none << none << false
                                << u"bypass must be AzureServices or None, not 'Everything'"_s;
    QTest::newRow("empty bypass") << QString() << u"Deny"_s << none << none << false << u"bypass"_s;
    QTest::newRow("bad defaultAction")
        << u"AzureServices"_s << u"Block"_s << none << none << false << u"not 'Block'"_s;

    QStringList ips1000;
    for (int i = 0; i < 1000; ++i)
        ips1000.append(publicAddress(i));
    QStringList ips1001 = ips1000;
    ips1001.append(publicAddress(1000));
    QTest::newRow("1000 IP rules") << Absent << u"Deny"_s << ips1000 << none << true << QString();
    QTest::newRow("1001 IP rules") << Absent << u"Deny"_s << ips1001 << none << false
                                   << u"at most 1000 IP rules; there are 1001"_s;

    QStringList vnets200;
    for (int i = 0; i < 200; ++i)
        vnets200.append(subnet(i));
    QStringList vnets201 = vnets200;
    vnets201.append(subnet(200));
    QTest::newRow("200 vnet rules") << Absent << u"Deny"_s << none << vnets200 << true << QString();
    QTest::newRow("201 vnet rules") << Absent << u"Deny"_s << none << vnets201 << false
                                    << u"at most 200 virtual network rules; there are 201"_s;

    QTest::newRow("duplicate address and /32")
        << Absent << u"Deny"_s << QStringList{u"1.2.3.4"_s, u"1.2.3.4/32"_s} << none << false
        << u"1.2.3.4/32 is listed twice"_s;
    QTest::newRow("duplicate identical")
        << Absent << u"Deny"_s << QStringList{u"203.0.113.0/24"_s, u"203.0.113.0/24"_s} << none
        << false << u"listed twice"_s;
    QTest::newRow("overlapping but distinct")
        << Absent << u"Deny"_s << QStringList{u"203.0.113.0/24"_s, u"203.0.113.10"_s} << none
        << true << QString();
    QTest::newRow("duplicate subnet, different case")
        << Absent << u"Deny"_s << none << QStringList{subnet(1), subnet(1).toLower()} << false
        << u"listed twice"_s;
    QTest::newRow("private IP rule")
        << Absent << u"Deny"_s << QStringList{u"203.0.113.10"_s, u"10.1.0.0/16"_s} << none << false
        << u"'10.1.0.0/16'"_s;
    QTest::newRow("quoted fixture IP rule")
        << u"AzureServices"_s << u"Deny"_s << QStringList{u"124.56.78.91/32"_s, u"'10.91.4.0/24'"_s}
        << none << false << u"'10.91.4.0/24'"_s;
    QTest::newRow("bad subnet") << Absent << u"Deny"_s << none
                                << QStringList{u"/subscriptions/s/subnets/x"_s} << false
                                << u"'/subscriptions/s/subnets/x'"_s;
}

void TestValidation::networkRuleSet()
{
    QFETCH(QString, bypass);
    QFETCH(QString, defaultAction);
    QFETCH(QStringList, ipRules);
    QFETCH(QStringList, vnetRules);
    QFETCH(bool, ok);
    QFETCH(QString, messageContains);

    arm::NetworkRuleSet rules;
    rules.bypass = optional(bypass);
    rules.defaultAction = optional(defaultAction);
    if (!ipRules.isEmpty()) {
        QList<arm::IpRule> list;
        for (const QString &v : std::as_const(ipRules))
            list.append(arm::IpRule{v});
        rules.ipRules = list;
    }
    if (!vnetRules.isEmpty()) {
        QList<arm::VirtualNetworkRule> list;
        for (const QString &id : std::as_const(vnetRules))
            list.append(arm::VirtualNetworkRule{id, std::nullopt});
        rules.virtualNetworkRules = list;
    }
    checkResult(Validation::networkRuleSet(rules), ok, messageContains);
}

void TestValidation::accessPolicyEntry_data()
{
    QTest::addColumn<QString>("tenantId");
    QTest::addColumn<QString>("objectId");
    QTest::addColumn<QString>("applicationId");
    QTest::addColumn<QStringList>("keys");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QStringList>("certificates");
    QTest::addColumn<QStringList>("storage");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messageContains");

    const QStringList none;
    const QStringList get{u"get"_s};
    QTest::newRow("valid") << Tenant << ObjectA << Absent << QStringList{u"get"_s, u"wrapKey"_s}
                           << QStringList{u"get"_s, u"list"_s} << get << none << true << QString();
    QTest::newRow("fixture permissions")
        << Tenant << ObjectA << Absent
        << QStringList{u"encrypt"_s, u"decrypt"_s, u"wrapKey"_s, u"unwrapKey"_s,
                       u"sign"_s,    u"verify"_s,  u"get"_s,     u"list"_s,
                       u"create"_s,  u"update"_s,  u"import"_s,  u"delete"_s,
                       u"backup"_s,  u"restore"_s, u"recover"_s, u"purge"_s}
        << QStringList{u"get"_s,    u"list"_s,    u"set"_s,     u"delete"_s,
                       u"backup"_s, u"restore"_s, u"recover"_s, u"purge"_s}
        << QStringList{u"get"_s,         u"list"_s,       u"delete"_s,         u"create"_s,
                       u"import"_s,      u"update"_s,     u"managecontacts"_s, u"getissuers"_s,
                       u"listissuers"_s, u"setissuers"_s, u"deleteissuers"_s,  u"manageissuers"_s,
                       u"recover"_s,     u"purge"_s}
        << none << true << QString();
    QTest::newRow("no permissions at all")
        << Tenant << ObjectA << Absent << none << none << none << none << true << QString();
    QTest::newRow("all and rotation")
        << Tenant << ObjectA << Absent
        << QStringList{u"all"_s, u"release"_s, u"rotate"_s, u"getrotationpolicy"_s,
                       u"setrotationpolicy"_s}
        << QStringList{u"all"_s} << QStringList{u"backup"_s, u"restore"_s}
        << QStringList{u"regeneratekey"_s, u"setsas"_s} << true << QString();
    QTest::newRow("mixed-case Get accepted")
        << Tenant << ObjectA << Absent << QStringList{u"Get"_s, u"WRAPKEY"_s}
        << QStringList{u"Get"_s, u"List"_s} << QStringList{u"ManageContacts"_s} << none << true
        << QString();
    QTest::newRow("tenant upper case") << Tenant.toUpper() << ObjectA << Absent << none << get
                                       << none << none << true << QString();
    QTest::newRow("compound identity")
        << Tenant << ObjectA << AppId << none << get << none << none << true << QString();
    QTest::newRow("empty application id")
        << Tenant << ObjectA << QString() << none << get << none << none << true << QString();

    QTest::newRow("wrong tenant") << OtherTenant << ObjectA << Absent << none << get << none << none
                                  << false
                                  << OtherTenant + u" is not the vault's tenant "_s + Tenant;
    QTest::newRow("bad tenant GUID")
        << u"contoso.onmicrosoft.com"_s << ObjectA << Absent << none << get << none << none << false
        << u"Tenant: 'contoso.onmicrosoft.com' is not a GUID"_s;
    QTest::newRow("bad object id")
        << Tenant << u"alice@contoso.com"_s << Absent << none << get << none << none << false
        << u"Object id: 'alice@contoso.com' is not a GUID"_s;
    QTest::newRow("empty object id")
        << Tenant << QString() << Absent << none << get << none << none << false << u"Object id"_s;
    QTest::newRow("object id with trailing newline")
        << Tenant << ObjectA + u"\n"_s << Absent << none << get << none << none << false
        << u"Object id"_s;
    QTest::newRow("bad application id")
        << Tenant << ObjectA << u"not-a-guid"_s << none << get << none << none << false
        << u"Application id: 'not-a-guid'"_s;
    QTest::newRow("unknown key permission")
        << Tenant << ObjectA << Absent << QStringList{u"get"_s, u"fly"_s} << none << none << none
        << false << u"'fly' is not a keys permission"_s;
    QTest::newRow("key permission on secrets")
        << Tenant << ObjectA << Absent << none << QStringList{u"encrypt"_s} << none << none << false
        << u"'encrypt' is not a secrets permission"_s;
    QTest::newRow("unknown certificate permission")
        << Tenant << ObjectA << Absent << none << none << QStringList{u"sign"_s} << none << false
        << u"'sign' is not a certificates permission"_s;
    QTest::newRow("unknown storage permission")
        << Tenant << ObjectA << Absent << none << none << none << QStringList{u"encrypt"_s} << false
        << u"'encrypt' is not a storage permission"_s;
}

void TestValidation::accessPolicyEntry()
{
    QFETCH(QString, tenantId);
    QFETCH(QString, objectId);
    QFETCH(QString, applicationId);
    QFETCH(QStringList, keys);
    QFETCH(QStringList, secrets);
    QFETCH(QStringList, certificates);
    QFETCH(QStringList, storage);
    QFETCH(bool, ok);
    QFETCH(QString, messageContains);

    arm::AccessPolicyEntry e;
    e.tenantId = tenantId;
    e.objectId = objectId;
    e.applicationId = optional(applicationId);
    auto list = [](const QStringList &l) {
        return l.isEmpty() ? std::nullopt : std::optional<QStringList>(l);
    };
    e.permissions.keys = list(keys);
    e.permissions.secrets = list(secrets);
    e.permissions.certificates = list(certificates);
    e.permissions.storage = list(storage);
    checkResult(Validation::accessPolicyEntry(e, Tenant), ok, messageContains);
}

void TestValidation::accessPolicies_data()
{
    QTest::addColumn<Entries>("entries");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("messageContains");

    QTest::newRow("none") << Entries() << true << QString();
    QTest::newRow("two principals") << Entries{entry(ObjectA), entry(ObjectB)} << true << QString();
    QTest::newRow("duplicate object id")
        << Entries{entry(ObjectA), entry(ObjectB), entry(ObjectA)} << false
        << u"The object id %1 has two entries"_s.arg(ObjectA);
    QTest::newRow("duplicate object id, different case")
        << Entries{entry(ObjectA), entry(ObjectA.toUpper())} << false << u"has two entries"_s;
    QTest::newRow("same object, one compound identity")
        << Entries{entry(ObjectA), entry(ObjectA, AppId)} << true << QString();
    QTest::newRow("same compound identity twice")
        << Entries{entry(ObjectA, AppId), entry(ObjectA, AppId)} << false << u"has two entries"_s;

    arm::AccessPolicyEntry foreign = entry(ObjectB);
    foreign.tenantId = OtherTenant;
    QTest::newRow("one entry in another tenant")
        << Entries{entry(ObjectA), foreign} << false << OtherTenant;

    Entries entries1024;
    for (int i = 0; i < 1024; ++i)
        entries1024.append(entry(guidNumber(i)));
    Entries entries1025 = entries1024;
    entries1025.append(entry(guidNumber(1024)));
    QTest::newRow("1024 entries") << entries1024 << true << QString();
    QTest::newRow("1025 entries") << entries1025 << false
                                  << u"at most 1024 access policies; there are 1025"_s;
}

void TestValidation::accessPolicies()
{
    QFETCH(Entries, entries);
    QFETCH(bool, ok);
    QFETCH(QString, messageContains);

    checkResult(Validation::accessPolicies(entries, Tenant), ok, messageContains);
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
