// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxOptions.h"

#include <QCoreApplication>

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
    const vl::sandbox::SandboxOptions options =
        vl::sandbox::SandboxOptions::parse(QCoreApplication::arguments());
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "vaultlens-sandbox: %s\n", qPrintable(options.error));
        return 2;
    }
    // The server itself is not part of this version yet: refuse plainly rather than pretend.
    std::fprintf(stderr, "vaultlens-sandbox: the sandbox server is not available in this "
                         "version; options were understood but nothing is served.\n");
    return 3;
}
