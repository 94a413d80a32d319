// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "VaultLocation.h"

#include <QDialog>
#include <QJsonObject>
#include <QPointer>

#include <functional>
#include <optional>

class QLabel;
class QPushButton;
class QTimer;

namespace vl {
class Session;
struct RequestRecord;
} // namespace vl

namespace vl::ui {

class MainWindow;

/// What the tour needs from the sandbox cloud the app runs on.
struct TourSandbox
{
    QJsonObject config; ///< the sandbox's config JSON (SANDBOX.md): accounts, principals, vaults
    QString cloud;      ///< the sandbox cloud's profile name
    /// Sets the address the vault firewalls see for this machine.
    std::function<void(const QString &address)> setClientAddress;
    /// Sets the tenant of the vault named @p vault (its `properties.tenantId`).
    std::function<void(const QString &vault, const QString &tenantId)> setVaultTenant;
};

/**
 * @brief Short onboarding scenarios on the sandbox, each a real request that
 * fails at one stage, then the fix from the flow inspector, then the retry.
 *
 * ```
 *  Blocked by the firewall:  Alice lists kv-contoso-prod from 192.0.2.77 ─► Fix… (address) ─► Retry
 *  Denied by an access policy: reporting-app lists kv-contoso-dev ─► Fix… (grant) ─► Retry
 *  Denied by RBAC:           reporting-app lists the keys of kv-contoso-apps ─► Fix… (role) ─►
 * Retry
 *  Token for the wrong tenant: Carol lists kv-contoso-apps, whose tenant then becomes
 *                            Fabrikam ─► 401 challenge ─► token from Fabrikam ─► passed
 * ```
 *
 * The tour opens the vaults (as Alice, the administrator, who applies the fixes,
 * and as the refused identity), and points at the flow inspector; the person
 * clicks Fix…, applies, and clicks Retry. The wrong tenant needs no fix: the
 * challenge is answered with a token from the tenant it names, and both attempts
 * are drawn side by side. Finishing, or starting another scenario, restores the
 * machine's address and the vault's tenant.
 *
 * Object names: `tourText`, `tourRunButton`, `tourFinishButton`.
 */
class GuidedTour final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuidedTour)

public:
    enum class Scenario { Firewall, AccessPolicy, Rbac, WrongTenant };

    GuidedTour(MainWindow &window, Session &session, TourSandbox sandbox,
               QWidget *parent = nullptr);
    ~GuidedTour() override;

    [[nodiscard]] static QList<Scenario> scenarios();
    [[nodiscard]] static QString title(Scenario scenario);

    /// Starts @p scenario: explains it and offers to run its request.
    void start(Scenario scenario);
    /// Runs the scenario's request (the same as the Run button).
    void run();
    [[nodiscard]] QString text() const;

Q_SIGNALS:
    /// The scenario's failing request was made and is selected in the flow inspector.
    void requestShown(quint64 recordId);

private:
    [[nodiscard]] std::optional<VaultLocation> locate(const QString &vault,
                                                      const QString &accountId) const;
    [[nodiscard]] QString adminAccount() const;
    [[nodiscard]] QString userAccount(const QString &upn) const;
    [[nodiscard]] QString tenantOf(const QString &domain) const;
    void withApplicationAccount(const std::function<void(const QString &)> &then);
    void openAndShowFailure(const VaultLocation &location, int itemKind);
    void runWrongTenant(const QString &accountId);
    /// Calls @p then with the first record (after @p after) that @p pick picks, polling the
    /// journal.
    void whenRecord(quint64 after, const std::function<quint64(const RequestRecord &)> &pick,
                    const std::function<void(quint64)> &then);
    void restoreSandbox();
    void setText(const QString &html);

    MainWindow &m_window;
    Session &m_session;
    TourSandbox m_sandbox;
    Scenario m_scenario = Scenario::Firewall;
    QLabel *m_text;
    QPushButton *m_run;
    QString m_defaultAddress;
    /// The vault whose tenant the tour changed, and the tenant to give back.
    QString m_movedVault;
    QString m_movedFrom;
    /// The waits of the scenario under way, stopped when it ends.
    QList<QPointer<QTimer>> m_polls;
};

} // namespace vl::ui
