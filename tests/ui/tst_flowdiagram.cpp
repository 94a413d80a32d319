// SPDX-License-Identifier: GPL-3.0-or-later
// The flow diagram drawn from real requests against the sandbox (a listing
// that passes, one blocked by the firewall, a Resource Manager call) and from
// pasted error text: rendered offscreen to PNG and SVG without a warning, in
// light and dark palettes, each stage coloured by its outcome.
#include "Presentation.h"
#include "SessionFixture.h"
#include "flow/FlowDiagram.h"
#include "journal/FlowExplainer.h"
#include "shell/Theme.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QScrollArea>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::test;
using vl::ui::FlowDiagram;

namespace {

QStringList g_warnings;
QtMessageHandler g_previous = nullptr;

void recordWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg || type == QtCriticalMsg)
        g_warnings.append(message);
    if (g_previous)
        g_previous(type, context, message);
}

/// Records every warning while alive.
class WarningRecorder
{
public:
    WarningRecorder()
    {
        g_warnings.clear();
        g_previous = qInstallMessageHandler(recordWarnings);
    }
    ~WarningRecorder() { qInstallMessageHandler(g_previous); }
    Q_DISABLE_COPY_MOVE(WarningRecorder)
};

const QString FirewallAddress = u"192.0.2.77"_s;

const QString PolicyText =
    u"Status: 403 (Forbidden)\nErrorCode: Forbidden\n{\"error\":{\"code\":\"Forbidden\","
    "\"message\":\"The user, group or application 'appid=04b07795-8ddb-461a-bbee-02f9e1bf7b46;"
    "oid=b1a2c3d4-0000-4000-8000-000000000001;iss=https://sts.windows.net/"
    "72f988bf-86f1-41af-91ab-2d7cd011db47/' does not have secrets list permission on key vault "
    "'kv-build;location=westeurope'. For help resolving this issue, please see "
    "https://go.microsoft.com/fwlink/?linkid=2125287\",\"innererror\":{\"code\":"
    "\"AccessDenied\"}}}"_s;

QString screenshotDir()
{
    return qEnvironmentVariable("VAULTLENS_SCREENSHOTS");
}

bool sameColour(QRgb a, const QColor &b, int tolerance = 24)
{
    return std::abs(qRed(a) - b.red()) <= tolerance && std::abs(qGreen(a) - b.green()) <= tolerance
           && std::abs(qBlue(a) - b.blue()) <= tolerance;
}

int stepIndex(const FlowExplanation &e, FlowStage stage)
{
    for (qsizetype i = 0; i < e.steps.size(); ++i)
        if (e.steps.at(i).stage == stage)
            return int(i);
    return -1;
}

} // namespace

