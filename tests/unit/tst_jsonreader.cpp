// SPDX-License-Identifier: GPL-3.0-or-later
#include "arm/JsonReader.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using vl::arm::JsonReader;

namespace {

QJsonObject parseObject(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

/// What reading member "m" as @p kind gives, as JSON (null when nothing was taken).
QJsonValue take(JsonReader &r, const QString &kind)
{
    const auto key = "m"_L1;
    if (kind == "string"_L1) {
        const QString s = r.string(key);
        return s.isEmpty() ? QJsonValue() : QJsonValue(s);
    }
    if (kind == "optionalString"_L1) {
        const auto v = r.optionalString(key);
        return v ? QJsonValue(*v) : QJsonValue();
    }
    if (kind == "bool"_L1) {
        const auto v = r.optionalBool(key);
        return v ? QJsonValue(*v) : QJsonValue();
    }
    if (kind == "int"_L1) {
        const auto v = r.optionalInt(key);
        return v ? QJsonValue(*v) : QJsonValue();
    }
    if (kind == "int64"_L1) {
        const auto v = r.optionalInt64(key);
        return v ? QJsonValue(*v) : QJsonValue();
    }
    if (kind == "stringList"_L1) {
        const auto v = r.optionalStringList(key);
        return v ? QJsonValue(QJsonArray::fromStringList(*v)) : QJsonValue();
    }
    if (kind == "stringMap"_L1) {
        const auto v = r.optionalStringMap(key);
        if (!v)
            return QJsonValue();
        QJsonObject o;
        for (auto it = v->begin(); it != v->end(); ++it)
            o.insert(it.key(), it.value());
        return o;
    }
    if (kind == "object"_L1) {
        const auto v = r.optionalObject(key);
        return v ? QJsonValue(*v) : QJsonValue();
    }
    const auto v = r.optionalObjects(key);
    if (!v)
        return QJsonValue();
    QJsonArray array;
    for (const QJsonObject &o : *v)
        array.append(o);
    return array;
}

} // namespace

class TestJsonReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void takesOnlyExactTypes_data();
    void takesOnlyExactTypes();
    void overlayReplacesTypedMembers();
    void writersSkipEmptyValues();
};

void TestJsonReader::takesOnlyExactTypes_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("taken");

    QTest::newRow("string") << u"string"_s << R"({"m":"a"})"_ba << true;
    QTest::newRow("string, empty stays") << u"string"_s << R"({"m":""})"_ba << false;
    QTest::newRow("string, number stays") << u"string"_s << R"({"m":1})"_ba << false;
    QTest::newRow("string, missing") << u"string"_s << R"({})"_ba << false;
    QTest::newRow("optionalString, empty") << u"optionalString"_s << R"({"m":""})"_ba << true;
    QTest::newRow("optionalString, null stays")
        << u"optionalString"_s << R"({"m":null})"_ba << false;
    QTest::newRow("bool") << u"bool"_s << R"({"m":false})"_ba << true;
    QTest::newRow("bool, string stays") << u"bool"_s << R"({"m":"true"})"_ba << false;
    QTest::newRow("int") << u"int"_s << R"({"m":-90})"_ba << true;
    QTest::newRow("int, fraction stays") << u"int"_s << R"({"m":1.5})"_ba << false;
    QTest::newRow("int, too large stays") << u"int"_s << R"({"m":3000000000})"_ba << false;
    QTest::newRow("int64") << u"int64"_s << R"({"m":3000000000})"_ba << true;
    QTest::newRow("int64, beyond 2^53 stays") << u"int64"_s << R"({"m":1e300})"_ba << false;
    QTest::newRow("stringList") << u"stringList"_s << R"({"m":["a","b"]})"_ba << true;
    QTest::newRow("stringList, empty") << u"stringList"_s << R"({"m":[]})"_ba << true;
    QTest::newRow("stringList, mixed stays") << u"stringList"_s << R"({"m":["a",2]})"_ba << false;
    QTest::newRow("stringMap") << u"stringMap"_s << R"({"m":{"k":"v"}})"_ba << true;
    QTest::newRow("stringMap, number value stays")
        << u"stringMap"_s << R"({"m":{"k":1}})"_ba << false;
    QTest::newRow("object") << u"object"_s << R"({"m":{"k":[1]}})"_ba << true;
    QTest::newRow("object, empty") << u"object"_s << R"({"m":{}})"_ba << true;
    QTest::newRow("object, array stays") << u"object"_s << R"({"m":[]})"_ba << false;
    QTest::newRow("objects") << u"objects"_s << R"({"m":[{"a":1},{}]})"_ba << true;
    QTest::newRow("objects, mixed stays") << u"objects"_s << R"({"m":[{"a":1},2]})"_ba << false;
}

void TestJsonReader::takesOnlyExactTypes()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, json);
    QFETCH(bool, taken);
    const QJsonObject input = parseObject(json);
    JsonReader r(input);
    const QJsonValue value = take(r, kind);
    QCOMPARE(!value.isNull(), taken);
    QCOMPARE(r.rest().contains("m"_L1), input.contains("m"_L1) && !taken);
    if (taken)
        QCOMPARE(value, input.value("m"_L1));
    else
        QCOMPARE(r.rest(), input);
}

void TestJsonReader::overlayReplacesTypedMembers()
{
    QJsonObject o{{u"a"_s, 1}, {u"b"_s, u"typed"_s}};
    vl::arm::JsonWriter::overlay(o, QJsonObject{{u"b"_s, QJsonValue::Null}, {u"c"_s, true}});
    QCOMPARE(o, parseObject(R"({"a":1,"b":null,"c":true})"));
}

void TestJsonReader::writersSkipEmptyValues()
{
    using namespace vl::arm::JsonWriter;
    QJsonObject o;
    insertString(o, "empty"_L1, QString());
    insertString(o, "s"_L1, u"x"_s);
    insertStringList(o, "none"_L1, std::nullopt);
    insertStringList(o, "list"_L1, QStringList{});
    insertStringMap(o, "noMap"_L1, std::nullopt);
    insertStringMap(o, "map"_L1, QMap<QString, QString>{{u"k"_s, u"v"_s}});
    QCOMPARE(o, parseObject(R"({"s":"x","list":[],"map":{"k":"v"}})"));
}

QTEST_GUILESS_MAIN(TestJsonReader)
#include "tst_jsonreader.moc"
