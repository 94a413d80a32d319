// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSettings>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace vl::test {

/**
 * Points QSettings at a fresh temporary directory for the lifetime of the object,
 * so that tests neither read nor write the user's configuration, and each test
 * starts from nothing.
 */
class TemporarySettings
{
public:
    TemporarySettings();
    ~TemporarySettings();
    TemporarySettings(const TemporarySettings &) = delete;
    TemporarySettings &operator=(const TemporarySettings &) = delete;

    [[nodiscard]] QString path() const { return m_dir.path(); }
    /// A QSettings in the temporary location.
    [[nodiscard]] std::unique_ptr<QSettings> settings() const;

private:
    QTemporaryDir m_dir;
    QString m_previousConfigHome;
    bool m_hadConfigHome = false;
};

} // namespace vl::test
