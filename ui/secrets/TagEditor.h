// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SecretValidation.h"
#include "vault/VaultObject.h"

#include <QWidget>

class QTableWidget;
class QPushButton;

namespace vl::ui {

/**
 * @brief The tags of a vault object as an editable two-column table (name,
 * value) with Add and Remove; rows are kept as typed so that duplicates and
 * blanks can be pointed out before sending.
 */
class TagEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TagEditor)

public:
    /// @p objectName prefixes the children's names (`<name>Table`, `<name>Add`, `<name>Remove`).
    explicit TagEditor(const QString &objectName, QWidget *parent = nullptr);

    void setTags(const vault::Tags &tags);
    /// The rows as typed (an unfinished row with a blank name included).
    [[nodiscard]] QList<TagRow> rows() const;
    /// The tags (rows with a blank name left out; a later duplicate wins).
    [[nodiscard]] vault::Tags tags() const;
    void setReadOnly(bool readOnly);

    /// Appends a row (and starts editing its name when @p edit).
    void addRow(const QString &name = {}, const QString &value = {}, bool edit = false);
    [[nodiscard]] QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void changed();

private:
    void removeSelected();

    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    bool m_readOnly = false;
};

} // namespace vl::ui
