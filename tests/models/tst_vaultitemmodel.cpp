// SPDX-License-Identifier: GPL-3.0-or-later
// A vault's list, page by page: lazily as a view scrolls, all at once for a
// filter, soft-deleted items, denials and cancel, against the sandbox and a
// scripted page source.
#include "FakeClock.h"
#include "ModelRoles.h"
#include "SessionFixture.h"
#include "VaultItemModel.h"
#include "util/Future.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

using sandbox::SandboxOptions;

SandboxOptions largeSeed(int count)
{
    SandboxOptions options;
    options.seed = SandboxOptions::Seed::Large;
    options.largeCount = count;
    return options;
}

SandboxOptions demoSeenFrom(const QString &clientAddress)
{
    SandboxOptions options;
    options.clientAddress = clientAddress;
    return options;
}

/// Pages of @p items, @p pageSize a page, answered at once.
VaultItemPageSource scripted(QList<VaultItem> items, int pageSize, int *calls = nullptr)
{
    return [items, pageSize, calls](const QUrl &next, bool) {
        if (calls)
            ++*calls;
        const int start = next.isEmpty() ? 0 : next.fragment().toInt();
        Page<VaultItem> page;
        page.items = items.mid(start, pageSize);
        if (start + pageSize < items.size())
            page.nextLink = QUrl(u"https://vault.example/secrets#%1"_s.arg(start + pageSize));
        return readyFuture(Result<Page<VaultItem>>(page));
    };
}

VaultItem secret(const QString &name, std::optional<qint64> expires = std::nullopt)
{
    VaultItem item;
    item.name = name;
    item.id = u"https://vault.example/secrets/"_s + name;
    item.contentType = u"text/plain"_s;
    item.attributes.expires = expires;
    item.attributes.updated = 1700000000;
    return item;
}

std::optional<vault::VaultClient> automationClient(SessionFixture &f, const QString &vault)
{
    const Result<Account> app = f.addAutomation();
    if (!app.ok())
        return std::nullopt;
    return f.session().vault(app->id, {}, f.vaultUri(vault));
}

QStringList names(const VaultItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.item(row).name;
    return out;
}

} // namespace

