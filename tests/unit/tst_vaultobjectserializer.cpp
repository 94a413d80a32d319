// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/ObjectSerializer.h"

#include "VaultTestData.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl::vault;
using vl::Page;
namespace data = vl::test::vaultdata;

namespace {

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestVaultObjectSerializer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFixtureHasAKind_data();
    void everyFixtureHasAKind();
    void attributes_data();
    void attributes();
    void attributesRoundTrip_data();
    void attributesRoundTrip();
    void requestAttributes();
    void dates();
    void validity_data();
    void validity();
    void purgeable_data();
    void purgeable();
    void deletion();
    void backupBlob();
    void pageWriting();
};

void TestVaultObjectSerializer::everyFixtureHasAKind_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = data::exampleFiles();
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
    // 20 examples of 7.5, 16 of 7.6.
    QCOMPARE(files.size(), 36);
}

void TestVaultObjectSerializer::everyFixtureHasAKind()
{
    QFETCH(QString, file);
    const QString kind = data::kindOfOperation(data::operationOf(file));
    QVERIFY2(!kind.isEmpty(), qPrintable(u"no serializer test claims "_s + file));
    const QJsonObject responses =
        vl::test::readJsonObject(u"vault/"_s + file).value("responses"_L1).toObject();
    QVERIFY(!responses.isEmpty());
    if (kind == "NoContent"_L1)
        QVERIFY(responses.contains("204"_L1));
}

void TestVaultObjectSerializer::attributes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<std::optional<bool>>("enabled");
    QTest::addColumn<std::optional<qint64>>("nbf");
    QTest::addColumn<std::optional<qint64>>("exp");
    QTest::addColumn<std::optional<qint64>>("created");
    QTest::addColumn<std::optional<int>>("recoverableDays");

    const std::optional<bool> noBool;
    const std::optional<qint64> none;
    const std::optional<int> noInt;
    QTest::newRow("empty") << "{}"_ba << noBool << none << none << none << noInt;
    QTest::newRow("all") << R"({"enabled":false,"nbf":1430344421,"exp":2208988799, )"
                            R"("created":1493938289,"updated":1493938291,"recoverableDays":90})"_ba
                         << std::optional<bool>(false) << std::optional<qint64>(1430344421)
                         << std::optional<qint64>(2208988799) << std::optional<qint64>(1493938289)
                         << std::optional<int>(90);
    QTest::newRow("fractional times truncate")
        << R"({"created":1493937.65,"nbf":-5.5})"_ba << noBool << std::optional<qint64>(-5) << none
        << std::optional<qint64>(1493937) << noInt;
    QTest::newRow("wrong types are absent")
        << R"({"enabled":"true","nbf":"1","exp":null,"created":[1],"recoverableDays":"7"})"_ba
        << noBool << none << none << none << noInt;
    QTest::newRow("out of range is absent")
        << R"({"exp":1e300,"created":-1e300,"recoverableDays":3000000000})"_ba << noBool << none
        << none << none << noInt;
    QTest::newRow("fractional days are absent")
        << R"({"recoverableDays":7.5})"_ba << noBool << none << none << none << noInt;
}

void TestVaultObjectSerializer::attributes()
{
    QFETCH(QByteArray, json);
    QFETCH(std::optional<bool>, enabled);
    QFETCH(std::optional<qint64>, nbf);
    QFETCH(std::optional<qint64>, exp);
    QFETCH(std::optional<qint64>, created);
    QFETCH(std::optional<int>, recoverableDays);

    const ObjectAttributes a = ObjectSerializer::attributesFromJson(parse(json));
    QCOMPARE(a.enabled, enabled);
    QCOMPARE(a.notBefore, nbf);
    QCOMPARE(a.expires, exp);
    QCOMPARE(a.created, created);
    QCOMPARE(a.recoverableDays, recoverableDays);
    // Modelled members never linger in `extra`, whatever their type.
    for (const char *key : {"enabled", "nbf", "exp", "created", "updated", "recoverableDays"})
        QVERIFY(!a.extra.contains(QLatin1StringView(key)));
    QCOMPARE(ObjectSerializer::attributesFromJson(ObjectSerializer::toJson(a)), a);
}

