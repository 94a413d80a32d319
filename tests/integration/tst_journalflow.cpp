// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientFixture.h"
#include "http/ClientCall.h"
#include "journal/FlowExplainer.h"
#include "journal/RequestRecordSerializer.h"
#include "state/Seed.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;

namespace {

const QString VaultScope = u"https://vault.azure.net/.default"_s;
const QString ArmScope = u"https://management.azure.com/.default"_s;

QString letters(const FlowExplanation &e)
{
    QString out;
    for (const FlowStep &s : e.steps)
        out += s.outcome == FlowOutcome::Passed    ? u'P'
               : s.outcome == FlowOutcome::Failed  ? u'F'
               : s.outcome == FlowOutcome::Skipped ? u'S'
                                                   : u'U';
    return out;
}

QString vaultId(ClientFixture &f, const QString &name)
{
    for (const QJsonValue &v : f.sandbox().config().value("vaults"_L1).toArray())
        if (v.toObject().value("name"_L1).toString() == name)
            return v.toObject().value("id"_L1).toString();
    return {};
}

} // namespace

/**
 * Real exchanges with the sandbox, through the app's pipeline: the journal
 * records them redacted, and the flow explainer names the stage that refused
 * and the fix.
 */
class TestJournalFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void accessPolicyDenial();
    void rbacDenial();
    void publicAccessDisabled();
    void notFoundAfterAuthorization();
    void firewallDenial();
    void resourceManagerDenial();
    void journalHoldsNoSecret();

private:
    /// Sends @p request and returns the journal's last record and its exchange.
    std::pair<RequestRecord, QList<RequestRecord>> send(ClientFixture &f, HttpPipeline &pipeline,
                                                        HttpRequest request);

    std::unique_ptr<ClientFixture> m_fixture;
};

void TestJournalFlow::initTestCase()
{
    m_fixture = std::make_unique<ClientFixture>();
    QVERIFY2(m_fixture->isRunning(), qPrintable(m_fixture->sandbox().startError()));
}

std::pair<RequestRecord, QList<RequestRecord>>
TestJournalFlow::send(ClientFixture &f, HttpPipeline &pipeline, HttpRequest request)
{
    const qsizetype before = f.journal().records().size();
    const HttpResponse response = ClientFixture::await(pipeline.send(std::move(request)));
    const QList<RequestRecord> &records = f.journal().records();
    if (records.size() <= before)
        return {};
    const RequestRecord last = records.constLast();
    if (last.status != response.status)
        return {};
    return {last, f.journal().exchange(last.clientRequestId)};
}

void TestJournalFlow::accessPolicyDenial()
{
    auto erin = m_fixture->userPipeline(u"erin@contoso.example"_s);
    const QUrl url =
        m_fixture->sandbox().vaultUrl(u"kv-contoso-prod"_s, u"/secrets/sql-connection-string"_s);
    const auto [record, exchange] = send(
        *m_fixture, *erin, makeRequest("GET", url, Service::KeyVault, VaultScope, u"get secret"_s));
    QCOMPARE(record.status, 403);
    QCOMPARE(record.error.kind, AzureError::Kind::Policy);
    // The first request of a fresh pipeline goes without a token and gets the challenge.
    QCOMPARE(exchange.size(), 2);
    QCOMPARE(exchange.first().status, 401);
    QVERIFY(!exchange.first().token);

    const FlowExplanation e = FlowExplainer().explain(record, exchange);
    QCOMPARE(letters(e), u"PPPPPFU"_s);
    const Remedy r = e.remedy();
    QCOMPARE(r.kind, Remedy::Kind::GrantAccessPolicyPermission);
    QCOMPARE(r.principalId, Erin);
    QCOMPARE(r.permission, u"secrets get"_s);
    QCOMPARE(r.vault, u"kv-contoso-prod"_s);
    QVERIFY(
        !e.step(FlowStage::Firewall)->evidence.filter(u"x-ms-keyvault-network-info"_s).isEmpty());

    // The challenge on its own: answered by the next attempt.
    QCOMPARE(letters(FlowExplainer().explain(exchange.first(), exchange)), u"SPPSSSS"_s);

    // Listing is allowed: every stage passes, the challenge now comes from the cache.
    const auto [listed, listExchange] =
        send(*m_fixture, *erin,
             makeRequest("GET", m_fixture->sandbox().vaultUrl(u"kv-contoso-prod"_s, u"/secrets"_s),
                         Service::KeyVault, VaultScope, u"list secrets"_s));
    QCOMPARE(listed.status, 200);
    QCOMPARE(listExchange.size(), 1);
    QCOMPARE(letters(FlowExplainer().explain(listed, listExchange)), u"PSPPPPP"_s);
}

