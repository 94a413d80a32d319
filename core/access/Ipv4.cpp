// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/Ipv4.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace vl::access {

std::optional<quint32> Ipv4Range::parseAddress(const QString &text)
{
    const QStringList octets = text.split(u'.');
    if (octets.size() != 4)
        return std::nullopt;
    quint32 address = 0;
    for (const QString &o : octets) {
        if (o.isEmpty() || o.size() > 3)
            return std::nullopt;
        for (QChar c : o)
            if (c < u'0' || c > u'9')
                return std::nullopt;
        if (o.size() > 1 && o.startsWith(u'0'))
            return std::nullopt; // leading zeros read as octal by some tools: refuse
        const int value = o.toInt();
        if (value > 255)
            return std::nullopt;
        address = (address << 8) | quint32(value);
    }
    return address;
}

std::optional<Ipv4Range> Ipv4Range::parse(const QString &text, bool allowHostBits)
{
    const qsizetype slash = text.indexOf(u'/');
    const QString addressPart = slash < 0 ? text : text.left(slash);
    const auto address = parseAddress(addressPart);
    if (!address)
        return std::nullopt;
    Ipv4Range range{*address, 32};
    if (slash >= 0) {
        const QString prefixPart = text.mid(slash + 1);
        if (prefixPart.isEmpty() || prefixPart.size() > 2)
            return std::nullopt;
        for (QChar c : prefixPart)
            if (c < u'0' || c > u'9')
                return std::nullopt;
        range.prefix = prefixPart.toInt();
        if (range.prefix > 32)
            return std::nullopt;
    }
    if (!allowHostBits && range.hostBitsSet())
        return std::nullopt;
    return range;
}

QString Ipv4Range::addressToString(quint32 a)
{
    return u"%1.%2.%3.%4"_s.arg(a >> 24).arg((a >> 16) & 0xff).arg((a >> 8) & 0xff).arg(a & 0xff);
}

QString Ipv4Range::toCanonicalString() const
{
    return addressToString(network & mask()) + u'/' + QString::number(prefix);
}

std::optional<NonPublicReason> nonPublicReason(const Ipv4Range &range)
{
    struct Block
    {
        const char *cidr;
        NonPublicReason reason;
    };
    static const Block blocks[] = {
        {"10.0.0.0/8", NonPublicReason::Private},
        {"172.16.0.0/12", NonPublicReason::Private},
        {"192.168.0.0/16", NonPublicReason::Private},
        {"127.0.0.0/8", NonPublicReason::Loopback},
        {"169.254.0.0/16", NonPublicReason::LinkLocal},
        {"0.0.0.0/8", NonPublicReason::ThisNetwork},
        {"100.64.0.0/10", NonPublicReason::SharedAddress},
        {"224.0.0.0/4", NonPublicReason::Multicast},
        {"240.0.0.0/4", NonPublicReason::Reserved},
    };
    for (const Block &b : blocks) {
        const Ipv4Range block = *Ipv4Range::parse(QLatin1StringView(b.cidr));
        // Two ranges overlap when the shorter prefix contains the other's network.
        const Ipv4Range &wider = block.prefix <= range.prefix ? block : range;
        const Ipv4Range &narrower = block.prefix <= range.prefix ? range : block;
        if (wider.contains(narrower.network & narrower.mask()))
            return b.reason;
    }
    return std::nullopt;
}

} // namespace vl::access
