// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "journal/FlowStep.h"
#include "journal/RequestRecord.h"

#include <QHash>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTabWidget;

namespace vl {
class JournalFilter;
class JournalModel;
class RequestJournal;
class Session;
} // namespace vl

namespace vl::ui {

class ErrorBanner;
class FlowDiagram;
class TokenPanel;

/**
 * @brief The flow inspector: every request of the session in a live list,
 * and for the selected one its flow drawn stage by stage, the token that
 * served it, and the fix for a failed stage one click away.
 *
 * ```
 *  [vault ▾] [service ▾] [outcome ▾]     Explain an error… · Export HAR… · Import HAR… · Save
 * diagram… ┌ requests (time, service, method, target, status, duration, verdict) ┐ ┌ Flow │ Token
 * ──────┐ │ 12:01:07  Key Vault  GET  kv-contoso-prod /secrets  403  Failed at… │ │ sequence
 * diagram     │ └─────────────────────────────────────────────────────────────────────┘ │ remedy
 * [Fix…][Retry]│ └──────────────────────┘
 * ```
 *
 * Fix… emits remedyRequested(): the window opens the editor that applies it,
 * pre-filled. Retry sends the same request again (reads only) and shows its new
 * flow beside the old one. An imported HAR file is viewed in place of the
 * session's journal until "Back to this session".
 *
 * Object names: `journalView`, `hostFilter`, `serviceFilter`, `outcomeFilter`,
 * `explainErrorButton`, `exportHarButton`, `importHarButton`, `saveDiagramButton`,
 * `flowTabs`, `flowDiagram`, `tokenPanel`, `remedyText`, `fixButton`, `retryButton`,
 * `importedBanner`, `backToSessionButton`.
 */
class FlowInspector final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowInspector)

public:
    explicit FlowInspector(Session &session, QWidget *parent = nullptr);
    ~FlowInspector() override;

    [[nodiscard]] JournalModel *model() const { return m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] FlowDiagram *diagram() const { return m_diagram; }
    [[nodiscard]] TokenPanel *tokenPanel() const { return m_token; }
    /// The selected request, if any.
    [[nodiscard]] std::optional<RequestRecord> selectedRecord() const;
    /// Selects the journal's request @p recordId (clearing filters that hide it).
    bool selectRecord(quint64 recordId);
    /// Selects the newest request (the last row).
    void selectLatest();
    /// The newest request that failed, if any: its record id.
    [[nodiscard]] std::optional<quint64> latestFailure() const;

    /// Sends the selected request again; its flow is shown beside the old one.
    void retrySelected();
    /// Writes the session's journal as HAR 1.2 to @p path.
    bool exportHar(const QString &path, QString *error = nullptr) const;
    /// Shows the flows of the HAR file at @p path in place of the session's.
    bool importHar(const QString &path, QString *error = nullptr);
    /// Names the target @p host (host:port) @p label (a vault's name) in the list and filter.
    void setHostLabel(const QString &host, const QString &label);
    /// Back from an imported file to the session's journal.
    void showSession();
    [[nodiscard]] bool showsImported() const { return m_imported != nullptr; }

Q_SIGNALS:
    /// The person asked for the fix of the selected request's failed stage.
    void remedyRequested(const vl::Remedy &remedy, const vl::RequestRecord &record);
    /// A retry finished; @p record is the new request.
    void retried(const vl::RequestRecord &record);
    void statusMessage(const QString &message, int timeoutMs);

private:
    void useJournal(RequestJournal &journal);
    /// Sizes the list's columns for what they hold and puts the verdict first.
    void layoutColumns();
    void showSelected();
    /// Offers the targets of rows @p first to @p last in the target filter.
    void addHosts(int first, int last);
    void openExplainDialog();

    Session &m_session;
    std::unique_ptr<RequestJournal> m_imported;
    JournalModel *m_model = nullptr;
    JournalFilter *m_filter;
    QTableView *m_view;
    QComboBox *m_host;
    QComboBox *m_service;
    QComboBox *m_outcome;
    QLabel *m_importedBanner;
    QPushButton *m_back;
    QTabWidget *m_tabs;
    FlowDiagram *m_diagram;
    TokenPanel *m_token;
    QLabel *m_remedy;
    QPushButton *m_fix;
    QPushButton *m_retry;
    ErrorBanner *m_error;
    /// The flow before a retry, kept to show beside the retry's.
    std::optional<FlowExplanation> m_before;
    QHash<QString, QString> m_hostLabels;
    quint64 m_beforeId = 0;
};

} // namespace vl::ui
