// SPDX-License-Identifier: GPL-3.0-or-later
// The request journal as a live table over real exchanges with the sandbox:
// rows as requests finish, the verdict of each flow, filters, and rows dropped
// as the journal trims its oldest.
#include "JournalModel.h"
#include "ModelRoles.h"
#include "SessionFixture.h"
#include "journal/RequestJournal.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;

namespace {

QString cell(const QAbstractItemModel &m, int row, int column, int role = Qt::DisplayRole)
{
    return m.index(row, column).data(role).toString();
}

/// The rows whose cell in @p column reads @p text.
QList<int> rowsWith(const QAbstractItemModel &m, int column, const QString &text)
{
    QList<int> out;
    for (int row = 0; row < m.rowCount(); ++row)
        if (cell(m, row, column) == text)
            out.append(row);
    return out;
}

/// A Key Vault request to @p url in exchange @p clientRequestId, with a token when @p token.
HttpRequest vaultRequest(const QUrl &url, const QString &clientRequestId, bool token)
{
    HttpRequest request;
    request.url = url;
    request.context.service = Service::KeyVault;
    request.context.clientRequestId = clientRequestId;
    if (!token)
        return request;
    request.headers = {{"Authorization", "Bearer abc.def.ghi"}};
    request.context.token = TokenInfo{TokenSource::RefreshToken,
                                      u"browser sign-in"_s,
                                      QStringList{u"https://vault.azure.net/.default"_s},
                                      {},
                                      {},
                                      {}};
    return request;
}

/// A Key Vault exchange: the anonymous request and its challenge, then the call with a token.
std::pair<RequestRecord, RequestRecord> challengedExchange(const QString &clientRequestId)
{
    const QUrl url(u"https://kv-contoso-prod.vault.azure.net/secrets?api-version=7.6"_s);
    const HttpRequest anonymous = vaultRequest(url, clientRequestId, false);
    HttpResponse challenge;
    challenge.status = 401;
    challenge.started = QDateTime::currentDateTimeUtc();
    challenge.headers = {{"WWW-Authenticate",
                          "Bearer authorization=\"https://login.microsoftonline.com/"
                          "7f3c1a52-4e8b-4d1c-9a6e-2b5d8c0e1f34\", "
                          "resource=\"https://vault.azure.net\""}};
    const HttpRequest call = vaultRequest(url, clientRequestId, true);
    HttpResponse answer;
    answer.status = 200;
    answer.started = QDateTime::currentDateTimeUtc();
    answer.durationMs = 12;
    return {RequestRecord::capture(anonymous, challenge), RequestRecord::capture(call, answer)};
}

} // namespace

