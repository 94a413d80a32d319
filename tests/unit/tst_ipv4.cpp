// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/Ipv4.h"

#include <QTest>

using namespace Qt::StringLiterals;
using vl::access::Ipv4Range;
using vl::access::NonPublicReason;

namespace {

quint32 addr(int a, int b, int c, int d)
{
    return (quint32(a) << 24) | (quint32(b) << 16) | (quint32(c) << 8) | quint32(d);
}

QString reasonName(const std::optional<NonPublicReason> &reason)
{
    if (!reason)
        return u"public"_s;
    switch (*reason) {
    case NonPublicReason::Private:
        return u"Private"_s;
    case NonPublicReason::Loopback:
        return u"Loopback"_s;
    case NonPublicReason::LinkLocal:
        return u"LinkLocal"_s;
    case NonPublicReason::ThisNetwork:
        return u"ThisNetwork"_s;
    case NonPublicReason::SharedAddress:
        return u"SharedAddress"_s;
    case NonPublicReason::Multicast:
        return u"Multicast"_s;
    case NonPublicReason::Reserved:
        return u"Reserved"_s;
    }
    return u"?"_s;
}

} // namespace

class TestIpv4 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void bareAddressIsSlash32();
    void parseRefusesHostBitsWhenAsked_data();
    void parseRefusesHostBitsWhenAsked();
    void parseAddress_data();
    void parseAddress();
    void mask_data();
    void mask();
    void contains_data();
    void contains();
    void hostBitsSet_data();
    void hostBitsSet();
    void toCanonicalString_data();
    void toCanonicalString();
    void addressToString_data();
    void addressToString();
    void nonPublicReason_data();
    void nonPublicReason();
};

