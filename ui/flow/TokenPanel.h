// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/AccessToken.h"

#include <QWidget>

#include <optional>

class QLabel;
class QTreeWidget;

namespace vl::ui {

/**
 * @brief What the flow inspector knows about the token a request carried:
 * which credential and source served it, what was asked for (scopes,
 * tenant), when it expires, and its decoded claims as a two-column table
 * (audience, tenant, object id, app id, user, scopes or roles, issued and
 * expiry times, identity type; then every other claim).
 *
 * Never the token itself: TokenInfo holds none. GUIDs go through
 * Presentation, so presentation mode masks them.
 */
class TokenPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenPanel)

public:
    explicit TokenPanel(QWidget *parent = nullptr);

    /// Shows @p token; without one, says that the request carried no token.
    void setTokenInfo(const std::optional<TokenInfo> &token);
    [[nodiscard]] const std::optional<TokenInfo> &tokenInfo() const { return m_token; }

    /// The claims table (columns: claim, value).
    [[nodiscard]] QTreeWidget *claimsView() const { return m_claims; }

    /// How @p source is named to the user ("memory cache", "Azure CLI", ...).
    [[nodiscard]] static QString sourceText(TokenSource source);

private:
    void refresh();
    void copyValue();

    std::optional<TokenInfo> m_token;
    QLabel *m_empty;
    QWidget *m_details;
    QLabel *m_credential;
    QLabel *m_source;
    QLabel *m_scopes;
    QLabel *m_tenant;
    QLabel *m_expires;
    QTreeWidget *m_claims;
};

} // namespace vl::ui
