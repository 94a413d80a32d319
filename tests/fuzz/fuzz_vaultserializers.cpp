// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: QJsonDocument::fromJson, then every Key Vault data-plane fromJson on the
// result (secrets, keys, certificates, their pages, policies, operations, attributes, backup
// blobs), each written back and read again, and the identifiers they carry parsed.
#include "vault/CertificateSerializer.h"
#include "vault/KeySerializer.h"
#include "vault/ObjectId.h"
#include "vault/ObjectSerializer.h"
#include "vault/SecretSerializer.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vl::vault;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

/// Whatever the input, what a serializer writes it reads back to the same value, and
/// writes again identically.
template<typename Read, typename Write>
void roundTrip(const QJsonObject &o, Read read, Write write)
{
    const auto value = read(o);
    const QJsonObject json = write(value);
    const auto again = read(json);
    check(again == value);
    check(write(again) == json);
}

/// The same for list pages (Page has no operator==).
template<typename Read, typename Write>
void pageRoundTrip(const QJsonObject &o, Read read, Write write)
{
    const auto page = read(o);
    const QJsonObject json = write(page);
    const auto again = read(json);
    check(again.items == page.items);
    // An unusable nextLink is kept as an invalid QUrl (following it reports the error);
    // it cannot be written back.
    if (!page.nextLink.isValid())
        return;
    check(again.nextLink == page.nextLink);
    check(write(again) == json);
}

void parseId(const QJsonValue &v)
{
    if (!v.isString())
        return;
    const auto id = ObjectId::parse(v.toString());
    if (!id)
        return;
    check(!id->name.isEmpty());
    // A parsed id prints to an id that parses to the same parts.
    const auto again = ObjectId::parse(id->toString());
    check(again.has_value());
    check(again->kind == id->kind && again->name == id->name && again->version == id->version);
    (void)id->versionless().toString();
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

    // toJson is overloaded per type; these lambdas pick the overload.
    auto secretJson = [](const auto &v) {
        return SecretSerializer::toJson(v);
    };
    auto keyJson = [](const auto &v) {
        return KeySerializer::toJson(v);
    };
    auto certificateJson = [](const auto &v) {
        return CertificateSerializer::toJson(v);
    };
    auto objectJson = [](const auto &v) {
        return ObjectSerializer::toJson(v);
    };

    roundTrip(o, SecretSerializer::propertiesFromJson, secretJson);
    roundTrip(o, SecretSerializer::bundleFromJson, secretJson);
    roundTrip(o, SecretSerializer::deletedFromJson, secretJson);
    pageRoundTrip(o, SecretSerializer::pageFromJson, secretJson);
    pageRoundTrip(o, SecretSerializer::deletedPageFromJson, secretJson);

    roundTrip(o, KeySerializer::jsonWebKeyFromJson, keyJson);
    roundTrip(o, KeySerializer::propertiesFromJson, keyJson);
    roundTrip(o, KeySerializer::bundleFromJson, keyJson);
    roundTrip(o, KeySerializer::deletedFromJson, keyJson);
    roundTrip(o, KeySerializer::rotationPolicyFromJson, keyJson);
    pageRoundTrip(o, KeySerializer::pageFromJson, keyJson);
    pageRoundTrip(o, KeySerializer::deletedPageFromJson, keyJson);

    roundTrip(o, CertificateSerializer::policyFromJson, certificateJson);
    roundTrip(o, CertificateSerializer::propertiesFromJson, certificateJson);
    roundTrip(o, CertificateSerializer::bundleFromJson, certificateJson);
    roundTrip(o, CertificateSerializer::deletedFromJson, certificateJson);
    roundTrip(o, CertificateSerializer::operationFromJson, certificateJson);
    pageRoundTrip(o, CertificateSerializer::pageFromJson, certificateJson);
    pageRoundTrip(o, CertificateSerializer::deletedPageFromJson, certificateJson);

    roundTrip(o, ObjectSerializer::attributesFromJson, objectJson);
    roundTrip(o, ObjectSerializer::backupFromJson, objectJson);

    // The derived facts the UI shows never crash on odd input.
    const KeyBundle key = KeySerializer::bundleFromJson(o);
    if (key.jwk) {
        check(key.jwk->keySizeBits() >= 0);
        (void)key.jwk->modulus();
        (void)key.jwk->exponent();
    }
    (void)key.name();
    const CertificateBundle certificate = CertificateSerializer::bundleFromJson(o);
    (void)certificate.properties.thumbprintHex();
    (void)CertificateSerializer::operationFromJson(o).isInProgress();
    const ObjectAttributes attributes = ObjectSerializer::attributesFromJson(o);
    (void)attributes.isPurgeable();
    (void)dateTimeFromSeconds(attributes.expires);
    (void)ObjectSerializer::backupFromJson(o).bytes();

    // Request bodies from what was read.
    CertificateImportParameters import;
    import.policy = CertificateSerializer::policyFromJson(o);
    import.attributes = attributes;
    (void)CertificateSerializer::toJson(import);
    (void)KeySerializer::toRequestJson(KeySerializer::rotationPolicyFromJson(o));

    for (const char *member : {"id", "kid", "sid", "recoveryId", "target"})
        parseId(o.value(QLatin1StringView(member)));
    const QJsonArray items = o.value(QLatin1StringView("value")).toArray();
    for (const QJsonValue &item : items) {
        parseId(item.toObject().value(QLatin1StringView("id")));
        parseId(item.toObject().value(QLatin1StringView("kid")));
    }
    return 0;
}
