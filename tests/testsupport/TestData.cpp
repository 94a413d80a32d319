// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestData.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

namespace vl::test {

QString testDataPath(const QString &relative)
{
    return qEnvironmentVariable("VAULTLENS_TEST_DATA") + QLatin1Char('/') + relative;
}

QJsonObject readJsonObject(const QString &relative)
{
    QFile file(testDataPath(relative));
    if (!file.open(QIODevice::ReadOnly)) {
        QTest::qFail(qPrintable(QStringLiteral("cannot read test data ") + file.fileName()),
                     __FILE__, __LINE__);
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError)
        QTest::qFail(qPrintable(error.errorString()), __FILE__, __LINE__);
    return doc.object();
}

QJsonObject exampleResponseBody(const QString &relative, const QString &status)
{
    return readJsonObject(relative)
        .value(QLatin1StringView("responses"))
        .toObject()
        .value(status)
        .toObject()
        .value(QLatin1StringView("body"))
        .toObject();
}

} // namespace vl::test
