// SPDX-License-Identifier: GPL-3.0-or-later
#include "VaultView.h"

#include "AccessPolicyModel.h"
#include "NetworkRulesModel.h"
#include "PortalLinks.h"
#include "Presentation.h"
#include "Session.h"
#include "access/AccessPolicyDialog.h"
#include "access/AccessPolicyEditor.h"
#include "access/AccessView.h"
#include "access/AssignRoleDialog.h"
#include "access/ObjectKind.h"
#include "access/RoleAssignmentEditor.h"
#include "access/RoleDefinitionDialog.h"
#include "certificates/CertificateDetails.h"
#include "items/ItemListView.h"
#include "journal/FlowStep.h"
#include "keys/KeyDetails.h"
#include "network/NetworkEditor.h"
#include "secrets/SecretDetails.h"
#include "widgets/ErrorBanner.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

namespace {
int indexOf(VaultItemKind kind)
{
    return static_cast<int>(kind);
}

QString kindKey(VaultItemKind kind)
{
    switch (kind) {
    case VaultItemKind::Secret:
        return u"secrets"_s;
    case VaultItemKind::Key:
        return u"keys"_s;
    case VaultItemKind::Certificate:
        break;
    }
    return u"certificates"_s;
}

// The pane's own actions, named alike for every kind.
void deleteWith(SecretDetails *pane)
{
    pane->deleteSecret();
}
void deleteWith(KeyDetails *pane)
{
    pane->deleteKey();
}
void deleteWith(CertificateDetails *pane)
{
    pane->deleteCertificate();
}
void recoverWith(SecretDetails *pane)
{
    pane->recoverSecret();
}
void recoverWith(KeyDetails *pane)
{
    pane->recoverKey();
}
void recoverWith(CertificateDetails *pane)
{
    pane->recoverCertificate();
}
void purgeWith(SecretDetails *pane)
{
    pane->purgeSecret();
}
void purgeWith(KeyDetails *pane)
{
    pane->purgeKey();
}
void purgeWith(CertificateDetails *pane)
{
    pane->purgeCertificate();
}
} // namespace

VaultView::VaultView(Session &session, VaultLocation location, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_location(std::move(location))
    , m_tabs(new QTabWidget(this))
{
    setObjectName(u"vaultView"_s);
    setAccessibleName(tr("Vault %1").arg(m_location.name));

    auto *title = new QLabel(m_location.name, this);
    title->setObjectName(u"vaultTitle"_s);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title->setFont(big);
    auto *address = new QLabel(this);
    address->setObjectName(u"vaultAddress"_s);
    address->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const auto showAddress = [this, address] {
        const std::optional<Account> account = m_session.accounts().account(m_location.accountId);
        const QString who = account ? account->userName : QString();
        address->setText(Presentation::instance().text(
            tr("%1 · as %2").arg(m_location.vaultUri.toString(), who)));
    };
    showAddress();
    connect(&Presentation::instance(), &Presentation::changed, address, showAddress);

    auto *copyUri = new QToolButton(this);
    copyUri->setObjectName(u"copyVaultUriButton"_s);
    copyUri->setAccessibleName(tr("Copy vault URI"));
    copyUri->setText(tr("Copy URI"));
    connect(copyUri, &QToolButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_location.vaultUri.toString());
        Q_EMIT statusMessage(tr("Vault URI copied."), 3000);
    });
    auto *portalButton = new QToolButton(this);
    portalButton->setObjectName(u"vaultPortalButton"_s);
    portalButton->setAccessibleName(tr("Open the vault in the Azure portal"));
    portalButton->setText(tr("Open in portal"));
    connect(portalButton, &QToolButton::clicked, this,
            [this] { Q_EMIT openInPortalRequested(m_location); });

    auto *header = new QHBoxLayout;
    auto *names = new QVBoxLayout;
    names->addWidget(title);
    names->addWidget(address);
    header->addLayout(names, 1);
    header->addWidget(copyUri, 0, Qt::AlignBottom);
    header->addWidget(portalButton, 0, Qt::AlignBottom);

    m_client = m_session.vault(m_location.accountId, m_location.tenantId, m_location.vaultUri);
    m_secretDetails = new SecretDetails(this);
    m_keyDetails = new KeyDetails(this);
    m_certificateDetails = new CertificateDetails(this);
    m_tabs->setObjectName(u"vaultKindTabs"_s);
    m_tabs->setAccessibleName(tr("Secrets, keys and certificates"));
    m_tabs->addTab(makeTab(VaultItemKind::Secret, m_secretDetails), tr("&Secrets"));
    m_tabs->addTab(makeTab(VaultItemKind::Key, m_keyDetails), tr("&Keys"));
    m_tabs->addTab(makeTab(VaultItemKind::Certificate, m_certificateDetails), tr("C&ertificates"));
    // Access and networking are Resource Manager views, made when first shown.
    m_tabs->addTab(managementPlaceholder(tr("who may use it")), tr("&Access"));
    m_tabs->addTab(managementPlaceholder(tr("its firewall")), tr("&Networking"));
    m_secretDetails->setClient(m_client);
    m_keyDetails->setClient(m_client);
    m_certificateDetails->setClient(m_client);
    // A list loads when its tab is first shown.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == AccessTab)
            accessView();
        else if (index == NetworkTab)
            networkEditor();
        if (index < 0 || index > 2) {
            Q_EMIT countsChanged();
            return;
        }
        ItemListView *list = m_lists[index];
        if (!list->client())
            list->setClient(m_client);
        Q_EMIT countsChanged();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_tabs, 1);

    m_lists[0]->setClient(m_client);
}

