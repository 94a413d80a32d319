// SPDX-License-Identifier: GPL-3.0-or-later
// The sign-in dialog against the sandbox, driven through its widgets: the
// browser flow (the fixture plays the browser), a service principal secret,
// cancel, the device code, and the app registration guide for Azure.
#include "SessionFixture.h"
#include "auth/AppRegistration.h"
#include "signin/AppRegistrationGuide.h"
#include "signin/SignInDialog.h"
#include "widgets/ErrorBanner.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QGuiApplication>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using vl::ui::SignInDialog;

namespace {

void screenshot(QWidget &w, const QString &name)
{
    if (!qEnvironmentVariableIsSet("VAULTLENS_SCREENSHOTS"))
        return;
    const QString dir = qEnvironmentVariable("VAULTLENS_SCREENSHOTS");
    QDir().mkpath(dir);
    QVERIFY(w.grab().save(dir + u'/' + name + u".png"_s));
}

template<typename T>
T *child(QWidget &parent, const QString &name)
{
    T *found = parent.findChild<T *>(name);
    if (!found)
        qWarning("no child %s", qPrintable(name));
    return found;
}

void chooseMethod(SignInDialog &dialog, SignInDialog::Method method)
{
    auto *combo = child<QComboBox>(dialog, u"methodCombo"_s);
    combo->setCurrentIndex(combo->findData(int(method)));
}

} // namespace

class tst_SignInDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyWidgetIsNamed();
    void browserSignIn();
    void servicePrincipalSecret();
    void missingSecretShownInPlace();
    void wrongSecretShownInBanner();
    void cancelBrowserSignIn();
    void deviceCode();
    void guideForAzureWithoutClientId_data();
    void guideForAzureWithoutClientId();
    void sandboxNeverAsks();
};

void tst_SignInDialog::everyWidgetIsNamed()
{
    SessionFixture f;
    SignInDialog dialog(f.session(), nullptr, &f.settings());
    const auto widgets = dialog.findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!qobject_cast<QAbstractButton *>(w) && !qobject_cast<QLineEdit *>(w)
            && !qobject_cast<QComboBox *>(w) && !qobject_cast<QPlainTextEdit *>(w))
            continue;
        if (w->objectName() == "qt_spinbox_lineedit"_L1 || w->objectName().startsWith("qt_"_L1)
            || w->parent()->inherits("QLineEdit"))
            continue;
        QVERIFY2(!w->objectName().isEmpty(), w->metaObject()->className());
        QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
    }
}

void tst_SignInDialog::browserSignIn()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    SignInDialog dialog(f.session(), nullptr, &f.settings());
    dialog.setDefaultTenant(f.cloud().name, f.sandbox().tenantId());
    dialog.show();
    QCOMPARE(dialog.method(), SignInDialog::Method::Browser);
    QCOMPARE(dialog.cloud(), f.cloud().name);
    auto *tenant = child<QLineEdit>(dialog, u"tenantEdit"_s);
    QCOMPARE(tenant->text(), f.sandbox().tenantId()); // the sandbox's tenant, prefilled
    QVERIFY(tenant->isVisible());
    QVERIFY(!child<QLineEdit>(dialog, u"secretEdit"_s)->isVisible());
    QTest::keyClicks(child<QLineEdit>(dialog, u"loginHintEdit"_s), u"alice@contoso.example"_s);
    screenshot(dialog, u"signin-dialog"_s);

    QSignalSpy signedIn(&dialog, &SignInDialog::signedIn);
    QSignalSpy finished(&dialog, &QDialog::finished);
    child<QPushButton>(dialog, u"signInButton"_s)->click();
    QVERIFY(dialog.isBusy());
    QVERIFY(child<QPushButton>(dialog, u"cancelButton"_s)->isVisible());
    QVERIFY(!child<QPushButton>(dialog, u"signInButton"_s)->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!signedIn.isEmpty(), 20000);
    const Account account = signedIn.first().first().value<Account>();
    QCOMPARE(account.userName, u"alice@contoso.example"_s);
    QCOMPARE(account.credential, CredentialKind::Browser);
    QCOMPARE(f.browserOpened(), 1);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(f.session().accounts().accounts().size(), 1);
}

