// SPDX-License-Identifier: GPL-3.0-or-later
#include "TemporarySettings.h"

#include <QStandardPaths>

namespace vl::test {

TemporarySettings::TemporarySettings()
{
    m_hadConfigHome = qEnvironmentVariableIsSet("XDG_CONFIG_HOME");
    m_previousConfigHome = qEnvironmentVariable("XDG_CONFIG_HOME");
    qputenv("XDG_CONFIG_HOME", m_dir.path().toUtf8());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
}

TemporarySettings::~TemporarySettings()
{
    if (m_hadConfigHome)
        qputenv("XDG_CONFIG_HOME", m_previousConfigHome.toUtf8());
    else
        qunsetenv("XDG_CONFIG_HOME");
}

std::unique_ptr<QSettings> TemporarySettings::settings() const
{
    return std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                       QStringLiteral("VaultLens"), QStringLiteral("VaultLens"));
}

} // namespace vl::test
