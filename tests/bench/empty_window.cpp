// SPDX-License-Identifier: GPL-3.0-or-later
// The floor of start-up for vaultlens-bench: a QWidget program that links Qt
// Widgets and nothing else, shows an empty window of the app's size, and quits
// on its first paint.
#include "shell/FirstPaint.h"

#include <QApplication>
#include <QWidget>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QWidget window;
    window.resize(1280, 800);
    new vl::ui::QuitAfterFirstPaint(&window);
    window.show();
    return QApplication::exec();
}
