// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "arm/ResourceGraph.h"

#include <QJsonObject>

namespace vl::arm {

/// JSON mapping for Resource Graph queries, answers and vault inventory rows.
namespace ResourceGraphSerializer {

[[nodiscard]] ResourceGraphRequest requestFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const ResourceGraphRequest &request);

[[nodiscard]] ResourceGraphResponse responseFromJson(const QJsonObject &o);
[[nodiscard]] QJsonObject toJson(const ResourceGraphResponse &response);

/**
 * @brief The query listing every Microsoft.KeyVault/vaults the caller can
 * read in the queried subscriptions, one row per vault with the columns
 * vaultSummaryFromRow reads, ordered by id (stable across pages).
 */
[[nodiscard]] QString vaultInventoryQuery();

/**
 * A vault summary from a row. Reads the flat columns of vaultInventoryQuery()
 * and, for columns a row lacks, the full Resources row (`properties.vaultUri`,
 * `properties.sku.name`, ...), so a query that projects whole rows works too.
 * Resource group and subscription come from the id when the row has no column
 * for them. Empty strings and nulls read as absent.
 */
[[nodiscard]] VaultSummary vaultSummaryFromRow(const QJsonObject &row);
/// The row in the flat column shape of vaultInventoryQuery().
[[nodiscard]] QJsonObject toRow(const VaultSummary &summary);

/// The rows of @p response as vault summaries, with its paging information.
[[nodiscard]] VaultSummaryPage vaultPageFromResponse(const ResourceGraphResponse &response);

} // namespace ResourceGraphSerializer
} // namespace vl::arm
