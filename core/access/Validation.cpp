// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/Validation.h"

#include "access/Ipv4.h"
#include "access/PermissionCatalogue.h"
#include "arm/ResourceId.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace vl::access::Validation {
namespace {

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

QString reasonText(NonPublicReason r)
{
    switch (r) {
    case NonPublicReason::Private:
        return u"a private (RFC 1918) range"_s;
    case NonPublicReason::Loopback:
        return u"a loopback range"_s;
    case NonPublicReason::LinkLocal:
        return u"a link-local range"_s;
    case NonPublicReason::ThisNetwork:
        return u"the reserved 0.0.0.0/8 range"_s;
    case NonPublicReason::SharedAddress:
        return u"the shared carrier-grade NAT range (100.64.0.0/10)"_s;
    case NonPublicReason::Multicast:
        return u"a multicast range"_s;
    case NonPublicReason::Reserved:
        return u"a reserved range"_s;
    }
    return {};
}

ValidationResult permissionList(ObjectKind kind, const std::optional<QStringList> &list)
{
    for (const QString &p : list.value_or(QStringList{}))
        if (!PermissionCatalogue::isKnown(kind, p))
            return ValidationResult::failure(
                u"'%1' is not a %2 permission. Valid permissions: %3."_s.arg(
                    p, wireName(kind), PermissionCatalogue::names(kind).join(u", "_s)));
    return ValidationResult::success();
}

} // namespace

ValidationResult vaultName(const QString &name)
{
    if (name.size() < 3 || name.size() > 24)
        return ValidationResult::failure(
            u"A vault name must be 3 to 24 characters long; '%1' has %2."_s.arg(name).arg(
                name.size()));
    for (QChar c : name)
        if (!isAsciiLetter(c) && !isAsciiDigit(c) && c != u'-')
            return ValidationResult::failure(
                u"A vault name may contain only letters, digits and hyphens; '%1' contains '%2'."_s
                    .arg(name, QString(c)));
    if (!isAsciiLetter(name.front()))
        return ValidationResult::failure(u"A vault name must start with a letter."_s);
    if (name.back() == u'-')
        return ValidationResult::failure(u"A vault name must end with a letter or a digit."_s);
    if (name.contains("--"_L1))
        return ValidationResult::failure(u"A vault name may not contain consecutive hyphens."_s);
    return ValidationResult::success();
}

ValidationResult objectName(const QString &name)
{
    if (name.isEmpty())
        return ValidationResult::failure(u"A name is required."_s);
    if (name.size() > MaxObjectNameLength)
        return ValidationResult::failure(
            u"A name may be at most %1 characters long; this one has %2."_s.arg(MaxObjectNameLength)
                .arg(name.size()));
    for (QChar c : name)
        if (!isAsciiLetter(c) && !isAsciiDigit(c) && c != u'-')
            return ValidationResult::failure(
                u"A name may contain only letters, digits and hyphens; '%1' contains '%2'."_s.arg(
                    name, QString(c)));
    return ValidationResult::success();
}

ValidationResult guid(const QString &value)
{
    static const QRegularExpression re(QRegularExpression::anchoredPattern(
        u"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"_s));
    if (!re.match(value).hasMatch())
        return ValidationResult::failure(
            u"'%1' is not a GUID (expected the form 00000000-0000-0000-0000-000000000000)."_s.arg(
                value));
    return ValidationResult::success(value.toLower());
}

ValidationResult tags(const QMap<QString, QString> &tags, TagTarget target)
{
    const int max = target == TagTarget::Vault ? MaxResourceTags : MaxObjectTags;
    if (tags.size() > max)
        return ValidationResult::failure(
            u"At most %1 tags are allowed here; there are %2."_s.arg(max).arg(tags.size()));
    for (auto it = tags.begin(); it != tags.end(); ++it) {
        if (it.key().trimmed().isEmpty())
            return ValidationResult::failure(u"A tag name may not be empty."_s);
        if (it.key().size() > MaxTagNameLength)
            return ValidationResult::failure(
                u"The tag name '%1…' is longer than %2 characters."_s.arg(it.key().left(20))
                    .arg(MaxTagNameLength));
        if (it.value().size() > MaxTagValueLength)
            return ValidationResult::failure(
                u"The value of tag '%1' is longer than %2 characters."_s.arg(it.key()).arg(
                    MaxTagValueLength));
        if (target == TagTarget::Vault) {
            for (QChar c : u"<>%&\\?/"_s)
                if (it.key().contains(c))
                    return ValidationResult::failure(
                        u"The tag name '%1' contains '%2', which Azure does not allow in tag names."_s
                            .arg(it.key(), QString(c)));
        }
    }
    return ValidationResult::success();
}

ValidationResult ipRule(const QString &value)
{
    const QString text = value.trimmed();
    if (text.isEmpty())
        return ValidationResult::failure(u"An IP rule needs an address or a CIDR range."_s);
    if (text.contains(u':'))
        return ValidationResult::failure(
            u"'%1' is an IPv6 address; the Key Vault firewall accepts IPv4 addresses and ranges only."_s
                .arg(text));
    const auto range = Ipv4Range::parse(text);
    if (!range)
        return ValidationResult::failure(
            u"'%1' is not an IPv4 address or CIDR range (for example 203.0.113.7 or 203.0.113.0/24)."_s
                .arg(text));
    if (range->hostBitsSet())
        return ValidationResult::failure(
            u"'%1' has host bits set below its /%2 prefix; did you mean %3?"_s.arg(
                text, QString::number(range->prefix), range->toCanonicalString()));
    if (const auto reason = nonPublicReason(*range))
        return ValidationResult::failure(
            u"'%1' lies in %2. Firewall rules take public addresses only; reach the vault from private networks through a virtual network rule or a private endpoint."_s
                .arg(text, reasonText(*reason)));
    return ValidationResult::success(range->toCanonicalString());
}

