// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpPipeline.h"
#include "util/Clock.h"

#include <QStringList>
#include <QUrl>

#include <memory>

namespace vl {

/**
 * @brief What every credential that talks to Entra ID is built with.
 *
 * The pipeline is unauthenticated (no credential policy): it carries the
 * client request id, retry, the journal and the transport, whose TLS
 * configuration comes from the cloud profile.
 */
struct CredentialOptions
{
    std::shared_ptr<HttpPipeline> pipeline;
    /// Entra ID's host (CloudProfile::authorityHost); https only.
    QUrl authorityHost = QUrl(QStringLiteral("https://login.microsoftonline.com"));
    /**
     * Tenants besides its own the credential may get tokens for when a request
     * names one (a vault's challenge does); "*" allows any.
     */
    QStringList additionallyAllowedTenants;
    /// Source of "now" for expiry; the system clock when null.
    const Clock *clock = nullptr;

    [[nodiscard]] const Clock &clockOrSystem() const
    {
        return clock ? *clock : SystemClock::instance();
    }
};

} // namespace vl
