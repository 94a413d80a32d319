// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientFixture.h"
#include "FakeClock.h"
#include "http/ClientCall.h"
#include "identity/TokenService.h"
#include "journal/FlowExplainer.h"
#include "state/Seed.h"
#include "util/Future.h"

#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using namespace vl::sandbox::DemoIds;

namespace {

const QString VaultScope = u"https://vault.azure.net/.default"_s;
const QString ArmScope = u"https://management.azure.com/.default"_s;

/// Always answers with the same token, as a credential holding a stale or foreign one would.
class FixedCredential final : public TokenCredential
{
public:
    explicit FixedCredential(QByteArray token)
        : m_token(std::move(token))
    {}
    QString name() const override { return u"fixed token"_s; }
    QFuture<Result<AccessToken>> getToken(const TokenRequestContext &) override
    {
        AccessToken t;
        t.token = m_token;
        t.credential = name();
        t.source = TokenSource::MemoryCache;
        t.expiresOn = QDateTime::currentDateTimeUtc().addSecs(3600);
        return readyFuture(Result<AccessToken>(t));
    }

private:
    QByteArray m_token;
};

struct Provoked
{
    RequestRecord record;
    QList<RequestRecord> exchange;
};

} // namespace

/**
 * Every denial the sandbox produces, provoked through the app's real pipeline:
 * the journaled record explained by FlowExplainer names the failed stage, its
 * evidence and the fix, and the same error pasted as text names the same stage.
 */
class TestSandboxDenials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void denials_data();
    void denials();

private:
    Provoked provoke(const QString &scenario);
    Provoked send(HttpPipeline &pipeline, HttpRequest request);
    /// A token the sandbox signs for @p upn in @p tenant, for @p resource, issued
    /// @p ageSecs ago (an expired one when older than an hour).
    QByteArray forgeToken(const QString &tenant, const QString &upn, const QString &resource,
                          qint64 ageSecs = 0);
    QString vaultId(const QString &name) const;
    QUrl armUrl(const QString &resourceId) const;

    std::unique_ptr<ClientFixture> m_fixture;
};

void TestSandboxDenials::initTestCase()
{
    m_fixture = std::make_unique<ClientFixture>();
    QVERIFY2(m_fixture->isRunning(), qPrintable(m_fixture->sandbox().startError()));
}

void TestSandboxDenials::init()
{
    m_fixture->sandbox().sandbox().state().clientAddress = u"203.0.113.10"_s;
}

QString TestSandboxDenials::vaultId(const QString &name) const
{
    for (const QJsonValue &v : m_fixture->sandbox().config().value("vaults"_L1).toArray())
        if (v.toObject().value("name"_L1).toString() == name)
            return v.toObject().value("id"_L1).toString();
    return {};
}

QUrl TestSandboxDenials::armUrl(const QString &resourceId) const
{
    QUrl url = m_fixture->resourceManager().resolved(QUrl(resourceId.mid(1)));
    url.setQuery(u"api-version=2026-02-01"_s);
    return url;
}

QByteArray TestSandboxDenials::forgeToken(const QString &tenant, const QString &upn,
                                          const QString &resource, qint64 ageSecs)
{
    sandbox::SandboxState &state = m_fixture->sandbox().sandbox().state();
    const sandbox::Tenant *t = state.directory.tenant(tenant);
    const sandbox::Principal *p = state.directory.userByName(upn);
    if (!t || !p)
        return {};
    FakeClock clock(QDateTime::currentDateTimeUtc().addSecs(-ageSecs));
    const sandbox::TokenService tokens(state, clock);
    return tokens.issue(*t, *p, resource, state.publicClientId).accessToken;
}

Provoked TestSandboxDenials::send(HttpPipeline &pipeline, HttpRequest request)
{
    const qsizetype before = m_fixture->journal().records().size();
    const HttpResponse response = ClientFixture::await(pipeline.send(std::move(request)));
    const QList<RequestRecord> &records = m_fixture->journal().records();
    if (records.size() <= before || records.constLast().status != response.status)
        return {};
    const RequestRecord last = records.constLast();
    return {last, m_fixture->journal().exchange(last.clientRequestId)};
}

