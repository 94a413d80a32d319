// SPDX-License-Identifier: GPL-3.0-or-later
#include "AccountsTestSupport.h"
#include "BenchSupport.h"
#include "Session.h"
#include "TemporarySettings.h"
#include "VaultItemModel.h"
#include "items/ItemListView.h"
#include "journal/RequestJournal.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <malloc.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace vl::bench {

namespace {
/// Resident memory of this process in bytes (0 where unknown).
qint64 residentBytes()
{
#ifdef Q_OS_LINUX
    malloc_trim(0);
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.value(1).toLongLong() * sysconf(_SC_PAGESIZE);
#else
    return 0;
#endif
}

/// Waits in an event loop that sleeps until something happens, as the app's does
/// (a loop that polls would take the CPU from the network thread and the sandbox).
template<typename T>
T await(const QFuture<T> &future, int timeoutMs = 120000)
{
    if (!future.isFinished()) {
        QEventLoop loop;
        QFutureWatcher<T> watcher;
        QObject::connect(&watcher, &QFutureWatcher<T>::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        watcher.setFuture(future);
        if (!future.isFinished())
            loop.exec();
    }
    if (!future.isFinished())
        qFatal("vaultlens-bench: a call did not finish in time");
    return future.result();
}

/// The sandbox in a process of its own, so that its work is not the UI thread's.
struct SandboxProcess
{
    QTemporaryDir dir;
    QProcess process;
    QJsonObject config;
    QString configPath;

    bool start(int count, QString *error)
    {
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(QStringLiteral(VAULTLENS_SANDBOX_PATH),
                      {u"--seed"_s, u"large:%1"_s.arg(count), u"--state"_s,
                       dir.filePath(u"state"_s), u"--print-config"_s});
        QDeadlineTimer deadline(300000);
        QByteArray out;
        while (!out.contains('\n') && !deadline.hasExpired()) {
            if (!process.waitForReadyRead(1000) && process.state() != QProcess::Running)
                break;
            out += process.readAllStandardOutput();
        }
        config = QJsonDocument::fromJson(out.left(out.indexOf('\n'))).object();
        if (config.isEmpty()) {
            *error = u"the sandbox did not start: "_s
                     + QString::fromLocal8Bit(process.readAllStandardError());
            return false;
        }
        configPath = dir.filePath(u"config.json"_s);
        QFile file(configPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(out.left(out.indexOf('\n'))) < 0) {
            *error = u"cannot write the sandbox config"_s;
            return false;
        }
        return true;
    }

    ~SandboxProcess()
    {
        process.kill();
        process.waitForFinished(5000);
    }
};

/// Lists the vault with the Azure SDK for JavaScript; the SDK's JSON line, or an error.
QJsonObject sdkListing(const SandboxProcess &sandbox, const QString &vault)
{
    const QString fidelity = QStringLiteral(VAULTLENS_SOURCE_DIR) + u"/tests/fidelity"_s;
    if (!QFile::exists(fidelity + u"/node_modules/@azure/keyvault-secrets"_s)) {
        QProcess npm;
        npm.setWorkingDirectory(fidelity);
        npm.start(u"npm"_s, {u"ci"_s, u"--no-audit"_s, u"--no-fund"_s, u"--loglevel=error"_s});
        if (!npm.waitForFinished(600000) || npm.exitCode() != 0)
            return {{u"error"_s, u"npm ci failed in tests/fidelity"_s}};
    }
    QProcess node;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"SANDBOX_CONFIG"_s, sandbox.configPath);
    environment.insert(u"NODE_EXTRA_CA_CERTS"_s,
                       sandbox.config.value(u"caCertificate"_s).toString());
    node.setProcessEnvironment(environment);
    node.setWorkingDirectory(fidelity);
    node.start(u"node"_s, {u"bench-list.mjs"_s, vault});
    if (!node.waitForFinished(600000) || node.exitCode() != 0)
        return {{u"error"_s, QString(u"node failed: "_s
                                     + QString::fromLocal8Bit(node.readAllStandardError()))}};
    return QJsonDocument::fromJson(node.readAllStandardOutput().trimmed()).object();
}

/// Notes the longest gap between ticks of a 1 ms timer: how long the UI thread stalled.
class StallMeter final : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_longest = qMax(m_longest, now - m_last);
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_longest = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    [[nodiscard]] double longestMs() const { return double(m_longest) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
};

/// Records when the watched viewport first painted with rows in it.
class RowPaint final : public QObject
{
public:
    RowPaint(QTableView *view, QElapsedTimer &clock)
        : m_view(view)
        , m_clock(clock)
    {
        view->viewport()->installEventFilter(this);
    }
    [[nodiscard]] double firstRowMs() const { return m_ms; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && m_ms < 0 && m_view->model()->rowCount() > 0)
            m_ms = double(m_clock.nsecsElapsed()) / 1e6;
        return QObject::eventFilter(watched, event);
    }

private:
    QTableView *m_view;
    QElapsedTimer &m_clock;
    double m_ms = -1;
};
} // namespace

