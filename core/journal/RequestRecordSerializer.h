// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "journal/RequestRecord.h"

#include <QJsonObject>

/**
 * @file
 * JSON of journal records, for export and for copying an exchange into a
 * support request. Every field of the record is written; the record is
 * already redacted, so nothing here can hold a secret.
 */
namespace vl::journaljson {

[[nodiscard]] QJsonObject toJson(const RequestRecord &record);
[[nodiscard]] QJsonObject toJson(const AzureError &error);
[[nodiscard]] QJsonObject toJson(const TokenInfo &token);
[[nodiscard]] QJsonObject toJson(const ChallengeInfo &challenge);

/// A stable English name of @p kind ("firewall", "policy", ...), as the JSON writes it.
[[nodiscard]] QString kindId(AzureError::Kind kind);

} // namespace vl::journaljson
