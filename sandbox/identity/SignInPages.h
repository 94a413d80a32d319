// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "state/SandboxState.h"

#include <QByteArray>
#include <QString>

namespace vl::sandbox {

/// The HTML pages a person sees in a browser: plain, accessible, no scripts.
namespace SignInPages {
/// The account list of the authorize page; each account is a button posting `account=<upn>`.
[[nodiscard]] QByteArray accountPicker(const SandboxState &state, const Tenant *tenant,
                                       const Application *application);
/// The device login page: a code field and the account list.
[[nodiscard]] QByteArray deviceLogin(const SandboxState &state, const QString &problem);
[[nodiscard]] QByteArray message(const QString &title, const QString &text);
[[nodiscard]] QByteArray home(const SandboxState &state);
} // namespace SignInPages

} // namespace vl::sandbox