void TestIpv4::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<quint32>("network");
    QTest::addColumn<int>("prefix");

    QTest::newRow("bare address") << u"1.2.3.4"_s << true << addr(1, 2, 3, 4) << 32;
    QTest::newRow("/32") << u"1.2.3.4/32"_s << true << addr(1, 2, 3, 4) << 32;
    QTest::newRow("/31") << u"203.0.113.6/31"_s << true << addr(203, 0, 113, 6) << 31;
    QTest::newRow("/24") << u"203.0.113.0/24"_s << true << addr(203, 0, 113, 0) << 24;
    QTest::newRow("/0") << u"0.0.0.0/0"_s << true << 0u << 0;
    QTest::newRow("/1") << u"128.0.0.0/1"_s << true << addr(128, 0, 0, 0) << 1;
    QTest::newRow("host bits kept by default")
        << u"10.0.0.1/24"_s << true << addr(10, 0, 0, 1) << 24;
    QTest::newRow("all zeros") << u"0.0.0.0"_s << true << 0u << 32;
    QTest::newRow("broadcast") << u"255.255.255.255"_s << true << 0xffffffffu << 32;
    QTest::newRow("single zero octets") << u"10.0.0.0/8"_s << true << addr(10, 0, 0, 0) << 8;

    QTest::newRow("prefix 33") << u"1.2.3.4/33"_s << false << 0u << 0;
    QTest::newRow("prefix 99") << u"1.2.3.4/99"_s << false << 0u << 0;
    QTest::newRow("prefix three digits") << u"1.2.3.4/032"_s << false << 0u << 0;
    QTest::newRow("negative prefix") << u"1.2.3.4/-1"_s << false << 0u << 0;
    QTest::newRow("plus prefix") << u"1.2.3.4/+8"_s << false << 0u << 0;
    QTest::newRow("empty prefix") << u"1.2.3.4/"_s << false << 0u << 0;
    QTest::newRow("two prefixes") << u"1.2.3.4/24/8"_s << false << 0u << 0;
    QTest::newRow("leading zero first octet") << u"01.2.3.4"_s << false << 0u << 0;
    QTest::newRow("leading zero last octet") << u"1.2.3.04"_s << false << 0u << 0;
    QTest::newRow("leading zeros 010") << u"10.010.0.0/16"_s << false << 0u << 0;
    QTest::newRow("double zero") << u"1.2.00.4"_s << false << 0u << 0;
    QTest::newRow("octet 256") << u"256.1.1.1"_s << false << 0u << 0;
    QTest::newRow("last octet 256") << u"1.2.3.256"_s << false << 0u << 0;
    QTest::newRow("octet 999") << u"1.999.3.4"_s << false << 0u << 0;
    QTest::newRow("four digit octet") << u"1.2.3.1000"_s << false << 0u << 0;
    QTest::newRow("plus sign octet") << u"+1.2.3.4"_s << false << 0u << 0;
    QTest::newRow("empty octet middle") << u"1..3.4"_s << false << 0u << 0;
    QTest::newRow("empty octet end") << u"1.2.3."_s << false << 0u << 0;
    QTest::newRow("empty octet start") << u".1.2.3"_s << false << 0u << 0;
    QTest::newRow("three octets") << u"1.2.3"_s << false << 0u << 0;
    QTest::newRow("five octets") << u"1.2.3.4.5"_s << false << 0u << 0;
    QTest::newRow("empty") << QString() << false << 0u << 0;
    QTest::newRow("leading space") << u" 1.2.3.4"_s << false << 0u << 0;
    QTest::newRow("trailing space") << u"1.2.3.4 "_s << false << 0u << 0;
    QTest::newRow("space before prefix") << u"1.2.3.4 /24"_s << false << 0u << 0;
    QTest::newRow("space after slash") << u"1.2.3.4/ 24"_s << false << 0u << 0;
    QTest::newRow("inner space") << u"1.2. 3.4"_s << false << 0u << 0;
    QTest::newRow("IPv6 loopback") << u"::1"_s << false << 0u << 0;
    QTest::newRow("IPv6 range") << u"2001:db8::/32"_s << false << 0u << 0;
    QTest::newRow("IPv4-mapped IPv6") << u"::ffff:1.2.3.4"_s << false << 0u << 0;
    QTest::newRow("quoted fixture value") << u"'10.91.4.0/24'"_s << false << 0u << 0;
    QTest::newRow("hex octet") << u"0x0a.0.0.1"_s << false << 0u << 0;
    QTest::newRow("fullwidth digit") << u"\uFF11.2.3.4"_s << false << 0u << 0;
    QTest::newRow("letters") << u"a.b.c.d"_s << false << 0u << 0;
}

void TestIpv4::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(quint32, network);
    QFETCH(int, prefix);

    const std::optional<Ipv4Range> range = Ipv4Range::parse(text);
    QCOMPARE(range.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(range->network, network);
    QCOMPARE(range->prefix, prefix);
}

void TestIpv4::bareAddressIsSlash32()
{
    const auto bare = Ipv4Range::parse(u"1.2.3.4"_s);
    const auto explicit32 = Ipv4Range::parse(u"1.2.3.4/32"_s);
    QVERIFY(bare);
    QVERIFY(explicit32);
    QCOMPARE(*bare, *explicit32);
    QCOMPARE(bare->toCanonicalString(), u"1.2.3.4/32"_s);
    QVERIFY(*bare != *Ipv4Range::parse(u"1.2.3.4/31"_s));
}

void TestIpv4::parseRefusesHostBitsWhenAsked_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("validStrict");

    QTest::newRow("host bits /24") << u"10.0.0.1/24"_s << false;
    QTest::newRow("host bits /31") << u"203.0.113.7/31"_s << false;
    QTest::newRow("host bits /0") << u"1.0.0.0/0"_s << false;
    QTest::newRow("clean /24") << u"203.0.113.0/24"_s << true;
    QTest::newRow("clean /31") << u"203.0.113.6/31"_s << true;
    QTest::newRow("clean /0") << u"0.0.0.0/0"_s << true;
    QTest::newRow("bare address") << u"203.0.113.7"_s << true;
}

