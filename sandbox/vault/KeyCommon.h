// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Private to the key operations (KeyOperations.cpp, KeyCryptoOperations.cpp): the call
// context, the KeyBundle/KeyItem shapes and the key errors (keys.json 7.5/7.6,
// PROTOCOL.md §4.4 and §4.8).

#include "state/VaultData.h"
#include "vault/VaultService.h"

#include <QJsonObject>

namespace vl::sandbox::KeyCommon {

struct Ctx
{
    VaultCall &call;
    ServiceContext &context;
    [[nodiscard]] VaultData &data() const { return call.vault.data; }
    [[nodiscard]] const arm::VaultProperties &props() const
    {
        return call.vault.resource.properties;
    }
    [[nodiscard]] qint64 now() const { return context.clock.nowSecsSinceEpoch(); }
    [[nodiscard]] QString name() const { return call.operation.objectName; }
    [[nodiscard]] QString version() const { return call.operation.version; }
};

/// `https://127.0.0.1:V/keys/{name}[/{version}]`.
[[nodiscard]] QString kid(const Ctx &c, const KeyEntry &e, const QString &version = {});
/// KeyBundle: key (public JWK with kid, kty, key_ops), attributes, tags, managed, release_policy.
[[nodiscard]] QJsonObject bundleJson(const Ctx &c, const KeyEntry &e, const KeyVersion &v);
/// KeyItem: kid (versioned for version lists), attributes, tags, managed.
[[nodiscard]] QJsonObject itemJson(const Ctx &c, const KeyEntry &e, const KeyVersion &v,
                                   bool versioned);

/// 404 KeyNotFound: "A key with (name/id) {name}[/{version}] was not found in this key vault. ..."
[[nodiscard]] HttpResponse notFound(const QString &name, const QString &version = {});

/// The active key version the call names, or the 404 to answer.
struct Resolved
{
    KeyEntry *entry = nullptr;
    KeyVersion *version = nullptr;
    std::optional<HttpResponse> error;
};
[[nodiscard]] Resolved resolve(const Ctx &c);

/// True when any version of @p e backs a certificate.
[[nodiscard]] bool isManaged(const KeyEntry &e);

} // namespace vl::sandbox::KeyCommon

namespace vl::sandbox::KeyCryptoOperations {
/// encrypt, decrypt, sign, verify, wrapKey, unwrapKey, release and attestation.
[[nodiscard]] std::optional<HttpResponse> run(KeyCommon::Ctx &c);
} // namespace vl::sandbox::KeyCryptoOperations