class tst_VaultItemModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lazyPagingAgainstTheSandbox()
    {
        SessionFixture f(largeSeed(120));
        QVERIFY(f.isRunning());
        const auto client = automationClient(f, u"kv-contoso-prod"_s);
        QVERIFY(client);

        VaultItemModel model(VaultItemKind::Secret);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy loading(&model, &VaultItemModel::loadingChanged);
        QSignalSpy progress(&model, &VaultItemModel::progress);
        QSignalSpy complete(&model, &VaultItemModel::completeChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

        model.setClient(client);
        QVERIFY(model.isLoading());
        QVERIFY(!model.canFetchMore({}));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
        // The first page only, with more to come.
        QCOMPARE(model.rowCount(), VaultItemModel::PageSize);
        QVERIFY(!model.isComplete());
        QVERIFY(model.canFetchMore({}));
        QCOMPARE(progress.last().at(0).toInt(), 25);

        int pages = 1;
        while (model.canFetchMore({})) {
            model.fetchMore({});
            QVERIFY(model.isLoading());
            QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 20000);
            ++pages;
        }
        QCOMPARE(model.rowCount(), 120);
        QCOMPARE(pages, 5);
        QVERIFY(model.isComplete());
        QCOMPARE(complete.last().at(0).toBool(), true);
        QCOMPARE(progress.last().at(0).toInt(), 120);
        QCOMPARE(inserted.size(), 5); // one insertion a page, never a reset
        QCOMPARE(resets.size(), 0);
        QCOMPARE(loading.first().at(0).toBool(), true);
        QCOMPARE(model.lastError().kind, AzureError::Kind::None);

        // Every secret once, with its columns.
        QStringList listed = names(model);
        listed.removeDuplicates();
        QCOMPARE(listed.size(), 120);
        const int row = model.rowOf(u"SECRET-000042"_s);
        QVERIFY(row >= 0);
        const VaultItem &item = model.item(row);
        QCOMPARE(item.name, u"secret-000042"_s);
        QVERIFY(item.id.endsWith(u"/secrets/secret-000042"_s));
        QCOMPARE(model.index(row, VaultItemModel::DetailColumn).data().toString(), u"text/plain"_s);
        QCOMPARE(
            model.index(row, VaultItemModel::EnabledColumn).data(models::RawValueRole).toBool(),
            true);
        QVERIFY(
            model.index(row, VaultItemModel::UpdatedColumn).data(models::RawValueRole).toLongLong()
            > 0);
        QCOMPARE(model.index(row, VaultItemModel::UpdatedColumn).data().toString(),
                 QLocale().toString(item.updated().toLocalTime().date(), QLocale::ShortFormat));
        QCOMPARE(model.index(row, VaultItemModel::NameColumn)
                     .data(VaultItemModel::ItemRole)
                     .value<VaultItem>()
                     .name,
                 item.name);
    }

    void loadAllFetchesPageAfterPage()
    {
        SessionFixture f(largeSeed(120));
        const auto client = automationClient(f, u"kv-contoso-prod"_s);
        QVERIFY(client);
        VaultItemModel model(VaultItemKind::Secret);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy loading(&model, &VaultItemModel::loadingChanged);
        model.setClient(client);
        // The first rows are there before the rest.
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 25, 20000);
        model.loadAll();
        QVERIFY(model.isLoadingAll());
        QTRY_VERIFY_WITH_TIMEOUT(model.isComplete(), 20000);
        QCOMPARE(model.rowCount(), 120);
        // The first page is added at once; the pages that follow quickly are added a few
        // at a time (never more insertions than pages).
        QVERIFY(inserted.size() >= 2 && inserted.size() <= 5);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 24);
        QVERIFY(!model.isLoading());
        QVERIFY(!model.isLoadingAll());
        QVERIFY(!model.canFetchMore({}));

        // A refresh starts again from the first page.
        model.refresh();
        QCOMPARE(model.rowCount(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 25, 20000);
        QVERIFY(!model.isComplete());
    }

    void deletedKeysAndCertificates()
    {
        SessionFixture f;
        const auto client = automationClient(f, u"kv-contoso-prod"_s);
        QVERIFY(client);

        VaultItemModel secrets(VaultItemKind::Secret);
        QAbstractItemModelTester tester(&secrets,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        secrets.setClient(client);
        QTRY_VERIFY_WITH_TIMEOUT(secrets.isComplete(), 20000);
        QVERIFY(names(secrets).contains(u"sql-connection-string"_s));
        QVERIFY(!names(secrets).contains(u"temp-migration-password"_s));
        const int legacy = secrets.rowOf(u"legacy-api-token"_s);
        QVERIFY(legacy >= 0);
        QCOMPARE(secrets.expiryState(secrets.item(legacy)), VaultItemModel::ExpiryState::Expired);
        const int storage = secrets.rowOf(u"storage-account-key"_s);
        QCOMPARE(secrets.index(storage, VaultItemModel::ExpiresColumn)
                     .data(VaultItemModel::ExpiryStateRole)
                     .toInt(),
                 int(VaultItemModel::ExpiryState::ExpiringSoon));
        QCOMPARE(secrets.index(storage, VaultItemModel::TagsColumn).data().toString(),
                 u"rotation=90d"_s);

        QSignalSpy resets(&secrets, &QAbstractItemModel::modelReset);
        secrets.setShowDeleted(true);
        QVERIFY(secrets.showDeleted());
        QTRY_VERIFY_WITH_TIMEOUT(secrets.isComplete(), 20000);
        QCOMPARE(names(secrets), QStringList{u"temp-migration-password"_s});
        const VaultItem &gone = secrets.item(0);
        QVERIFY(gone.deleted);
        QVERIFY(gone.deletion.deletedDate.has_value());
        QVERIFY(gone.deletion.scheduledPurgeDate > gone.deletion.deletedDate);
        QVERIFY(!secrets.index(0, VaultItemModel::DeletedOnColumn).data().toString().isEmpty());
        QVERIFY(!secrets.index(0, VaultItemModel::PurgeOnColumn).data().toString().isEmpty());

        VaultItemModel keys(VaultItemKind::Key);
        QAbstractItemModelTester keyTester(&keys,
                                           QAbstractItemModelTester::FailureReportingMode::Fatal);
        keys.setClient(client);
        QTRY_VERIFY_WITH_TIMEOUT(keys.isComplete(), 20000);
        QVERIFY(names(keys).contains(u"orders-encryption-key"_s));
        QCOMPARE(keys.headerData(VaultItemModel::DetailColumn, Qt::Horizontal, Qt::DisplayRole)
                     .toString(),
                 u"Managed"_s);
        const int managed = keys.rowOf(u"www-contoso-example"_s);
        QVERIFY(managed >= 0);
        QVERIFY(keys.item(managed).managed);
        QCOMPARE(keys.index(managed, VaultItemModel::DetailColumn).data().toString(), u"Managed"_s);
        QCOMPARE(keys.index(keys.rowOf(u"orders-encryption-key"_s), VaultItemModel::DetailColumn)
                     .data()
                     .toString(),
                 QString());

        VaultItemModel certificates(VaultItemKind::Certificate);
        QAbstractItemModelTester certTester(&certificates,
                                            QAbstractItemModelTester::FailureReportingMode::Fatal);
        certificates.setClient(client);
        QTRY_VERIFY_WITH_TIMEOUT(certificates.isComplete(), 20000);
        QCOMPARE(certificates.rowCount(), 3);
        const int api = certificates.rowOf(u"api-contoso-example"_s);
        const QString thumbprint =
            certificates.index(api, VaultItemModel::DetailColumn).data().toString();
        QCOMPARE(thumbprint.size(), 40); // SHA-1 in hex
        QCOMPARE(certificates.expiryState(certificates.item(api)),
                 VaultItemModel::ExpiryState::ExpiringSoon);
        QCOMPARE(certificates.expiryState(
                     certificates.item(certificates.rowOf(u"legacy-contoso-example"_s))),
                 VaultItemModel::ExpiryState::Expired);
    }

    void deniedListing_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("vault");
        QTest::addColumn<QString>("clientAddress");
        QTest::addColumn<int>("kind");
        QTest::newRow("no access policy") << u"erin@contoso.example"_s << u"kv-contoso-dev"_s
                                          << QString() << int(AzureError::Kind::Policy);
        QTest::newRow("firewall") << u"alice@contoso.example"_s << u"kv-contoso-prod"_s
                                  << u"192.0.2.77"_s << int(AzureError::Kind::Firewall);
    }

    void deniedListing()
    {
        QFETCH(QString, user);
        QFETCH(QString, vault);
        QFETCH(QString, clientAddress);
        QFETCH(int, kind);
        SessionFixture f(demoSeenFrom(clientAddress));
        const Result<Account> account = f.signIn(user);
        QVERIFY2(account.ok(), qPrintable(account.error().summary()));
        VaultItemModel model(VaultItemKind::Secret);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy errors(&model, &VaultItemModel::errorOccurred);
        model.setClient(f.session().vault(account->id, {}, f.vaultUri(vault)));
        QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, 20000);
        const auto error = errors.first().at(0).value<AzureError>();
        QCOMPARE(int(error.kind), kind);
        QCOMPARE(int(model.lastError().kind), kind);
        QVERIFY(!model.isLoading());
        QVERIFY(!model.isComplete());
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.rowCount(), 0);
    }

    void cancelIgnoresLateAnswers()
    {
        SharedPromise<Result<Page<VaultItem>>> pending;
        VaultItemModel model(VaultItemKind::Secret);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QSignalSpy loading(&model, &VaultItemModel::loadingChanged);
        model.setPageSource([pending](const QUrl &, bool) { return pending.future(); });
        QVERIFY(model.isLoading());
        model.cancel();
        QVERIFY(!model.isLoading());
        QCOMPARE(loading.size(), 2);
        Page<VaultItem> page;
        page.items = {secret(u"late"_s)};
        pending.finish(page);
        QTest::qWait(50);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isComplete());
    }

    void cancelDuringLoadAllKeepsRows()
    {
        QList<VaultItem> items;
        for (int i = 0; i < 100; ++i)
            items << secret(u"s-%1"_s.arg(i, 3, 10, QChar(u'0')));
        VaultItemModel model(VaultItemKind::Secret);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        // Pages that take 40 ms each, as a slow vault's would.
        const VaultItemPageSource instant = scripted(items, 10);
        QObject context;
        model.setPageSource([instant, &context](const QUrl &next, bool deleted) {
            SharedPromise<Result<Page<VaultItem>>> promise;
            const Result<Page<VaultItem>> page = instant(next, deleted).result();
            QTimer::singleShot(40, &context, [promise, page]() mutable { promise.finish(page); });
            return promise.future();
        });
        QTRY_COMPARE(model.rowCount(), 10);
        int atCancel = -1;
        connect(&model, &VaultItemModel::progress, &model, [&model, &atCancel](int loaded) {
            if (atCancel < 0 && loaded > 10) {
                model.cancel();
                atCancel = model.rowCount();
            }
        });
        model.loadAll();
        QTRY_VERIFY(!model.isLoading());
        QTest::qWait(200);
        // The rows listed before the cancel stay; nothing is added after it.
        QVERIFY2(atCancel > 10 && atCancel < 100, qPrintable(QString::number(atCancel)));
        QCOMPARE(model.rowCount(), atCancel);
        QVERIFY(!model.isComplete());
        // Scrolling on fetches the rest lazily.
        QVERIFY(model.canFetchMore({}));
    }

    void emptyPagesAreSkipped()
    {
        int calls = 0;
        VaultItemModel model(VaultItemKind::Secret);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setPageSource([&calls](const QUrl &next, bool) {
            ++calls;
            Page<VaultItem> page;
            if (next.isEmpty())
                page.nextLink = QUrl(u"https://vault.example/secrets#1"_s);
            else
                page.items = {secret(u"only"_s)};
            return readyFuture(Result<Page<VaultItem>>(page));
        });
        QTRY_VERIFY(model.isComplete());
        QCOMPARE(calls, 2);
        QCOMPARE(model.rowCount(), 1);
    }

    void expiryStandsOut()
    {
        FakeClock clock;
        const qint64 now = clock.nowSecsSinceEpoch();
        constexpr qint64 Day = 86400;
        VaultItem disabled = secret(u"disabled"_s);
        disabled.attributes.enabled = false;
        const QList<VaultItem> items{
            secret(u"expired"_s, now - Day), secret(u"soon"_s, now + 10 * Day),
            secret(u"later"_s, now + 90 * Day), secret(u"never"_s), disabled};
        VaultItemModel model(VaultItemKind::Secret);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setClock(&clock);
        model.setPageSource(scripted(items, 25));
        QTRY_VERIFY(model.isComplete());
        auto expires = [&model](int row, int role) {
            return model.index(row, VaultItemModel::ExpiresColumn).data(role);
        };
        QCOMPARE(expires(0, VaultItemModel::ExpiryStateRole).toInt(),
                 int(VaultItemModel::ExpiryState::Expired));
        QCOMPARE(expires(1, VaultItemModel::ExpiryStateRole).toInt(),
                 int(VaultItemModel::ExpiryState::ExpiringSoon));
        QCOMPARE(expires(2, VaultItemModel::ExpiryStateRole).toInt(),
                 int(VaultItemModel::ExpiryState::None));
        QCOMPARE(expires(3, VaultItemModel::ExpiryStateRole).toInt(),
                 int(VaultItemModel::ExpiryState::None));
        QVERIFY(expires(0, Qt::ForegroundRole).isValid());
        QVERIFY(expires(1, Qt::ForegroundRole).isValid());
        QVERIFY(expires(0, Qt::ForegroundRole) != expires(1, Qt::ForegroundRole));
        QVERIFY(!expires(2, Qt::ForegroundRole).isValid());
        QVERIFY(expires(0, Qt::FontRole).value<QFont>().bold());
        QVERIFY(expires(0, Qt::ToolTipRole).toString().startsWith(u"Expired on"_s));
        QVERIFY(expires(1, Qt::ToolTipRole).toString().startsWith(u"Expires in 10 days"_s));
        QVERIFY(!expires(3, Qt::ToolTipRole).isValid());
        QCOMPARE(expires(0, Qt::DisplayRole).toString(),
                 QLocale().toString(QDateTime::fromSecsSinceEpoch(now - Day).toLocalTime().date(),
                                    QLocale::ShortFormat));
        QCOMPARE(expires(3, Qt::DisplayRole).toString(), QString());
        QCOMPARE(expires(0, models::RawValueRole).toLongLong(), now - Day);
        QVERIFY(!expires(3, models::RawValueRole).isValid());
        // Disabled rows are greyed and say why.
        QVERIFY(model.index(4, VaultItemModel::NameColumn).data(Qt::ForegroundRole).isValid());
        QCOMPARE(model.index(4, VaultItemModel::EnabledColumn).data().toString(), u"No"_s);
        QVERIFY(model.index(4, VaultItemModel::NameColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"Disabled"_s));

        // Time moves on: "later" becomes "expiring soon".
        clock.advance(70 * Day);
        QCOMPARE(expires(2, VaultItemModel::ExpiryStateRole).toInt(),
                 int(VaultItemModel::ExpiryState::ExpiringSoon));
    }

    void upsertAndRemove()
    {
        VaultItemModel model(VaultItemKind::Secret);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setItems({secret(u"a"_s), secret(u"b"_s)});
        QVERIFY(model.isComplete());
        VaultItem b = secret(u"B"_s);
        b.contentType = u"application/json"_s;
        b.tags = {{u"Team"_s, u"Payments"_s}};
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.upsertItem(b);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.filterText(1), u"b\napplication/json\nteam=payments"_s);
        model.upsertItem(secret(u"c"_s));
        QCOMPARE(model.rowCount(), 3);
        model.removeItem(u"A"_s);
        QCOMPARE(names(model), (QStringList{u"B"_s, u"c"_s}));
        model.removeItem(u"missing"_s);
        QCOMPARE(model.rowCount(), 2);
    }
};

QTEST_MAIN(tst_VaultItemModel)
#include "tst_vaultitemmodel.moc"