void TestIpv4::parseRefusesHostBitsWhenAsked()
{
    QFETCH(QString, text);
    QFETCH(bool, validStrict);

    QVERIFY(Ipv4Range::parse(text, true).has_value());
    QCOMPARE(Ipv4Range::parse(text, false).has_value(), validStrict);
}

void TestIpv4::parseAddress_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<quint32>("address");

    QTest::newRow("simple") << u"1.2.3.4"_s << true << 0x01020304u;
    QTest::newRow("zero") << u"0.0.0.0"_s << true << 0u;
    QTest::newRow("max") << u"255.255.255.255"_s << true << 0xffffffffu;
    QTest::newRow("test-net-3") << u"203.0.113.10"_s << true << addr(203, 0, 113, 10);
    QTest::newRow("with prefix") << u"1.2.3.4/32"_s << false << 0u;
    QTest::newRow("256") << u"1.2.3.256"_s << false << 0u;
    QTest::newRow("leading zero") << u"1.2.3.04"_s << false << 0u;
    QTest::newRow("empty octet") << u"1.2..4"_s << false << 0u;
    QTest::newRow("space") << u"1.2.3.4 "_s << false << 0u;
    QTest::newRow("IPv6") << u"fe80::1"_s << false << 0u;
    QTest::newRow("empty") << QString() << false << 0u;
}

void TestIpv4::parseAddress()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(quint32, address);

    const std::optional<quint32> parsed = Ipv4Range::parseAddress(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(*parsed, address);
}

void TestIpv4::mask_data()
{
    QTest::addColumn<int>("prefix");
    QTest::addColumn<quint32>("mask");

    QTest::newRow("/0") << 0 << 0u;
    QTest::newRow("/1") << 1 << 0x80000000u;
    QTest::newRow("/8") << 8 << 0xff000000u;
    QTest::newRow("/12") << 12 << 0xfff00000u;
    QTest::newRow("/24") << 24 << 0xffffff00u;
    QTest::newRow("/31") << 31 << 0xfffffffeu;
    QTest::newRow("/32") << 32 << 0xffffffffu;
}

void TestIpv4::mask()
{
    QFETCH(int, prefix);
    QFETCH(quint32, mask);

    const Ipv4Range range{addr(203, 0, 113, 0), prefix};
    QCOMPARE(range.mask(), mask);
}

void TestIpv4::contains_data()
{
    QTest::addColumn<QString>("range");
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("contained");

    QTest::newRow("/8 first") << u"10.0.0.0/8"_s << u"10.0.0.0"_s << true;
    QTest::newRow("/8 last") << u"10.0.0.0/8"_s << u"10.255.255.255"_s << true;
    QTest::newRow("/8 below") << u"10.0.0.0/8"_s << u"9.255.255.255"_s << false;
    QTest::newRow("/8 above") << u"10.0.0.0/8"_s << u"11.0.0.0"_s << false;
    QTest::newRow("/0 anything") << u"0.0.0.0/0"_s << u"203.0.113.10"_s << true;
    QTest::newRow("/0 max") << u"0.0.0.0/0"_s << u"255.255.255.255"_s << true;
    QTest::newRow("/32 same") << u"203.0.113.10/32"_s << u"203.0.113.10"_s << true;
    QTest::newRow("/32 next") << u"203.0.113.10/32"_s << u"203.0.113.11"_s << false;
    QTest::newRow("bare same") << u"203.0.113.10"_s << u"203.0.113.10"_s << true;
    QTest::newRow("bare other") << u"203.0.113.10"_s << u"203.0.113.9"_s << false;
    QTest::newRow("/31 even") << u"203.0.113.6/31"_s << u"203.0.113.6"_s << true;
    QTest::newRow("/31 odd") << u"203.0.113.6/31"_s << u"203.0.113.7"_s << true;
    QTest::newRow("/31 outside") << u"203.0.113.6/31"_s << u"203.0.113.8"_s << false;
    QTest::newRow("/24 inside") << u"203.0.113.0/24"_s << u"203.0.113.200"_s << true;
    QTest::newRow("/24 outside") << u"203.0.113.0/24"_s << u"203.0.114.0"_s << false;
    QTest::newRow("host bits masked") << u"203.0.113.77/24"_s << u"203.0.113.1"_s << true;
    QTest::newRow("/12 edge") << u"172.16.0.0/12"_s << u"172.31.255.255"_s << true;
    QTest::newRow("/12 outside") << u"172.16.0.0/12"_s << u"172.32.0.0"_s << false;
}

