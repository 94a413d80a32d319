// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QString>

namespace vl::bench {

struct BenchOptions
{
    int count = 10000;       ///< secrets in the listed vault
    int runs = 5;            ///< start-up runs of each program
    int filterRows = 100000; ///< rows the filter runs over
    bool sdk = true;         ///< list with the Azure SDK for JavaScript too
};

/// Start-up of vaultlens to its first painted window, and of the empty window.
QJsonObject measureStartup(const BenchOptions &options);
/// A vault of options.count secrets listed by the app's list widget and by the SDK.
QJsonObject measureListing(const BenchOptions &options);
/// Filter-as-you-type latency over options.filterRows rows.
QJsonObject measureFilter(const BenchOptions &options);
/// Each target of the issue, met or not, from the measurements.
QJsonObject verdicts(const QJsonObject &result);

} // namespace vl::bench
