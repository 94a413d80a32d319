// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

namespace vl::access {
class RoleCatalogue;
}

namespace vl::ui {

class RoleExplorer;

/// The application window.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(const access::RoleCatalogue &catalogue, QWidget *parent = nullptr);

    [[nodiscard]] RoleExplorer *roleExplorer() const { return m_roleExplorer; }

private:
    RoleExplorer *m_roleExplorer;
};

} // namespace vl::ui
