// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: QJsonDocument::fromJson, then VaultSerializer both ways and the
// firewall and access-policy validation on the result.
#include "access/Validation.h"
#include "arm/VaultSerializer.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vl::arm;
namespace Validation = vl::access::Validation;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(input, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return 0;

    const Vault vault = VaultSerializer::vaultFromJson(document.object());
    const QJsonObject json = VaultSerializer::toJson(vault);
    // Whatever the input, what the serializer writes it reads back to the same value,
    // and writes again identically.
    const Vault again = VaultSerializer::vaultFromJson(json);
    check(again == vault);
    check(VaultSerializer::toJson(again) == json);

    if (vault.properties.networkAcls) {
        const auto result = Validation::networkRuleSet(*vault.properties.networkAcls);
        check(result.ok || !result.message.isEmpty());
    }
    if (vault.properties.accessPolicies) {
        const auto result =
            Validation::accessPolicies(*vault.properties.accessPolicies, vault.properties.tenantId);
        check(result.ok || !result.message.isEmpty());
    }
    if (vault.tags)
        (void)Validation::tags(*vault.tags, vl::access::TagTarget::Vault);
    (void)Validation::vaultName(vault.name);
    return 0;
}
