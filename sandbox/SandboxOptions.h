// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace vl::sandbox {

/// The sandbox's options, as SANDBOX.md fixes them.
struct SandboxOptions
{
    enum class Seed { Demo, Empty, Large };

    quint16 port = 0; ///< HTTPS API port; 0 picks a free one
    QString stateDir; ///< empty: a fresh temporary directory
    Seed seed = Seed::Demo;
    int largeCount = 0;    ///< N of `large:N`
    QString clientAddress; ///< the address the firewall sees; empty: the seed's choice
    bool printConfig = false;
    QString error; ///< set when the arguments could not be understood

    /// Parses `vaultlens-sandbox` arguments (@p arguments[0] is the program).
    [[nodiscard]] static SandboxOptions parse(const QStringList &arguments);
};

} // namespace vl::sandbox
