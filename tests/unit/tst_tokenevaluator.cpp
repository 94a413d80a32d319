// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccessFixtures.h"
#include "access/TokenEvaluator.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::access;
using namespace vl::test;

Q_DECLARE_METATYPE(vl::access::TokenFacts)
Q_DECLARE_METATYPE(vl::access::Rule)

class TestTokenEvaluator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluate_data();
    void evaluate();
    void challenge();
};

void TestTokenEvaluator::evaluate_data()
{
    QTest::addColumn<TokenFacts>("token");
    QTest::addColumn<Rule>("rule");
    QTest::addColumn<QString>("message"); // empty: passes

    const TokenFacts good = validToken(Now);
    auto with = [&](auto change) {
        TokenFacts t = good;
        change(t);
        return t;
    };
    QTest::newRow("valid") << good << Rule::TokenValid << QString();
    QTest::newRow("missing") << with([](TokenFacts &t) { t.present = false; }) << Rule::TokenMissing
                             << u"AKV10000: Request is missing a Bearer or PoP token."_s;
    QTest::newRow("garbage")
        << with([](TokenFacts &t) { t.wellFormed = false; }) << Rule::TokenMalformed
        << u"Error validating token: the bearer token is not a well-formed JWT."_s;
    QTest::newRow("tampered")
        << with([](TokenFacts &t) { t.signatureValid = false; }) << Rule::TokenSignatureInvalid
        << u"AKV10046: Unable to resolve the key used for signature validation. EncodedJwtHeader: 'eyJhbGciOiJSUzI1NiJ9'."_s;
    QTest::newRow("expired beyond skew")
        << with([](TokenFacts &t) { t.expiresOn = Now - 301; }) << Rule::TokenExpired
        << u"[TokenExpired] Error validating token: 'S2S12086'."_s;
    QTest::newRow("expired within skew")
        << with([](TokenFacts &t) { t.expiresOn = Now - 299; }) << Rule::TokenValid << QString();
    QTest::newRow("not yet valid") << with([](TokenFacts &t) { t.notBefore = Now + 301; })
                                   << Rule::TokenNotYetValid << u"Token not yet valid"_s;
    QTest::newRow("nbf within skew")
        << with([](TokenFacts &t) { t.notBefore = Now + 299; }) << Rule::TokenValid << QString();
    QTest::newRow("ARM audience")
        << with([](TokenFacts &t) { t.audience = u"https://management.azure.com/"_s; })
        << Rule::TokenAudienceInvalid
        << u"AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://management.azure.com/."_s;
    QTest::newRow("trailing slash audience is refused, as the service does")
        << with([](TokenFacts &t) { t.audience = u"https://vault.azure.net/"_s; })
        << Rule::TokenAudienceInvalid
        << u"AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://vault.azure.net/."_s;
    QTest::newRow("Key Vault app id audience")
        << with([](TokenFacts &t) { t.audience = u"cfa8b339-82a2-471a-a3c9-0fc0be7a4093"_s; })
        << Rule::TokenValid << QString();
    QTest::newRow("other tenant")
        << validToken(Now, OtherTenantId) << Rule::TokenIssuerInvalid
        << u"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/"_s + TenantId
               + u"/, found https://sts.windows.net/"_s + OtherTenantId + u"/."_s;
    QTest::newRow("tenant id case does not matter")
        << validToken(Now, TenantId.toUpper()) << Rule::TokenValid << QString();
    QTest::newRow("audience checked before issuer")
        << with([](TokenFacts &t) {
               t.audience = u"https://graph.microsoft.com"_s;
               t.tenantId = OtherTenantId;
           })
        << Rule::TokenAudienceInvalid
        << u"AKV10022: Invalid audience. Expected https://vault.azure.net, found: https://graph.microsoft.com."_s;
}

void TestTokenEvaluator::evaluate()
{
    QFETCH(TokenFacts, token);
    QFETCH(Rule, rule);
    QFETCH(QString, message);
    const StageResult r = evaluateToken(token, TenantId, u"https://127.0.0.1:8443"_s, Now);
    QCOMPARE(r.verdict.stage, Stage::TokenValidation);
    QCOMPARE(r.verdict.rule, rule);
    if (message.isEmpty()) {
        QCOMPARE(r.verdict.outcome, Outcome::Passed);
        QVERIFY(!r.denial);
        return;
    }
    QCOMPARE(r.verdict.outcome, Outcome::Failed);
    QVERIFY(r.denial);
    QCOMPARE(r.denial->status, 401);
    QCOMPARE(r.denial->code, u"Unauthorized"_s);
    QCOMPARE(r.denial->message, message);
    QCOMPARE(r.denial->wwwAuthenticate, QByteArray("Bearer authorization=\"https://127.0.0.1:8443/")
                                            + TenantId.toUtf8()
                                            + "\", resource=\"https://vault.azure.net\"");
}

void TestTokenEvaluator::challenge()
{
    // No trailing slash after the tenant and exactly ", " between the parameters:
    // the SDKs' parsers depend on both (PROTOCOL.md §9).
    QCOMPARE(keyVaultChallenge(u"https://login.microsoftonline.com/"_s, TenantId),
             QByteArray("Bearer authorization=\"https://login.microsoftonline.com/")
                 + TenantId.toUtf8() + "\", resource=\"https://vault.azure.net\"");
}

QTEST_APPLESS_MAIN(TestTokenEvaluator)
#include "tst_tokenevaluator.moc"