class tst_JournalModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void liveRowsAndVerdicts()
    {
        SessionFixture f;
        QVERIFY2(f.isRunning(), qPrintable(f.sandbox().startError()));
        RequestJournal &journal = f.session().journal();
        JournalModel model(journal);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), int(JournalModel::ColumnCount));
        QCOMPARE(model.headerData(JournalModel::VerdictColumn, Qt::Horizontal).toString(),
                 u"Verdict"_s);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        QVERIFY(inserted.size() > 0);
        QCOMPARE(model.rowCount(), int(journal.records().size()));
        QVERIFY(!rowsWith(model, JournalModel::ServiceColumn, u"Entra ID"_s).isEmpty());

        // A vault's first request is challenged, the second passes every stage.
        const QUrl devUri = f.vaultUri(u"kv-contoso-dev"_s);
        auto dev = f.session().vault(alice->id, {}, devUri);
        QVERIFY(dev.has_value());
        const int before = model.rowCount();
        QVERIFY(ClientFixture::await(dev->listSecrets()).ok());
        QCOMPARE(model.rowCount(), int(journal.records().size()));
        // The anonymous request, the token for the vault (from the refresh token), the call.
        QVERIFY(model.rowCount() >= before + 2);
        int challengeRow = -1;
        for (int row = before; row < model.rowCount() && challengeRow < 0; ++row)
            if (cell(model, row, JournalModel::ServiceColumn) == u"Key Vault"_s)
                challengeRow = row;
        QVERIFY(challengeRow >= 0);
        const int passedRow = model.rowCount() - 1;
        QCOMPARE(model.record(challengeRow)->id, journal.records().at(challengeRow).id);
        QCOMPARE(model.rowOf(model.record(passedRow)->id), passedRow);
        QCOMPARE(cell(model, challengeRow, JournalModel::StatusColumn), u"401"_s);
        QCOMPARE(cell(model, challengeRow, JournalModel::VerdictColumn), u"Challenged"_s);
        QCOMPARE(cell(model, challengeRow, JournalModel::TimeColumn, JournalModel::OutcomeRole),
                 u"challenged"_s);
        QCOMPARE(cell(model, passedRow, JournalModel::VerdictColumn), u"Passed"_s);
        QCOMPARE(cell(model, passedRow, 0, JournalModel::OutcomeRole), u"passed"_s);
        QCOMPARE(cell(model, passedRow, JournalModel::ServiceColumn), u"Key Vault"_s);
        QCOMPARE(cell(model, passedRow, JournalModel::MethodColumn), u"GET"_s);
        QCOMPARE(cell(model, passedRow, JournalModel::StatusColumn), u"200"_s);
        QCOMPARE(model.index(passedRow, JournalModel::StatusColumn).data(models::RawValueRole),
                 QVariant(200));
        QVERIFY(cell(model, passedRow, JournalModel::DurationColumn).endsWith(u" ms"_s));
        QVERIFY(model.index(passedRow, JournalModel::DurationColumn)
                    .data(models::RawValueRole)
                    .canConvert<qint64>());
        static const QRegularExpression withSeconds(u"\\d:\\d\\d:\\d\\d"_s);
        QVERIFY2(cell(model, passedRow, JournalModel::TimeColumn).contains(withSeconds),
                 qPrintable(cell(model, passedRow, JournalModel::TimeColumn)));
        const QColor passedColour = model.index(passedRow, JournalModel::VerdictColumn)
                                        .data(Qt::ForegroundRole)
                                        .value<QColor>();
        QVERIFY(passedColour.isValid());
        QCOMPARE(model.index(passedRow, JournalModel::VerdictColumn)
                     .data(Qt::DecorationRole)
                     .value<QColor>(),
                 passedColour);
        QCOMPARE(model.explanation(passedRow).failedStep(), nullptr);

        // The sandbox's vaults are 127.0.0.1:port: the host, until the view names the vault.
        const QString host = JournalModel::hostOf(devUri);
        QCOMPARE(host, u"127.0.0.1:%1"_s.arg(devUri.port()));
        QCOMPARE(cell(model, passedRow, 0, JournalModel::HostRole), host);
        QCOMPARE(cell(model, passedRow, JournalModel::TargetColumn), host + u" · /secrets"_s);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setHostLabel(host, u"kv-contoso-dev"_s);
        QVERIFY(changed.size() >= 2);
        QCOMPARE(cell(model, passedRow, JournalModel::TargetColumn),
                 u"kv-contoso-dev · /secrets"_s);
        QVERIFY(cell(model, passedRow, JournalModel::TargetColumn, Qt::ToolTipRole)
                    .contains(u"api-version"_s));

        // Resource Manager: the service and the path.
        auto arm = f.session().arm(alice->id);
        QVERIFY(ClientFixture::await(arm->listSubscriptions()).ok());
        const int armRow = model.rowCount() - 1;
        QCOMPARE(cell(model, armRow, JournalModel::ServiceColumn), u"Resource Manager"_s);
        QVERIFY(cell(model, armRow, JournalModel::TargetColumn).endsWith(u" · /subscriptions"_s));
        QCOMPARE(cell(model, armRow, JournalModel::VerdictColumn), u"Passed"_s);

        // From another address, the production vault's firewall refuses the call.
        f.sandbox().sandbox().state().clientAddress = u"192.0.2.77"_s;
        auto prod = f.session().vault(alice->id, {}, f.vaultUri(u"kv-contoso-prod"_s));
        QVERIFY(!ClientFixture::await(prod->listSecrets()).ok());
        const int blockedRow = model.rowCount() - 1;
        QCOMPARE(cell(model, blockedRow, JournalModel::StatusColumn), u"403"_s);
        QCOMPARE(cell(model, blockedRow, JournalModel::VerdictColumn), u"Failed at Firewall"_s);
        QCOMPARE(cell(model, blockedRow, 0, JournalModel::OutcomeRole), u"failed"_s);
        const FlowExplanation blocked = model.explanation(blockedRow);
        QVERIFY(blocked.failedStep());
        QCOMPARE(blocked.remedy().address, u"192.0.2.77"_s);
        const QString tip = cell(model, blockedRow, JournalModel::VerdictColumn, Qt::ToolTipRole);
        QVERIFY2(tip.contains(blocked.failedStep()->summary), qPrintable(tip));
        const QColor failedColour = model.index(blockedRow, JournalModel::VerdictColumn)
                                        .data(Qt::ForegroundRole)
                                        .value<QColor>();
        QVERIFY(failedColour.isValid());
        QVERIFY(failedColour != passedColour);
        QCOMPARE(model.index(blockedRow, JournalModel::StatusColumn)
                     .data(Qt::ForegroundRole)
                     .value<QColor>(),
                 failedColour);
        QCOMPARE(model.rowCount(), int(journal.records().size()));
    }

    void filterByHostServiceAndOutcome()
    {
        SessionFixture f;
        QVERIFY2(f.isRunning(), qPrintable(f.sandbox().startError()));
        JournalModel model(f.session().journal());
        JournalFilter filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);

        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        const QUrl devUri = f.vaultUri(u"kv-contoso-dev"_s);
        const QUrl prodUri = f.vaultUri(u"kv-contoso-prod"_s);
        QVERIFY(ClientFixture::await(f.session().vault(alice->id, {}, devUri)->listSecrets()).ok());
        f.sandbox().sandbox().state().clientAddress = u"192.0.2.77"_s;
        QVERIFY(
            !ClientFixture::await(f.session().vault(alice->id, {}, prodUri)->listSecrets()).ok());
        const int all = model.rowCount();
        QCOMPARE(filter.rowCount(), all);

        filter.setHost(JournalModel::hostOf(devUri));
        QCOMPARE(filter.rowCount(), 2);
        for (int row = 0; row < filter.rowCount(); ++row)
            QCOMPARE(cell(filter, row, 0, JournalModel::HostRole), JournalModel::hostOf(devUri));

        filter.setHost({});
        filter.setService(Service::KeyVault);
        QCOMPARE(filter.rowCount(), 4); // two challenges, a pass and a refusal
        filter.setService(Service::EntraId);
        QVERIFY(filter.rowCount() >= 1);
        QVERIFY(filter.rowCount() < all);

        filter.setService(std::nullopt);
        filter.setOutcome(u"failed"_s);
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(cell(filter, 0, JournalModel::VerdictColumn), u"Failed at Firewall"_s);
        filter.setOutcome(u"challenged"_s);
        QCOMPARE(filter.rowCount(), 2);
        filter.setHost(JournalModel::hostOf(prodUri));
        QCOMPARE(filter.rowCount(), 1);
        filter.setOutcome(u"passed"_s);
        QCOMPARE(filter.rowCount(), 0);

        filter.setHost({});
        filter.setOutcome({});
        QCOMPARE(filter.rowCount(), all);
        // Sorting by the raw value: the status column, highest first.
        filter.sort(JournalModel::StatusColumn, Qt::DescendingOrder);
        QCOMPARE(cell(filter, 0, JournalModel::StatusColumn), u"403"_s);
    }

    void trimmingRemovesRows()
    {
        SessionFixture f;
        QVERIFY2(f.isRunning(), qPrintable(f.sandbox().startError()));
        RequestJournal &journal = f.session().journal();
        JournalModel model(journal);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const Result<Account> alice = f.signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        auto dev = f.session().vault(alice->id, {}, f.vaultUri(u"kv-contoso-dev"_s));
        QVERIFY(ClientFixture::await(dev->listSecrets()).ok());
        QVERIFY(model.rowCount() > 3);
        // Every row explained (cached) before the trim.
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(!cell(model, row, JournalModel::VerdictColumn).isEmpty());

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        journal.setMaximumSize(3);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 0);
        QCOMPARE(model.rowCount(), 3);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(model.record(row)->id, journal.records().at(row).id);

        // Each new request drops the oldest row as it adds its own.
        removed.clear();
        for (int i = 0; i < 3; ++i)
            QVERIFY(ClientFixture::await(dev->listSecrets()).ok());
        QCOMPARE(removed.size(), 3);
        QCOMPARE(model.rowCount(), 3);
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(model.record(row)->id, journal.records().at(row).id);
            QCOMPARE(model.rowOf(journal.records().at(row).id), row);
            QCOMPARE(cell(model, row, JournalModel::VerdictColumn), u"Passed"_s);
        }
        QCOMPARE(model.rowOf(1), -1);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        journal.clear();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(ClientFixture::await(dev->listSecrets()).ok());
        QCOMPARE(model.rowCount(), 1);
    }

    void answeredChallengeUpdatesItsVerdict()
    {
        RequestJournal journal;
        JournalModel model(journal);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto [anonymous, call] = challengedExchange(u"exchange-1"_s);
        journal.append(anonymous);
        // Not answered (yet): the challenge stage failed.
        QCOMPARE(cell(model, 0, JournalModel::VerdictColumn), u"Failed at Challenge"_s);
        QCOMPARE(cell(model, 0, JournalModel::TargetColumn), u"kv-contoso-prod · /secrets"_s);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        journal.append(call);
        QCOMPARE(changed.size(), 1);
        // The status (no longer tinted as failed) through the verdict.
        QCOMPARE(changed.first().at(0).toModelIndex(), model.index(0, JournalModel::StatusColumn));
        QCOMPARE(changed.first().at(1).toModelIndex(), model.index(0, JournalModel::VerdictColumn));
        QCOMPARE(cell(model, 0, JournalModel::VerdictColumn), u"Challenged"_s);
        QCOMPARE(cell(model, 1, JournalModel::VerdictColumn), u"Passed"_s);
        QCOMPARE(model.explanation(1).outcome(FlowStage::Challenge), FlowOutcome::Passed);
    }

    void refusedTokenChallengedOnlyWhenTheNextIsAccepted()
    {
        RequestJournal journal;
        JournalModel model(journal);
        // A token from Contoso refused by a vault of Fabrikam, with its challenge.
        const auto wrongTenant = [](const QString &exchange, int nextStatus) {
            const HttpRequest call =
                vaultRequest(QUrl(u"https://kv-fabrikam.vault.azure.net/secrets?api-version=7.6"_s),
                             exchange, true);
            HttpResponse refusal;
            refusal.status = 401;
            refusal.headers = {
                {"WWW-Authenticate",
                 "Bearer authorization=\"https://login.microsoftonline.com/"
                 "b2e4d6f8-1a3c-4e5f-8a7b-9c0d1e2f3a4b\", resource=\"https://vault.azure.net\""}};
            refusal.body =
                R"({"error":{"code":"Unauthorized","message":"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/b2e4d6f8-1a3c-4e5f-8a7b-9c0d1e2f3a4b/, found https://sts.windows.net/7f3c1a52-4e8b-4d1c-9a6e-2b5d8c0e1f34/."}})";
            HttpResponse next = refusal;
            next.status = nextStatus;
            if (nextStatus != 401)
                next.body = R"({"value":[]})";
            return std::pair{RequestRecord::capture(call, refusal),
                             RequestRecord::capture(call, next)};
        };
        // The next attempt refused too: the first one failed.
        auto [first, again] = wrongTenant(u"exchange-1"_s, 401);
        journal.append(first);
        journal.append(again);
        QCOMPARE(model.explanation(0).answeredBy, 0u);
        QCOMPARE(cell(model, 0, JournalModel::VerdictColumn), u"Failed at Token validation"_s);
        QCOMPARE(model.explanation(0).remedy().kind, Remedy::Kind::SignInToTenant);
        // The next attempt accepted: challenged and answered, nothing left to fix.
        auto [second, passed] = wrongTenant(u"exchange-2"_s, 200);
        journal.append(second);
        journal.append(passed);
        QCOMPARE(model.explanation(2).answeredBy, journal.records().at(3).id);
        QCOMPARE(cell(model, 2, JournalModel::VerdictColumn), u"Challenged"_s);
        QCOMPARE(model.explanation(2).remedy().kind, Remedy::Kind::None);
        QVERIFY(model.explanation(2).remedy().text.contains(u"b2e4d6f8"_s));
    }

    void noAnswer()
    {
        RequestJournal journal;
        JournalModel model(journal);
        HttpRequest request;
        request.url = QUrl(u"https://management.azure.com/subscriptions/s/resourceGroups/rg/"
                           "providers/Microsoft.KeyVault/vaults/kv-contoso-apps"_s);
        request.context.service = Service::ResourceManager;
        HttpResponse response;
        response.networkError = QNetworkReply::HostNotFoundError;
        response.networkErrorString = u"Host management.azure.com not found"_s;
        journal.append(RequestRecord::capture(request, response));
        QCOMPARE(cell(model, 0, JournalModel::StatusColumn), u"no answer"_s);
        QVERIFY(cell(model, 0, JournalModel::VerdictColumn).startsWith(u"Failed at "_s));
        QVERIFY(cell(model, 0, JournalModel::TargetColumn).startsWith(u"kv-contoso-apps · "_s));
        QCOMPARE(cell(model, 0, JournalModel::ServiceColumn), u"Resource Manager"_s);
    }
};

QTEST_MAIN(tst_JournalModel)
#include "tst_journalmodel.moc"
