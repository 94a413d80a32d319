// SPDX-License-Identifier: GPL-3.0-or-later
#include "Application.h"

#include "MainWindow.h"
#include "Sandbox.h"
#include "access/RoleCatalogue.h"

#include <QApplication>
#include <QJsonArray>
#include <QLocale>
#include <QPixmap>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>

namespace vl::app {

Application::Application(CommandLine options)
    : m_options(std::move(options))
    , m_window(std::make_unique<ui::MainWindow>(access::RoleCatalogue::builtIn()))
{
    if (m_options.sandbox) {
        m_sandbox = std::make_unique<sandbox::Sandbox>();
        QString error;
        if (m_sandbox->start(sandbox::SandboxOptions{}, &error)) {
            const QJsonObject config = m_sandbox->config();
            const auto vaults = config.value(QLatin1StringView("vaults")).toArray().size();
            m_window->statusBar()->showMessage(
                QApplication::translate("Application",
                                        "Sandbox cloud running at %1 with %2 vaults. Signing in "
                                        "and browsing vaults come in a later version.")
                    .arg(m_sandbox->apiOrigin(), QLocale().toString(vaults)));
        } else {
            m_sandbox.reset();
            m_window->statusBar()->showMessage(
                QApplication::translate("Application", "The sandbox cloud could not start: %1")
                    .arg(error));
        }
    }
}

Application::~Application() = default;

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
        QTimer::singleShot(0, m_window.get(), [] { QApplication::exit(0); });
    }
    return QApplication::exec();
}

} // namespace vl::app