Provoked TestSandboxDenials::provoke(const QString &scenario)
{
    ClientFixture &f = *m_fixture;
    SandboxFixture &s = f.sandbox();
    const auto vaultGet = [&](const QString &vault, const QString &path) {
        return makeRequest("GET", s.vaultUrl(vault, path), Service::KeyVault, VaultScope, u"get"_s);
    };
    const auto patchVault = [&](const QString &vault) {
        return makeJsonRequest("PATCH", armUrl(vaultId(vault)), Service::ResourceManager, ArmScope,
                               u"update vault"_s,
                               QJsonObject{{u"tags"_s, QJsonObject{{u"owner"_s, u"test"_s}}}});
    };
    const auto fixed = [&](const QByteArray &token) {
        return f.pipelineFor(std::make_shared<FixedCredential>(token));
    };
    const QString alice = u"alice@contoso.example"_s;
    const QString vaultAudience = u"https://vault.azure.net"_s;
    const QString armAudience = u"https://management.azure.com/"_s;

    if (scenario == "firewall"_L1) {
        s.sandbox().state().clientAddress = u"192.0.2.77"_s;
        return send(*f.userPipeline(u"dave@contoso.example"_s),
                    vaultGet(u"kv-contoso-prod"_s, u"/secrets"_s));
    }
    if (scenario == "public access disabled"_L1)
        return send(*f.automationPipeline(), vaultGet(u"kv-contoso-private"_s, u"/secrets"_s));
    if (scenario == "access policy"_L1)
        return send(*f.userPipeline(u"erin@contoso.example"_s),
                    vaultGet(u"kv-contoso-prod"_s, u"/secrets/sql-connection-string"_s));
    if (scenario == "RBAC"_L1)
        return send(*f.userPipeline(u"erin@contoso.example"_s),
                    vaultGet(u"kv-contoso-apps"_s, u"/secrets/payments-api-key"_s));
    if (scenario == "wrong tenant"_L1)
        return send(*fixed(forgeToken(FabrikamTenant, u"carol@fabrikam.example"_s, vaultAudience)),
                    vaultGet(u"kv-contoso-dev"_s, u"/secrets"_s));
    if (scenario == "expired token"_L1)
        return send(*fixed(forgeToken(ContosoTenant, alice, vaultAudience, 7200)),
                    vaultGet(u"kv-contoso-dev"_s, u"/secrets"_s));
    if (scenario == "wrong audience"_L1)
        return send(*fixed(forgeToken(ContosoTenant, alice, armAudience)),
                    vaultGet(u"kv-contoso-dev"_s, u"/secrets"_s));
    if (scenario == "tampered signature"_L1) {
        QByteArray token = forgeToken(ContosoTenant, alice, vaultAudience);
        token.chop(4);
        token += "AAAA";
        return send(*fixed(token), vaultGet(u"kv-contoso-dev"_s, u"/secrets"_s));
    }
    if (scenario == "ARM AuthorizationFailed"_L1)
        return send(*f.userPipeline(u"erin@contoso.example"_s), patchVault(u"kv-contoso-prod"_s));
    if (scenario == "ARM wrong tenant"_L1)
        return send(*fixed(forgeToken(FabrikamTenant, u"carol@fabrikam.example"_s, armAudience)),
                    patchVault(u"kv-contoso-prod"_s));
    if (scenario == "ARM expired token"_L1)
        return send(*fixed(forgeToken(ContosoTenant, alice, armAudience, 7200)),
                    patchVault(u"kv-contoso-prod"_s));
    if (scenario == "ARM wrong audience"_L1)
        return send(*fixed(forgeToken(ContosoTenant, alice, vaultAudience)),
                    patchVault(u"kv-contoso-prod"_s));
    if (scenario == "Entra wrong client secret"_L1) {
        const QJsonObject sp =
            s.config().value("servicePrincipals"_L1).toArray().first().toObject();
        HttpRequest r =
            makeRequest("POST", s.apiUrl(u"/"_s + s.tenantId() + u"/oauth2/v2.0/token"_s),
                        Service::EntraId, {}, u"client credentials"_s);
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
        form.addQueryItem(u"client_id"_s, sp.value("appId"_L1).toString());
        form.addQueryItem(u"client_secret"_s, u"not-the-secret"_s);
        form.addQueryItem(u"scope"_s, VaultScope);
        r.body = form.toString(QUrl::FullyEncoded).toUtf8();
        r.setHeader("Content-Type", "application/x-www-form-urlencoded");
        return send(*f.identityPipeline(), r);
    }
    return {};
}

