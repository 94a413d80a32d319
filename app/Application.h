// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CommandLine.h"

#include <memory>

namespace vl {
class Session;
}
namespace vl::ui {
class MainWindow;
}
namespace vl::sandbox {
class Sandbox;
}

namespace vl::app {

/// The composition root: creates and wires every long-lived object.
class Application final
{
public:
    explicit Application(CommandLine options);
    ~Application();
    Application(const Application &) = delete;
    Application &operator=(const Application &) = delete;

    /// Shows the window and runs the event loop; returns the exit code.
    int run();

private:
    /// Starts the embedded sandbox; returns its cloud profile's note for the status bar.
    QString startSandbox();

    CommandLine m_options;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<ui::MainWindow> m_window;
};

} // namespace vl::app
