// SPDX-License-Identifier: GPL-3.0-or-later
// vaultlens-bench: speed and memory of the main window's paths, measured against
// a sandbox in another process, printed as one JSON object.
//
//   vaultlens-bench [--count N] [--runs R] [--no-sdk]
//
// 1. start-up: `vaultlens --quit-after-show` (quits on its first paint) against an
//    empty QWidget program (vaultlens-empty-window), R runs each, medians;
// 2. listing: a vault of N secrets (`vaultlens-sandbox --seed large:N`) opened in the
//    real list widget: time to the first row painted, to every row, the longest stall
//    of the UI thread meanwhile, and the memory the rows take;
// 3. the same vault listed by the official Azure SDK for JavaScript (Node.js);
// 4. filter-as-you-type over 100,000 rows.
#include "BenchSupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QWidget>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace vl::bench;

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption count(u"count"_s, u"Secrets in the listed vault."_s, u"N"_s,
                                   u"10000"_s);
    const QCommandLineOption runs(u"runs"_s, u"Start-up runs of each program."_s, u"R"_s, u"5"_s);
    const QCommandLineOption filterRows(u"filter-rows"_s, u"Rows the filter runs over."_s, u"N"_s,
                                        u"100000"_s);
    const QCommandLineOption noSdk(u"no-sdk"_s, u"Skip the Azure SDK for JavaScript."_s);
    parser.addOptions({count, runs, filterRows, noSdk});
    parser.process(app);

    BenchOptions options;
    options.count = parser.value(count).toInt();
    options.runs = qMax(1, parser.value(runs).toInt());
    options.filterRows = parser.value(filterRows).toInt();
    options.sdk = !parser.isSet(noSdk);

    QJsonObject result;
    result.insert(u"startup"_s, measureStartup(options));
    const QJsonObject listing = measureListing(options);
    result.insert(u"listing"_s, listing);
    result.insert(u"filter"_s, measureFilter(options));
    result.insert(u"verdicts"_s, verdicts(result));
    std::fputs(QJsonDocument(result).toJson(QJsonDocument::Indented).constData(), stdout);
    return listing.contains(u"error"_s) ? 1 : 0;
}
