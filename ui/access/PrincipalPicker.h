// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "graph/Principal.h"

#include <QList>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QListWidget;
class QTimer;

namespace vl {
class PrincipalDirectory;
}

namespace vl::ui {

/**
 * @brief Finds a user, group, service principal or managed identity by name
 * in Microsoft Graph: a search field (searched as the person types, after a
 * short pause) over a list of matches with icon, name, kind and sign-in name.
 *
 * The picked principal is added to the directory, so editors can show it.
 * Object names: `principalSearch` (line edit), `principalResults` (list),
 * `principalSearchStatus` (label).
 */
class PrincipalPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrincipalPicker)

public:
    explicit PrincipalPicker(PrincipalDirectory &directory, QWidget *parent = nullptr);
    ~PrincipalPicker() override;

    /// Only these kinds are offered (empty: all). Role assignments take no applications.
    void setKinds(const QList<graph::PrincipalKind> &kinds);
    /// Puts @p text in the field and searches at once.
    void search(const QString &text);
    /// Selects a principal known already (pre-filled editors); it is listed alone.
    void setSelected(const graph::Principal &principal);
    [[nodiscard]] std::optional<graph::Principal> selected() const;
    [[nodiscard]] QLineEdit *searchField() const { return m_field; }

Q_SIGNALS:
    void selectedChanged();
    /// A search answered with @p count matches (or failed: count -1).
    void searchFinished(int count);

private:
    void startSearch();

    PrincipalDirectory &m_directory;
    QList<graph::PrincipalKind> m_kinds;
    QLineEdit *m_field;
    QListWidget *m_results;
    QLabel *m_status;
    QTimer *m_debounce;
    QList<graph::Principal> m_matches;
    int m_generation = 0;
};

} // namespace vl::ui
