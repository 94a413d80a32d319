// SPDX-License-Identifier: GPL-3.0-or-later
#include "Application.h"
#include "CommandLine.h"

#include <QApplication>
#include <QFont>
#include <QIcon>

#include <cstdio>
#include <cstring>

int main(int argc, char *argv[])
{
    // --version must work without a display or platform plugin.
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0 || std::strcmp(argv[i], "-v") == 0) {
            std::printf("vaultlens %s (Qt %s)\n", VAULTLENS_VERSION, qVersion());
            return 0;
        }
    }
    QApplication qtApp(argc, argv);
    QApplication::setApplicationName(QStringLiteral("VaultLens"));
    QApplication::setOrganizationName(QStringLiteral("VaultLens"));
    QApplication::setApplicationVersion(QStringLiteral(VAULTLENS_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/vaultlens/icons/vaultlens.svg")));

    vl::app::CommandLine options = vl::app::CommandLine::parse(QApplication::arguments());
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "vaultlens: %s\n", qPrintable(options.error));
        return 2;
    }
    vl::app::Application app(std::move(options));
    return app.run();
}