void tst_SignInDialog::servicePrincipalSecret()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    const QJsonObject principal =
        f.sandbox().config().value("servicePrincipals"_L1).toArray().first().toObject();
    SignInDialog dialog(f.session(), nullptr, &f.settings());
    dialog.setDefaultTenant(f.cloud().name, f.sandbox().tenantId());
    dialog.show();
    chooseMethod(dialog, SignInDialog::Method::ClientSecret);
    QVERIFY(child<QLineEdit>(dialog, u"secretEdit"_s)->isVisible());
    QVERIFY(!child<QLineEdit>(dialog, u"loginHintEdit"_s)->isVisible());
    QCOMPARE(child<QLineEdit>(dialog, u"secretEdit"_s)->echoMode(), QLineEdit::Password);
    QTest::keyClicks(child<QLineEdit>(dialog, u"appIdEdit"_s),
                     principal.value("appId"_L1).toString());
    QTest::keyClicks(child<QLineEdit>(dialog, u"secretEdit"_s),
                     principal.value("clientSecret"_L1).toString());
    QTest::keyClicks(child<QLineEdit>(dialog, u"displayNameEdit"_s), u"ci-pipeline"_s);
    QSignalSpy signedIn(&dialog, &SignInDialog::signedIn);
    child<QPushButton>(dialog, u"signInButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!signedIn.isEmpty(), 20000);
    const Account account = signedIn.first().first().value<Account>();
    QCOMPARE(account.credential, CredentialKind::ClientSecret);
    QCOMPARE(account.displayName, u"ci-pipeline"_s);
    QCOMPARE(account.clientId, principal.value("appId"_L1).toString());
    QVERIFY(f.secrets().entries.contains(
        SecretKey{account.cloud, account.id, u"client-secret"_s}.toString()));
    QVERIFY(child<QLineEdit>(dialog, u"secretEdit"_s)->text().isEmpty());
}

void tst_SignInDialog::missingSecretShownInPlace()
{
    SessionFixture f;
    SignInDialog dialog(f.session(), nullptr, &f.settings());
    dialog.setDefaultTenant(f.cloud().name, f.sandbox().tenantId());
    dialog.show();
    chooseMethod(dialog, SignInDialog::Method::ClientCertificate);
    QVERIFY(child<QLineEdit>(dialog, u"certificateEdit"_s)->isVisible());
    QVERIFY(child<QLineEdit>(dialog, u"certificatePasswordEdit"_s)->isVisible());
    child<QPushButton>(dialog, u"signInButton"_s)->click();
    QVERIFY(!dialog.isBusy());
    QVERIFY(dialog.errorBanner()->isVisible());
    QVERIFY(!dialog.errorBanner()->headline().isEmpty());
    QVERIFY(f.session().accounts().accounts().isEmpty());
}

void tst_SignInDialog::wrongSecretShownInBanner()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    const QJsonObject principal =
        f.sandbox().config().value("servicePrincipals"_L1).toArray().first().toObject();
    SignInDialog dialog(f.session(), nullptr, &f.settings());
    dialog.setDefaultTenant(f.cloud().name, f.sandbox().tenantId());
    dialog.show();
    chooseMethod(dialog, SignInDialog::Method::ClientSecret);
    QTest::keyClicks(child<QLineEdit>(dialog, u"appIdEdit"_s),
                     principal.value("appId"_L1).toString());
    QTest::keyClicks(child<QLineEdit>(dialog, u"secretEdit"_s), u"not-the-secret"_s);
    child<QPushButton>(dialog, u"signInButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), 20000);
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.errorBanner()->isVisible());
    QVERIFY(!dialog.errorBanner()->headline().isEmpty());
    QVERIFY(f.session().accounts().accounts().isEmpty());
}

