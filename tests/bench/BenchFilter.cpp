// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchSupport.h"
#include "VaultItemFilter.h"
#include "VaultItemModel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTableView>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl::bench {

namespace {
QList<VaultItem> syntheticItems(int count)
{
    static const char *const words[] = {"api", "db",      "storage", "cache",  "queue",
                                        "web", "billing", "auth",    "search", "payments"};
    QRandomGenerator random(42);
    QList<VaultItem> items;
    items.reserve(count);
    for (int i = 0; i < count; ++i) {
        VaultItem item;
        const QString word = QString::fromLatin1(words[random.bounded(10)]);
        item.name = u"%1-secret-%2"_s.arg(word).arg(i, 6, 10, QChar(u'0'));
        item.id = u"https://kv-bench.vault.azure.net/secrets/"_s + item.name;
        item.contentType = i % 3 ? u"text/plain"_s : u"application/json"_s;
        item.attributes.enabled = i % 17 != 0;
        item.attributes.updated = 1700000000 + i;
        item.attributes.created = 1700000000 + i;
        if (i % 5 == 0)
            item.attributes.expires = 1800000000 + i;
        item.tags.insert(u"team"_s, QString::fromLatin1(words[random.bounded(10)]));
        if (i % 4 == 0)
            item.tags.insert(u"env"_s, i % 8 ? u"prod"_s : u"test"_s);
        items.append(item);
    }
    return items;
}

QJsonObject summary(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    const auto at = [&ms](double q) {
        return ms.at(qMin(ms.size() - 1, qsizetype(q * ms.size())));
    };
    return {{u"keystrokes"_s, ms.size()},
            {u"medianMs"_s, at(0.5)},
            {u"p95Ms"_s, at(0.95)},
            {u"maxMs"_s, ms.last()}};
}
} // namespace

QJsonObject measureFilter(const BenchOptions &options)
{
    VaultItemModel model(VaultItemKind::Secret);
    model.setItems(syntheticItems(options.filterRows));
    VaultItemFilter proxy;
    proxy.setSourceModel(&model);
    QTableView view;
    view.setModel(&proxy);
    view.resize(1100, 700);
    view.show();
    QCoreApplication::processEvents();

    // Typing a name, then deleting it, one keystroke at a time; each keystroke is
    // timed from the new text to the view repainted with the rows it leaves.
    const QString typed = u"payments-secret-0421"_s;
    QList<double> filterOnly;
    QList<double> withPaint;
    const auto keystroke = [&](const QString &text) {
        QElapsedTimer timer;
        timer.start();
        proxy.setFilterText(text);
        const double filtered = double(timer.nsecsElapsed()) / 1e6;
        view.viewport()->repaint();
        withPaint << double(timer.nsecsElapsed()) / 1e6;
        filterOnly << filtered;
    };
    for (qsizetype i = 1; i <= typed.size(); ++i)
        keystroke(typed.left(i));
    for (qsizetype i = typed.size() - 1; i >= 0; --i)
        keystroke(typed.left(i));
    return {{u"rows"_s, options.filterRows},
            {u"filter"_s, summary(filterOnly)},
            {u"filterAndRepaint"_s, summary(withPaint)}};
}

QJsonObject verdicts(const QJsonObject &result)
{
    const QJsonObject startup = result.value(u"startup"_s).toObject();
    const QJsonObject listing = result.value(u"listing"_s).toObject();
    const QJsonObject filter = result.value(u"filter"_s).toObject();
    QJsonObject verdicts;
    verdicts.insert(u"startupWithin1.5xEmpty"_s, startup.value(u"ratio"_s).toDouble(99) <= 1.5);
    verdicts.insert(u"firstRowWithin100ms"_s,
                    listing.value(u"firstRowPaintedMs"_s).toDouble(1e9) <= 100);
    if (listing.contains(u"sdk"_s)) {
        verdicts.insert(u"allRowsFasterThanSdk"_s,
                        listing.value(u"allRowsMs"_s).toDouble(1e9)
                            < listing.value(u"sdk"_s)[u"listMs"_s].toDouble(0));
    }
    verdicts.insert(u"noUiStallOver16ms"_s,
                    listing.value(u"longestUiStallMs"_s).toDouble(1e9) <= 16);
    verdicts.insert(u"under15MBper10000"_s,
                    listing.value(u"memoryPer10000ItemsMB"_s).toDouble(1e9) < 15);
    verdicts.insert(u"filterUnder16msPerKeystroke"_s,
                    filter.value(u"filterAndRepaint"_s)[u"maxMs"_s].toDouble(1e9) < 16);
    return verdicts;
}

} // namespace vl::bench
