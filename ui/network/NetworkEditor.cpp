// SPDX-License-Identifier: GPL-3.0-or-later
#include "NetworkEditor.h"

#include "ModelRoles.h"
#include "NetworkRulesModel.h"
#include "Session.h"
#include "widgets/ErrorBanner.h"
#include "widgets/FormSupport.h"
#include "widgets/StagedChangesBar.h"

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {
namespace {

using Mode = NetworkRulesModel::AccessMode;

QTableView *makeView(QAbstractItemModel *model, const QString &objectName,
                     const QString &accessibleName, QWidget *parent)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(models::RawValueRole);
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setModel(proxy);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSortingEnabled(true);
    view->sortByColumn(0, Qt::AscendingOrder);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->setAlternatingRowColors(true);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    view->setMinimumHeight(110);
    return view;
}

QLabel *makeHint(const QString &text, QWidget *parent, int indent = 0)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    if (indent > 0)
        label->setContentsMargins(indent, 0, 0, 0);
    return label;
}

QAction *addViewAction(QTableView *view, const QString &text, const QString &objectName)
{
    auto *action = new QAction(text, view);
    action->setObjectName(objectName);
    view->addAction(action);
    return action;
}

} // namespace

NetworkEditor::NetworkEditor(Session &session, VaultLocation location, QWidget *parent)
    : QWidget(parent)
    , m_model(new NetworkRulesModel(session, std::move(location), this))
    , m_banner(new ErrorBanner(this))
{
    setObjectName(u"networkEditor"_s);
    auto *outer = new QVBoxLayout(this);
    m_banner->setObjectName(u"errorBanner"_s);
    outer->addWidget(m_banner);

    auto *note = new QLabel(
        tr("Firewall rules apply to the data plane only: secrets, keys and certificates. "
           "Resource Manager requests such as this editor's are not affected."),
        this);
    note->setObjectName(u"dataPlaneNote"_s);
    note->setWordWrap(true);
    note->setFrameShape(QFrame::StyledPanel);
    note->setMargin(4);
    outer->addWidget(note);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"networkScroll"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *columns = new QHBoxLayout(content);
    columns->setContentsMargins(0, 0, 0, 0);
    auto *left = new QVBoxLayout;
    auto *right = new QVBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    buildAccess(content, left);
    buildIpRules(content, left);
    buildVirtualNetworks(content, right);
    buildPrivateEndpoints(content, right);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    m_bar = new StagedChangesBar(*m_model, this);
    m_bar->setObjectName(u"stagedChangesBar"_s);
    outer->addWidget(m_bar);

    connect(m_model, &StagedEditor::stagedChanged, this, &NetworkEditor::syncFromModel);
    connect(m_model, &StagedEditor::loaded, this, [this] {
        m_banner->clear();
        syncFromModel();
    });
    connect(m_model, &StagedEditor::loadFailed, this, [this](const AzureError &error) {
        m_banner->showError(error, Service::ResourceManager, tr("Reading the vault's firewall"));
    });
    connect(m_model, &StagedEditor::applied, this, [this](const ApplyReport &report) {
        if (report.error)
            m_banner->showError(*report.error, Service::ResourceManager,
                                tr("Applying the firewall changes"));
    });
    connect(m_model, &StagedEditor::busyChanged, content,
            [content](bool busy) { content->setEnabled(!busy); });
    connect(m_model, &NetworkRulesModel::clientAddressChanged, this, [this](const QString &a) {
        const bool add = m_addClientWhenKnown;
        m_addClientWhenKnown = false;
        updateClientAddressButton();
        if (add)
            addClientAddress(a);
    });
    connect(m_model, &NetworkRulesModel::clientAddressNotFound, this, [this] {
        if (!m_addClientWhenKnown)
            return; // the search the model started at load: nobody is waiting
        m_addClientWhenKnown = false;
        updateClientAddressButton();
        showFieldMessage(m_ipError,
                         tr("Key Vault did not report this machine's address. Try again, or "
                            "type the address in the rule field."),
                         true);
    });
    connect(m_banner, &ErrorBanner::remedyRequested, this, &NetworkEditor::applyRemedy);
    content->setEnabled(!m_model->isBusy());
    syncFromModel();
}

NetworkEditor::~NetworkEditor() = default;

