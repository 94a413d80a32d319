// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>

namespace vl::access {

/**
 * @brief An IPv4 address range in CIDR form; a bare address is a /32.
 *
 * Key Vault firewall rules accept IPv4 addresses and CIDR ranges only (the
 * service normalises `124.56.78.91` to `124.56.78.91/32` in its answers:
 * createVaultWithNetworkAcls example, Microsoft.KeyVault 2026-02-01).
 */
struct Ipv4Range
{
    quint32 network = 0;
    int prefix = 32;

    /// Parses "a.b.c.d" or "a.b.c.d/n" strictly: four decimal octets 0-255, no
    /// leading zeros, no spaces, prefix 0-32. Host bits set below the prefix are
    /// rejected (see hostBitsSet) by returning nothing only when @p allowHostBits is false.
    [[nodiscard]] static std::optional<Ipv4Range> parse(const QString &text,
                                                        bool allowHostBits = true);
    /// Parses a single address (no prefix).
    [[nodiscard]] static std::optional<quint32> parseAddress(const QString &text);

    [[nodiscard]] quint32 mask() const { return prefix == 0 ? 0u : ~quint32(0) << (32 - prefix); }
    [[nodiscard]] bool contains(quint32 address) const
    {
        return (address & mask()) == (network & mask());
    }
    /// True when the text had bits set below the prefix (e.g. 10.0.0.1/24).
    [[nodiscard]] bool hostBitsSet() const { return (network & ~mask()) != 0; }
    /// The canonical form the service stores: "a.b.c.d/n" with host bits cleared.
    [[nodiscard]] QString toCanonicalString() const;
    [[nodiscard]] static QString addressToString(quint32 address);

    friend bool operator==(const Ipv4Range &, const Ipv4Range &) = default;
};

/// Why an address is not a public unicast address, or nothing when it is.
enum class NonPublicReason {
    Private,       ///< RFC 1918: 10/8, 172.16/12, 192.168/16
    Loopback,      ///< 127/8
    LinkLocal,     ///< 169.254/16
    ThisNetwork,   ///< 0/8
    SharedAddress, ///< RFC 6598 carrier-grade NAT: 100.64/10
    Multicast,     ///< 224/4
    Reserved,      ///< 240/4, broadcast
};

/// Classifies @p range: it is public only if no part of it lies in a non-public block.
[[nodiscard]] std::optional<NonPublicReason> nonPublicReason(const Ipv4Range &range);

} // namespace vl::access
