// SPDX-License-Identifier: GPL-3.0-or-later
// The token panel on the token of a real request to the sandbox: where it
// came from, its decoded claims, GUIDs masked in presentation mode, and never
// the token itself.
#include "Presentation.h"
#include "SessionFixture.h"
#include "flow/TokenPanel.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using vl::ui::TokenPanel;

namespace {

/// Every text the panel shows: labels and claim cells.
QStringList textsOf(const TokenPanel &panel)
{
    QStringList out;
    for (const QLabel *label : panel.findChildren<QLabel *>())
        if (label->isVisibleTo(&panel))
            out.append(label->text());
    const QTreeWidget *claims = panel.claimsView();
    for (int i = 0; i < claims->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = claims->topLevelItem(i);
        out.append(item->text(0));
        out.append(item->text(1));
        out.append(item->toolTip(1));
    }
    return out;
}

/// The value shown for claim @p name, or a null string.
QString claimValue(const TokenPanel &panel, const QString &name)
{
    const QTreeWidget *claims = panel.claimsView();
    for (int i = 0; i < claims->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = claims->topLevelItem(i);
        if (item->data(0, Qt::UserRole).toString() == name)
            return item->text(1);
    }
    return {};
}

} // namespace

class tst_TokenPanel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SessionFixture> m_fixture;
    TokenInfo m_token;