void NetworkEditor::buildAccess(QWidget *parent, QVBoxLayout *layout)
{
    auto *box = new QGroupBox(tr("Public network access"), parent);
    auto *v = new QVBoxLayout(box);
    m_modeGroup = new QButtonGroup(box);
    auto addMode = [&](Mode mode, const QString &text, const QString &name,
                       const QString &accessible, const QString &hint) {
        auto *radio = new QRadioButton(text, box);
        radio->setObjectName(name);
        radio->setAccessibleName(accessible);
        m_modeGroup->addButton(radio, int(mode));
        v->addWidget(radio);
        v->addWidget(makeHint(hint, box, 22));
        return radio;
    };
    m_allNetworks = addMode(
        Mode::AllNetworks, tr("&All networks"), u"accessAllNetworks"_s, tr("Allow all networks"),
        tr("Any address on the internet may reach the data plane (with a valid token)."));
    m_selectedNetworks = addMode(
        Mode::SelectedNetworks, tr("S&elected networks"), u"accessSelectedNetworks"_s,
        tr("Allow selected networks"),
        tr("Only the IPv4 ranges and subnets listed below, and private endpoints, get through."));
    m_disabled = addMode(
        Mode::Disabled, tr("&Disabled"), u"accessDisabled"_s, tr("Disable public network access"),
        tr("Only approved private endpoints get through; the rules below are ignored."));
    m_bypass = new QCheckBox(tr("Allow trusted Microsoft services to &bypass this firewall"), box);
    m_bypass->setObjectName(u"bypassAzureServices"_s);
    m_bypass->setAccessibleName(tr("Allow trusted Microsoft services to bypass this firewall"));
    v->addWidget(m_bypass);
    layout->addWidget(box);

    connect(m_modeGroup, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (checked && !m_syncing)
            showRefusal(m_model->setAccessMode(Mode(id)));
    });
    connect(m_bypass, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_syncing)
            showRefusal(m_model->setBypassAzureServices(on));
    });
}

void NetworkEditor::buildIpRules(QWidget *parent, QVBoxLayout *layout)
{
    auto *box = new QGroupBox(tr("IPv4 rules"), parent);
    auto *v = new QVBoxLayout(box);
    m_rulesHint = makeHint({}, box);
    m_rulesHint->setObjectName(u"rulesHint"_s);
    v->addWidget(m_rulesHint);
    m_ipView = makeView(m_model->ipRules(), u"ipRulesView"_s, tr("IPv4 rules"), box);
    v->addWidget(m_ipView, 1);

    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("&Rule:"), box);
    m_ipEdit = new QLineEdit(box);
    m_ipEdit->setObjectName(u"ipRuleEdit"_s);
    m_ipEdit->setAccessibleName(tr("IPv4 address or CIDR range"));
    m_ipEdit->setPlaceholderText(tr("203.0.113.7 or 203.0.113.0/24"));
    m_ipEdit->setClearButtonEnabled(true);
    label->setBuddy(m_ipEdit);
    m_addIp = form::namedButton(tr("&Add"), u"addIpRuleButton"_s, tr("Add the IPv4 rule"), box);
    row->addWidget(label);
    row->addWidget(m_ipEdit, 1);
    row->addWidget(m_addIp);
    v->addLayout(row);
    m_ipError = new QLabel(box);
    m_ipError->setObjectName(u"ipRuleError"_s);
    m_ipError->setWordWrap(true);
    m_ipError->hide();
    v->addWidget(m_ipError);

    auto *buttons = new QHBoxLayout;
    m_editIp =
        form::namedButton(tr("&Edit"), u"editIpRuleButton"_s, tr("Edit the selected rule"), box);
    m_removeIp = form::namedButton(tr("Re&move"), u"removeIpRuleButton"_s,
                                   tr("Remove the selected rule"), box);
    m_clientAddress = form::namedButton(tr("Add my &client address"), u"addClientAddressButton"_s,
                                        tr("Add my client address"), box);
    m_clientAddress->setToolTip(
        tr("Adds the address Key Vault sees for this machine as a /32 rule."));
    buttons->addWidget(m_editIp);
    buttons->addWidget(m_removeIp);
    buttons->addStretch(1);
    buttons->addWidget(m_clientAddress);
    v->addLayout(buttons);
    layout->addWidget(box, 1);

    QAction *edit = addViewAction(m_ipView, tr("Edit"), u"editIpRuleAction"_s);
    QAction *remove = addViewAction(m_ipView, tr("Remove"), u"removeIpRuleAction"_s);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    auto *cancel = new QAction(tr("Cancel the edit"), m_ipEdit);
    cancel->setObjectName(u"cancelIpRuleEditAction"_s);
    cancel->setShortcut(Qt::Key_Escape);
    cancel->setShortcutContext(Qt::WidgetShortcut);
    m_ipEdit->addAction(cancel);

    connect(m_addIp, &QPushButton::clicked, this, &NetworkEditor::addOrSaveIpRule);
    connect(m_ipEdit, &QLineEdit::returnPressed, this, &NetworkEditor::addOrSaveIpRule);
    connect(m_ipEdit, &QLineEdit::textEdited, this, [this] { m_ipError->hide(); });
    connect(m_editIp, &QPushButton::clicked, this, &NetworkEditor::startEditIpRule);
    connect(edit, &QAction::triggered, this, &NetworkEditor::startEditIpRule);
    connect(m_ipView, &QTableView::doubleClicked, this, &NetworkEditor::startEditIpRule);
    connect(m_removeIp, &QPushButton::clicked, this, &NetworkEditor::removeIpRule);
    connect(remove, &QAction::triggered, this, &NetworkEditor::removeIpRule);
    connect(cancel, &QAction::triggered, this, &NetworkEditor::cancelEditIpRule);
    connect(m_clientAddress, &QPushButton::clicked, this, &NetworkEditor::addMyClientAddress);
    connect(m_ipView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &NetworkEditor::updateButtons);
}

