// SPDX-License-Identifier: GPL-3.0-or-later
// "Sign in, open a vault, list its secrets", as the app will do it: the
// browser sign-in, the Resource Manager calls that find the vault, and the Key
// Vault calls that list its secrets, all through the real pipeline to the
// sandbox. The journal must show exactly the requests each step needs.
#include "AccountsTestSupport.h"
#include "ClientFixture.h"
#include "arm/ArmClient.h"
#include "auth/CachingCredential.h"
#include "auth/InteractiveBrowserCredential.h"
#include "auth/PublicClient.h"
#include "auth/TokenCache.h"
#include "journal/FlowExplainer.h"
#include "vault/VaultClient.h"

#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

class tst_SignInScenario : public QObject
{
    Q_OBJECT

private:
    /// Plays the browser: the sign-in page, alice picked, the 302 followed to the listener.
    void playBrowser(ClientFixture &f, const QUrl &authorize)
    {
        HttpClient &browser = f.sandbox().http();
        const HttpReply page = browser.get(authorize);
        QCOMPARE(page.status, 200);
        const HttpReply picked =
            browser.postForm(authorize, {{u"account"_s, u"alice@contoso.example"_s}});
        QCOMPARE(picked.status, 302);
        const QUrl redirect = QUrl::fromEncoded(picked.header("Location"));
        QVERIFY(followRedirect(quint16(redirect.port()), pathAndQueryOf(redirect)).connected);
        m_browserPlayed = true;
    }

    bool m_browserPlayed = false;

private Q_SLOTS:
    void signInOpenAVaultListItsSecrets()
    {
        ClientFixture f;
        QVERIFY(f.isRunning());
        const CloudProfile &cloud = f.cloud();
        auto client = std::make_shared<const PublicClient>(
            PublicClientOptions{f.identityPipeline(), cloud.authorityHost, cloud.browserOrigin,
                                cloud.publicClientId, nullptr});
        BrowserSignInOptions options;
        options.scopes = {cloud.armScope()};
        options.openBrowser = [this, &f](const QUrl &url) {
            QTimer::singleShot(0, this, [this, &f, url] { playBrowser(f, url); });
        };
        // As the account manager builds it: the browser credential behind the memory cache.
        auto browser = std::make_shared<InteractiveBrowserCredential>(client, options);
        auto credential = std::make_shared<CachingCredential>(
            browser, std::make_shared<TokenCache>(), u"alice"_s, f.sandbox().tenantId());
        const auto pipeline = f.pipelineFor(credential);

        // 1. Sign in, and list the subscriptions the account sees.
        arm::ArmClient arm(pipeline, cloud.resourceManager, cloud.armScope());
        const auto subscriptions = ClientFixture::await(arm.listSubscriptions());
        QVERIFY2(subscriptions.ok(), qPrintable(subscriptions.error().summary()));
        QVERIFY(m_browserPlayed);
        QVERIFY(!subscriptions->items.isEmpty());

        // 2. Find the vault: the vaults of the development subscription.
        QString subscriptionId;
        for (const auto &subscription : subscriptions->items) {
            if (subscription.displayName == "Contoso Development"_L1)
                subscriptionId = subscription.subscriptionId;
        }
        QVERIFY(!subscriptionId.isEmpty());
        const auto vaults = ClientFixture::await(arm.listVaults(subscriptionId));
        QVERIFY2(vaults.ok(), qPrintable(vaults.error().summary()));
        QUrl vaultUri;
        for (const arm::Vault &vault : vaults->items) {
            if (vault.name == "kv-contoso-dev"_L1)
                vaultUri = QUrl(vault.properties.vaultUri.value_or(QString()));
        }
        QVERIFY(vaultUri.isValid());

        // 3. Open it: list its secrets.
        vault::VaultClient vaultClient(pipeline, vaultUri, cloud.vaultScope());
        const auto secrets = ClientFixture::await(vaultClient.listSecrets());
        QVERIFY2(secrets.ok(), qPrintable(secrets.error().summary()));
        QVERIFY(!secrets->items.isEmpty());

        // The journal, in order: what was sent, and why.
        const QList<RequestRecord> records = f.journal().records();
        for (const RequestRecord &r : records) {
            qInfo().noquote() << QString(u"%1 %2 %3 %4 -> %5 token:%6"_s)
                                     .arg(r.id)
                                     .arg(
                                         serviceName(r.service), QString::fromLatin1(r.method),
                                         r.url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority))
                                     .arg(r.status)
                                     .arg(r.token ? tokenSourceName(r.token->source) : u"none"_s);
        }
        QCOMPARE(records.size(), 6);
        // Entra ID: the authorization code redeemed (PKCE), for Resource Manager.
        QCOMPARE(records.at(0).service, Service::EntraId);
        QCOMPARE(records.at(0).method, "POST"_ba);
        QVERIFY(records.at(0).url.path().endsWith("/oauth2/v2.0/token"_L1));
        // Resource Manager: subscriptions, then the subscription's vaults, with that token.
        QCOMPARE(records.at(1).service, Service::ResourceManager);
        QVERIFY(records.at(1).url.path().endsWith("/subscriptions"_L1));
        QCOMPARE(records.at(1).token->source, TokenSource::Interactive);
        QCOMPARE(records.at(2).service, Service::ResourceManager);
        QVERIFY(records.at(2).url.path().endsWith("/providers/Microsoft.KeyVault/vaults"_L1));
        QCOMPARE(records.at(2).token->source, TokenSource::MemoryCache);
        // Key Vault: the unauthenticated probe answered by the challenge...
        QCOMPARE(records.at(3).service, Service::KeyVault);
        QCOMPARE(records.at(3).status, 401);
        QVERIFY(!records.at(3).token.has_value());
        // ...a token for the vault's audience from the refresh token, in the challenged tenant...
        QCOMPARE(records.at(4).service, Service::EntraId);
        QVERIFY(records.at(4).url.path().startsWith(u"/"_s + f.sandbox().tenantId()));
        // ...and the list itself, with the challenge's token.
        QCOMPARE(records.at(5).service, Service::KeyVault);
        QCOMPARE(records.at(5).status, 200);
        QCOMPARE(records.at(5).token->source, TokenSource::RefreshToken);
        QCOMPARE(records.at(5).challenge->origin, ChallengeInfo::Origin::Answered);
        QCOMPARE(records.at(5).token->claims.value("aud"_L1).toString(), cloud.vaultAudience);
        QCOMPARE(records.at(3).clientRequestId, records.at(5).clientRequestId);

        // Every stage of the vault call passed, from evidence.
        const FlowExplanation flow = FlowExplainer().explain(
            records.at(5), f.journal().exchange(records.at(5).clientRequestId));
        QCOMPARE(flow.steps.size(), flowStages(Service::KeyVault).size());
        for (const FlowStep &step : flow.steps) {
            qInfo().noquote() << flowStageName(step.stage) << ":" << step.summary;
            QVERIFY2(step.outcome == FlowOutcome::Passed, qPrintable(flowStageName(step.stage)));
        }
    }
};

QTEST_GUILESS_MAIN(tst_SignInScenario)
#include "tst_signinscenario.moc"