void tst_SignInDialog::cancelBrowserSignIn()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    f.setPlayBrowser(false);
    SignInDialog dialog(f.session(), nullptr, &f.settings());
    dialog.show();
    QSignalSpy signedIn(&dialog, &SignInDialog::signedIn);
    child<QPushButton>(dialog, u"signInButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(f.browserOpened(), 1, 20000);
    QVERIFY(dialog.isBusy());
    // The sign-in page's address is shown, for a person whose browser did not open.
    QTRY_VERIFY(child<QWidget>(dialog, u"browserLinkPanel"_s)->isVisible());
    child<QPushButton>(dialog, u"copyBrowserLinkButton"_s)->click();
    const QUrl copied(QGuiApplication::clipboard()->text());
    QVERIFY2(copied.path().endsWith(u"/oauth2/v2.0/authorize"_s), qPrintable(copied.toString()));
    QCOMPARE(copied.scheme() + u"://"_s + copied.authority(),
             f.cloud().browserOrigin.toString(QUrl::StripTrailingSlash));
    QVERIFY(child<QLabel>(dialog, u"browserLinkLabel"_s)->text().contains(u"href"_s));
    child<QPushButton>(dialog, u"cancelButton"_s)->click();
    QVERIFY(!child<QWidget>(dialog, u"browserLinkPanel"_s)->isVisible());
    QVERIFY(!dialog.isBusy());
    QVERIFY(!child<QWidget>(dialog, u"busyPanel"_s)->isVisible());
    QVERIFY(child<QPushButton>(dialog, u"signInButton"_s)->isEnabled());
    QVERIFY(dialog.isVisible());
    QTest::qWait(200);
    QVERIFY(signedIn.isEmpty());
    QVERIFY(!dialog.errorBanner()->isVisible());
    QVERIFY(f.session().accounts().accounts().isEmpty());
    // The dialog can sign in again afterwards.
    f.setPlayBrowser(true);
    child<QPushButton>(dialog, u"signInButton"_s)->click();
    QTRY_VERIFY_WITH_TIMEOUT(!signedIn.isEmpty(), 20000);
}

void tst_SignInDialog::deviceCode()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    SignInDialog dialog(f.session(), nullptr, &f.settings());
    dialog.setDefaultTenant(f.cloud().name, f.sandbox().tenantId());
    dialog.show();
    chooseMethod(dialog, SignInDialog::Method::DeviceCode);
    QVERIFY(!child<QLineEdit>(dialog, u"loginHintEdit"_s)->isVisible());
    QSignalSpy signedIn(&dialog, &SignInDialog::signedIn);
    child<QPushButton>(dialog, u"signInButton"_s)->click();
    auto *code = child<QLabel>(dialog, u"deviceCodeLabel"_s);
    QTRY_VERIFY_WITH_TIMEOUT(code->isVisible() && !code->text().isEmpty(), 20000);
    QVERIFY(code->textInteractionFlags() & Qt::TextSelectableByMouse);
    auto *link = child<QLabel>(dialog, u"deviceLinkLabel"_s);
    QVERIFY(link->text().contains(u"/devicelogin"_s));
    QVERIFY(link->openExternalLinks());
    QVERIFY(!child<QLabel>(dialog, u"deviceExpiryLabel"_s)->text().isEmpty());
    child<QPushButton>(dialog, u"copyCodeButton"_s)->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), code->text());
    child<QPushButton>(dialog, u"copyLinkButton"_s)->click();
    QVERIFY(QGuiApplication::clipboard()->text().endsWith(u"/devicelogin"_s));
    screenshot(dialog, u"signin-device-code"_s);

    // Approve the code on the sandbox's device login page, as a person would.
    const QUrl page(QGuiApplication::clipboard()->text());
    HttpClient &browser = f.sandbox().http();
    QCOMPARE(browser.get(page).status, 200);
    const HttpReply approved = browser.postForm(
        page, {{u"user_code"_s, code->text()}, {u"account"_s, u"alice@contoso.example"_s}});
    QVERIFY2(approved.status == 200 || approved.status == 302,
             qPrintable(QString::number(approved.status)));
    QTRY_VERIFY_WITH_TIMEOUT(!signedIn.isEmpty(), 30000);
    QCOMPARE(signedIn.first().first().value<Account>().credential, CredentialKind::DeviceCode);
}

void tst_SignInDialog::guideForAzureWithoutClientId_data()
{
    QTest::addColumn<bool>("useCli");
    QTest::newRow("pasted id") << false;
    QTest::newRow("Azure CLI id") << true;
}

