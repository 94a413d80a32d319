// SPDX-License-Identifier: GPL-3.0-or-later
// A session's journal, made of real exchanges with the sandbox (sign-ins, a
// service principal's client secret, secret values read and written, a
// firewall and an access policy denial), exported as HAR: not one byte of a
// token, a refresh token, the client secret or a secret value is in it, and
// it imports back to the same flows, stage by stage.
#include "SessionFixture.h"
#include "journal/FlowExplainer.h"
#include "journal/Har.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

const QString VaultScope = u"https://vault.azure.net/.default"_s;
const QString ArmScope = u"https://management.azure.com/.default"_s;

QList<RequestRecord> exchangeOf(const QList<RequestRecord> &records, const RequestRecord &r)
{
    QList<RequestRecord> out;
    for (const RequestRecord &other : records)
        if (!r.clientRequestId.isEmpty() && other.clientRequestId == r.clientRequestId)
            out.append(other);
    return out;
}

QList<FlowOutcome> outcomes(const FlowExplanation &e)
{
    QList<FlowOutcome> out;
    for (const FlowStep &s : e.steps)
        out.append(s.outcome);
    return out;
}

QString failedStage(const FlowExplanation &e)
{
    const FlowStep *failed = e.failedStep();
    return failed ? flowStageId(failed->stage) : QString();
}

/// The forms a credential may take in a document: raw, percent-encoded, JSON-escaped.
QByteArrayList formsOf(const QByteArray &secret)
{
    QByteArrayList forms{secret, QUrl::toPercentEncoding(QString::fromUtf8(secret))};
    QByteArray escaped =
        QJsonDocument(QJsonArray{QString::fromUtf8(secret)}).toJson(QJsonDocument::Compact);
    forms.append(escaped.mid(2, escaped.size() - 4));
    return forms;
}

} // namespace

