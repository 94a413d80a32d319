// SPDX-License-Identifier: GPL-3.0-or-later
#include "Presentation.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;

class tst_Presentation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { Presentation::instance().setEnabled(false); }

    void offShowsEverything()
    {
        const Presentation &p = Presentation::instance();
        QVERIFY(!p.isEnabled());
        const QString id = u"72f988bf-86f1-41af-91ab-2d7cd011db47"_s;
        QCOMPARE(p.guid(id), id);
        QCOMPARE(p.tenantName(u"Contoso"_s), u"Contoso"_s);
        QCOMPARE(p.text(QString(u"tenant "_s + id)), QString(u"tenant "_s + id));
    }

    void onMasksGuidsAndNames()
    {
        Presentation &p = Presentation::instance();
        QSignalSpy changed(&p, &Presentation::changed);
        p.setEnabled(true);
        p.setEnabled(true);
        QCOMPARE(changed.size(), 1);
        const QString id = u"72f988bf-86f1-41af-91ab-2d7cd011db47"_s;
        const QString masked = p.guid(id);
        QCOMPARE(masked.size(), id.size());
        QVERIFY(masked.endsWith(u"db47"_s));
        QVERIFY(!masked.contains(u"72f988bf"_s));
        QCOMPARE(masked.count(u'-'), 4);
        QCOMPARE(p.tenantName(u"Contoso"_s).at(0), u'C');
        QVERIFY(!p.tenantName(u"Contoso"_s).contains(u"ontoso"_s));
        const QString text = p.text(
            QString(u"Object "_s + id + u" in tenant 11111111-2222-3333-4444-555555555555."_s));
        QVERIFY(text.startsWith(u"Object "_s));
        QVERIFY(text.endsWith(u"5555."_s));
        QVERIFY(!text.contains(u"72f988bf"_s));
        QVERIFY(!text.contains(u"11111111"_s));
        QVERIFY(!Presentation::maskedValue().isEmpty());
    }

    void shortValues()
    {
        QCOMPARE(Presentation::maskGuid(u"ab"_s).size(), 2);
        QVERIFY(!Presentation::maskGuid(u"ab"_s).contains(u'a'));
        QCOMPARE(Presentation::maskName(QString()), QString());
    }
};

QTEST_GUILESS_MAIN(tst_Presentation)
#include "tst_presentation.moc"