void TestJournalFlow::rbacDenial()
{
    auto erin = m_fixture->userPipeline(u"erin@contoso.example"_s);
    const QUrl url =
        m_fixture->sandbox().vaultUrl(u"kv-contoso-apps"_s, u"/secrets/payments-api-key"_s);
    const auto [record, exchange] = send(
        *m_fixture, *erin, makeRequest("GET", url, Service::KeyVault, VaultScope, u"get secret"_s));
    QCOMPARE(record.status, 403);
    QCOMPARE(record.error.innerCode, u"ForbiddenByRbac"_s);
    const FlowExplanation e = FlowExplainer().explain(record, exchange);
    QCOMPARE(letters(e), u"PPPPPFU"_s);
    const Remedy r = e.remedy();
    QCOMPARE(r.kind, Remedy::Kind::AssignRole);
    QCOMPARE(r.principalId, Erin);
    QCOMPARE(r.action, u"Microsoft.KeyVault/vaults/secrets/getSecret/action"_s);
    QCOMPARE(r.roleName, u"Key Vault Secrets User"_s);
    QCOMPARE(r.scope, vaultId(*m_fixture, u"kv-contoso-apps"_s).toLower());
}

void TestJournalFlow::publicAccessDisabled()
{
    auto automation = m_fixture->automationPipeline();
    const QUrl url = m_fixture->sandbox().vaultUrl(u"kv-contoso-private"_s, u"/secrets"_s);
    const auto [record, exchange] =
        send(*m_fixture, *automation,
             makeRequest("GET", url, Service::KeyVault, VaultScope, u"list secrets"_s));
    QCOMPARE(record.status, 403);
    const FlowExplanation e = FlowExplainer().explain(record, exchange);
    QCOMPARE(letters(e), u"PPPFUUU"_s);
    QCOMPARE(e.remedy().kind, Remedy::Kind::EnablePublicAccess);
    QCOMPARE(e.remedy().vault, u"kv-contoso-private"_s);
}

void TestJournalFlow::notFoundAfterAuthorization()
{
    auto automation = m_fixture->automationPipeline();
    const QUrl url =
        m_fixture->sandbox().vaultUrl(u"kv-contoso-dev"_s, u"/secrets/no-such-secret"_s);
    const auto [record, exchange] =
        send(*m_fixture, *automation,
             makeRequest("GET", url, Service::KeyVault, VaultScope, u"get secret"_s));
    QCOMPARE(record.status, 404);
    QCOMPARE(record.error.code, u"SecretNotFound"_s);
    QVERIFY(!record.responseBody.isEmpty()); // an error body is kept
    const FlowExplanation e = FlowExplainer().explain(record, exchange);
    QCOMPARE(letters(e), u"PPPPPPF"_s);
    QCOMPARE(e.remedy().kind, Remedy::Kind::None);
}