void TestVaultObjectSerializer::attributesRoundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("secret") << R"({"enabled":true,"created":1493938410,"updated":1493938410, )"
                               R"("recoveryLevel":"Recoverable+Purgeable"})"_ba;
    QTest::newRow("recording")
        << R"({"enabled":true,"created":1665617956,"updated":1665617956, )"
           R"("recoveryLevel":"CustomizedRecoverable+Purgeable","recoverableDays":7})"_ba;
    QTest::newRow("key") << R"({"enabled":true,"exportable":false,"hsmPlatform":"2", )"
                            R"("recoveryLevel":"Recoverable"})"_ba;
    QTest::newRow("unknown member") << R"({"enabled":true,"attestation":{"x":1}})"_ba;
}

void TestVaultObjectSerializer::attributesRoundTrip()
{
    QFETCH(QByteArray, json);
    const QJsonObject o = parse(json);
    QVERIFY(!o.isEmpty());
    QCOMPARE(ObjectSerializer::toJson(ObjectSerializer::attributesFromJson(o)), o);
}

void TestVaultObjectSerializer::requestAttributes()
{
    const ObjectAttributes a = ObjectSerializer::attributesFromJson(parse(
        R"({"enabled":true,"nbf":1,"exp":2,"created":3,"updated":4,"recoveryLevel":"Recoverable", )"
        R"("recoverableDays":90,"exportable":true,"hsmPlatform":"2","other":1})"_ba));
    QCOMPARE(ObjectSerializer::toRequestJson(a),
             (QJsonObject{{u"enabled"_s, true}, {u"nbf"_s, 1}, {u"exp"_s, 2}}));
    QCOMPARE(
        ObjectSerializer::toRequestJson(a, true),
        (QJsonObject{{u"enabled"_s, true}, {u"nbf"_s, 1}, {u"exp"_s, 2}, {u"exportable"_s, true}}));
    QCOMPARE(ObjectSerializer::toRequestJson(ObjectAttributes{}), QJsonObject());
}

void TestVaultObjectSerializer::dates()
{
    const QDateTime t = dateTimeFromSeconds(1493938410);
    QVERIFY(t.isValid());
    QCOMPARE(t.timeSpec(), Qt::UTC);
    QCOMPARE(t.toString(Qt::ISODate), u"2017-05-04T22:53:30Z"_s);
    QCOMPARE(secondsFromDateTime(t), std::optional<qint64>(1493938410));
    QVERIFY(!dateTimeFromSeconds(std::nullopt).isValid());
    QCOMPARE(secondsFromDateTime(QDateTime()), std::optional<qint64>());
}

void TestVaultObjectSerializer::validity_data()
{
    QTest::addColumn<std::optional<qint64>>("nbf");
    QTest::addColumn<std::optional<qint64>>("exp");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<bool>("outside");
    const std::optional<qint64> none;
    QTest::newRow("no dates") << none << none << qint64(100) << false;
    QTest::newRow("before nbf") << std::optional<qint64>(200) << none << qint64(100) << true;
    QTest::newRow("at nbf") << std::optional<qint64>(100) << none << qint64(100) << false;
    QTest::newRow("before exp") << none << std::optional<qint64>(200) << qint64(199) << false;
    QTest::newRow("at exp") << none << std::optional<qint64>(200) << qint64(200) << true;
}

void TestVaultObjectSerializer::validity()
{
    QFETCH(std::optional<qint64>, nbf);
    QFETCH(std::optional<qint64>, exp);
    QFETCH(qint64, now);
    QFETCH(bool, outside);
    ObjectAttributes a;
    a.notBefore = nbf;
    a.expires = exp;
    QCOMPARE(a.isOutsideValidity(dateTimeFromSeconds(now)), outside);
}

