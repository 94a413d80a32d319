// SPDX-License-Identifier: GPL-3.0-or-later
#include "GuidedTour.h"

#include "FlowInspector.h"
#include "JournalModel.h"
#include "MainWindow.h"
#include "Session.h"
#include "arm/ResourceId.h"
#include "items/ItemListView.h"
#include "journal/RequestJournal.h"
#include "shell/VaultView.h"
#include "util/Future.h"

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {
namespace {

constexpr auto BlockedAddress = "192.0.2.77"_L1;
constexpr auto ApplicationName = "reporting-app"_L1;
constexpr auto GuestUpn = "carol@fabrikam.example"_L1;
constexpr auto GuestHomeDomain = "fabrikam.example"_L1;
constexpr auto MovedVault = "kv-contoso-apps"_L1;
/// How long the tour waits for a scenario's request to come back.
constexpr int PollLimitMs = 60000;

} // namespace

GuidedTour::GuidedTour(MainWindow &window, Session &session, TourSandbox sandbox, QWidget *parent)
    : QDialog(parent)
    , m_window(window)
    , m_session(session)
    , m_sandbox(std::move(sandbox))
    , m_text(new QLabel(this))
    , m_run(new QPushButton(tr("&Run the request"), this))
{
    setObjectName(u"guidedTour"_s);
    setWindowTitle(tr("Guided tour"));
    setModal(false);
    resize(460, 280);
    m_defaultAddress = m_sandbox.config.value("clientAddress"_L1).toString();

    m_text->setObjectName(u"tourText"_s);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_run->setObjectName(u"tourRunButton"_s);
    m_run->setAccessibleName(tr("Run the scenario's request"));
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_run, QDialogButtonBox::ActionRole);
    QPushButton *finish = buttons->addButton(tr("&Finish"), QDialogButtonBox::RejectRole);
    finish->setObjectName(u"tourFinishButton"_s);
    finish->setAccessibleName(tr("End the tour and restore this machine's address"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    connect(m_run, &QPushButton::clicked, this, &GuidedTour::run);
    connect(finish, &QPushButton::clicked, this, &QDialog::reject);
    connect(this, &QDialog::finished, this, &GuidedTour::restoreSandbox);
}

void GuidedTour::restoreSandbox()
{
    // The scenario ends: its waits stop, and the sandbox is as the tour found it.
    for (const QPointer<QTimer> &poll : std::as_const(m_polls))
        if (poll) {
            poll->stop();
            poll->deleteLater();
        }
    m_polls.clear();
    if (m_sandbox.setClientAddress && !m_defaultAddress.isEmpty())
        m_sandbox.setClientAddress(m_defaultAddress);
    if (m_sandbox.setVaultTenant && !m_movedVault.isEmpty() && !m_movedFrom.isEmpty())
        m_sandbox.setVaultTenant(m_movedVault, m_movedFrom);
    m_movedVault.clear();
}

GuidedTour::~GuidedTour()
{
    restoreSandbox();
}

QList<GuidedTour::Scenario> GuidedTour::scenarios()
{
    return {Scenario::Firewall, Scenario::AccessPolicy, Scenario::Rbac, Scenario::WrongTenant};
}

QString GuidedTour::title(Scenario scenario)
{
    switch (scenario) {
    case Scenario::Firewall:
        return tr("Blocked by the firewall");
    case Scenario::AccessPolicy:
        return tr("Denied by an access policy");
    case Scenario::Rbac:
        return tr("Denied by Azure RBAC");
    case Scenario::WrongTenant:
        return tr("A token for the wrong tenant");
    }
    return {};
}

QString GuidedTour::text() const
{
    return m_text->text();
}

void GuidedTour::setText(const QString &html)
{
    m_text->setText(html);
}

void GuidedTour::start(Scenario scenario)
{
    restoreSandbox();
    m_scenario = scenario;
    setWindowTitle(tr("Guided tour: %1").arg(title(scenario)));
    m_run->setEnabled(true);
    QString intro;
    switch (scenario) {
    case Scenario::Firewall:
        intro = tr("Alice, the administrator, lists the secrets of <b>kv-contoso-prod</b> from "
                   "the address %1, which the vault's firewall does not list.")
                    .arg(BlockedAddress);
        break;
    case Scenario::AccessPolicy:
        intro = tr("The service principal <b>reporting-app</b> lists the secrets of "
                   "<b>kv-contoso-dev</b>, whose access policies do not name it.");
        break;
    case Scenario::Rbac:
        intro = tr("The service principal <b>reporting-app</b>, which may read the secrets of "
                   "<b>kv-contoso-apps</b>, lists its keys: no role assignment allows that.");
        break;
    case Scenario::WrongTenant:
        intro = tr("Carol, a partner engineer from Fabrikam and a guest in Contoso, lists the "
                   "secrets of <b>kv-contoso-apps</b>. Then the vault's tenant becomes Fabrikam, "
                   "as an administrator sets it after moving a subscription to another "
                   "directory. VaultLens still holds the token from Contoso that the vault "
                   "asked for before.");
        if (userAccount(GuestUpn).isEmpty())
            intro += u"<p>"_s + tr("Sign in as <b>%1</b> too (File ▸ Add account…).").arg(GuestUpn)
                     + u"</p>"_s;
        break;
    }
    if (adminAccount().isEmpty())
        intro += u"<p>"_s
                 + tr("First sign in as <b>alice@contoso.example</b> (File ▸ Add account…), then "
                      "run the request.")
                 + u"</p>"_s;
    setText(u"<p>"_s + intro + u"</p><p>"_s
            + tr("Run the request: the flow inspector shows where it stopped and why.")
            + u"</p>"_s);
    show();
    raise();
}

QString GuidedTour::adminAccount() const
{
    return userAccount(m_sandbox.config.value("accounts"_L1)
                           .toArray()
                           .first()
                           .toObject()
                           .value("upn"_L1)
                           .toString());
}

QString GuidedTour::userAccount(const QString &upn) const
{
    for (const Account &account : m_session.accounts().accounts())
        if (account.cloud == m_sandbox.cloud
            && (upn.isEmpty() ? account.isUser()
                              : account.userName.compare(upn, Qt::CaseInsensitive) == 0))
            return account.id;
    return {};
}

QString GuidedTour::tenantOf(const QString &domain) const
{
    for (const QJsonValue &t : m_sandbox.config.value("tenants"_L1).toArray())
        if (t[u"domain"_s].toString().compare(domain, Qt::CaseInsensitive) == 0)
            return t[u"id"_s].toString();
    return {};
}

std::optional<VaultLocation> GuidedTour::locate(const QString &vault,
                                                const QString &accountId) const
{
    for (const QJsonValue &v : m_sandbox.config.value("vaults"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value("name"_L1).toString() != vault)
            continue;
        const std::optional<Account> account = m_session.accounts().account(accountId);
        VaultLocation l;
        l.accountId = accountId;
        l.tenantId = account ? account->homeTenantId : QString();
        l.name = vault;
        l.resourceId = o.value("id"_L1).toString();
        const arm::ResourceId id = arm::ResourceId::parse(l.resourceId);
        l.subscriptionId = id.subscriptionId;
        l.resourceGroup = id.resourceGroup;
        l.vaultUri = QUrl(o.value("vaultUri"_L1).toString());
        l.cloud = m_sandbox.cloud;
        return l;
    }
    return std::nullopt;
}

void GuidedTour::withApplicationAccount(const std::function<void(const QString &)> &then)
{
    for (const Account &account : m_session.accounts().accounts())
        if (account.cloud == m_sandbox.cloud && account.displayName == ApplicationName) {
            then(account.id);
            return;
        }
    for (const QJsonValue &v : m_sandbox.config.value("servicePrincipals"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value("displayName"_L1).toString() != ApplicationName)
            continue;
        ServicePrincipalRequest request;
        request.cloud = m_sandbox.cloud;
        request.tenantId =
            m_sandbox.config.value("tenants"_L1).toArray().first()[u"id"_s].toString();
        request.clientId = o.value("appId"_L1).toString();
        request.clientSecret = o.value("clientSecret"_L1).toString().toUtf8();
        request.displayName = ApplicationName;
        onFinished(m_session.accounts().addServicePrincipal(request), this,
                   [this, then](const Result<Account> &r) {
                       if (!r) {
                           setText(tr("The tour could not sign in %1: %2")
                                       .arg(ApplicationName, r.error().message.toHtmlEscaped()));
                           return;
                       }
                       then(r->id);
                   });
        return;
    }
    setText(tr("This sandbox has no %1 service principal.").arg(ApplicationName));
}

void GuidedTour::whenRecord(quint64 after,
                            const std::function<quint64(const RequestRecord &)> &pick,
                            const std::function<void(quint64)> &then)
{
    auto *poll = new QTimer(this);
    m_polls.append(poll);
    auto *waited = new QElapsedTimer;
    waited->start();
    connect(poll, &QTimer::destroyed, this, [waited] { delete waited; });
    connect(poll, &QTimer::timeout, this, [this, poll, waited, after, pick, then] {
        const QList<RequestRecord> &records = m_session.journal().records();
        for (auto it = records.crbegin(); it != records.crend() && it->id > after; ++it)
            if (const quint64 picked = pick(*it)) {
                poll->stop();
                poll->deleteLater();
                then(picked);
                return;
            }
        if (waited->elapsed() > PollLimitMs) {
            poll->stop();
            poll->deleteLater();
            setText(tr("The scenario's request did not come back. Check the flow inspector, "
                       "then run it again."));
            m_run->setEnabled(true);
        }
    });
    poll->start(100);
}

void GuidedTour::openAndShowFailure(const VaultLocation &location, int itemKind)
{
    VaultView *view = m_window.openVault(location);
    view->setCurrentKind(static_cast<VaultItemKind>(itemKind));
    view->refresh();
    FlowInspector *inspector = m_window.showFlowInspector();
    // Select the refused request once its answer is in.
    const quint64 after =
        m_session.journal().records().isEmpty() ? 0 : m_session.journal().records().last().id;
    whenRecord(
        after,
        [inspector](const RequestRecord &r) -> quint64 {
            // Not the request sent without a token: its challenge is answered next.
            if (r.status == 401 && !r.token)
                return 0;
            const std::optional<quint64> failed = inspector->latestFailure();
            return failed && *failed == r.id ? r.id : 0;
        },
        [this, inspector](quint64 failed) {
            inspector->selectRecord(failed);
            Q_EMIT requestShown(failed);
        });
}

void GuidedTour::runWrongTenant(const QString &accountId)
{
    const std::optional<VaultLocation> location = locate(MovedVault, accountId);
    const QString fabrikam = tenantOf(GuestHomeDomain);
    if (!location || fabrikam.isEmpty() || !m_sandbox.setVaultTenant) {
        setText(tr("This sandbox has no %1 or no Fabrikam tenant.").arg(MovedVault));
        return;
    }
    m_movedFrom.clear();
    for (const QJsonValue &sub : m_sandbox.config.value("subscriptions"_L1).toArray())
        if (sub[u"subscriptionId"_s].toString().compare(location->subscriptionId,
                                                        Qt::CaseInsensitive)
            == 0)
            m_movedFrom = sub[u"tenantId"_s].toString();
    if (m_movedFrom.isEmpty()) {
        setText(tr("This sandbox does not say which tenant %1 belongs to.").arg(MovedVault));
        return;
    }
    const QPointer<VaultView> view = m_window.openVault(*location);
    view->setCurrentKind(VaultItemKind::Secret);
    view->refresh();
    FlowInspector *inspector = m_window.showFlowInspector();
    const QString vaultHost = JournalModel::hostOf(location->vaultUri);
    // Carol's requests to the vault, with their token.
    const auto carols = [vaultHost](const RequestRecord &r) {
        return JournalModel::hostOf(r.url) == vaultHost && r.token
               && r.token->claims.value("upn"_L1).toString().compare(GuestUpn, Qt::CaseInsensitive)
                      == 0;
    };
    const QList<RequestRecord> &records = m_session.journal().records();
    const quint64 start = records.isEmpty() ? 0 : records.last().id;
    // First the list passes with a token from Contoso, the tenant the vault names.
    whenRecord(
        start,
        [carols](const RequestRecord &r) -> quint64 {
            return carols(r) && r.isSuccess() ? r.id : 0;
        },
        [this, view, inspector, carols, fabrikam](quint64 passed) {
            if (!view) {
                setText(tr("Carol's tab of %1 was closed: run the request again.").arg(MovedVault));
                m_run->setEnabled(true);
                return;
            }
            m_movedVault = MovedVault;
            m_sandbox.setVaultTenant(MovedVault, fabrikam);
            view->refresh();
            // Then the same list, refused for its token's tenant and answered from Fabrikam.
            whenRecord(
                passed,
                [this, carols](const RequestRecord &r) -> quint64 {
                    if (!carols(r) || !r.isSuccess())
                        return 0;
                    for (const RequestRecord &o : m_session.journal().exchange(r.clientRequestId))
                        if (o.status == 401 && o.token && o.id < r.id)
                            return o.id;
                    return 0;
                },
                [this, inspector](quint64 refused) {
                    inspector->selectRecord(refused);
                    setText(tr("<p>Key Vault refused the token from Contoso (AKV10032) and its 401 "
                               "challenge named Fabrikam, the vault's tenant now. VaultLens asked "
                               "Fabrikam for a token and sent the request again: the flow "
                               "inspector draws both attempts side by side.</p><p>Had Carol been "
                               "unable to get a token from Fabrikam, <b>Fix…</b> would open the "
                               "sign-in to that tenant.</p>"));
                    Q_EMIT requestShown(refused);
                });
        });
}

void GuidedTour::run()
{
    const QString admin = adminAccount();
    if (admin.isEmpty()) {
        m_window.signIn();
        return;
    }
    m_run->setEnabled(false);
    const QString fix =
        tr("<p>In the flow inspector, the failed stage is red, with the evidence beside it. Click "
           "<b>Fix…</b>: the editor opens pre-filled in Alice's tab of the vault. Review and "
           "apply.</p><p>Then select the refused request again and click <b>Retry</b>: its new "
           "flow appears beside the old one.</p>");
    switch (m_scenario) {
    case Scenario::Firewall: {
        if (m_sandbox.setClientAddress)
            m_sandbox.setClientAddress(BlockedAddress);
        if (const auto l = locate(u"kv-contoso-prod"_s, admin))
            openAndShowFailure(*l, int(VaultItemKind::Secret));
        setText(tr("<p>Key Vault saw this machine at %1: the firewall refused it.</p>")
                    .arg(BlockedAddress)
                + fix);
        return;
    }
    case Scenario::WrongTenant: {
        const QString guest = userAccount(GuestUpn);
        if (guest.isEmpty()) {
            m_run->setEnabled(true);
            setText(tr("<p>Sign in as <b>%1</b> first (File ▸ Add account…), then run the "
                       "request again.</p>")
                        .arg(GuestUpn));
            m_window.signIn();
            return;
        }
        setText(tr("<p>Carol lists the secrets of %1; then the vault's tenant becomes Fabrikam "
                   "and she lists them again…</p>")
                    .arg(MovedVault));
        runWrongTenant(guest);
        return;
    }
    case Scenario::AccessPolicy:
    case Scenario::Rbac: {
        const bool policy = m_scenario == Scenario::AccessPolicy;
        const QString vault = policy ? u"kv-contoso-dev"_s : u"kv-contoso-apps"_s;
        // Alice's tab first: the fix is applied there.
        if (const auto l = locate(vault, admin))
            m_window.openVault(*l);
        withApplicationAccount([this, vault, policy, fix](const QString &accountId) {
            if (const auto l = locate(vault, accountId))
                openAndShowFailure(*l, int(policy ? VaultItemKind::Secret : VaultItemKind::Key));
            setText((policy ? tr("<p>No access policy of %1 names reporting-app.</p>").arg(vault)
                            : tr("<p>No role assignment lets reporting-app read the keys of "
                                 "%1.</p>")
                                  .arg(vault))
                    + fix);
        });
        return;
    }
    }
}

} // namespace vl::ui