ValidationResult subnetId(const QString &id)
{
    static const QRegularExpression re(
        QRegularExpression::anchoredPattern(
            u"/subscriptions/[^/\\s]+/resourceGroups/[^/\\s]+/providers/Microsoft\\.Network/virtualNetworks/[^/\\s]+/subnets/[^/\\s]+"_s),
        QRegularExpression::CaseInsensitiveOption);
    if (!re.match(id.trimmed()).hasMatch())
        return ValidationResult::failure(
            u"'%1' is not a subnet id (/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/…/subnets/…)."_s
                .arg(id));
    return ValidationResult::success(id.trimmed().toLower());
}

ValidationResult networkRuleSet(const arm::NetworkRuleSet &rules)
{
    if (rules.bypass && rules.bypass->compare("AzureServices"_L1, Qt::CaseInsensitive) != 0
        && rules.bypass->compare("None"_L1, Qt::CaseInsensitive) != 0)
        return ValidationResult::failure(
            u"bypass must be AzureServices or None, not '%1'."_s.arg(*rules.bypass));
    if (rules.defaultAction && rules.defaultAction->compare("Allow"_L1, Qt::CaseInsensitive) != 0
        && rules.defaultAction->compare("Deny"_L1, Qt::CaseInsensitive) != 0)
        return ValidationResult::failure(
            u"defaultAction must be Allow or Deny, not '%1'."_s.arg(*rules.defaultAction));
    const auto ips = rules.ipRules.value_or(QList<arm::IpRule>{});
    if (ips.size() > MaxIpRules)
        return ValidationResult::failure(
            u"A vault takes at most %1 IP rules; there are %2."_s.arg(MaxIpRules).arg(ips.size()));
    QSet<QString> seen;
    for (const arm::IpRule &rule : ips) {
        const ValidationResult r = ipRule(rule.value);
        if (!r)
            return r;
        if (seen.contains(r.normalized))
            return ValidationResult::failure(
                u"The IP rule %1 is listed twice."_s.arg(r.normalized));
        seen.insert(r.normalized);
    }
    const auto vnets = rules.virtualNetworkRules.value_or(QList<arm::VirtualNetworkRule>{});
    if (vnets.size() > MaxVirtualNetworkRules)
        return ValidationResult::failure(
            u"A vault takes at most %1 virtual network rules; there are %2."_s
                .arg(MaxVirtualNetworkRules)
                .arg(vnets.size()));
    seen.clear();
    for (const arm::VirtualNetworkRule &rule : vnets) {
        const ValidationResult r = subnetId(rule.id);
        if (!r)
            return r;
        if (seen.contains(r.normalized))
            return ValidationResult::failure(
                u"The virtual network rule %1 is listed twice."_s.arg(rule.id));
        seen.insert(r.normalized);
    }
    return ValidationResult::success();
}

ValidationResult accessPolicyEntry(const arm::AccessPolicyEntry &entry,
                                   const QString &vaultTenantId)
{
    if (const auto r = guid(entry.tenantId); !r)
        return ValidationResult::failure(u"Tenant: "_s + r.message);
    if (entry.tenantId.compare(vaultTenantId, Qt::CaseInsensitive) != 0)
        return ValidationResult::failure(
            u"The entry's tenant %1 is not the vault's tenant %2; access policies can only name principals of the vault's tenant."_s
                .arg(entry.tenantId, vaultTenantId));
    if (const auto r = guid(entry.objectId); !r)
        return ValidationResult::failure(u"Object id: "_s + r.message);
    if (entry.applicationId && !entry.applicationId->isEmpty())
        if (const auto r = guid(*entry.applicationId); !r)
            return ValidationResult::failure(u"Application id: "_s + r.message);
    for (const auto &[kind, list] :
         {std::pair{ObjectKind::Keys, entry.permissions.keys},
          std::pair{ObjectKind::Secrets, entry.permissions.secrets},
          std::pair{ObjectKind::Certificates, entry.permissions.certificates},
          std::pair{ObjectKind::Storage, entry.permissions.storage}}) {
        if (const auto r = permissionList(kind, list); !r)
            return r;
    }
    return ValidationResult::success();
}

ValidationResult accessPolicies(const QList<arm::AccessPolicyEntry> &entries,
                                const QString &vaultTenantId)
{
    if (entries.size() > MaxAccessPolicies)
        return ValidationResult::failure(
            u"A vault takes at most %1 access policies; there are %2."_s.arg(MaxAccessPolicies)
                .arg(entries.size()));
    QSet<QString> seen;
    for (const arm::AccessPolicyEntry &e : entries) {
        if (const auto r = accessPolicyEntry(e, vaultTenantId); !r)
            return r;
        const QString key = (e.objectId + u'|' + e.applicationId.value_or(QString())).toLower();
        if (seen.contains(key))
            return ValidationResult::failure(
                u"The object id %1 has two entries; merge their permissions into one."_s.arg(
                    e.objectId));
        seen.insert(key);
    }
    return ValidationResult::success();
}

} // namespace vl::access::Validation