void TestIpv4::contains()
{
    QFETCH(QString, range);
    QFETCH(QString, address);
    QFETCH(bool, contained);

    const auto r = Ipv4Range::parse(range);
    const auto a = Ipv4Range::parseAddress(address);
    QVERIFY(r);
    QVERIFY(a);
    QCOMPARE(r->contains(*a), contained);
}

void TestIpv4::hostBitsSet_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("set");

    QTest::newRow("10.0.0.1/24") << u"10.0.0.1/24"_s << true;
    QTest::newRow("10.0.0.0/24") << u"10.0.0.0/24"_s << false;
    QTest::newRow("10.0.1.0/23") << u"10.0.1.0/23"_s << true;
    QTest::newRow("10.0.2.0/23") << u"10.0.2.0/23"_s << false;
    QTest::newRow("1.0.0.0/0") << u"1.0.0.0/0"_s << true;
    QTest::newRow("0.0.0.0/0") << u"0.0.0.0/0"_s << false;
    QTest::newRow("bare address") << u"203.0.113.255"_s << false;
    QTest::newRow("/31 odd") << u"203.0.113.7/31"_s << true;
}

void TestIpv4::hostBitsSet()
{
    QFETCH(QString, text);
    QFETCH(bool, set);

    const auto r = Ipv4Range::parse(text);
    QVERIFY(r);
    QCOMPARE(r->hostBitsSet(), set);
}

void TestIpv4::toCanonicalString_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("bare") << u"124.56.78.91"_s << u"124.56.78.91/32"_s;
    QTest::newRow("already canonical") << u"203.0.113.0/24"_s << u"203.0.113.0/24"_s;
    QTest::newRow("host bits cleared") << u"10.1.2.3/8"_s << u"10.0.0.0/8"_s;
    QTest::newRow("/0") << u"1.2.3.4/0"_s << u"0.0.0.0/0"_s;
    QTest::newRow("/1") << u"255.255.255.255/1"_s << u"128.0.0.0/1"_s;
    QTest::newRow("/31") << u"203.0.113.7/31"_s << u"203.0.113.6/31"_s;
    QTest::newRow("max /32") << u"255.255.255.255"_s << u"255.255.255.255/32"_s;
}

void TestIpv4::toCanonicalString()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);

    const auto r = Ipv4Range::parse(text);
    QVERIFY(r);
    QCOMPARE(r->toCanonicalString(), canonical);
    // The canonical form parses strictly and is a fixed point.
    const auto again = Ipv4Range::parse(canonical, false);
    QVERIFY(again);
    QCOMPARE(again->toCanonicalString(), canonical);
}

void TestIpv4::addressToString_data()
{
    QTest::addColumn<quint32>("address");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << 0u << u"0.0.0.0"_s;
    QTest::newRow("max") << 0xffffffffu << u"255.255.255.255"_s;
    QTest::newRow("order") << 0x01020304u << u"1.2.3.4"_s;
    QTest::newRow("test-net") << addr(198, 51, 100, 7) << u"198.51.100.7"_s;
}

void TestIpv4::addressToString()
{
    QFETCH(quint32, address);
    QFETCH(QString, text);

    QCOMPARE(Ipv4Range::addressToString(address), text);
    const std::optional<quint32> parsed = Ipv4Range::parseAddress(text);
    QVERIFY(parsed);
    QCOMPARE(*parsed, address);
}

