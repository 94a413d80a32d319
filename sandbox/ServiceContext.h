// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/ServerTypes.h"
#include "identity/TokenService.h"
#include "state/SandboxState.h"
#include "util/Clock.h"

#include <QString>

#include <functional>

namespace vl::sandbox {

/// What every service of the sandbox shares: the state, tokens, time and origins.
struct ServiceContext
{
    SandboxState &state;
    TokenService &tokens;
    const Clock &clock;
    std::function<void()> persist; ///< call after every change to the state
    std::function<QString()> apiOrigin;
    std::function<QString()> browserOrigin;
    std::function<QString(quint16)> vaultOrigin;

    /// The client address the firewall sees for @p request.
    [[nodiscard]] QString clientAddress(const HttpRequest &request) const;
};

/// A fresh request id (a GUID, as the services send in x-ms-request-id).
[[nodiscard]] QByteArray newRequestId();

} // namespace vl::sandbox
