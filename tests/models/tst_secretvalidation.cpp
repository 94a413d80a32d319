// SPDX-License-Identifier: GPL-3.0-or-later
// The service's rules for a secret, one message per field.
#include "SecretValidation.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

class tst_SecretValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ok");
        QTest::newRow("simple") << u"db-password"_s << true;
        QTest::newRow("digits") << u"0123"_s << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("underscore") << u"db_password"_s << false;
        QTest::newRow("space") << u"db password"_s << false;
        QTest::newRow("non-ascii") << u"caf\u00e9"_s << false;
        QTest::newRow("127") << QString(127, u'a') << true;
        QTest::newRow("128") << QString(128, u'a') << false;
    }
    void names()
    {
        QFETCH(QString, name);
        QFETCH(bool, ok);
        QCOMPARE(SecretValidation::name(name).isEmpty(), ok);
    }

    void invalidCharacterIsNamed()
    {
        QVERIFY(SecretValidation::name(u"db_password"_s).contains(u"'_'"_s));
    }

    void values_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("ok");
        QTest::newRow("short") << u"x"_s << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("limit") << QString(25600, u'a') << true;
        QTest::newRow("over") << QString(25601, u'a') << false;
        // 12,801 two-byte characters are 25,602 bytes of UTF-8.
        QTest::newRow("utf8 over") << QString(12801, QChar(0x00e9)) << false;
        QTest::newRow("utf8 under") << QString(12800, QChar(0x00e9)) << true;
    }
    void values()
    {
        QFETCH(QString, value);
        QFETCH(bool, ok);
        QCOMPARE(SecretValidation::value(value).isEmpty(), ok);
    }

    void tags_data()
    {
        QTest::addColumn<QList<TagRow>>("rows");
        QTest::addColumn<bool>("ok");
        QTest::newRow("none") << QList<TagRow>{} << true;
        QTest::newRow("one") << QList<TagRow>{{u"env"_s, u"dev"_s}} << true;
        QTest::newRow("blank name") << QList<TagRow>{{u" "_s, u"dev"_s}} << false;
        QTest::newRow("duplicate")
            << QList<TagRow>{{u"env"_s, u"dev"_s}, {u"env"_s, u"prod"_s}} << false;
        QTest::newRow("long name") << QList<TagRow>{{QString(513, u'n'), u"v"_s}} << false;
        QTest::newRow("name 512") << QList<TagRow>{{QString(512, u'n'), u"v"_s}} << true;
        QTest::newRow("long value") << QList<TagRow>{{u"n"_s, QString(257, u'v')}} << false;
        QList<TagRow> fifteen, sixteen;
        for (int i = 0; i < 16; ++i)
            (i < 15 ? fifteen : sixteen).append({u"t%1"_s.arg(i), u"v"_s});
        sixteen = fifteen + sixteen;
        QTest::newRow("15") << fifteen << true;
        QTest::newRow("16") << sixteen << false;
    }
    void tags()
    {
        QFETCH(QList<TagRow>, rows);
        QFETCH(bool, ok);
        QCOMPARE(SecretValidation::tags(rows).isEmpty(), ok);
    }

    void datesAndContentType()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(SecretValidation::dates(now, now.addDays(1)).isEmpty());
        QVERIFY(SecretValidation::dates({}, now).isEmpty());
        QVERIFY(SecretValidation::dates(now, {}).isEmpty());
        QVERIFY(!SecretValidation::dates(now.addDays(1), now).isEmpty());
        QVERIFY(SecretValidation::contentType(QString(255, u'c')).isEmpty());
        QVERIFY(!SecretValidation::contentType(QString(256, u'c')).isEmpty());
    }

    void checkCollectsEveryField()
    {
        SecretDraft draft;
        draft.name = u"bad name"_s;
        draft.value = u"v"_s;
        auto m = SecretValidation::check(draft);
        QVERIFY(!m.ok());
        QVERIFY(!m.name.isEmpty());
        QVERIFY(m.value.isEmpty());
        draft.name = u"good-name"_s;
        QVERIFY(SecretValidation::check(draft).ok());
        draft.value.clear();
        QVERIFY(!SecretValidation::check(draft).ok());
        QVERIFY(SecretValidation::checkProperties(draft).ok());
    }
};

QTEST_GUILESS_MAIN(tst_SecretValidation)
#include "tst_secretvalidation.moc"
