// SPDX-License-Identifier: GPL-3.0-or-later
#include "journal/RequestJournal.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

namespace {

RequestRecord record(const QString &clientRequestId, int status = 200)
{
    RequestRecord r;
    r.clientRequestId = clientRequestId;
    r.status = status;
    return r;
}

} // namespace

/// RequestJournal: ids, bounded size, exchanges and signals.
class TestRequestJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendAssignsIncreasingIds();
    void findByIdAfterDrops();
    void dropsTheOldestBeyondTheMaximum();
    void shrinkingTheMaximumDrops();
    void exchangeCollectsOneClientRequestId();
    void clearEmptiesAndSignals();
};

void TestRequestJournal::appendAssignsIncreasingIds()
{
    RequestJournal journal;
    QSignalSpy added(&journal, &RequestJournal::recordAdded);
    RequestRecord preset = record(u"a"_s);
    preset.id = 99; // the journal assigns ids, whatever the record says
    QCOMPARE(journal.append(preset), 1u);
    QCOMPARE(journal.append(record(u"b"_s)), 2u);
    QCOMPARE(journal.records().size(), 2);
    QCOMPARE(journal.records().at(0).id, 1u);
    QCOMPARE(added.size(), 2);
    QCOMPARE(added.at(1).at(0).value<RequestRecord>().clientRequestId, u"b"_s);
    QCOMPARE(added.at(1).at(0).value<RequestRecord>().id, 2u);
}

void TestRequestJournal::findByIdAfterDrops()
{
    RequestJournal journal;
    journal.setMaximumSize(3);
    for (int i = 0; i < 5; ++i)
        journal.append(record(QString::number(i)));
    QCOMPARE(journal.find(1), nullptr);
    QCOMPARE(journal.find(2), nullptr);
    QVERIFY(journal.find(3));
    QCOMPARE(journal.find(3)->clientRequestId, u"2"_s);
    QCOMPARE(journal.find(5)->clientRequestId, u"4"_s);
    QCOMPARE(journal.find(6), nullptr);
    QCOMPARE(journal.find(0), nullptr);
}

void TestRequestJournal::dropsTheOldestBeyondTheMaximum()
{
    RequestJournal journal;
    QCOMPARE(journal.maximumSize(), 10000);
    journal.setMaximumSize(2);
    QSignalSpy removed(&journal, &RequestJournal::recordsRemoved);
    QSignalSpy added(&journal, &RequestJournal::recordAdded);
    journal.append(record(u"a"_s));
    journal.append(record(u"b"_s));
    QCOMPARE(removed.size(), 0);
    journal.append(record(u"c"_s));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().first().toInt(), 1);
    QCOMPARE(journal.records().size(), 2);
    QCOMPARE(journal.records().first().clientRequestId, u"b"_s);
    QCOMPARE(journal.records().last().id, 3u);
    QCOMPARE(added.size(), 3);
}

void TestRequestJournal::shrinkingTheMaximumDrops()
{
    RequestJournal journal;
    for (int i = 0; i < 10; ++i)
        journal.append(record(QString::number(i)));
    QSignalSpy removed(&journal, &RequestJournal::recordsRemoved);
    journal.setMaximumSize(4);
    QCOMPARE(journal.records().size(), 4);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().first().toInt(), 6);
    QCOMPARE(journal.records().first().id, 7u);
    journal.setMaximumSize(0); // at least one record is kept
    QCOMPARE(journal.maximumSize(), 1);
    QCOMPARE(journal.records().size(), 1);
    QCOMPARE(journal.records().first().id, 10u);
}

void TestRequestJournal::exchangeCollectsOneClientRequestId()
{
    RequestJournal journal;
    journal.append(record(u"x"_s, 401));
    journal.append(record(u"y"_s));
    journal.append(record(u"x"_s, 200));
    journal.append(record(QString()));
    const QList<RequestRecord> x = journal.exchange(u"x"_s);
    QCOMPARE(x.size(), 2);
    QCOMPARE(x.at(0).status, 401);
    QCOMPARE(x.at(1).status, 200);
    QVERIFY(x.at(0).id < x.at(1).id);
    QCOMPARE(journal.exchange(u"y"_s).size(), 1);
    QVERIFY(journal.exchange(QString()).isEmpty()); // no id: no exchange
    QVERIFY(journal.exchange(u"z"_s).isEmpty());
}

void TestRequestJournal::clearEmptiesAndSignals()
{
    RequestJournal journal;
    journal.append(record(u"a"_s));
    QSignalSpy cleared(&journal, &RequestJournal::cleared);
    journal.clear();
    QCOMPARE(cleared.size(), 1);
    QVERIFY(journal.records().isEmpty());
    // Ids keep growing: a view never confuses a new record with a cleared one.
    QCOMPARE(journal.append(record(u"b"_s)), 2u);
}

QTEST_GUILESS_MAIN(TestRequestJournal)
#include "tst_requestjournal.moc"
