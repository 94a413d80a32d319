// SPDX-License-Identifier: GPL-3.0-or-later
// The navigation tree on the sandbox: accounts, tenants, subscriptions, groups
// and vaults, listed with one Resource Graph query per tenant.
#include "NavigationModel.h"
#include "SessionFixture.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

/// The child of @p parent whose name is @p name.
QModelIndex child(const QAbstractItemModel &model, const QModelIndex &parent, const QString &name)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex i = model.index(row, 0, parent);
        if (i.data(NavigationModel::FilterRole).toString() == name)
            return i;
    }
    return {};
}

QStringList names(const QAbstractItemModel &model, const QModelIndex &parent)
{
    QStringList list;
    for (int row = 0; row < model.rowCount(parent); ++row)
        list << model.index(row, 0, parent).data(NavigationModel::FilterRole).toString();
    return list;
}

NavigationNodeKind kindOf(const QModelIndex &index)
{
    return NavigationNodeKind(index.data(NavigationModel::KindRole).toInt());
}

/// Requests since @p from whose path contains @p part.
qsizetype requests(Session &session, qsizetype from, const QString &part,
                   const QByteArray &method = {})
{
    const QList<RequestRecord> records = session.journal().records().mid(from);
    return std::count_if(records.begin(), records.end(), [&](const RequestRecord &r) {
        return r.url.path().contains(part, Qt::CaseInsensitive)
               && (method.isEmpty() || r.method == method);
    });
}

/// Makes the sandbox answer every request whose path contains one of @p paths with 503.
int injectUnavailable(SessionFixture &f, const QStringList &paths)
{
    QJsonArray faults;
    for (const QString &p : paths)
        faults.append(QJsonObject{{u"kind"_s, u"unavailable"_s},
                                  {u"rate"_s, 1.0},
                                  {u"retryAfter"_s, 0},
                                  {u"target"_s, u"api"_s},
                                  {u"path"_s, p}});
    return f.sandbox()
        .http()
        .sendJson("POST", f.sandbox().apiUrl(u"/sandbox/faults"_s),
                  QJsonObject{{u"faults"_s, faults}})
        .status;
}

} // namespace

