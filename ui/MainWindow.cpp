// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "access/RoleExplorer.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace vl::ui {

MainWindow::MainWindow(const access::RoleCatalogue &catalogue, QWidget *parent)
    : QMainWindow(parent)
    , m_roleExplorer(new RoleExplorer(catalogue, this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("VaultLens"));
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(u"mainTabs"_s);
    tabs->addTab(m_roleExplorer, tr("&Roles and permissions"));
    setCentralWidget(tabs);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setObjectName(u"quitAction"_s);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    statusBar()->setObjectName(u"statusBar"_s);
    resize(1180, 720);
}

} // namespace vl::ui
