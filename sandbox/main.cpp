// SPDX-License-Identifier: GPL-3.0-or-later
#include "Sandbox.h"
#include "SandboxOptions.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>
#include <cstring>

int main(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") == 0) {
            std::printf("vaultlens-sandbox %s (Qt %s)\n", VAULTLENS_VERSION, qVersion());
            return 0;
        }
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vaultlens-sandbox"));
    const vl::sandbox::SandboxOptions options =
        vl::sandbox::SandboxOptions::parse(QCoreApplication::arguments());
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "vaultlens-sandbox: %s\n", qPrintable(options.error));
        return 2;
    }
    vl::sandbox::Sandbox sandbox;
    QString error;
    if (!sandbox.start(options, &error)) {
        std::fprintf(stderr, "vaultlens-sandbox: %s\n", qPrintable(error));
        return 1;
    }
    if (options.printConfig) {
        std::printf("%s\n",
                    QJsonDocument(sandbox.config()).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
    } else {
        std::fprintf(stderr, "vaultlens-sandbox: API %s, sign-in pages %s, CA %s\n",
                     qPrintable(sandbox.apiOrigin()), qPrintable(sandbox.browserOrigin()),
                     qPrintable(sandbox.caCertificatePath()));
    }
    return QCoreApplication::exec();
}