void TestVaultObjectSerializer::purgeable_data()
{
    QTest::addColumn<QString>("level");
    QTest::addColumn<bool>("purgeable");
    QTest::newRow("Purgeable") << u"Purgeable"_s << true;
    QTest::newRow("Recoverable+Purgeable") << u"Recoverable+Purgeable"_s << true;
    QTest::newRow("Recoverable") << u"Recoverable"_s << false;
    QTest::newRow("protected") << u"Recoverable+ProtectedSubscription"_s << false;
    QTest::newRow("customized purgeable") << u"CustomizedRecoverable+Purgeable"_s << true;
    QTest::newRow("customized") << u"CustomizedRecoverable"_s << false;
}

void TestVaultObjectSerializer::purgeable()
{
    QFETCH(QString, level);
    QFETCH(bool, purgeable);
    ObjectAttributes a;
    a.recoveryLevel = level;
    QCOMPARE(a.isPurgeable(), purgeable);
    QVERIFY(!ObjectAttributes{}.isPurgeable());
}

void TestVaultObjectSerializer::deletion()
{
    const QJsonObject o =
        parse(R"({"recoveryId":"https://myvault.vault.azure.net/deletedsecrets/s", )"
              R"("deletedDate":1493938433,"scheduledPurgeDate":1501714433.9,"id":"x"})"_ba);
    const DeletionInfo d = ObjectSerializer::deletionFromJson(o);
    QCOMPARE(d.recoveryId,
             std::optional<QString>(u"https://myvault.vault.azure.net/deletedsecrets/s"_s));
    QCOMPARE(d.deletedDate, std::optional<qint64>(1493938433));
    QCOMPARE(d.scheduledPurgeDate, std::optional<qint64>(1501714433));
    QJsonObject written;
    ObjectSerializer::insertDeletion(written, d);
    QCOMPARE(written.size(), 3);
    QCOMPARE(ObjectSerializer::deletionFromJson(written), d);
    QJsonObject none;
    ObjectSerializer::insertDeletion(none, DeletionInfo{});
    QVERIFY(none.isEmpty());
}

void TestVaultObjectSerializer::backupBlob()
{
    const QByteArray bytes("\x00\x01\xfe\xff backup", 11);
    const BackupBlob blob = BackupBlob::fromBytes(bytes);
    QVERIFY(!blob.value.contains('+') && !blob.value.contains('/') && !blob.value.contains('='));
    QCOMPARE(blob.bytes(), bytes);
    QCOMPARE(ObjectSerializer::toJson(blob), (QJsonObject{{u"value"_s, u"AAH-_yBiYWNrdXA"_s}}));
    QCOMPARE(ObjectSerializer::backupFromJson(ObjectSerializer::toJson(blob)), blob);
}

void TestVaultObjectSerializer::pageWriting()
{
    Page<int> page;
    page.items = {1, 2};
    auto write = [](int i) {
        return QJsonObject{{u"n"_s, i}};
    };
    QCOMPARE(ObjectSerializer::pageToJson(page, write),
             parse(R"({"value":[{"n":1},{"n":2}],"nextLink":null})"_ba));
    page.nextLink = QUrl(u"https://v.vault.azure.net:443/keys?api-version=7.6&$skiptoken=eyJ9"_s);
    QCOMPARE(ObjectSerializer::pageToJson(page, write).value("nextLink"_L1).toString(),
             u"https://v.vault.azure.net:443/keys?api-version=7.6&$skiptoken=eyJ9"_s);
    const auto read = ObjectSerializer::pageFromJson<int>(
        ObjectSerializer::pageToJson(page, write),
        [](const QJsonObject &o) { return o.value("n"_L1).toInt(); });
    QCOMPARE(read.items, page.items);
    QCOMPARE(read.nextLink, page.nextLink);
}

QTEST_GUILESS_MAIN(TestVaultObjectSerializer)
#include "tst_vaultobjectserializer.moc"