void TestIpv4::nonPublicReason_data()
{
    QTest::addColumn<QString>("range");
    // "public", a NonPublicReason name, or "nonpublic" where the range overlaps
    // several blocks and any reason is right.
    QTest::addColumn<QString>("expected");

    // RFC 1918
    QTest::newRow("10/8") << u"10.0.0.0/8"_s << u"Private"_s;
    QTest::newRow("10.0.0.1") << u"10.0.0.1"_s << u"Private"_s;
    QTest::newRow("10.255.255.255") << u"10.255.255.255"_s << u"Private"_s;
    QTest::newRow("10.1/16 inside 10/8") << u"10.1.0.0/16"_s << u"Private"_s;
    QTest::newRow("9.255.255.255") << u"9.255.255.255"_s << u"public"_s;
    QTest::newRow("11.0.0.0") << u"11.0.0.0"_s << u"public"_s;
    QTest::newRow("172.16/12") << u"172.16.0.0/12"_s << u"Private"_s;
    QTest::newRow("172.16.0.1") << u"172.16.0.1"_s << u"Private"_s;
    QTest::newRow("172.31.255.255") << u"172.31.255.255"_s << u"Private"_s;
    QTest::newRow("172.15.255.255") << u"172.15.255.255"_s << u"public"_s;
    QTest::newRow("172.32.0.0") << u"172.32.0.0"_s << u"public"_s;
    QTest::newRow("192.168/16") << u"192.168.0.0/16"_s << u"Private"_s;
    QTest::newRow("192.168.1.1") << u"192.168.1.1"_s << u"Private"_s;
    QTest::newRow("192.167.255.255") << u"192.167.255.255"_s << u"public"_s;
    QTest::newRow("192.169.0.0") << u"192.169.0.0"_s << u"public"_s;
    // Loopback
    QTest::newRow("127/8") << u"127.0.0.0/8"_s << u"Loopback"_s;
    QTest::newRow("127.0.0.1") << u"127.0.0.1"_s << u"Loopback"_s;
    QTest::newRow("127.255.255.255") << u"127.255.255.255"_s << u"Loopback"_s;
    QTest::newRow("128.0.0.0") << u"128.0.0.0"_s << u"public"_s;
    // Link-local
    QTest::newRow("169.254/16") << u"169.254.0.0/16"_s << u"LinkLocal"_s;
    QTest::newRow("169.254.169.254") << u"169.254.169.254"_s << u"LinkLocal"_s;
    QTest::newRow("169.253.255.255") << u"169.253.255.255"_s << u"public"_s;
    QTest::newRow("169.255.0.0") << u"169.255.0.0"_s << u"public"_s;
    // This network
    QTest::newRow("0/8") << u"0.0.0.0/8"_s << u"ThisNetwork"_s;
    QTest::newRow("0.0.0.0") << u"0.0.0.0"_s << u"ThisNetwork"_s;
    QTest::newRow("0.255.255.255") << u"0.255.255.255"_s << u"ThisNetwork"_s;
    QTest::newRow("1.0.0.0") << u"1.0.0.0"_s << u"public"_s;
    // Shared address space (RFC 6598)
    QTest::newRow("100.64/10") << u"100.64.0.0/10"_s << u"SharedAddress"_s;
    QTest::newRow("100.64.0.1") << u"100.64.0.1"_s << u"SharedAddress"_s;
    QTest::newRow("100.127.255.255") << u"100.127.255.255"_s << u"SharedAddress"_s;
    QTest::newRow("100.63.255.255") << u"100.63.255.255"_s << u"public"_s;
    QTest::newRow("100.128.0.0") << u"100.128.0.0"_s << u"public"_s;
    // Multicast
    QTest::newRow("224/4") << u"224.0.0.0/4"_s << u"Multicast"_s;
    QTest::newRow("224.0.0.1") << u"224.0.0.1"_s << u"Multicast"_s;
    QTest::newRow("239.255.255.255") << u"239.255.255.255"_s << u"Multicast"_s;
    QTest::newRow("223.255.255.255") << u"223.255.255.255"_s << u"public"_s;
    // Reserved and broadcast
    QTest::newRow("240/4") << u"240.0.0.0/4"_s << u"Reserved"_s;
    QTest::newRow("240.0.0.1") << u"240.0.0.1"_s << u"Reserved"_s;
    QTest::newRow("255.255.255.255") << u"255.255.255.255"_s << u"Reserved"_s;
    // Wider ranges that overlap a single non-public block
    QTest::newRow("8/6 contains 10/8") << u"8.0.0.0/6"_s << u"Private"_s;
    QTest::newRow("172.0/11 contains 172.16/12") << u"172.0.0.0/11"_s << u"Private"_s;
    QTest::newRow("172/8 contains 172.16/12") << u"172.0.0.0/8"_s << u"Private"_s;
    QTest::newRow("192.168/15 contains 192.168/16") << u"192.168.0.0/15"_s << u"Private"_s;
    QTest::newRow("124/6 contains 127/8") << u"124.0.0.0/6"_s << u"Loopback"_s;
    QTest::newRow("168/7 contains 169.254/16") << u"168.0.0.0/7"_s << u"LinkLocal"_s;
    QTest::newRow("96/4 contains 100.64/10") << u"96.0.0.0/4"_s << u"SharedAddress"_s;
    QTest::newRow("0/7 contains 0/8") << u"0.0.0.0/7"_s << u"ThisNetwork"_s;
    QTest::newRow("192/2 contains 192.168/16 and 224/4") << u"192.0.0.0/2"_s << u"nonpublic"_s;
    QTest::newRow("0/0 contains everything") << u"0.0.0.0/0"_s << u"nonpublic"_s;
    QTest::newRow("128/1") << u"128.0.0.0/1"_s << u"nonpublic"_s;
    QTest::newRow("224/3") << u"224.0.0.0/3"_s << u"nonpublic"_s;
    // Public neighbours and documentation ranges (TEST-NET-1/2/3 count as public)
    QTest::newRow("11/8") << u"11.0.0.0/8"_s << u"public"_s;
    QTest::newRow("12/6") << u"12.0.0.0/6"_s << u"public"_s;
    QTest::newRow("172.32/11") << u"172.32.0.0/11"_s << u"public"_s;
    QTest::newRow("100.128/9") << u"100.128.0.0/9"_s << u"public"_s;
    QTest::newRow("64/3") << u"64.0.0.0/3"_s << u"public"_s;
    QTest::newRow("8.8.8.8") << u"8.8.8.8"_s << u"public"_s;
    QTest::newRow("124.56.78.91 (fixture)") << u"124.56.78.91"_s << u"public"_s;
    QTest::newRow("192.0.2.1 TEST-NET-1") << u"192.0.2.1"_s << u"public"_s;
    QTest::newRow("198.51.100.7 TEST-NET-2") << u"198.51.100.7"_s << u"public"_s;
    QTest::newRow("203.0.113.10 TEST-NET-3") << u"203.0.113.10"_s << u"public"_s;
    QTest::newRow("203.0.113.0/24 TEST-NET-3") << u"203.0.113.0/24"_s << u"public"_s;
}

void TestIpv4::nonPublicReason()
{
    QFETCH(QString, range);
    QFETCH(QString, expected);

    const auto r = Ipv4Range::parse(range);
    QVERIFY(r);
    const std::optional<NonPublicReason> reason = vl::access::nonPublicReason(*r);
    if (expected == "nonpublic"_L1)
        QVERIFY2(reason.has_value(), qPrintable(range + u" was classified as public"_s));
    else
        QCOMPARE(reasonName(reason), expected);
}

QTEST_GUILESS_MAIN(TestIpv4)
#include "tst_ipv4.moc"
