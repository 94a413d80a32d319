// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AppRegistration.h"

#include <QProcessEnvironment>
#include <QString>

namespace vl {

/// The settings key of the client id VaultLens signs users in with (`auth/clientId`).
inline const QString ClientIdSettingsKey = QString(AppRegistration::SettingsKey);

/**
 * The client id to sign in with, from the values the app has at start-up.
 * Precedence: @p commandLineValue (`--client-id`) > @p environmentValue
 * (`AZURE_CLIENT_ID`) > @p settingsValue (`auth/clientId`); blank values do
 * not count. See AppRegistration::resolveClientId.
 */
[[nodiscard]] inline QString resolveClientId(const QString &commandLineValue,
                                             const QString &environmentValue,
                                             const QString &settingsValue)
{
    QProcessEnvironment environment;
    if (!environmentValue.isEmpty())
        environment.insert(QString(AppRegistration::EnvironmentVariable), environmentValue);
    return AppRegistration::resolveClientId(settingsValue, commandLineValue, environment);
}

} // namespace vl
