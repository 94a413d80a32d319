// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

/// core/, models/ and sandbox/ never include a QtWidgets header (DESIGN.md, layers).
class TestLayering : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noWidgetsBelowUi_data();
    void noWidgetsBelowUi();
};

void TestLayering::noWidgetsBelowUi_data()
{
    QTest::addColumn<QString>("file");
    int count = 0;
    for (const char *dir : {"core", "models", "sandbox"}) {
        QDirIterator it(QStringLiteral(VAULTLENS_SOURCE_DIR) + u'/' + QLatin1StringView(dir),
                        {u"*.h"_s, u"*.cpp"_s}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QTest::newRow(qPrintable(path.mid(qstrlen(VAULTLENS_SOURCE_DIR) + 1))) << path;
            ++count;
        }
    }
    QVERIFY2(count > 20, "the source tree was not found");
}

void TestLayering::noWidgetsBelowUi()
{
    QFETCH(QString, file);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    static const QRegularExpression widgetInclude(
        uR"(#\s*include\s*[<"](QtWidgets/|QWidget|QMainWindow|QDialog|QApplication|QMessageBox|QTreeView|QTableView|QLabel|QPushButton|QLineEdit)\b)"_s);
    const QString text = QString::fromUtf8(f.readAll());
    const QRegularExpressionMatch m = widgetInclude.match(text);
    QVERIFY2(!m.hasMatch(), qPrintable(u"includes "_s + m.captured(0)));
}

QTEST_APPLESS_MAIN(TestLayering)
#include "tst_layering.moc"
