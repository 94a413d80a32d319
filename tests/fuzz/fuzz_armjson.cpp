// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: QJsonDocument::fromJson, then every Resource Manager serializer of
// core/arm (tenants, subscriptions, resource groups, private endpoint connections, list
// pages, the vault PATCH and access-policy bodies, role assignment creation, Resource
// Graph requests, answers and vault rows) both ways on the result.
#include "arm/ArmRequestSerializer.h"
#include "arm/ResourceGraphSerializer.h"
#include "arm/ResourceSerializer.h"
#include "arm/VaultSerializer.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vl::arm;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

/**
 * Whatever the input, what a serializer writes it reads back to the same value and
 * writes again identically. With @p lossless, what it writes is also the input itself.
 */
template<typename Read, typename Write>
void fixedPoint(const QJsonObject &input, Read read, Write write, bool lossless = false)
{
    const auto value = read(input);
    const QJsonObject json = write(value);
    const auto again = read(json);
    check(again == value);
    check(write(again) == json);
    if (lossless)
        check(json == input);
}

void pages(const QJsonObject &input)
{
    namespace RS = ResourceSerializer;
    const vl::Page<Vault> page = RS::pageFromJson<Vault>(input, &VaultSerializer::vaultFromJson);
    const QJsonObject json =
        RS::pageToJson(page, [](const Vault &v) { return VaultSerializer::toJson(v); });
    const vl::Page<Vault> again = RS::pageFromJson<Vault>(json, &VaultSerializer::vaultFromJson);
    check(again.items == page.items);
    check(again.hasMore() == page.hasMore());
    // A nextLink is followed as written: reading and writing it again changes nothing.
    const QString link = RS::nextLinkToString(page.nextLink);
    check(RS::nextLinkToString(again.nextLink) == link);
}

void resourceGraph(const QJsonObject &input)
{
    namespace RGS = ResourceGraphSerializer;
    const ResourceGraphResponse response = RGS::responseFromJson(input);
    const VaultSummaryPage page = RGS::vaultPageFromResponse(response);
    check(page.vaults.size() == response.rows().size());
    check(page.hasMore() == response.hasMore());
    for (const VaultSummary &vault : page.vaults) {
        const QJsonObject row = RGS::toRow(vault);
        check(RGS::vaultSummaryFromRow(row) == vault);
    }
    fixedPoint(
        input, [](const QJsonObject &o) { return RGS::vaultSummaryFromRow(o); },
        [](const VaultSummary &v) { return RGS::toRow(v); });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(input, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return 0;
    const QJsonObject o = document.object();

    namespace RS = ResourceSerializer;
    namespace ARS = ArmRequestSerializer;
    namespace RGS = ResourceGraphSerializer;
    fixedPoint(
        o, [](const QJsonObject &j) { return RS::tenantFromJson(j); },
        [](const Tenant &t) { return RS::toJson(t); }, true);
    fixedPoint(
        o, [](const QJsonObject &j) { return RS::subscriptionFromJson(j); },
        [](const Subscription &s) { return RS::toJson(s); }, true);
    fixedPoint(
        o, [](const QJsonObject &j) { return RS::resourceGroupFromJson(j); },
        [](const ResourceGroup &g) { return RS::toJson(g); });
    fixedPoint(
        o, [](const QJsonObject &j) { return RS::privateEndpointConnectionFromJson(j); },
        [](const PrivateEndpointConnection &c) { return RS::toJson(c); });
    fixedPoint(
        o, [](const QJsonObject &j) { return ARS::vaultPatchFromJson(j); },
        [](const VaultPatchParameters &p) { return ARS::toJson(p); });
    fixedPoint(
        o, [](const QJsonObject &j) { return ARS::accessPolicyParametersFromJson(j); },
        [](const VaultAccessPolicyParameters &a) { return ARS::toJson(a); });
    fixedPoint(
        o, [](const QJsonObject &j) { return ARS::roleAssignmentCreateFromJson(j); },
        [](const RoleAssignmentCreateParameters &c) { return ARS::toJson(c); });
    fixedPoint(
        o, [](const QJsonObject &j) { return RGS::requestFromJson(j); },
        [](const ResourceGraphRequest &r) { return RGS::toJson(r); });
    fixedPoint(
        o, [](const QJsonObject &j) { return RGS::responseFromJson(j); },
        [](const ResourceGraphResponse &r) { return RGS::toJson(r); });
    pages(o);
    resourceGraph(o);
    return 0;
}