void TestJournalFlow::firewallDenial()
{
    sandbox::SandboxOptions options;
    options.clientAddress = u"192.0.2.55"_s;
    ClientFixture outside(options);
    QVERIFY2(outside.isRunning(), qPrintable(outside.sandbox().startError()));
    auto dave = outside.userPipeline(u"dave@contoso.example"_s);
    const QUrl url = outside.sandbox().vaultUrl(u"kv-contoso-prod"_s, u"/secrets"_s);
    const auto [record, exchange] = send(
        outside, *dave, makeRequest("GET", url, Service::KeyVault, VaultScope, u"list secrets"_s));
    QCOMPARE(record.status, 403);
    QCOMPARE(record.error.kind, AzureError::Kind::Firewall);
    const FlowExplanation e = FlowExplainer().explain(record, exchange);
    QCOMPARE(letters(e), u"PPPFUUU"_s);
    const Remedy r = e.remedy();
    QCOMPARE(r.kind, Remedy::Kind::AddClientAddress);
    QCOMPARE(r.address, u"192.0.2.55"_s);
    QCOMPARE(r.vault, u"kv-contoso-prod"_s);
    QVERIFY(r.text.contains(u"192.0.2.55"_s));

    // The same denial pasted as text explains the same way, with less evidence.
    const FlowExplanation pasted =
        FlowExplainer().explainText(QString::fromUtf8(record.responseBody));
    QCOMPARE(letters(pasted), u"UUPFUUU"_s);
    QCOMPARE(pasted.remedy().address, u"192.0.2.55"_s);
}

void TestJournalFlow::resourceManagerDenial()
{
    auto erin = m_fixture->userPipeline(u"erin@contoso.example"_s);
    const QString id = vaultId(*m_fixture, u"kv-contoso-prod"_s);
    QVERIFY(!id.isEmpty());
    QUrl url = m_fixture->resourceManager().resolved(QUrl(id.mid(1)));
    url.setQuery(u"api-version=2026-02-01"_s);
    const auto [record, exchange] =
        send(*m_fixture, *erin,
             makeJsonRequest("PATCH", url, Service::ResourceManager, ArmScope, u"update vault"_s,
                             QJsonObject{{u"tags"_s, QJsonObject{{u"owner"_s, u"erin"_s}}}}));
    QCOMPARE(record.status, 403);
    QCOMPARE(record.error.code, u"AuthorizationFailed"_s);
    const FlowExplanation e = FlowExplainer().explain(record, exchange);
    QCOMPARE(letters(e), u"PPFU"_s);
    const Remedy r = e.remedy();
    QCOMPARE(r.kind, Remedy::Kind::AssignRole);
    QCOMPARE(r.principalId, Erin);
    QCOMPARE(r.action, u"Microsoft.KeyVault/vaults/write"_s);
    QCOMPARE(r.roleName, u"Key Vault Contributor"_s);
    QCOMPARE(r.scope.toLower(), id.toLower());
}

void TestJournalFlow::journalHoldsNoSecret()
{
    auto automation = m_fixture->automationPipeline();
    const QString value = u"integration-secret-value-7f3c1a52"_s;
    const QUrl url = m_fixture->sandbox().vaultUrl(u"kv-contoso-dev"_s, u"/secrets/journal-test"_s);
    HttpRequest put = makeJsonRequest("PUT", url, Service::KeyVault, VaultScope, u"set secret"_s,
                                      QJsonObject{{u"value"_s, value}});
    put.context.bodyIsSecret = true;
    QCOMPARE(send(*m_fixture, *automation, put).first.status, 200);
    HttpRequest get = makeRequest("GET", url, Service::KeyVault, VaultScope, u"get secret"_s);
    get.context.bodyIsSecret = true;
    QCOMPARE(send(*m_fixture, *automation, get).first.status, 200);

    const QByteArray token = m_fixture->sandbox().automationToken();
    QVERIFY(!token.isEmpty());
    const QByteArray signature = token.mid(token.lastIndexOf('.') + 1);
    for (const RequestRecord &r : m_fixture->journal().records()) {
        const QByteArray all = QJsonDocument(journaljson::toJson(r)).toJson();
        QVERIFY(!all.contains(value.toUtf8()));
        QVERIFY(!all.contains(signature));
        const QByteArray auth = headerValue(r.requestHeaders, "Authorization");
        QVERIFY(auth.isEmpty() || auth == "REDACTED");
        if (r.isSuccess())
            QVERIFY(r.responseBody.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestJournalFlow)
#include "tst_journalflow.moc"