VaultView::~VaultView() = default;

template<typename Pane>
QWidget *VaultView::makeTab(VaultItemKind kind, Pane *pane)
{
    auto *list = new ItemListView(kind, this);
    m_lists[indexOf(kind)] = list;
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QString(kindKey(kind) + u"Splitter"_s));
    splitter->addWidget(list);
    splitter->addWidget(pane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    splitter->setSizes({640, 420});

    connect(list, &ItemListView::currentItemChanged, pane,
            [pane](const std::optional<VaultItem> &item) {
                if (item)
                    pane->setItem(*item);
                else
                    pane->clear();
            });
    connect(pane, &Pane::itemChanged, list, [list](const QString &name) {
        list->refresh();
        list->selectItem(name);
    });
    connect(pane, &Pane::itemRemoved, list, [list](const QString &) { list->refresh(); });
    connect(pane, &Pane::statusMessage, this, &VaultView::statusMessage);
    connect(list, &ItemListView::countsChanged, this,
            [this, kind](int loaded, int shown, bool complete) {
                m_counts[indexOf(kind)] = {loaded, shown, complete};
                Q_EMIT countsChanged();
            });
    connect(list, &ItemListView::deleteRequested, pane, [pane](const VaultItem &item) {
        pane->setItem(item);
        deleteWith(pane);
    });
    connect(list, &ItemListView::recoverRequested, pane, [pane](const VaultItem &item) {
        pane->setItem(item);
        recoverWith(pane);
    });
    connect(list, &ItemListView::purgeRequested, pane, [pane](const VaultItem &item) {
        pane->setItem(item);
        purgeWith(pane);
    });
    connect(list->errorBanner(), &ErrorBanner::remedyRequested, this, [this](const Remedy &remedy) {
        if (!applyRemedy(remedy) && !remedy.text.isEmpty())
            Q_EMIT statusMessage(remedy.text, 8000);
    });
    connect(list, &ItemListView::openInPortalRequested, this,
            [this, kind](const VaultItem &item) { openItemInPortal(kind, item); });
    return splitter;
}

VaultItemKind VaultView::currentKind() const
{
    const int index = m_tabs->currentIndex();
    return index >= 0 && index <= 2 ? static_cast<VaultItemKind>(index) : VaultItemKind::Secret;
}

bool VaultView::showsItems() const
{
    return m_tabs->currentIndex() >= 0 && m_tabs->currentIndex() <= 2;
}

QWidget *VaultView::managementPlaceholder(const QString &what)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    if (!m_location.hasResourceId()) {
        auto *note = new QLabel(
            tr("This vault was opened by its address, so Resource Manager, which keeps %1, is "
               "not known for it. Open the vault from the navigation tree to see and change "
               "%1.")
                .arg(what),
            page);
        note->setWordWrap(true);
        layout->addWidget(note);
        layout->addStretch();
    }
    return page;
}

AccessView *VaultView::accessView()
{
    if (!m_access && m_location.hasResourceId()) {
        m_access = new AccessView(m_session, m_location, this);
        QWidget *page = m_tabs->widget(AccessTab);
        page->layout()->addWidget(m_access);
    }
    return m_access;
}

NetworkEditor *VaultView::networkEditor()
{
    if (!m_network && m_location.hasResourceId()) {
        m_network = new NetworkEditor(m_session, m_location, this);
        QWidget *page = m_tabs->widget(NetworkTab);
        page->layout()->addWidget(m_network);
    }
    return m_network;
}

void VaultView::showAccess()
{
    m_tabs->setCurrentIndex(AccessTab);
}

void VaultView::showNetworking()
{
    m_tabs->setCurrentIndex(NetworkTab);
}