class tst_HarSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exportHoldsNoSecretAndImportsTheSameFlows()
    {
        SessionFixture f;
        QVERIFY2(f.isRunning(), qPrintable(f.sandbox().startError()));
        Session &session = f.session();
        QByteArrayList secrets; // every string that must not be in the archive

        // Alice signs in through the browser, lists and reads a secret, lists subscriptions.
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        auto dev = session.vault(alice->id, {}, f.vaultUri(u"kv-contoso-dev"_s));
        QVERIFY(dev.has_value());
        QVERIFY(ClientFixture::await(dev->listSecrets()).ok());
        const auto devSecret = ClientFixture::await(dev->getSecret(u"dev-database-password"_s));
        QVERIFY2(devSecret.ok(), qPrintable(devSecret.error().summary()));
        QVERIFY(devSecret->value.has_value());
        secrets.append(devSecret->value->toUtf8());
        auto arm = session.arm(alice->id);
        QVERIFY(arm.has_value());
        QVERIFY(ClientFixture::await(arm->listSubscriptions()).ok());

        // The automation service principal (client secret) writes and reads a secret value.
        const Result<Account> app = f.addAutomation();
        QVERIFY2(app.ok(), qPrintable(app.error().summary()));
        auto prodApp = session.vault(app->id, {}, f.vaultUri(u"kv-contoso-prod"_s));
        QVERIFY(prodApp.has_value());
        vault::SecretSetParameters set;
        set.value = u"har-roundtrip-secret-value-5c2e9f"_s;
        QVERIFY(ClientFixture::await(prodApp->setSecret(u"har-roundtrip"_s, set)).ok());
        secrets.append(set.value.toUtf8());
        const auto prodSecret =
            ClientFixture::await(prodApp->getSecret(u"sql-connection-string"_s));
        QVERIFY2(prodSecret.ok(), qPrintable(prodSecret.error().summary()));
        secrets.append(prodSecret->value.value_or(QString()).toUtf8());
        const QJsonObject principal =
            f.sandbox().config().value("servicePrincipals"_L1).toArray().first().toObject();
        secrets.append(principal.value("clientSecret"_L1).toString().toUtf8());

        // Erin's read is refused by the vault's access policies.
        const Result<Account> erin = f.signIn(u"erin@contoso.example"_s);
        QVERIFY2(erin.ok(), qPrintable(erin.error().summary()));
        auto prodErin = session.vault(erin->id, {}, f.vaultUri(u"kv-contoso-prod"_s));
        QVERIFY(prodErin.has_value());
        const auto refused = ClientFixture::await(prodErin->getSecret(u"sql-connection-string"_s));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, AzureError::Kind::Policy);

        // From another address, the production vault's firewall refuses Alice.
        f.sandbox().sandbox().state().clientAddress = u"192.0.2.77"_s;
        auto prodAlice = session.vault(alice->id, {}, f.vaultUri(u"kv-contoso-prod"_s));
        QVERIFY(prodAlice.has_value());
        const auto blocked = ClientFixture::await(prodAlice->listSecrets());
        QVERIFY(!blocked.ok());
        QCOMPARE(blocked.error().kind, AzureError::Kind::Firewall);

        // Every access token the accounts hold (the ones that travelled, from the cache),
        // every refresh token the sandbox issued and everything in the keychain.
        QList<QByteArray> tokens;
        for (const Result<Account> *account : {&alice, &app, &erin}) {
            for (const QString &scope : {VaultScope, ArmScope}) {
                TokenRequestContext request;
                request.scopes = {scope};
                const auto token = ClientFixture::await(
                    session.accounts().credential((*account)->id)->getToken(request));
                QVERIFY2(token.ok(), qPrintable(token.error().summary()));
                QVERIFY(token->token.startsWith("eyJ"));
                tokens.append(token->token);
            }
        }
        QCOMPARE(tokens.size(), 6);
        for (const QByteArray &token : std::as_const(tokens)) {
            secrets.append(token);
            for (const QByteArray &part : token.split('.'))
                secrets.append(part);
        }
        const auto refreshTokens = f.sandbox().sandbox().state().refreshTokens.keys();
        QVERIFY(refreshTokens.size() >= 2);
        for (const QString &refresh : refreshTokens)
            secrets.append(refresh.toUtf8());
        QVERIFY(!f.secrets().entries.isEmpty());
        for (const QByteArray &stored : std::as_const(f.secrets().entries))
            secrets.append(stored);

        const QList<RequestRecord> records = session.journal().records();
        QVERIFY(records.size() >= 10);
        const QByteArray text =
            QJsonDocument(har::exportHar(records, u"test"_s)).toJson(QJsonDocument::Indented);
        const QByteArray compact =
            QJsonDocument(har::exportHar(records, u"test"_s)).toJson(QJsonDocument::Compact);
        QVERIFY(!text.contains("eyJ")); // no JWT at all
        QVERIFY(!compact.contains("eyJ"));
        int checked = 0;
        for (const QByteArray &secret : std::as_const(secrets)) {
            if (secret.size() < 6)
                continue;
            for (const QByteArray &form : formsOf(secret)) {
                QVERIFY2(!text.contains(form), form.left(12).constData());
                QVERIFY2(!compact.contains(form), form.left(12).constData());
                ++checked;
            }
        }
        QVERIFY(checked > 30);

        // Back from the archive: the same records, explained the same way.
        const Result<QList<RequestRecord>> imported = har::importHar(text);
        QVERIFY2(imported.ok(), qPrintable(imported.error().message));
        QCOMPARE(imported->size(), records.size());
        const FlowExplainer explainer;
        QStringList failures;
        int challenges = 0;
        for (qsizetype i = 0; i < records.size(); ++i) {
            const RequestRecord &a = records.at(i);
            const RequestRecord &b = imported->at(i);
            QCOMPARE(b.service, a.service);
            QCOMPARE(b.status, a.status);
            QCOMPARE(b.clientRequestId, a.clientRequestId);
            const FlowExplanation ea =
                explainer.explain(a, session.journal().exchange(a.clientRequestId));
            const FlowExplanation eb = explainer.explain(b, exchangeOf(*imported, b));
            QCOMPARE(outcomes(eb), outcomes(ea));
            QCOMPARE(failedStage(eb), failedStage(ea));
            QCOMPARE(eb.remedy().kind, ea.remedy().kind);
            QCOMPARE(eb.remedy().address, ea.remedy().address);
            QCOMPARE(eb.remedy().permission, ea.remedy().permission);
            for (qsizetype s = 0; s < ea.steps.size(); ++s)
                QCOMPARE(eb.steps.at(s).summary, ea.steps.at(s).summary);
            if (!failedStage(ea).isEmpty())
                failures.append(failedStage(ea));
            if (a.status == 401 && !a.token)
                ++challenges;
        }
        QVERIFY2(failures.contains(u"firewall"_s), qPrintable(failures.join(u' ')));
        QVERIFY2(failures.contains(u"authorization"_s), qPrintable(failures.join(u' ')));
        QVERIFY(challenges > 0);

        // Without the parsed errors, read again from the kept answers: the same verdicts.
        QJsonObject har = QJsonDocument::fromJson(text).object();
        QJsonObject log = har.value("log"_L1).toObject();
        QJsonArray entries = log.value("entries"_L1).toArray();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            QJsonObject entry = entries.at(i).toObject();
            QJsonObject context = entry.value("_vaultlens"_L1).toObject();
            context.remove("error"_L1);
            entry.insert("_vaultlens"_L1, context);
            entries.replace(i, entry);
        }
        log.insert("entries"_L1, entries);
        har.insert("log"_L1, log);
        const auto reparsed = har::importHar(QJsonDocument(har).toJson());
        QVERIFY2(reparsed.ok(), qPrintable(reparsed.error().message));
        QCOMPARE(reparsed->size(), records.size());
        for (qsizetype i = 0; i < records.size(); ++i) {
            const RequestRecord &a = records.at(i);
            const RequestRecord &b = reparsed->at(i);
            QCOMPARE(b.error.kind, a.error.kind);
            const FlowExplanation ea =
                explainer.explain(a, session.journal().exchange(a.clientRequestId));
            const FlowExplanation eb = explainer.explain(b, exchangeOf(*reparsed, b));
            QCOMPARE(outcomes(eb), outcomes(ea));
            QCOMPARE(failedStage(eb), failedStage(ea));
        }
        qInfo("%d records, %d secret forms searched for, failed stages: %s", int(records.size()),
              checked, qPrintable(failures.join(u' ')));
    }
};

QTEST_MAIN(tst_HarSession)
#include "tst_harsession.moc"