QJsonObject measureListing(const BenchOptions &options)
{
    SandboxProcess sandbox;
    QString error;
    QElapsedTimer seeding;
    seeding.start();
    if (!sandbox.start(options.count, &error))
        return {{u"error"_s, error}};
    const double seedMs = double(seeding.elapsed());
    const Result<CloudProfile> cloud = CloudProfile::fromSandboxConfig(sandbox.config);
    if (!cloud)
        return {{u"error"_s, cloud.error().message}};
    const QString vaultName = u"kv-contoso-prod"_s;
    QUrl vaultUri;
    for (const QJsonValue &vault : sandbox.config.value(u"vaults"_s).toArray()) {
        if (vault[u"name"_s].toString() == vaultName)
            vaultUri = QUrl(vault[u"vaultUri"_s].toString());
    }

    test::TemporarySettings temporary;
    const std::unique_ptr<QSettings> settings = temporary.settings();
    SessionOptions sessionOptions;
    sessionOptions.clouds = {*cloud};
    sessionOptions.secrets = std::make_shared<test::MemorySecretStore>();
    sessionOptions.settings = settings.get();
    Session session(std::move(sessionOptions));
    const QJsonObject principal =
        sandbox.config.value(u"servicePrincipals"_s).toArray().first().toObject();
    ServicePrincipalRequest request;
    request.cloud = cloud->name;
    request.tenantId = sandbox.config.value(u"tenants"_s).toArray().first()[u"id"_s].toString();
    request.clientId = principal.value(u"appId"_s).toString();
    request.clientSecret = principal.value(u"clientSecret"_s).toString().toUtf8();
    const Result<Account> account = await(session.accounts().addServicePrincipal(request));
    if (!account)
        return {{u"error"_s, account.error().summary()}};
    // The app has a token before it opens a vault, as the SDK's script has.
    TokenRequestContext tokenRequest;
    tokenRequest.scopes = {cloud->vaultScope()};
    tokenRequest.tenantId = request.tenantId;
    const auto warm = await(session.accounts().credential(account->id)->getToken(tokenRequest));
    if (!warm)
        return {{u"error"_s, warm.error().summary()}};

    // The SDK once as a warm-up of the sandbox, then the app, then the SDK measured.
    QJsonObject sdk;
    if (options.sdk)
        sdkListing(sandbox, vaultName);

    // The client alone, with no model or view: what the pipeline and transport cost.
    QElapsedTimer raw;
    raw.start();
    const std::optional<vault::VaultClient> rawClient =
        session.vault(account->id, request.tenantId, vaultUri);
    int rawCount = 0;
    auto page = await(rawClient->listSecrets(25));
    while (page.ok()) {
        rawCount += int(page->items.size());
        if (!page->nextLink.isValid())
            break;
        page = await(rawClient->listSecretsNext(page->nextLink));
    }
    const double rawMs = double(raw.nsecsElapsed()) / 1e6;
    session.journal().clear();

    ui::ItemListView list(VaultItemKind::Secret);
    list.resize(1100, 700);
    list.show();
    QCoreApplication::processEvents();
    const qint64 before = residentBytes();
    QElapsedTimer clock;
    RowPaint rowPaint(list.view(), clock);
    StallMeter stalls;
    bool complete = false;
    QEventLoop listing;
    QObject::connect(list.model(), &VaultItemModel::completeChanged, &list,
                     [&complete, &listing](bool done) {
                         complete = done;
                         if (done)
                             listing.quit();
                     });
    stalls.start();
    clock.start();
    list.setClient(session.vault(account->id, request.tenantId, vaultUri));
    list.model()->loadAll(); // every row, as a filter or a sort asks for
    QTimer::singleShot(600000, &listing, &QEventLoop::quit);
    if (!complete)
        listing.exec();
    const double allRowsMs = double(clock.nsecsElapsed()) / 1e6;
    stalls.stop();
    QCoreApplication::processEvents();
    const qint64 after = residentBytes();
    const int rows = list.model()->rowCount();
    if (!complete || rows != options.count)
        return {{u"error"_s, u"listed %1 of %2 secrets"_s.arg(rows).arg(options.count)}};

    if (options.sdk)
        sdk = sdkListing(sandbox, vaultName);
    // Where the time went: the exchanges themselves, and the app's work between them.
    qint64 exchangeMs = 0;
    int pages = 0;
    for (const RequestRecord &record : session.journal().records()) {
        if (record.service != Service::KeyVault || !record.url.path().startsWith(u"/secrets"_s))
            continue;
        exchangeMs += record.durationMs;
        ++pages;
    }
    QJsonObject result{
        {u"clientOnlyMs"_s, rawMs},
        {u"clientOnlyCount"_s, rawCount},
        {u"requests"_s, pages},
        {u"exchangesMs"_s, double(exchangeMs)},
        {u"secrets"_s, rows},
        {u"sandboxSeedMs"_s, seedMs},
        {u"firstRowPaintedMs"_s, rowPaint.firstRowMs()},
        {u"allRowsMs"_s, allRowsMs},
        {u"longestUiStallMs"_s, stalls.longestMs()},
        {u"memoryGrowthBytes"_s, double(after - before)},
        {u"memoryPer10000ItemsMB"_s, double(after - before) / 1048576.0 * 10000.0 / qMax(1, rows)}};
    if (options.sdk)
        result.insert(u"sdk"_s, sdk);
    return result;
}

} // namespace vl::bench