bool VaultView::applyRemedy(const Remedy &remedy)
{
    switch (remedy.kind) {
    case Remedy::Kind::AddClientAddress:
        if (!networkEditor() || remedy.address.isEmpty())
            return false;
        showNetworking();
        m_network->addClientAddress(remedy.address);
        return true;
    case Remedy::Kind::GrantAccessPolicyPermission: {
        // "secrets get": the kind, then the permission.
        const QStringList parts = remedy.permission.split(u' ', Qt::SkipEmptyParts);
        const std::optional<access::ObjectKind> kind =
            access::objectKindFromWireName(parts.value(0));
        if (!accessView() || !kind || parts.size() < 2)
            return false;
        showAccess();
        m_access->showAccessPolicies(true);
        m_access->accessPolicies()->grantPermission(remedy.principalId, *kind, parts.value(1));
        return true;
    }
    case Remedy::Kind::AssignRole:
        if (!accessView())
            return false;
        showAccess();
        m_access->showAccessPolicies(false);
        m_access->roleAssignments()->assignRole(remedy.principalId, remedy.roleName,
                                                remedy.scope.isEmpty() ? m_location.resourceId
                                                                       : remedy.scope);
        return true;
    default:
        return false;
    }
}

void VaultView::setCurrentKind(VaultItemKind kind)
{
    m_tabs->setCurrentIndex(indexOf(kind));
}

ItemListView *VaultView::list(VaultItemKind kind) const
{
    return m_lists[indexOf(kind)];
}

void VaultView::refresh()
{
    if (m_tabs->currentIndex() == AccessTab) {
        if (accessView())
            m_access->reload();
        return;
    }
    if (m_tabs->currentIndex() == NetworkTab) {
        if (networkEditor())
            m_network->model()->reload();
        return;
    }
    ItemListView *current = list(currentKind());
    if (current->client())
        current->refresh();
    else
        current->setClient(m_client);
}

void VaultView::focusFilter()
{
    if (!showsItems())
        return;
    list(currentKind())->focusFilter();
}

void VaultView::newItem()
{
    if (!showsItems())
        return;
    switch (currentKind()) {
    case VaultItemKind::Secret:
        m_secretDetails->newSecret();
        break;
    case VaultItemKind::Key:
        m_keyDetails->createKey();
        break;
    case VaultItemKind::Certificate:
        m_certificateDetails->importCertificate();
        break;
    }
}

void VaultView::exportVisibleList()
{
    if (!showsItems())
        return;
    QString selectedFilter;
    const QString csv = tr("CSV (*.csv)");
    const QString json = tr("JSON (*.json)");
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export the visible list"),
        QString(m_location.name + u'-' + kindKey(currentKind()) + u".csv"_s),
        QString(csv + u";;"_s + json), &selectedFilter);
    if (path.isEmpty())
        return;
    const bool asJson = selectedFilter == json || path.endsWith(u".json"_s, Qt::CaseInsensitive);
    if (!list(currentKind())
             ->exportTo(path, asJson ? ItemExport::Format::Json : ItemExport::Format::Csv))
        Q_EMIT statusMessage(tr("The list could not be written to %1.").arg(path), 8000);
    else
        Q_EMIT statusMessage(tr("Exported to %1.").arg(path), 5000);
}

QString VaultView::countsText() const
{
    if (!showsItems())
        return {};
    const Counts &counts = m_counts[indexOf(currentKind())];
    const QLocale locale;
    QString noun;
    switch (currentKind()) {
    case VaultItemKind::Secret:
        noun = tr("secrets");
        break;
    case VaultItemKind::Key:
        noun = tr("keys");
        break;
    case VaultItemKind::Certificate:
        noun = tr("certificates");
        break;
    }
    if (counts.shown == counts.loaded)
        return counts.complete ? tr("%1 %2").arg(locale.toString(counts.loaded), noun)
                               : tr("%1 %2 so far").arg(locale.toString(counts.loaded), noun);
    return counts.complete
               ? tr("%1 of %2 %3")
                     .arg(locale.toString(counts.shown), locale.toString(counts.loaded), noun)
               : tr("%1 of %2 %3 so far")
                     .arg(locale.toString(counts.shown), locale.toString(counts.loaded), noun);
}

void VaultView::saveState(QSettings &settings) const
{
    for (VaultItemKind kind :
         {VaultItemKind::Secret, VaultItemKind::Key, VaultItemKind::Certificate})
        settings.setValue(QString(u"vaultView/"_s + kindKey(kind) + u"/header"_s),
                          list(kind)->saveState());
}

void VaultView::restoreState(const QSettings &settings)
{
    for (VaultItemKind kind :
         {VaultItemKind::Secret, VaultItemKind::Key, VaultItemKind::Certificate}) {
        const QByteArray state =
            settings.value(QString(u"vaultView/"_s + kindKey(kind) + u"/header"_s)).toByteArray();
        if (!state.isEmpty())
            list(kind)->restoreState(state);
    }
}

void VaultView::openItemInPortal(VaultItemKind kind, const VaultItem &item)
{
    const std::optional<CloudProfile> cloud = m_session.cloud(m_location.cloud);
    const QUrl url = cloud ? portal::itemUrl(*cloud, m_location.tenantId, kind, item.id) : QUrl();
    if (!url.isValid()) {
        Q_EMIT statusMessage(tr("This item cannot be shown in a portal here."), 5000);
        return;
    }
    QDesktopServices::openUrl(url);
}

} // namespace vl::ui
