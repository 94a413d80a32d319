// SPDX-License-Identifier: GPL-3.0-or-later
// Filter-as-you-type and sorting over a vault's list, and the export of what
// is shown.
#include "ItemExport.h"
#include "ModelRoles.h"
#include "VaultItemFilter.h"
#include "VaultItemModel.h"
#include "util/Future.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace Qt::StringLiterals;
using namespace vl;

namespace {

VaultItem secret(const QString &name, const QString &contentType = {}, vault::Tags tags = {},
                 std::optional<qint64> expires = std::nullopt)
{
    VaultItem item;
    item.name = name;
    item.id = u"https://kv-contoso.vault.azure.net/secrets/"_s + name;
    item.contentType = contentType;
    item.tags = std::move(tags);
    item.attributes.expires = expires;
    item.attributes.created = 1700000000;
    item.attributes.updated = 1700000000;
    item.attributes.recoveryLevel = u"Recoverable+Purgeable"_s;
    return item;
}

QStringList shown(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, VaultItemModel::NameColumn).data().toString();
    return out;
}

QStringList naive(const VaultItemModel &model, const QString &text)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row) {
        const VaultItem &item = model.item(row);
        bool match = item.name.contains(text, Qt::CaseInsensitive)
                     || item.contentType.contains(text, Qt::CaseInsensitive);
        for (auto it = item.tags.cbegin(); !match && it != item.tags.cend(); ++it)
            match = QString(it.key() + u'=' + it.value()).contains(text, Qt::CaseInsensitive);
        if (match)
            out << item.name;
    }
    return out;
}

/// @p count rows as a large vault holds them: names, a content type, a tag on some.
QList<VaultItem> synthetic(int count)
{
    static const QStringList types{u"text/plain"_s, u"application/json"_s,
                                   u"application/x-pkcs12"_s, QString()};
    QList<VaultItem> items;
    items.reserve(count);
    QRandomGenerator random(42);
    for (int i = 0; i < count; ++i) {
        vault::Tags tags;
        if (i % 3 == 0)
            tags.insert(u"env"_s, i % 2 ? u"production"_s : u"staging"_s);
        items << secret(u"app-%1-secret-%2"_s.arg(random.bounded(500)).arg(i, 6, 10, QChar(u'0')),
                        types.at(i % types.size()), tags, 1700000000 + random.bounded(1000000));
    }
    return items;
}

} // namespace