void NetworkEditor::buildVirtualNetworks(QWidget *parent, QVBoxLayout *layout)
{
    auto *box = new QGroupBox(tr("Virtual network rules"), parent);
    auto *v = new QVBoxLayout(box);
    v->addWidget(makeHint(tr("Subnets with the Microsoft.KeyVault service endpoint."), box));
    m_vnetView = makeView(m_model->virtualNetworkRules(), u"virtualNetworkRulesView"_s,
                          tr("Virtual network rules"), box);
    v->addWidget(m_vnetView, 1);
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("S&ubnet id:"), box);
    m_subnetEdit = new QLineEdit(box);
    m_subnetEdit->setObjectName(u"subnetIdEdit"_s);
    m_subnetEdit->setAccessibleName(tr("Subnet resource id"));
    m_subnetEdit->setPlaceholderText(
        tr("/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworks/…/"
           "subnets/…"));
    m_subnetEdit->setClearButtonEnabled(true);
    label->setBuddy(m_subnetEdit);
    m_addVnet = form::namedButton(tr("A&dd"), u"addVirtualNetworkRuleButton"_s,
                                  tr("Add the virtual network rule"), box);
    row->addWidget(label);
    row->addWidget(m_subnetEdit, 1);
    row->addWidget(m_addVnet);
    v->addLayout(row);
    m_subnetError = new QLabel(box);
    m_subnetError->setObjectName(u"subnetIdError"_s);
    m_subnetError->setWordWrap(true);
    m_subnetError->hide();
    v->addWidget(m_subnetError);
    auto *buttons = new QHBoxLayout;
    m_removeVnet = form::namedButton(tr("Remo&ve"), u"removeVirtualNetworkRuleButton"_s,
                                     tr("Remove the selected virtual network rule"), box);
    buttons->addWidget(m_removeVnet);
    buttons->addStretch(1);
    v->addLayout(buttons);
    layout->addWidget(box, 1);

    QAction *remove = addViewAction(m_vnetView, tr("Remove"), u"removeVirtualNetworkRuleAction"_s);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(m_addVnet, &QPushButton::clicked, this, &NetworkEditor::addVirtualNetworkRule);
    connect(m_subnetEdit, &QLineEdit::returnPressed, this, &NetworkEditor::addVirtualNetworkRule);
    connect(m_subnetEdit, &QLineEdit::textEdited, this, [this] { m_subnetError->hide(); });
    connect(m_removeVnet, &QPushButton::clicked, this, &NetworkEditor::removeVirtualNetworkRule);
    connect(remove, &QAction::triggered, this, &NetworkEditor::removeVirtualNetworkRule);
    connect(m_vnetView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &NetworkEditor::updateButtons);
}