void TestSandboxDenials::denials_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("stage");
    QTest::addColumn<QString>("evidence");
    QTest::addColumn<QString>("remedy");
    QTest::addColumn<QStringList>("fields");

    QTest::newRow("firewall") << 403 << u"firewall"_s << u"addr=192.0.2.77"_s
                              << u"addClientAddress"_s
                              << QStringList{u"address=192.0.2.77"_s, u"vault=kv-contoso-prod"_s};
    QTest::newRow("public access disabled")
        << 403 << u"firewall"_s << u"ForbiddenByConnection"_s << u"enablePublicAccess"_s
        << QStringList{u"vault=kv-contoso-private"_s};
    QTest::newRow("access policy")
        << 403 << u"authorization"_s << u"ForbiddenByPolicy"_s << u"grantAccessPolicyPermission"_s
        << QStringList{u"principalId="_s + Erin, u"permission=secrets get"_s,
                       u"vault=kv-contoso-prod"_s};
    QTest::newRow("RBAC") << 403 << u"authorization"_s << u"DeniedWithNoValidRBAC"_s
                          << u"assignRole"_s
                          << QStringList{
                                 u"principalId="_s + Erin,
                                 u"action=Microsoft.KeyVault/vaults/secrets/getSecret/action"_s,
                                 u"roleName=Key Vault Secrets User"_s, u"vault=kv-contoso-apps"_s};
    QTest::newRow("wrong tenant") << 401 << u"tokenValidation"_s << u"AKV10032"_s
                                  << u"signInToTenant"_s
                                  << QStringList{u"tenantId="_s + ContosoTenant};
    QTest::newRow("expired token")
        << 401 << u"tokenValidation"_s << u"TokenExpired"_s << u"signInAgain"_s << QStringList();
    QTest::newRow("wrong audience")
        << 401 << u"tokenValidation"_s << u"AKV10022"_s << u"signInAgain"_s << QStringList();
    QTest::newRow("tampered signature")
        << 401 << u"tokenValidation"_s << u"AKV10046"_s << u"signInAgain"_s << QStringList();
    QTest::newRow("ARM AuthorizationFailed")
        << 403 << u"authorization"_s << u"AuthorizationFailed"_s << u"assignRole"_s
        << QStringList{u"principalId="_s + Erin, u"action=Microsoft.KeyVault/vaults/write"_s,
                       u"roleName=Key Vault Contributor"_s};
    QTest::newRow("ARM wrong tenant")
        << 401 << u"resourceManager"_s << u"InvalidAuthenticationTokenTenant"_s
        << u"signInToTenant"_s << QStringList{u"tenantId="_s + ContosoTenant};
    QTest::newRow("ARM expired token")
        << 401 << u"resourceManager"_s << u"ExpiredAuthenticationToken"_s << u"signInAgain"_s
        << QStringList();
    QTest::newRow("ARM wrong audience")
        << 401 << u"resourceManager"_s << u"wrong audience"_s << u"signInAgain"_s << QStringList();
    QTest::newRow("Entra wrong client secret")
        << 401 << u"operation"_s << u"AADSTS7000215"_s << u"none"_s << QStringList();
}

void TestSandboxDenials::denials()
{
    QFETCH(int, status);
    QFETCH(QString, stage);
    QFETCH(QString, evidence);
    QFETCH(QString, remedy);
    QFETCH(QStringList, fields);

    const Provoked p = provoke(QString::fromLatin1(QTest::currentDataTag()));
    QCOMPARE(p.record.status, status);
    QVERIFY(!p.exchange.isEmpty());

    const FlowExplainer explainer;
    const FlowExplanation e = explainer.explain(p.record, p.exchange);
    const FlowStep *failed = e.failedStep();
    QVERIFY(failed);
    QCOMPARE(flowStageId(failed->stage), stage);
    const QString quoted = failed->evidence.join(u'\n');
    QVERIFY2(quoted.contains(evidence), qPrintable(quoted));
    QCOMPARE(remedyKindId(e.remedy().kind), remedy);
    for (const QString &field : fields) {
        const QString name = field.section(u'=', 0, 0);
        const QString want = field.section(u'=', 1);
        const Remedy &r = e.remedy();
        const QString got = name == "address"_L1       ? r.address
                            : name == "vault"_L1       ? r.vault
                            : name == "principalId"_L1 ? r.principalId
                            : name == "permission"_L1  ? r.permission
                            : name == "action"_L1      ? r.action
                            : name == "roleName"_L1    ? r.roleName
                            : name == "tenantId"_L1    ? r.tenantId
                                                       : QString();
        QCOMPARE(got.toLower(), want.toLower());
    }
    if (e.remedy().isActionable())
        QVERIFY(!e.remedy().text.isEmpty());
    // The stages before the failed one passed (or were not needed); none after it is known.
    bool after = false;
    for (const FlowStep &s : e.steps) {
        if (&s == failed) {
            after = true;
            continue;
        }
        QVERIFY2(after ? s.outcome == FlowOutcome::Unknown : s.outcome != FlowOutcome::Failed,
                 qPrintable(flowStageId(s.stage)));
    }

    // The same error, pasted as text (its body, or the message alone), names the same stage.
    const QString body = QString::fromUtf8(p.record.responseBody);
    QVERIFY(!body.isEmpty());
    const FlowExplanation pasted = explainer.explainText(body);
    QVERIFY(pasted.failedStep());
    QCOMPARE(flowStageId(pasted.failedStep()->stage), stage);
    QCOMPARE(remedyKindId(pasted.remedy().kind), remedy);
    const FlowExplanation message = explainer.explainText(p.record.error.message);
    QVERIFY(message.failedStep());
    QCOMPARE(flowStageId(message.failedStep()->stage), stage);
}

QTEST_GUILESS_MAIN(TestSandboxDenials)
#include "tst_sandboxdenials.moc"
