// SPDX-License-Identifier: GPL-3.0-or-later
#include "graph/GraphQuery.h"

#include <QTest>

using namespace Qt::StringLiterals;
namespace GraphQuery = vl::graph::GraphQuery;

/// The query strings and id batches GraphClient builds.
class TestGraphQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsWith_data();
    void startsWith();
    void equals();
    void searchClause_data();
    void searchClause();
    void isObjectId_data();
    void isObjectId();
    void distinctIds_data();
    void distinctIds();
    void batches_data();
    void batches();
};

void TestGraphQuery::startsWith_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("filter");
    QTest::newRow("plain") << u"ali"_s << u"startswith(displayName,'ali')"_s;
    QTest::newRow("a quote is written twice")
        << u"Orla O'N"_s << u"startswith(displayName,'Orla O''N')"_s;
    QTest::newRow("two quotes") << u"''"_s << u"startswith(displayName,'''''')"_s;
    QTest::newRow("spaces kept") << u" a b "_s << u"startswith(displayName,' a b ')"_s;
    QTest::newRow("url characters are left to the encoder")
        << u"a&b=c#d+e"_s << u"startswith(displayName,'a&b=c#d+e')"_s;
    QTest::newRow("empty") << QString() << u"startswith(displayName,'')"_s;
}

void TestGraphQuery::startsWith()
{
    QFETCH(QString, prefix);
    QFETCH(QString, filter);
    QCOMPARE(GraphQuery::startsWith(u"displayName"_s, prefix), filter);
}

void TestGraphQuery::equals()
{
    QCOMPARE(GraphQuery::equals(u"appId"_s, u"4e4e"_s), u"appId eq '4e4e'"_s);
    QCOMPARE(GraphQuery::equals(u"appId"_s, u"O'N"_s), u"appId eq 'O''N'"_s);
}

void TestGraphQuery::searchClause_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("clause");
    QTest::newRow("a word") << u"pipe"_s << u"\"displayName:pipe\""_s;
    QTest::newRow("two words") << u"Erin E"_s << u"\"displayName:Erin E\""_s;
    QTest::newRow("a double quote would end the clause")
        << u"say \"hi\""_s << u"\"displayName:say hi\""_s;
    QTest::newRow("a backslash would escape") << u"a\\b"_s << u"\"displayName:a b\""_s;
    QTest::newRow("spaces trimmed and joined") << u"  a   b "_s << u"\"displayName:a b\""_s;
    QTest::newRow("a single quote is fine") << u"O'Neil"_s << u"\"displayName:O'Neil\""_s;
}

void TestGraphQuery::searchClause()
{
    QFETCH(QString, text);
    QFETCH(QString, clause);
    QCOMPARE(GraphQuery::searchClause(u"displayName"_s, text), clause);
}

void TestGraphQuery::isObjectId_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");
    QTest::newRow("lower case") << u"84b80893-8749-40a3-97b7-68513b600544"_s << true;
    QTest::newRow("upper case") << u"84B80893-8749-40A3-97B7-68513B600544"_s << true;
    QTest::newRow("all zero") << u"00000000-0000-0000-0000-000000000000"_s << true;
    QTest::newRow("braces") << u"{84b80893-8749-40a3-97b7-68513b600544}"_s << false;
    QTest::newRow("documentation's malformed id")
        << u"84b80893874940a3-97b7-68513b600544"_s << false;
    QTest::newRow("not hex") << u"84b80893-8749-40a3-97b7-68513b60054g"_s << false;
    QTest::newRow("too short") << u"84b80893-8749-40a3-97b7-68513b60054"_s << false;
    QTest::newRow("a name") << u"alice@contoso.example"_s << false;
    QTest::newRow("a path") << u"../../me/transitiveMemberOf?x=aaaaaaaaaa"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestGraphQuery::isObjectId()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(GraphQuery::isObjectId(id), valid);
}

void TestGraphQuery::distinctIds_data()
{
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("none") << QStringList{} << QStringList{};
    QTest::newRow("repeats, first spelling kept")
        << QStringList{u"B"_s, u"a"_s, u"b"_s, u"A"_s, u"c"_s}
        << QStringList{u"B"_s, u"a"_s, u"c"_s};
    QTest::newRow("empty strings dropped")
        << QStringList{QString(), u"a"_s, QString()} << QStringList{u"a"_s};
}

void TestGraphQuery::distinctIds()
{
    QFETCH(QStringList, ids);
    QFETCH(QStringList, expected);
    QCOMPARE(GraphQuery::distinctIds(ids), expected);
}

void TestGraphQuery::batches_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("size");
    QTest::addColumn<QList<int>>("sizes");
    QTest::newRow("none") << 0 << 1000 << QList<int>{};
    QTest::newRow("one call") << 1000 << 1000 << QList<int>{1000};
    QTest::newRow("one more than a call") << 1001 << 1000 << QList<int>{1000, 1};
    QTest::newRow("small batches") << 5 << 2 << QList<int>{2, 2, 1};
    QTest::newRow("size 0 is 1") << 2 << 0 << QList<int>{1, 1};
}

void TestGraphQuery::batches()
{
    QFETCH(int, count);
    QFETCH(int, size);
    QFETCH(QList<int>, sizes);
    QStringList ids;
    for (int i = 0; i < count; ++i)
        ids.append(QString::number(i));
    const QList<QStringList> runs = GraphQuery::batches(ids, size);
    QList<int> found;
    QStringList joined;
    for (const QStringList &run : runs) {
        found.append(int(run.size()));
        joined += run;
    }
    QCOMPARE(found, sizes);
    QCOMPARE(joined, ids); // in order, none lost
}

QTEST_GUILESS_MAIN(TestGraphQuery)
#include "tst_graphquery.moc"