class tst_VaultItemFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filtersNameContentTypeAndTags_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("empty") << QString()
                               << QStringList{u"sql-connection"_s, u"Storage-Key"_s, u"api-token"_s,
                                              u"cert-backing"_s};
        QTest::newRow("name, any case") << u"STORAGE"_s << QStringList{u"Storage-Key"_s};
        QTest::newRow("content type") << u"json"_s << QStringList{u"api-token"_s};
        QTest::newRow("tag value") << u"payments"_s << QStringList{u"sql-connection"_s};
        QTest::newRow("tag key=value") << u"team=pay"_s << QStringList{u"sql-connection"_s};
        QTest::newRow("spaces trimmed") << u"  token "_s << QStringList{u"api-token"_s};
        QTest::newRow("several fields") << u"-"_s
                                        << QStringList{u"sql-connection"_s, u"Storage-Key"_s,
                                                       u"api-token"_s, u"cert-backing"_s};
        QTest::newRow("nothing") << u"zzz"_s << QStringList{};
    }

    void filtersNameContentTypeAndTags()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, expected);
        VaultItemModel model(VaultItemKind::Secret);
        model.setItems({secret(u"sql-connection"_s, u"text/plain"_s, {{u"Team"_s, u"Payments"_s}}),
                        secret(u"Storage-Key"_s), secret(u"api-token"_s, u"application/json"_s),
                        secret(u"cert-backing"_s, u"application/x-pem-file"_s)});
        VaultItemFilter filter;
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        filter.setSourceModel(&model);
        filter.setFilterText(text);
        QCOMPARE(filter.filterText(), text);
        QCOMPARE(shown(filter), expected);
        // Mapping both ways.
        for (int row = 0; row < filter.rowCount(); ++row) {
            const QModelIndex source = filter.mapToSource(filter.index(row, 2));
            QCOMPARE(source.column(), 2);
            QCOMPARE(filter.mapFromSource(source), filter.index(row, 2));
        }
    }

    void sortsByRawValue()
    {
        VaultItemModel model(VaultItemKind::Secret);
        model.setItems({secret(u"b"_s, {}, {}, 300), secret(u"a"_s, {}, {}, std::nullopt),
                        secret(u"c"_s, {}, {}, 100), secret(u"D"_s, {}, {}, 200)});
        VaultItemFilter filter;
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        filter.setSourceModel(&model);
        filter.sort(VaultItemModel::ExpiresColumn, Qt::AscendingOrder);
        // Soonest first; an item that never expires last.
        QCOMPARE(shown(filter), (QStringList{u"c"_s, u"D"_s, u"b"_s, u"a"_s}));
        filter.sort(VaultItemModel::ExpiresColumn, Qt::DescendingOrder);
        QCOMPARE(shown(filter), (QStringList{u"a"_s, u"b"_s, u"D"_s, u"c"_s}));
        filter.sort(VaultItemModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(shown(filter), (QStringList{u"a"_s, u"b"_s, u"c"_s, u"D"_s}));
        QCOMPARE(filter.sortColumn(), int(VaultItemModel::NameColumn));
        // Sorting keeps the filter, the filter keeps the sort.
        filter.setFilterText(u"d"_s);
        QCOMPARE(shown(filter), QStringList{u"D"_s});
        filter.setFilterText(QString());
        QCOMPARE(shown(filter), (QStringList{u"a"_s, u"b"_s, u"c"_s, u"D"_s}));
        filter.sort(-1);
        QCOMPARE(shown(filter), (QStringList{u"b"_s, u"a"_s, u"c"_s, u"D"_s}));
    }

    void selectionSurvivesFilterAndSort()
    {
        VaultItemModel model(VaultItemKind::Secret);
        model.setItems({secret(u"alpha"_s), secret(u"beta"_s), secret(u"gamma"_s)});
        VaultItemFilter filter;
        filter.setSourceModel(&model);
        const QPersistentModelIndex gamma = filter.index(2, 0);
        const QPersistentModelIndex alpha = filter.index(0, 1);
        filter.setFilterText(u"m"_s);
        QCOMPARE(gamma.row(), 0);
        QCOMPARE(gamma.data().toString(), u"gamma"_s);
        QVERIFY(!alpha.isValid());
        filter.setFilterText(QString());
        filter.sort(VaultItemModel::NameColumn, Qt::DescendingOrder);
        QCOMPARE(gamma.row(), 0);
    }

    void pagesArriveInPlace()
    {
        QList<VaultItem> items;
        for (int i = 0; i < 60; ++i)
            items << secret(u"item-%1"_s.arg(59 - i, 2, 10, QChar(u'0')),
                            i % 2 ? u"text/plain"_s : QString());
        VaultItemModel model(VaultItemKind::Secret);
        VaultItemFilter filter;
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        filter.setSourceModel(&model);
        filter.sort(VaultItemModel::NameColumn, Qt::AscendingOrder);
        filter.setFilterText(u"plain"_s);
        model.setPageSource([items](const QUrl &next, bool) {
            const int start = next.isEmpty() ? 0 : next.fragment().toInt();
            Page<VaultItem> page;
            page.items = items.mid(start, 25);
            if (start + 25 < items.size())
                page.nextLink = QUrl(u"https://vault.example/secrets#%1"_s.arg(start + 25));
            return readyFuture(Result<Page<VaultItem>>(page));
        });
        QTRY_COMPARE(model.rowCount(), 25);
        model.loadAll();
        QTRY_VERIFY(model.isComplete());
        QStringList expected = naive(model, u"plain"_s);
        expected.sort();
        QCOMPARE(shown(filter), expected);
        QCOMPARE(filter.rowCount(), 30);

        // An edited row leaves the filter; a new one joins in place.
        VaultItem edited = model.item(model.rowOf(u"item-58"_s));
        edited.contentType.clear();
        model.upsertItem(edited);
        QVERIFY(!shown(filter).contains(u"item-58"_s));
        model.upsertItem(secret(u"item-305"_s, u"text/plain"_s));
        expected = naive(model, u"plain"_s);
        expected.sort();
        QCOMPARE(shown(filter), expected);
        model.removeItem(u"item-00"_s);
        model.removeItem(u"item-01"_s);
        expected = naive(model, u"plain"_s);
        expected.sort();
        QCOMPARE(shown(filter), expected);
    }

    void incrementalNarrowingMatchesNaive()
    {
        // Short random names over a small alphabet, so that many texts match.
        QRandomGenerator random(7);
        auto word = [&random](int length) {
            QString s;
            for (int i = 0; i < length; ++i)
                s += QChar(u"abcAB-"[random.bounded(6)]);
            return s;
        };
        QList<VaultItem> items;
        for (int i = 0; i < 2000; ++i) {
            vault::Tags tags;
            if (random.bounded(3) == 0)
                tags.insert(word(2), word(3));
            items << secret(word(6) + QString::number(i), random.bounded(2) ? word(4) : QString(),
                            tags);
        }
        VaultItemModel model(VaultItemKind::Secret);
        model.setItems(items);
        VaultItemFilter filter;
        filter.setSourceModel(&model);
        QString text;
        for (int step = 0; step < 400; ++step) {
            // Type, erase or replace, as a person does.
            const int action = random.bounded(5);
            if (action <= 2)
                text += QChar(u"abcAB-="[random.bounded(7)]);
            else if (action == 3 && !text.isEmpty())
                text.chop(1);
            else if (!text.isEmpty())
                text.remove(0, 1);
            filter.setFilterText(text);
            QCOMPARE(shown(filter), naive(model, text.trimmed()));
            if (step % 100 == 99)
                text.clear();
        }
    }

    void exportCsvQuoting()
    {
        VaultItem tricky =
            secret(u"quote\"comma,name"_s, u"text/plain"_s,
                   {{u"note"_s, u"line one\nline two"_s}, {u"env"_s, u"prod"_s}}, 1767225600);
        tricky.attributes.enabled = false;
        const QByteArray csv = ItemExport::toCsv({tricky, secret(u"plain"_s)});
        const QString text = QString::fromUtf8(csv);
        QVERIFY(
            text.startsWith(u"name,id,enabled,contentType,managed,thumbprint,notBefore,"
                            "expires,created,updated,tags,deletedDate,scheduledPurgeDate\r\n"_s));
        QVERIFY(text.contains(
            u"\"quote\"\"comma,name\",\"https://kv-contoso.vault.azure.net/secrets/"
            "quote\"\"comma,name\",false,text/plain,false,,,2026-01-01T00:00:00Z,"_s));
        QVERIFY(text.contains(u",\"env=prod; note=line one\nline two\",,\r\n"_s));
        QVERIFY(text.endsWith(u"\r\n"_s));
        QCOMPARE(text.count(u"\r\n"_s), 3);
        QCOMPARE(ItemExport::csvField(u"plain"_s), u"plain"_s);
        QCOMPARE(ItemExport::csvField(u"a\"b"_s), u"\"a\"\"b\""_s);
        QCOMPARE(ItemExport::csvField(u"a\rb"_s), u"\"a\rb\""_s);
    }

    void exportJsonShape()
    {
        VaultItem deleted = secret(u"gone"_s, u"text/plain"_s, {{u"env"_s, u"prod"_s}}, 1767225600);
        deleted.deleted = true;
        deleted.deletion.deletedDate = 1767225600;
        deleted.deletion.scheduledPurgeDate = 1774915200;
        const QJsonDocument doc =
            QJsonDocument::fromJson(ItemExport::toJson({deleted, secret(u"x"_s)}));
        QVERIFY(doc.isArray());
        const QJsonArray array = doc.array();
        QCOMPARE(array.size(), 2);
        const QJsonObject o = array.at(0).toObject();
        const QStringList keys{
            u"name"_s,      u"id"_s,          u"enabled"_s,           u"contentType"_s,
            u"notBefore"_s, u"expires"_s,     u"created"_s,           u"updated"_s,
            u"tags"_s,      u"deletedDate"_s, u"scheduledPurgeDate"_s};
        for (const QString &key : keys)
            QVERIFY2(o.contains(key), qPrintable(key));
        QVERIFY(!o.contains(u"value"_s));
        QCOMPARE(o.value(u"name"_s).toString(), u"gone"_s);
        QCOMPARE(o.value(u"enabled"_s).toBool(), true);
        QCOMPARE(o.value(u"expires"_s).toString(), u"2026-01-01T00:00:00Z"_s);
        QVERIFY(o.value(u"notBefore"_s).isNull());
        QCOMPARE(o.value(u"tags"_s).toObject().value(u"env"_s).toString(), u"prod"_s);
        QCOMPARE(o.value(u"scheduledPurgeDate"_s).toString(), u"2026-03-31T00:00:00Z"_s);
        QVERIFY(array.at(1).toObject().value(u"contentType"_s).isNull());
        QVERIFY(array.at(1).toObject().value(u"deletedDate"_s).isNull());
    }

    void exportsWhatIsShown()
    {
        VaultItemModel model(VaultItemKind::Secret);
        model.setItems({secret(u"b-keep"_s), secret(u"skip"_s), secret(u"a-keep"_s)});
        VaultItemFilter filter;
        filter.setSourceModel(&model);
        filter.setFilterText(u"keep"_s);
        filter.sort(VaultItemModel::NameColumn);
        const QList<VaultItem> items = ItemExport::itemsOf(filter);
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.at(0).name, u"a-keep"_s);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"list.json"_s);
        QCOMPARE(ItemExport::formatForPath(path), ItemExport::Format::Json);
        QCOMPARE(ItemExport::formatForPath(u"x.CSV"_s), ItemExport::Format::Csv);
        QVERIFY(ItemExport::write(path, ItemExport::Format::Json, items));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(file.readAll()).array().size(), 2);
        QString error;
        QVERIFY(!ItemExport::write(dir.filePath(u"missing/dir/x.csv"_s), ItemExport::Format::Csv,
                                   items, &error));
        QVERIFY(error.contains(u"missing"_s));
    }

    /// Not a timed test: prints what a keystroke costs over 100,000 rows and
    /// what a row costs in memory, for docs/PERFORMANCE.md.
    void keystrokeOver100000Rows()
    {
        VaultItemModel model(VaultItemKind::Secret);
#if defined(__GLIBC__)
        const size_t before = mallinfo2().uordblks + mallinfo2().hblkhd;
#endif
        model.setItems(synthetic(100000));
#if defined(__GLIBC__)
        // The list the rows came from is gone: what remains is the model's.
        const size_t after = mallinfo2().uordblks + mallinfo2().hblkhd;
        qInfo("memory: about %lld bytes a row", qint64(after - before) / 100000);
#endif
        VaultItemFilter filter;
        filter.setSourceModel(&model);
        const QString typed = u"app-42-secret-0"_s;
        qint64 worst = 0;
        qint64 total = 0;
        int strokes = 0;
        QElapsedTimer timer;
        auto stroke = [&](const QString &text) {
            timer.start();
            filter.setFilterText(text);
            const qint64 ns = timer.nsecsElapsed();
            worst = std::max(worst, ns);
            total += ns;
            ++strokes;
        };
        for (int i = 1; i <= typed.size(); ++i)
            stroke(typed.left(i));
        for (int i = typed.size() - 1; i >= 0; --i)
            stroke(typed.left(i));
        stroke(u"production"_s);
        stroke(u"json"_s);
        stroke(QString());
        qInfo("filter over 100000 rows: %d keystrokes, mean %.2f ms, worst %.2f ms", strokes,
              double(total) / strokes / 1e6, double(worst) / 1e6);
        timer.start();
        filter.sort(VaultItemModel::ExpiresColumn);
        qInfo("sort by expiry over 100000 rows: %.1f ms", double(timer.nsecsElapsed()) / 1e6);
        stroke(u"a"_s);
        qInfo("a first keystroke on sorted rows: %.2f ms", double(timer.nsecsElapsed()) / 1e6);
        QCOMPARE(filter.rowCount(), 100000);
    }
};

QTEST_MAIN(tst_VaultItemFilter)
#include "tst_vaultitemfilter.moc"
