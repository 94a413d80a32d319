// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultItem.h"
#include "http/ClientCall.h"
#include "util/Result.h"
#include "vault/Certificate.h"
#include "vault/Key.h"
#include "vault/Secret.h"

#include <QFuture>
#include <QUrl>

#include <functional>

namespace vl::vault {
class VaultClient;
}

namespace vl {

/**
 * @brief Where a VaultItemModel gets its pages: called with an empty URL for
 * the first page, then with each page's nextLink; @p deleted asks for the
 * soft-deleted items. Never a failed future.
 */
using VaultItemPageSource =
    std::function<QFuture<Result<Page<VaultItem>>>(const QUrl &nextLink, bool deleted)>;

/// @name List items turned into rows (never a value; `extra` members dropped)
/// @{
[[nodiscard]] VaultItem vaultItemFrom(const vault::SecretProperties &secret);
[[nodiscard]] VaultItem vaultItemFrom(const vault::DeletedSecret &secret);
[[nodiscard]] VaultItem vaultItemFrom(const vault::KeyProperties &key);
[[nodiscard]] VaultItem vaultItemFrom(const vault::DeletedKey &key);
[[nodiscard]] VaultItem vaultItemFrom(const vault::CertificateProperties &certificate);
[[nodiscard]] VaultItem vaultItemFrom(const vault::DeletedCertificate &certificate);
/// @}

/**
 * @brief The pages of @p client's list of @p kind: listSecrets() and
 * listSecretsNext() (or their deleted counterparts), with at most @p pageSize
 * items a page.
 */
[[nodiscard]] VaultItemPageSource vaultItemPageSource(const vault::VaultClient &client,
                                                      VaultItemKind kind, int pageSize = 25);

} // namespace vl
