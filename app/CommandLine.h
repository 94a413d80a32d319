// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace vl::app {

/// The application's command-line options.
struct CommandLine
{
    bool sandbox = false;       ///< run against the embedded sandbox cloud
    bool quitAfterShow = false; ///< show the window, then quit (start-up checks)
    QString grabPath;           ///< save a screenshot of the window there, then quit
    QString seed;               ///< the sandbox's seed (demo, empty, large:N); empty: demo
    QString clientId;           ///< the app registration to sign in with (Azure clouds)
    QString error;              ///< set when the arguments could not be understood

    [[nodiscard]] static CommandLine parse(const QStringList &arguments);
};

} // namespace vl::app
