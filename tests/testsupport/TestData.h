// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace vl::test {

/// The absolute path of a file under tests/data (from VAULTLENS_TEST_DATA).
[[nodiscard]] QString testDataPath(const QString &relative);
/// Reads a JSON object from tests/data; fails the current test when it cannot.
[[nodiscard]] QJsonObject readJsonObject(const QString &relative);
/// The `responses.{status}.body` object of a REST API spec example under tests/data.
[[nodiscard]] QJsonObject exampleResponseBody(const QString &relative,
                                              const QString &status = QStringLiteral("200"));

} // namespace vl::test