void tst_SignInDialog::guideForAzureWithoutClientId()
{
    QFETCH(bool, useCli);
    SessionFixture f;
    // The app's clouds, as without --sandbox, and no client id anywhere.
    SessionOptions o;
    o.clouds = CloudProfile::azureClouds();
    o.secrets = std::shared_ptr<SecretStore>(&f.secrets(), [](SecretStore *) {});
    o.settings = &f.settings();
    int opened = 0;
    o.openBrowser = [&opened](const QUrl &) {
        ++opened;
    };
    Session session(std::move(o));
    SignInDialog dialog(session, nullptr, &f.settings());
    dialog.show();
    QCOMPARE(child<QComboBox>(dialog, u"cloudCombo"_s)->count(), 3);
    dialog.setCloud(CloudProfile::azureChina().name);
    QCOMPARE(dialog.cloud(), CloudProfile::azureChina().name);
    dialog.setCloud(CloudProfile::azurePublic().name);
    QCOMPARE(child<QLineEdit>(dialog, u"tenantEdit"_s)->text(), u"organizations"_s);
    child<QPushButton>(dialog, u"signInButton"_s)->click();
    QVERIFY(dialog.isShowingGuide());
    QVERIFY(!dialog.isBusy());
    auto *guide = child<ui::AppRegistrationGuide>(dialog, u"appRegistrationGuide"_s);
    QVERIFY(guide->isVisible());
    QVERIFY(guide->command().startsWith(u"az ad app create --display-name VaultLens"_s));
    child<QPushButton>(dialog, u"copyCommandButton"_s)->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), guide->command());
    auto *cliButton = child<QPushButton>(dialog, u"useAzureCliIdButton"_s);
    QVERIFY(cliButton->text().contains(u"04b07795-8ddb-461a-bbee-02f9e1bf7b46"_s));
    QVERIFY(cliButton->accessibleName().contains(u"already consented"_s));
    QVERIFY(!child<QPushButton>(dialog, u"signInButton"_s)->isVisible());
    if (!useCli)
        screenshot(dialog, u"signin-app-registration"_s);

    QString expected;
    if (useCli) {
        expected = QString(AppRegistration::AzureCliClientId);
        cliButton->click();
    } else {
        expected = u"3f2a1b4c-5d6e-4f70-8192-a3b4c5d6e7f8"_s;
        auto *edit = child<QLineEdit>(dialog, u"guideClientIdEdit"_s);
        auto *use = child<QPushButton>(dialog, u"useClientIdButton"_s);
        QTest::keyClicks(edit, u"not a guid"_s);
        QVERIFY(!use->isEnabled());
        edit->clear();
        QTest::keyClicks(edit, expected);
        QVERIFY(use->isEnabled());
        use->click();
    }
    // Saved, given to the account manager, and the sign-in goes on.
    QCOMPARE(f.settings().value(u"auth/clientId"_s).toString(), expected);
    QCOMPARE(session.accounts().clientId(), expected);
    QVERIFY(!dialog.isShowingGuide());
    QVERIFY(child<QPushButton>(dialog, u"signInButton"_s)->isVisible());
    QVERIFY(dialog.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(opened, 1, 20000);
    child<QPushButton>(dialog, u"cancelButton"_s)->click();
    QVERIFY(!dialog.isBusy());
    // The next sign-in does not ask again.
    chooseMethod(dialog, SignInDialog::Method::AzureCli);
    chooseMethod(dialog, SignInDialog::Method::Browser);
    child<QPushButton>(dialog, u"signInButton"_s)->click();
    QVERIFY(!dialog.isShowingGuide());
    dialog.cancelSignIn();
}

void tst_SignInDialog::sandboxNeverAsks()
{
    SessionFixture f;
    QVERIFY(f.isRunning());
    QVERIFY(f.session().accounts().clientId().isEmpty());
    f.setPlayBrowser(false);
    SignInDialog dialog(f.session(), nullptr, &f.settings());
    dialog.show();
    child<QPushButton>(dialog, u"signInButton"_s)->click();
    QVERIFY(!dialog.isShowingGuide());
    QVERIFY(dialog.isBusy());
    dialog.reject(); // closing cancels
    QVERIFY(!dialog.isBusy());
    QVERIFY(f.settings().value(u"auth/clientId"_s).isNull());
}

QTEST_MAIN(tst_SignInDialog)
#include "tst_signindialog.moc"
