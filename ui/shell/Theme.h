// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QApplication;

namespace vl::ui {

/// The palette the app paints with.
enum class Theme {
    System, ///< the platform's palette: follows the desktop's light or dark mode
    Light,
    Dark,
};

/// "system", "light", "dark": the settings' names.
[[nodiscard]] QString themeName(Theme theme);
[[nodiscard]] Theme themeFromName(const QString &name);

/**
 * Paints the app with @p theme. System restores the palette and style the
 * platform gave the app at start; Light and Dark use the Fusion style with a
 * palette of their own, the same on every platform.
 */
void applyTheme(Theme theme);

/// True when the app's current palette is dark (light text on a dark window).
[[nodiscard]] bool isDarkPalette();

} // namespace vl::ui
