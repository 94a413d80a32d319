// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "journal/FlowExplainer.h"

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QTimer;
class QTreeWidget;

namespace vl {
class PrincipalDirectory;
}

namespace vl::ui {

class FlowDiagram;

/**
 * @brief "Explain an error": an error message or response body pasted from any
 * tool (a pipeline log, an SDK exception, the portal) explained stage by stage.
 *
 * ```
 *  ┌ Error text ──────────────────────────────────────┐
 *  │ Azure.RequestFailedException: The user, group …  │  [Explain]
 *  └──────────────────────────────────────────────────┘
 *  Refused at Authorization (Key Vault).
 *  ┌ FlowDiagram ─────────────────────────────────────┐
 *  └──────────────────────────────────────────────────┘
 *  Stage            Outcome   What happened
 *  ▸ Firewall       Passed    …
 *  ▾ Authorization  Failed    No access policy of vault … grants …
 *       innererror.code: ForbiddenByPolicy
 *  Grant object id … (Erin Eriksen) the permission secrets get …   [Grant the permission…]
 * ```
 *
 * The text is explained when the Explain button is pressed and, as it is typed
 * or pasted, after a short pause. With a PrincipalDirectory (signed in), the
 * object id the error or its remedy names is resolved through Graph and its
 * name shown beside the id.
 */
class ExplainErrorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExplainErrorDialog)

public:
    /// @p directory resolves object ids to names; may be nullptr (not signed in). Not owned.
    explicit ExplainErrorDialog(PrincipalDirectory *directory = nullptr, QWidget *parent = nullptr);
    ~ExplainErrorDialog() override;

    /// Puts @p text in the text box and explains it at once.
    void setText(const QString &text);
    [[nodiscard]] QString text() const;
    /// The explanation shown (no steps before anything was explained).
    [[nodiscard]] const FlowExplanation &explanation() const { return m_explanation; }
    /// The headline shown above the flow ("Refused at Firewall (Key Vault).").
    [[nodiscard]] QString headline() const;
    /// The remedy sentence shown, with names beside the object ids once resolved.
    [[nodiscard]] QString remedyText() const;

    /// How long typing must pause before the text is explained, in milliseconds.
    static constexpr int PauseMs = 600;

public Q_SLOTS:
    /// Explains the text in the box now.
    void explain();

Q_SIGNALS:
    /// The person pressed the Fix button: open the editor for @p remedy, pre-filled.
    void remedyRequested(const vl::Remedy &remedy);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showExplanation();
    /// Sizes the diagram to the viewport's width and the height that width needs.
    void fitDiagram();
    void fillStages();
    void scrollToFailedStage();
    void updateRemedy();
    /// The object ids the explanation names (the remedy's principal, the error's caller).
    [[nodiscard]] QStringList namedObjectIds() const;
    /// The principal's name ("Erin Eriksen") once resolved, else empty.
    [[nodiscard]] QString principalName(const QString &id) const;
    void copySelectedStage();

    PrincipalDirectory *m_directory;
    FlowExplainer m_explainer;
    FlowExplanation m_explanation;
    QPlainTextEdit *m_input;
    QPushButton *m_explainButton;
    QTimer *m_pause;
    QLabel *m_headline;
    FlowDiagram *m_diagram;
    QScrollArea *m_diagramArea;
    QTreeWidget *m_stages;
    QLabel *m_remedy;
    QLabel *m_principal;
    QPushButton *m_fixButton;
};

} // namespace vl::ui
