// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/AzureError.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

/**
 * @file
 * The staging contract shared by the access-policy, role-assignment and
 * networking editors: edits are kept in the model until the person applies
 * them; the pending edits are listed as a diff; apply sends the service's
 * incremental operations, then reads the state back and compares it with
 * what was staged.
 *
 * ```
 *  edit ─► stage ─► stagedChanges() (diff) ─► guardWarnings() confirmed ─► apply()
 *                                                       │
 *              applied(ApplyReport) ◄── read back + compare ◄── incremental requests
 * ```
 */
namespace vl {

/// One staged change, as the review shows it.
struct StagedChange
{
    enum class Kind { Add, Modify, Remove };

    Kind kind = Kind::Modify;
    QString subject;    ///< what changes: "Access policy of Dave Jones (User)"
    QStringList before; ///< lines of the current state that the change takes away
    QStringList after;  ///< lines the change brings
    QString operation;  ///< what will be sent: "PUT accessPolicies/replace"

    friend bool operator==(const StagedChange &, const StagedChange &) = default;
};

/// A consequence of the staged changes that needs a second, explicit confirmation.
struct GuardWarning
{
    /// Stable identifiers (tests and the review dialog's object names use them).
    static inline const QString SelfLockout = QStringLiteral("selfLockout");
    static inline const QString LastFullRights = QStringLiteral("lastFullRights");
    static inline const QString OwnAddressBlocked = QStringLiteral("ownAddressBlocked");

    QString id;          ///< one of the identifiers above
    QString consequence; ///< the consequence, named for the person (translated)

    friend bool operator==(const GuardWarning &, const GuardWarning &) = default;
};

/// What an apply did.
struct ApplyReport
{
    QStringList sent;                ///< one line per request that succeeded, in order
    std::optional<AzureError> error; ///< the request that failed; apply stops there
    QString failedOperation;         ///< what was being sent when @ref error happened
    /// Where the state read back differs from what was staged, one line each;
    /// empty when every staged change is in place.
    QStringList differences;
    bool readBack = false; ///< true when the state was read back after sending

    /// True when everything was sent and read back as staged.
    [[nodiscard]] bool succeeded() const { return !error && readBack && differences.isEmpty(); }
};

/**
 * @brief The base of the staged editors' models (access policies, role
 * assignments, networking): the staging contract the review panel drives.
 *
 * Subclasses keep the state last read from the service and the staged edits
 * apart; stagedChanges() is their difference. apply() is asynchronous and
 * ends with exactly one applied() signal; after it the model holds the state
 * read back, with nothing staged (what failed to apply is dropped, and shown
 * in the report).
 */
class StagedEditor : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StagedEditor)

public:
    explicit StagedEditor(QObject *parent = nullptr)
        : QObject(parent)
    {}
    ~StagedEditor() override = default;

    /// "Access policies", "Role assignments", "Networking" (translated).
    [[nodiscard]] virtual QString title() const = 0;
    /// The staged changes, in the order apply() sends them.
    [[nodiscard]] virtual QList<StagedChange> stagedChanges() const = 0;
    [[nodiscard]] bool hasStagedChanges() const { return !stagedChanges().isEmpty(); }
    /// Consequences of the staged changes that need a second confirmation.
    [[nodiscard]] virtual QList<GuardWarning> guardWarnings() const = 0;
    /// Drops every staged change.
    virtual void discardStaged() = 0;
    /// Reads the state from the service again (staged changes are kept).
    virtual void reload() = 0;
    /// Sends the staged changes, then reads back and compares; ends with applied().
    virtual void apply() = 0;

    /// True while loading or applying.
    [[nodiscard]] bool isBusy() const { return m_busy; }

Q_SIGNALS:
    /// The staged changes changed (an edit, a discard, or an apply).
    void stagedChanged();
    void busyChanged(bool busy);
    /// The state was read from the service.
    void loaded();
    void loadFailed(const vl::AzureError &error);
    /// An apply ended.
    void applied(const vl::ApplyReport &report);

protected:
    void setBusy(bool busy)
    {
        if (m_busy == busy)
            return;
        m_busy = busy;
        Q_EMIT busyChanged(busy);
    }

private:
    bool m_busy = false;
};

} // namespace vl
