// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/ServerTypes.h"
#include "vault/VaultService.h"

#include <QJsonArray>
#include <QList>

#include <optional>

namespace vl::sandbox {

/**
 * One page of a Key Vault list: `{"value":[...],"nextLink":"<absolute URL>"|null}`.
 * `maxresults` is 1 to 25 (25 when absent, as the service does); the skip token is
 * opaque base64url JSON. With the emptyPage fault the page is empty but its
 * nextLink points at the same position.
 */
[[nodiscard]] HttpResponse listPage(const VaultCall &call, const QList<QJsonObject> &items);

} // namespace vl::sandbox