void NetworkEditor::buildPrivateEndpoints(QWidget *parent, QVBoxLayout *layout)
{
    auto *box = new QGroupBox(tr("Private endpoint connections"), parent);
    auto *v = new QVBoxLayout(box);
    m_peView = makeView(m_model->privateEndpoints(), u"privateEndpointsView"_s,
                        tr("Private endpoint connections"), box);
    v->addWidget(m_peView, 1);
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("Descr&iption:"), box);
    m_peDescription = new QLineEdit(box);
    m_peDescription->setObjectName(u"connectionDescriptionEdit"_s);
    m_peDescription->setAccessibleName(tr("Description of the approval or rejection"));
    m_peDescription->setPlaceholderText(tr("Optional, shown to the endpoint's owner"));
    label->setBuddy(m_peDescription);
    m_approve = form::namedButton(tr("A&pprove"), u"approveConnectionButton"_s,
                                  tr("Approve the selected connection"), box);
    m_reject = form::namedButton(tr("Re&ject"), u"rejectConnectionButton"_s,
                                 tr("Reject the selected connection"), box);
    row->addWidget(label);
    row->addWidget(m_peDescription, 1);
    row->addWidget(m_approve);
    row->addWidget(m_reject);
    v->addLayout(row);
    layout->addWidget(box, 1);

    QAction *approve = addViewAction(m_peView, tr("Approve"), u"approveConnectionAction"_s);
    QAction *reject = addViewAction(m_peView, tr("Reject"), u"rejectConnectionAction"_s);
    connect(m_approve, &QPushButton::clicked, this, [this] { setConnectionStatus(true); });
    connect(approve, &QAction::triggered, this, [this] { setConnectionStatus(true); });
    connect(m_reject, &QPushButton::clicked, this, [this] { setConnectionStatus(false); });
    connect(reject, &QAction::triggered, this, [this] { setConnectionStatus(false); });
    connect(m_peView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &NetworkEditor::updateButtons);
}

void NetworkEditor::syncFromModel()
{
    m_syncing = true;
    const Mode mode = m_model->accessMode();
    if (QAbstractButton *button = m_modeGroup->button(int(mode)))
        button->setChecked(true);
    m_bypass->setChecked(m_model->bypassAzureServices());
    m_syncing = false;
    switch (mode) {
    case Mode::AllNetworks:
        m_rulesHint->setText(tr("Every network is allowed: these rules take effect only with "
                                "“Selected networks”."));
        break;
    case Mode::Disabled:
        m_rulesHint->setText(tr("Public access is disabled: these rules are kept but ignored."));
        break;
    case Mode::SelectedNetworks:
        m_rulesHint->setText(tr("Public IPv4 addresses and ranges that may reach the vault."));
        break;
    }
    updateButtons();
    updateClientAddressButton();
}

QString NetworkEditor::selectedKey(const QTableView *view)
{
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(NetworkRuleTable::KeyRole).toString();
}

void NetworkEditor::updateButtons()
{
    const QModelIndexList ipRows = m_ipView->selectionModel()->selectedRows();
    const bool ipRemoved = !ipRows.isEmpty()
                           && ipRows.first().data(NetworkRuleTable::StagedStateRole).toInt()
                                  == int(StagedRowState::Removed);
    m_editIp->setEnabled(!ipRows.isEmpty() && !ipRemoved);
    m_removeIp->setEnabled(!ipRows.isEmpty());
    m_removeIp->setText(ipRemoved ? tr("Re&store") : tr("Re&move"));
    m_removeIp->setAccessibleName(ipRemoved ? tr("Keep the selected rule")
                                            : tr("Remove the selected rule"));
    m_addIp->setText(m_editing.isEmpty() ? tr("&Add") : tr("&Save"));
    m_addIp->setAccessibleName(m_editing.isEmpty() ? tr("Add the IPv4 rule")
                                                   : tr("Save the edited rule"));

    const QModelIndexList vnetRows = m_vnetView->selectionModel()->selectedRows();
    const bool vnetRemoved = !vnetRows.isEmpty()
                             && vnetRows.first().data(NetworkRuleTable::StagedStateRole).toInt()
                                    == int(StagedRowState::Removed);
    m_removeVnet->setEnabled(!vnetRows.isEmpty() && !vnetRemoved);

    const QString connection = selectedKey(m_peView);
    QString status;
    for (const auto &c : m_model->stagedConnections())
        if (c.name == connection)
            status = c.status;
    m_approve->setEnabled(!connection.isEmpty()
                          && status.compare("Approved"_L1, Qt::CaseInsensitive) != 0);
    m_reject->setEnabled(!connection.isEmpty()
                         && status.compare("Rejected"_L1, Qt::CaseInsensitive) != 0);
}

void NetworkEditor::showRefusal(const access::ValidationResult &result)
{
    if (result)
        return;
    m_banner->showMessage(result.message);
    syncFromModel(); // the widgets show what is staged, not the refused change
}

void NetworkEditor::updateClientAddressButton()
{
    const QString address = m_model->clientAddress();
    m_clientAddress->setEnabled(!m_addClientWhenKnown);
    if (address.isEmpty()) {
        m_clientAddress->setText(m_addClientWhenKnown ? tr("Finding my address…")
                                                      : tr("Add my &client address"));
        m_clientAddress->setAccessibleName(tr("Add my client address"));
    } else {
        m_clientAddress->setText(tr("Add my &client address (%1)").arg(address));
        m_clientAddress->setAccessibleName(tr("Add my client address %1").arg(address));
    }
}