private Q_SLOTS:
    void initTestCase()
    {
        m_fixture = std::make_unique<SessionFixture>();
        QVERIFY(m_fixture->isRunning());
        const Result<Account> alice = m_fixture->signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        auto dev =
            m_fixture->session().vault(alice->id, {}, m_fixture->vaultUri(u"kv-contoso-dev"_s));
        QVERIFY(dev.has_value());
        const auto listed = ClientFixture::await(dev->listSecrets());
        QVERIFY2(listed.ok(), qPrintable(listed.error().summary()));
        const auto &records = m_fixture->session().journal().records();
        for (const RequestRecord &r : records)
            if (r.service == Service::KeyVault && r.token)
                m_token = *r.token;
        QVERIFY(!m_token.claims.isEmpty());
    }

    void showsClaimsAndSource()
    {
        TokenPanel panel;
        panel.resize(560, 520);
        panel.setTokenInfo(m_token);
        QVERIFY(panel.tokenInfo().has_value());

        const auto *source = panel.findChild<QLabel *>(u"tokenSource"_s);
        QVERIFY(source);
        QCOMPARE(source->text(), TokenPanel::sourceText(m_token.source));
        QVERIFY(!source->text().isEmpty());
        QCOMPARE(panel.findChild<QLabel *>(u"tokenScopes"_s)->text(), m_token.scopes.join(u' '));
        QVERIFY(!panel.findChild<QLabel *>(u"tokenExpires"_s)->text().isEmpty());
        QVERIFY(panel.findChild<QLabel *>(u"tokenEmpty"_s)->isHidden());

        QCOMPARE(claimValue(panel, u"aud"_s), m_token.claims.value("aud"_L1).toString());
        QCOMPARE(claimValue(panel, u"tid"_s), m_token.claims.value("tid"_L1).toString());
        QCOMPARE(claimValue(panel, u"oid"_s), m_token.claims.value("oid"_L1).toString());
        QVERIFY(!claimValue(panel, u"scp"_s).isEmpty());
        QCOMPARE(claimValue(panel, u"scp"_s).split(u' '),
                 m_token.claims.value("scp"_L1).toString().split(u' '));
        QVERIFY(!claimValue(panel, u"exp"_s).isEmpty());
        QVERIFY(claimValue(panel, u"exp"_s)
                != m_token.claims.value("exp"_L1).toVariant().toString());

        // Every claim is somewhere in the table.
        for (const QString &name : m_token.claims.keys())
            QVERIFY2(!claimValue(panel, name).isNull(), qPrintable(name));

        // Never the token.
        for (const QString &text : textsOf(panel))
            QVERIFY2(!text.contains(u"eyJ"_s), qPrintable(text));

        const auto *view = panel.claimsView();
        QCOMPARE(view->objectName(), u"tokenClaims"_s);
        QVERIFY(!view->accessibleName().isEmpty());
        QVERIFY(!view->actions().isEmpty());

        if (qEnvironmentVariableIsSet("VAULTLENS_SCREENSHOTS")) {
            panel.show();
            QVERIFY(QTest::qWaitForWindowExposed(&panel));
            QVERIFY(panel.grab().save(qEnvironmentVariable("VAULTLENS_SCREENSHOTS")
                                      + u"/token-panel.png"_s));
        }
    }

    void presentationMasksGuids()
    {
        TokenPanel panel;
        panel.setTokenInfo(m_token);
        const QString oid = m_token.claims.value("oid"_L1).toString();
        QCOMPARE(claimValue(panel, u"oid"_s), oid);
        Presentation::instance().setEnabled(true);
        const QString masked = claimValue(panel, u"oid"_s);
        const QStringList texts = textsOf(panel);
        Presentation::instance().setEnabled(false);
        QVERIFY(masked != oid);
        QVERIFY(masked.endsWith(oid.right(4)));
        for (const QString &text : texts)
            QVERIFY2(!text.contains(oid, Qt::CaseInsensitive), qPrintable(text));
        QCOMPARE(claimValue(panel, u"oid"_s), oid);
    }

    void sources_data()
    {
        QTest::addColumn<TokenSource>("source");
        QTest::addColumn<QString>("name");
        QTest::newRow("cache") << TokenSource::MemoryCache << u"memory cache"_s;
        QTest::newRow("refresh") << TokenSource::RefreshToken << u"refresh token"_s;
        QTest::newRow("interactive") << TokenSource::Interactive << u"interactive"_s;
        QTest::newRow("device") << TokenSource::DeviceCode << u"device code"_s;
        QTest::newRow("secret") << TokenSource::ClientCredential << u"client credential"_s;
        QTest::newRow("certificate") << TokenSource::Certificate << u"certificate"_s;
        QTest::newRow("mi") << TokenSource::ManagedIdentity << u"managed identity"_s;
        QTest::newRow("cli") << TokenSource::AzureCli << u"Azure CLI"_s;
    }

    void sources()
    {
        QFETCH(TokenSource, source);
        QFETCH(QString, name);
        TokenInfo info = m_token;
        info.source = source;
        TokenPanel panel;
        panel.setTokenInfo(info);
        QCOMPARE(panel.findChild<QLabel *>(u"tokenSource"_s)->text(), name);
        QCOMPARE(TokenPanel::sourceText(source), tokenSourceName(source));
    }

    void expiredAndOtherClaims()
    {
        TokenInfo info;
        info.source = TokenSource::ClientCredential;
        info.credential = u"client secret"_s;
        info.scopes = {u"https://management.azure.com/.default"_s};
        info.expiresOn = QDateTime::currentDateTimeUtc().addSecs(-600);
        info.claims = QJsonObject{{u"aud"_s, u"https://management.azure.com"_s},
                                  {u"roles"_s, QJsonArray{u"Reader"_s, u"Writer"_s}},
                                  {u"azp"_s, u"04b07795-8ddb-461a-bbee-02f9e1bf7b46"_s},
                                  {u"xms_mirid"_s, u"/subscriptions/x/providers/y"_s},
                                  {u"nbf"_s, 1700000000}};
        TokenPanel panel;
        panel.setTokenInfo(info);
        QVERIFY(panel.findChild<QLabel *>(u"tokenExpires"_s)->text().contains(u"expired"_s));
        QCOMPARE(panel.findChild<QLabel *>(u"tokenCredential"_s)->text(), u"client secret"_s);
        QCOMPARE(claimValue(panel, u"roles"_s), u"Reader, Writer"_s);
        QCOMPARE(claimValue(panel, u"azp"_s), u"04b07795-8ddb-461a-bbee-02f9e1bf7b46"_s);
        QCOMPARE(claimValue(panel, u"xms_mirid"_s), u"/subscriptions/x/providers/y"_s);
        QVERIFY(claimValue(panel, u"nbf"_s).contains(u"2023"_s));
        // The known claims come first, then a heading, then the others.
        const QTreeWidget *claims = panel.claimsView();
        QCOMPARE(claims->topLevelItem(0)->data(0, Qt::UserRole).toString(), u"aud"_s);
        bool heading = false;
        for (int i = 0; i < claims->topLevelItemCount(); ++i)
            heading = heading || claims->topLevelItem(i)->text(0) == TokenPanel::tr("Other claims");
        QVERIFY(heading);
    }

    void emptyState()
    {
        TokenPanel panel;
        panel.setTokenInfo(m_token);
        panel.setTokenInfo(std::nullopt);
        QVERIFY(!panel.tokenInfo().has_value());
        const auto *empty = panel.findChild<QLabel *>(u"tokenEmpty"_s);
        QVERIFY(!empty->isHidden());
        QVERIFY(empty->text().contains(u"no token"_s));
        QCOMPARE(panel.claimsView()->topLevelItemCount(), 0);
    }
};

QTEST_MAIN(tst_TokenPanel)
#include "tst_tokenpanel.moc"