class tst_NavigationModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void browseToVaults()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));

        NavigationModel model(f.session());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex account = model.accountIndex(alice->id);
        QVERIFY(account.isValid());
        QCOMPARE(kindOf(account), NavigationNodeKind::Account);
        QCOMPARE(account.data().toString(), u"alice@contoso.example"_s);

        QCOMPARE(model.rowCount(account), 1);
        const QModelIndex tenant = model.index(0, 0, account);
        QCOMPARE(kindOf(tenant), NavigationNodeKind::Tenant);
        QCOMPARE(tenant.data(NavigationModel::TenantIdRole).toString(), f.sandbox().tenantId());
        QCOMPARE(tenant.data().toString(), u"Contoso"_s);

        // The tester has fetched already; wait for that listing, then list again.
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(tenant), 20000);
        const qsizetype before = f.session().journal().records().size();
        model.refresh(tenant);
        QVERIFY(model.isLoading(tenant));
        QCOMPARE(model.rowCount(tenant), 1);
        QCOMPARE(kindOf(model.index(0, 0, tenant)), NavigationNodeKind::Loading);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(tenant), 20000);

        QCOMPARE(names(model, tenant),
                 (QStringList{u"Contoso Development"_s, u"Contoso Production"_s}));
        const QModelIndex production = child(model, tenant, u"Contoso Production"_s);
        QCOMPARE(kindOf(production), NavigationNodeKind::Subscription);
        QCOMPARE(names(model, production), (QStringList{u"rg-apps"_s, u"rg-security"_s}));
        const QModelIndex security = child(model, production, u"rg-security"_s);
        QCOMPARE(kindOf(security), NavigationNodeKind::ResourceGroup);
        QCOMPARE(names(model, security),
                 (QStringList{u"kv-contoso-private"_s, u"kv-contoso-prod"_s}));
        const QModelIndex development = child(model, tenant, u"Contoso Development"_s);
        const QModelIndex dev =
            child(model, child(model, development, u"rg-dev"_s), u"kv-contoso-dev"_s);
        QVERIFY(dev.isValid());

        const QModelIndex apps =
            child(model, child(model, production, u"rg-apps"_s), u"kv-contoso-apps"_s);
        QCOMPARE(kindOf(apps), NavigationNodeKind::Vault);
        QVERIFY(!model.hasChildren(apps));
        const auto location = apps.data(NavigationModel::LocationRole).value<VaultLocation>();
        QCOMPARE(location, model.location(apps));
        QCOMPARE(location.vaultUri, f.vaultUri(u"kv-contoso-apps"_s));
        QCOMPARE(location.name, u"kv-contoso-apps"_s);
        QCOMPARE(location.accountId, alice->id);
        QCOMPARE(location.tenantId, f.sandbox().tenantId());
        QCOMPARE(location.resourceGroup, u"rg-apps"_s);
        QCOMPARE(location.subscriptionId, production.data(NavigationModel::IdRole).toString());
        QVERIFY(location.resourceId.endsWith(
            u"/resourceGroups/rg-apps/providers/Microsoft.KeyVault/vaults/kv-contoso-apps"_s));
        QCOMPARE(location.cloud, f.cloud().name);
        QCOMPARE(model.vaultIndex(location), apps);
        // The tooltip names the permission model the inventory reported.
        QVERIFY(apps.data(Qt::ToolTipRole).toString().contains(u"Azure RBAC"_s));
        QVERIFY(dev.data(Qt::ToolTipRole).toString().contains(u"Vault access policies"_s));
        QVERIFY(!apps.data(Qt::DecorationRole).value<QIcon>().isNull());

        // One subscription listing and one Resource Graph query for the tenant; no
        // listing of vaults per subscription.
        QCOMPARE(requests(f.session(), before, u"/subscriptions"_s, "GET"), 1);
        QCOMPARE(requests(f.session(), before, u"Microsoft.ResourceGraph/resources"_s), 1);
        QCOMPARE(requests(f.session(), before, u"/providers/Microsoft.KeyVault/vaults"_s, "GET"),
                 0);
    }

    void resourceGraphPagesAreFollowed()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        NavigationModel model(f.session());
        model.setResourceGraphPageSize(1);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex tenant = model.index(0, 0, model.accountIndex(alice->id));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(tenant), 20000);
        const qsizetype before = f.session().journal().records().size();
        model.refresh(tenant);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(tenant), 20000);
        int vaults = 0;
        for (int s = 0; s < model.rowCount(tenant); ++s) {
            const QModelIndex sub = model.index(s, 0, tenant);
            for (int g = 0; g < model.rowCount(sub); ++g)
                vaults += model.rowCount(model.index(g, 0, sub));
        }
        QCOMPARE(vaults, 4);
        // Four pages of one row each, from one query.
        QCOMPARE(requests(f.session(), before, u"Microsoft.ResourceGraph/resources"_s), 4);
        QCOMPARE(requests(f.session(), before, u"/providers/Microsoft.KeyVault/vaults"_s, "GET"),
                 0);
    }

    void disabledTenantIsHidden()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> carol = f.signIn(u"carol@fabrikam.example"_s);
        QVERIFY2(carol.ok(), qPrintable(carol.error().summary()));
        QVERIFY2(carol->tenants.size() >= 2, "carol is a guest in Contoso");

        NavigationModel model(f.session());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex account = model.accountIndex(carol->id);
        QCOMPARE(model.rowCount(account), int(carol->tenants.size()));
        const QString contoso = f.sandbox().tenantId();
        QVERIFY(model.tenantIndex(carol->id, contoso).isValid());

        QString disabled = contoso;
        model.setTenantEnabledPredicate(
            [&](const QString &, const QString &tenant) { return tenant != disabled; });
        QCOMPARE(model.rowCount(account), int(carol->tenants.size()) - 1);
        QVERIFY(!model.tenantIndex(carol->id, contoso).isValid());

        // Switched on again: the tenant comes back, not loaded yet.
        disabled.clear();
        model.reloadTenants();
        QCOMPARE(model.rowCount(account), int(carol->tenants.size()));
        const QModelIndex back = model.tenantIndex(carol->id, contoso);
        QVERIFY(back.isValid());
        QVERIFY(model.hasChildren(back));
    }

    void filterFindsVaults()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        NavigationModel model(f.session());
        NavigationFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.fetchAll();
        const QModelIndex tenant = model.index(0, 0, model.accountIndex(alice->id));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(tenant) && model.rowCount(tenant) == 2, 20000);

        filter.setFilterFixedString(u"KV-CONTOSO-APPS"_s);
        QCOMPARE(filter.rowCount(), 1);
        QModelIndex i = filter.index(0, 0);
        QStringList path;
        while (filter.rowCount(i) > 0) {
            QCOMPARE(filter.rowCount(i), 1);
            i = filter.index(0, 0, i);
            path << i.data(NavigationModel::FilterRole).toString();
        }
        QCOMPARE(path.size(), 4);
        QCOMPARE(path.last(), u"kv-contoso-apps"_s);
        QCOMPARE(path.at(1), u"Contoso Production"_s);

        // A group's name shows the group with its vaults.
        filter.setFilterFixedString(u"rg-security"_s);
        const QModelIndex t = filter.index(0, 0, filter.index(0, 0));
        QCOMPARE(filter.rowCount(t), 1);
        const QModelIndex group = filter.index(0, 0, filter.index(0, 0, t));
        QCOMPARE(filter.rowCount(group), 2);

        filter.setFilterFixedString(u"no-such-vault"_s);
        QCOMPARE(filter.rowCount(), 0);
    }

    void accountRemovedRemovesRows()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        NavigationModel model(f.session());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        const Result<Account> automation = f.addAutomation();
        QVERIFY2(automation.ok(), qPrintable(automation.error().summary()));
        QTRY_COMPARE(model.rowCount(), 2);
        QVERIFY(std::any_of(inserted.begin(), inserted.end(), [](const QList<QVariant> &args) {
            return !args.at(0).value<QModelIndex>().isValid() && args.at(1).toInt() == 1;
        }));
        const QModelIndex app = model.accountIndex(automation->id);
        QCOMPARE(app.row(), 1);
        QCOMPARE(app.data().toString(), automation->displayName.isEmpty()
                                            ? automation->userName
                                            : automation->displayName);

        const auto out = ClientFixture::await(f.session().accounts().signOut(alice->id));
        QVERIFY(out.ok());
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(!model.accountIndex(alice->id).isValid());
        QCOMPARE(model.accountIndex(automation->id).row(), 0);
        QVERIFY(std::any_of(removed.begin(), removed.end(), [](const QList<QVariant> &args) {
            return !args.at(0).value<QModelIndex>().isValid() && args.at(1).toInt() == 0;
        }));
        QCOMPARE(reset.size(), 0);
    }

    void failedListingShowsAnErrorNode()
    {
        SessionFixture f;
        QVERIFY(f.isRunning());
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        NavigationModel model(f.session());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex tenant = model.index(0, 0, model.accountIndex(alice->id));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(tenant), 20000);

        // Resource Graph and the per-subscription listing both refused: an error node.
        QCOMPARE(injectUnavailable(
                     f, {u"Microsoft.ResourceGraph"_s, u"/providers/Microsoft.KeyVault/vaults"_s}),
                 200);
        const qsizetype before = f.session().journal().records().size();
        QSignalSpy loaded(&model, &NavigationModel::loaded);
        model.refresh(tenant);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(tenant), 60000);
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().at(1).toBool(), false);
        QCOMPARE(model.rowCount(tenant), 1);
        const QModelIndex error = model.index(0, 0, tenant);
        QCOMPARE(kindOf(error), NavigationNodeKind::Error);
        QVERIFY(!error.data().toString().isEmpty());
        QVERIFY(!error.data().toString().contains(u'{'));
        QVERIFY(error.data(Qt::ToolTipRole).toString().contains(u"Refresh"_s));
        // The fallback was tried for each subscription.
        QVERIFY(requests(f.session(), before, u"Microsoft.ResourceGraph/resources"_s) >= 1);
        QVERIFY(requests(f.session(), before, u"/providers/Microsoft.KeyVault/vaults"_s, "GET")
                >= 2);

        // Resource Graph down, the fallback works: vaults listed per subscription.
        QCOMPARE(injectUnavailable(f, {u"Microsoft.ResourceGraph"_s}), 200);
        model.refresh(model.index(0, 0, tenant));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(tenant) && model.rowCount(tenant) == 2, 60000);
        const QModelIndex production = child(model, tenant, u"Contoso Production"_s);
        QCOMPARE(names(model, production), (QStringList{u"rg-apps"_s, u"rg-security"_s}));
        const QModelIndex apps =
            child(model, child(model, production, u"rg-apps"_s), u"kv-contoso-apps"_s);
        QCOMPARE(model.location(apps).vaultUri, f.vaultUri(u"kv-contoso-apps"_s));

        QCOMPARE(injectUnavailable(f, {}), 200);
        // Refreshing a subscription lists it again.
        model.refresh(production);
        QVERIFY(model.isLoading(production));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(production), 20000);
        QCOMPARE(names(model, production), (QStringList{u"rg-apps"_s, u"rg-security"_s}));
    }
};

QTEST_MAIN(tst_NavigationModel)
#include "tst_navigationmodel.moc"