void NetworkEditor::showFieldMessage(QLabel *label, const QString &message, bool error)
{
    if (message.isEmpty()) {
        label->clear();
        label->hide();
        return;
    }
    label->setText(message);
    label->setStyleSheet(error ? u"QLabel { color: #c62828; }"_s : QString());
    label->setAccessibleDescription(message);
    label->show();
}

void NetworkEditor::addOrSaveIpRule()
{
    const QString text = m_ipEdit->text();
    const access::ValidationResult r = m_editing.isEmpty()
                                           ? m_model->stageAddIpRule(text)
                                           : m_model->stageEditIpRule(m_editing, text);
    if (!r) {
        showFieldMessage(m_ipError, r.message, true);
        m_ipEdit->setFocus();
        return;
    }
    m_editing.clear();
    m_ipEdit->clear();
    const bool rewritten = !r.normalized.isEmpty() && r.normalized != text.trimmed()
                           && r.normalized != text.trimmed() + u"/32"_s;
    showFieldMessage(m_ipError,
                     rewritten ? tr("Staged as %1 (the form the service stores).").arg(r.normalized)
                               : QString(),
                     false);
    updateButtons();
}

void NetworkEditor::startEditIpRule()
{
    const QModelIndexList rows = m_ipView->selectionModel()->selectedRows();
    if (rows.isEmpty()
        || rows.first().data(NetworkRuleTable::StagedStateRole).toInt()
               == int(StagedRowState::Removed))
        return;
    m_editing = rows.first().data(NetworkRuleTable::KeyRole).toString();
    m_ipEdit->setText(m_editing);
    m_ipEdit->selectAll();
    m_ipEdit->setFocus();
    showFieldMessage(m_ipError,
                     tr("Editing %1: change it, then Save (Esc cancels).").arg(m_editing), false);
    updateButtons();
}

void NetworkEditor::cancelEditIpRule()
{
    if (m_editing.isEmpty())
        return;
    m_editing.clear();
    m_ipEdit->clear();
    showFieldMessage(m_ipError, {}, false);
    updateButtons();
}

void NetworkEditor::removeIpRule()
{
    const QModelIndexList rows = m_ipView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QString key = rows.first().data(NetworkRuleTable::KeyRole).toString();
    if (rows.first().data(NetworkRuleTable::StagedStateRole).toInt()
        == int(StagedRowState::Removed))
        showRefusal(m_model->stageAddIpRule(key)); // restores the rule staged for removal
    else if (!m_model->stageRemoveIpRule(key) && m_model->isApplying())
        showRefusal(access::ValidationResult::failure(NetworkRulesModel::applyingMessage()));
    if (key == m_editing)
        cancelEditIpRule();
}

void NetworkEditor::addMyClientAddress()
{
    const QString address = m_model->clientAddress();
    if (!address.isEmpty()) {
        addClientAddress(address);
        return;
    }
    m_addClientWhenKnown = true;
    updateClientAddressButton();
    m_model->discoverClientAddress();
}

void NetworkEditor::addClientAddress(const QString &address)
{
    const access::ValidationResult r = m_model->stageClientAddress(address);
    showFieldMessage(m_ipError, r.message, !r.ok);
}

bool NetworkEditor::applyRemedy(const Remedy &remedy)
{
    if (remedy.kind != Remedy::Kind::AddClientAddress || remedy.address.isEmpty())
        return false;
    addClientAddress(remedy.address);
    return true;
}

void NetworkEditor::addVirtualNetworkRule()
{
    const access::ValidationResult r = m_model->stageAddVirtualNetworkRule(m_subnetEdit->text());
    if (!r) {
        showFieldMessage(m_subnetError, r.message, true);
        m_subnetEdit->setFocus();
        return;
    }
    m_subnetEdit->clear();
    showFieldMessage(m_subnetError, {}, false);
}

void NetworkEditor::removeVirtualNetworkRule()
{
    const QString key = selectedKey(m_vnetView);
    if (!key.isEmpty() && !m_model->stageRemoveVirtualNetworkRule(key) && m_model->isApplying())
        showRefusal(access::ValidationResult::failure(NetworkRulesModel::applyingMessage()));
}

void NetworkEditor::setConnectionStatus(bool approve)
{
    const QString name = selectedKey(m_peView);
    if (name.isEmpty())
        return;
    const QString description = m_peDescription->text().trimmed();
    const access::ValidationResult r = approve ? m_model->stageApproveConnection(name, description)
                                               : m_model->stageRejectConnection(name, description);
    if (!r)
        m_banner->showMessage(r.message);
    else
        m_peDescription->clear();
}

} // namespace vl::ui
