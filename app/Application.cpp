// SPDX-License-Identifier: GPL-3.0-or-later
#include "Application.h"

#include "MainWindow.h"
#include "Sandbox.h"
#include "SandboxOptions.h"
#include "Session.h"
#include "access/RoleCatalogue.h"
#include "auth/KeychainStore.h"
#include "shell/FirstPaint.h"
#include "signin/ClientIdSettings.h"
#include "util/Future.h"

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QLocale>
#include <QPixmap>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace vl::app {

Application::Application(CommandLine options)
    : m_options(std::move(options))
{
    QList<CloudProfile> clouds = CloudProfile::azureClouds();
    QString note;
    std::optional<CloudProfile> sandboxCloud;
    if (m_options.sandbox) {
        note = startSandbox();
        if (m_sandbox) {
            Result<CloudProfile> profile = CloudProfile::fromSandboxConfig(m_sandbox->config());
            if (profile)
                sandboxCloud = *profile;
            else
                note = QApplication::translate("Application", "The sandbox cloud is unusable: %1")
                           .arg(profile.error().message);
        }
    }
    if (sandboxCloud)
        clouds.prepend(*sandboxCloud);

    QSettings settings;
    SessionOptions sessionOptions;
    sessionOptions.clouds = clouds;
    sessionOptions.secrets = std::make_shared<KeychainStore>();
    sessionOptions.clientId =
        resolveClientId(m_options.clientId, qEnvironmentVariable("AZURE_CLIENT_ID"),
                        settings.value(ClientIdSettingsKey).toString());
    m_session = std::make_unique<Session>(std::move(sessionOptions));
    m_window = std::make_unique<ui::MainWindow>(*m_session, access::RoleCatalogue::builtIn());
    m_window->setEnvironmentNote(note);
    if (sandboxCloud) {
        const QJsonArray tenants = m_sandbox->config().value("tenants"_L1).toArray();
        if (!tenants.isEmpty())
            m_window->setDefaultTenant(sandboxCloud->name, tenants.first()[u"id"_s].toString());
        // The tour's scenarios move this machine's address and a vault's tenant, as the
        // sandbox lets a demo do.
        sandbox::Sandbox *sandbox = m_sandbox.get();
        m_window->enableGuidedTour({m_sandbox->config(), sandboxCloud->name,
                                    [sandbox](const QString &address) {
                                        sandbox->state().clientAddress = address;
                                        sandbox->persist();
                                    },
                                    [sandbox](const QString &vault, const QString &tenantId) {
                                        if (auto *v = sandbox->state().vaultByName(vault))
                                            v->resource.properties.tenantId = tenantId;
                                        sandbox->persist();
                                    }});
    }

    onFinished(m_session->accounts().restore(), m_window.get(), [this](const Result<Done> &done) {
        if (!done.ok()) {
            m_window->statusBar()->showMessage(
                QApplication::translate("Application", "Some saved sign-ins could not be read: %1")
                    .arg(done.error().message),
                10000);
        }
        m_window->restoreLastVault();
    });
}

Application::~Application() = default;

QString Application::startSandbox()
{
    // The sandbox's accounts and layout live apart from the real clouds' ones.
    QCoreApplication::setApplicationName(u"VaultLens-Sandbox"_s);
    QStringList arguments{u"vaultlens-sandbox"_s};
    if (!m_options.seed.isEmpty()) {
        // A seed asked for on the command line starts afresh each time.
        arguments << u"--seed"_s << m_options.seed;
    } else {
        // The demo keeps its state (signing keys, CA, vault ports, changes), so that
        // saved sign-ins and the last vault still work after a restart.
        const QString state =
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/sandbox"_s;
        if (QDir().mkpath(state))
            arguments << u"--state"_s << state;
    }
    const sandbox::SandboxOptions options = sandbox::SandboxOptions::parse(arguments);
    if (!options.error.isEmpty())
        return QApplication::translate("Application", "The sandbox cloud could not start: %1")
            .arg(options.error);
    m_sandbox = std::make_unique<sandbox::Sandbox>();
    QString error;
    if (!m_sandbox->start(options, &error)) {
        m_sandbox.reset();
        return QApplication::translate("Application", "The sandbox cloud could not start: %1")
            .arg(error);
    }
    return QApplication::translate("Application", "Sandbox cloud at %1")
        .arg(m_sandbox->apiOrigin());
}

int Application::run()
{
    m_window->show();
    if (!m_options.grabPath.isEmpty()) {
        QTimer::singleShot(300, m_window.get(), [this] {
            const bool saved = m_window->grab().save(m_options.grabPath);
            if (!saved)
                std::fprintf(stderr, "vaultlens: could not save %s\n",
                             qPrintable(m_options.grabPath));
            QApplication::exit(saved ? 0 : 1);
        });
    } else if (m_options.quitAfterShow) {
        // Quits once the window has painted: what start-up is measured to.
        new ui::QuitAfterFirstPaint(m_window.get());
    }
    return QApplication::exec();
}

} // namespace vl::app