class tst_FlowDiagram : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SessionFixture> m_fixture;
    QString m_accountId;
    QMap<QString, FlowExplanation> m_flows;
    QMap<QString, QString> m_titles;

    /// Explains the journal's last record of @p service.
    FlowExplanation explainLast(Service service, QString *title)
    {
        const RequestJournal &journal = m_fixture->session().journal();
        for (qsizetype i = journal.records().size() - 1; i >= 0; --i) {
            const RequestRecord &r = journal.records().at(i);
            if (r.service != service)
                continue;
            *title = u"%1 %2 · %3"_s.arg(QString::fromLatin1(r.method), r.url.path()).arg(r.status);
            return FlowExplainer().explain(r, journal.exchange(r.clientRequestId));
        }
        return {};
    }

    void show(FlowDiagram &d, const QString &name)
    {
        d.setExplanation(m_flows.value(name), m_titles.value(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fixture = std::make_unique<SessionFixture>();
        QVERIFY(m_fixture->isRunning());
        const Result<Account> alice = m_fixture->signIn();
        QVERIFY2(alice.ok(), qPrintable(alice.error().summary()));
        m_accountId = alice->id;
        Session &s = m_fixture->session();

        auto dev = s.vault(m_accountId, {}, m_fixture->vaultUri(u"kv-contoso-dev"_s));
        QVERIFY(dev.has_value());
        const auto listed = ClientFixture::await(dev->listSecrets());
        QVERIFY2(listed.ok(), qPrintable(listed.error().summary()));
        m_flows[u"passed"_s] = explainLast(Service::KeyVault, &m_titles[u"passed"_s]);

        m_fixture->sandbox().sandbox().state().clientAddress = FirewallAddress;
        auto prod = s.vault(m_accountId, {}, m_fixture->vaultUri(u"kv-contoso-prod"_s));
        QVERIFY(prod.has_value());
        const auto blocked = ClientFixture::await(prod->listSecrets());
        m_fixture->sandbox().sandbox().state().clientAddress.clear();
        QVERIFY(!blocked.ok());
        m_flows[u"firewall"_s] = explainLast(Service::KeyVault, &m_titles[u"firewall"_s]);

        auto arm = s.arm(m_accountId);
        QVERIFY(arm.has_value());
        const auto subscriptions = ClientFixture::await(arm->listSubscriptions());
        QVERIFY2(subscriptions.ok(), qPrintable(subscriptions.error().summary()));
        m_flows[u"arm"_s] = explainLast(Service::ResourceManager, &m_titles[u"arm"_s]);

        m_flows[u"text"_s] = FlowExplainer().explainText(PolicyText);
        m_titles[u"text"_s] = u"Pasted error"_s;

        QVERIFY(!m_flows[u"passed"_s].failedStep());
        QVERIFY(m_flows[u"firewall"_s].failedStep());
        QCOMPARE(m_flows[u"firewall"_s].failedStep()->stage, FlowStage::Firewall);
        QCOMPARE(m_flows[u"arm"_s].service, Service::ResourceManager);
        QVERIFY(m_flows[u"text"_s].failedStep());
        QCOMPARE(m_flows[u"text"_s].failedStep()->stage, FlowStage::Authorization);
    }

    void cleanupTestCase() { ui::applyTheme(ui::Theme::Light); }

    void render_data()
    {
        QTest::addColumn<QString>("flow");
        QTest::addColumn<bool>("dark");
        for (const bool dark : {false, true})
            for (const QString &flow : {u"passed"_s, u"firewall"_s, u"arm"_s, u"text"_s})
                QTest::addRow("%s-%s", qPrintable(flow), dark ? "dark" : "light") << flow << dark;
    }

    void render()
    {
        QFETCH(QString, flow);
        QFETCH(bool, dark);
        ui::applyTheme(dark ? ui::Theme::Dark : ui::Theme::Light);
        QCOMPARE(ui::isDarkPalette(), dark);

        FlowDiagram d;
        d.resize(1200, 700);
        const FlowExplanation &e = m_flows.value(flow);
        QImage image;
        QImage scaled;
        QByteArray svg;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        {
            WarningRecorder recorder;
            show(d, flow);
            image = d.toImage();
            scaled = d.toImage(2.0);
            svg = d.toSvg();
            QVERIFY(d.exportTo(dir.filePath(u"flow.png"_s)));
            QVERIFY(d.exportTo(dir.filePath(u"flow.svg"_s)));
            QVERIFY(!d.exportTo(dir.filePath(u"flow.txt"_s)));
            QVERIFY(!d.exportTo(dir.filePath(u"missing/dir/flow.svg"_s)));
            (void)d.grab();
            QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join(u'\n')));
        }
        const QSize size = d.diagramSize();
        QVERIFY(size.width() > 400 && size.height() > 200);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), size);
        QCOMPARE(scaled.size(), size * 2);
        QCOMPARE(scaled.devicePixelRatio(), 2.0);
        QVERIFY(QFileInfo(dir.filePath(u"flow.svg"_s)).size() > 1000);
        QVERIFY(!QImage(dir.filePath(u"flow.png"_s)).isNull());

        // The background is the palette's.
        QVERIFY(sameColour(image.pixel(2, 2), d.palette().color(QPalette::Base), 2));

        // Every stage and every lifeline is named in the SVG.
        const QString text = QString::fromUtf8(svg);
        for (const FlowStep &step : e.steps)
            QVERIFY2(text.contains(flowStageName(step.stage)),
                     qPrintable(flowStageName(step.stage)));
        // (a lifeline's name may wrap in its box)
        for (const QString &participant : FlowDiagram::participants(e.service))
            for (const QString &word : participant.split(u' '))
                QVERIFY2(text.contains(u'>' + word) || text.contains(u' ' + word),
                         qPrintable(participant));
        if (flow == "firewall"_L1) {
            QVERIFY(text.contains(FirewallAddress));
            QVERIFY(text.contains(u"ForbiddenByFirewall"_s));
            QVERIFY(text.contains(u"x-ms-keyvault-network-info"_s));
        }
        if (e.service != Service::KeyVault)
            QVERIFY(!text.contains(u"Firewall"_s));

        // Each stage's badge is painted in its outcome's colour.
        for (qsizetype i = 0; i < e.steps.size(); ++i) {
            const QRectF badge = d.stageBadgeRect(0, int(i));
            QVERIFY(!badge.isEmpty());
            const QPoint at =
                QPointF(badge.center().x() * 2, (badge.top() + badge.height() * 0.88) * 2)
                    .toPoint();
            const QColor expected = FlowDiagram::outcomeColor(e.steps.at(i).outcome);
            QVERIFY2(sameColour(scaled.pixel(at), expected),
                     qPrintable(u"step %1: %2 is not %3"_s.arg(i).arg(
                         QColor(scaled.pixel(at)).name(), expected.name())));
        }

        // The accessible description tells the stages in words.
        QVERIFY(d.accessibleDescription().contains(flowStageName(e.steps.constFirst().stage)));
        QVERIFY(!d.accessibleName().isEmpty());
    }

    void failedStageStandsOut()
    {
        ui::applyTheme(ui::Theme::Light);
        FlowDiagram d;
        show(d, u"firewall"_s);
        const FlowExplanation &e = m_flows.value(u"firewall"_s);
        const int failed = stepIndex(e, FlowStage::Firewall);
        const int passed = stepIndex(e, FlowStage::Call);
        QCOMPARE(e.steps.at(passed).outcome, FlowOutcome::Passed);
        const QImage image = d.toImage();
        const auto sample = [&](int step) {
            const QRectF r = d.stageBadgeRect(0, step);
            return QColor(
                image.pixel(QPointF(r.center().x(), r.top() + r.height() * 0.88).toPoint()));
        };
        QVERIFY(sample(failed) != sample(passed));
        QVERIFY(sameColour(sample(failed).rgb(), FlowDiagram::outcomeColor(FlowOutcome::Failed)));
        QVERIFY(sameColour(sample(passed).rgb(), FlowDiagram::outcomeColor(FlowOutcome::Passed)));
        QVERIFY(FlowDiagram::outcomeColor(FlowOutcome::Failed)
                != FlowDiagram::outcomeColor(FlowOutcome::Passed));
        QVERIFY(d.accessibleDescription().contains(FirewallAddress));
    }

    void managementPlaneHasNoFirewall()
    {
        const QStringList arm = FlowDiagram::participants(Service::ResourceManager);
        QVERIFY(!arm.contains(u"Firewall"_s));
        QVERIFY(arm.contains(u"Resource Manager"_s));
        QVERIFY(arm.contains(u"RBAC"_s));
        QVERIFY(FlowDiagram::participants(Service::KeyVault).contains(u"Firewall"_s));
        QCOMPARE(FlowDiagram::participants(Service::EntraId).size(), 2);
        FlowDiagram d;
        show(d, u"arm"_s);
        QVERIFY(!QString::fromUtf8(d.toSvg()).contains(u"Firewall"_s));
    }

    void sideBySideAndClear()
    {
        FlowDiagram d;
        show(d, u"firewall"_s);
        const QSize one = d.diagramSize();
        d.setExplanations({m_flows.value(u"firewall"_s), m_flows.value(u"passed"_s)},
                          {u"Blocked"_s, u"Retry"_s});
        QCOMPARE(d.explanations().size(), 2);
        const QSize two = d.diagramSize();
        QVERIFY(two.width() > one.width() * 3 / 2);
        const QString svg = QString::fromUtf8(d.toSvg());
        QVERIFY(svg.contains(u"Blocked"_s));
        QVERIFY(svg.contains(u"Retry"_s));
        QVERIFY(!d.stageBadgeRect(1, 0).isEmpty());
        QVERIFY(d.stageBadgeRect(1, 0).left() > d.stageBadgeRect(0, 0).right());
        QVERIFY(d.stageBadgeRect(2, 0).isEmpty());

        // On screen: scaled to the width, never below half size.
        QVERIFY(d.hasHeightForWidth());
        QCOMPARE(d.heightForWidth(two.width()), two.height());
        QVERIFY(d.heightForWidth(two.width() / 2) < two.height());
        QCOMPARE(d.heightForWidth(10), d.heightForWidth(two.width() / 2));

        d.clear();
        QVERIFY(d.explanations().isEmpty());
        QVERIFY(!d.toImage().isNull());
    }

    void presentationMasksGuids()
    {
        FlowDiagram d;
        d.setExplanation(m_flows.value(u"text"_s), m_titles.value(u"text"_s));
        const QString oid = u"b1a2c3d4-0000-4000-8000-000000000001"_s;
        QVERIFY(QString::fromUtf8(d.toSvg()).contains(oid));
        Presentation::instance().setEnabled(true);
        const QString masked = QString::fromUtf8(d.toSvg());
        const QString description = d.accessibleDescription();
        Presentation::instance().setEnabled(false);
        QVERIFY(!masked.contains(oid));
        QVERIFY(!masked.contains(u"b1a2c3d4"_s));
        QVERIFY(!description.contains(u"b1a2c3d4"_s));
        QVERIFY(description.contains(u"0001"_s));
        QVERIFY(d.accessibleDescription().contains(oid));
    }

    void screenshots()
    {
        const QString dir = screenshotDir();
        if (dir.isEmpty())
            QSKIP("VAULTLENS_SCREENSHOTS is not set");
        QDir().mkpath(dir);
        const auto shoot = [&](const QString &flow, const QString &file, bool dark) {
            ui::applyTheme(dark ? ui::Theme::Dark : ui::Theme::Light);
            FlowDiagram d;
            show(d, flow);
            QVERIFY(d.toImage().save(dir + u'/' + file));
        };
        shoot(u"passed"_s, u"flow-passed.png"_s, false);
        shoot(u"firewall"_s, u"flow-firewall.png"_s, false);
        shoot(u"firewall"_s, u"flow-firewall-dark.png"_s, true);
        shoot(u"arm"_s, u"flow-arm.png"_s, false);
        shoot(u"text"_s, u"flow-pasted-error.png"_s, false);
        ui::applyTheme(ui::Theme::Light);

        // In a scroll area, as the flow view shows it.
        QScrollArea area;
        auto *d = new FlowDiagram;
        d->setExplanations({m_flows.value(u"firewall"_s), m_flows.value(u"passed"_s)},
                           {m_titles.value(u"firewall"_s), u"Retry"_s});
        area.setWidget(d);
        area.setWidgetResizable(true);
        area.resize(1280, 760);
        area.show();
        QVERIFY(QTest::qWaitForWindowExposed(&area));
        QVERIFY(area.grab().save(dir + u"/flow-side-by-side.png"_s));
    }
};

QTEST_MAIN(tst_FlowDiagram)
#include "tst_flowdiagram.moc"
