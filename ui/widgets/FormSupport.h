// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QDialog;
class QDialogButtonBox;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QLayout;
class QPushButton;
class QWidget;

/**
 * @file
 * What the forms of the details panes and their dialogs share: rows whose
 * label is the buddy of their field, the inline problem label, and the OK and
 * Cancel buttons of a dialog.
 */
namespace vl::ui::form {

/// Sets @p widget's object and accessible names; answers it.
template<typename W>
W *named(W *widget, const QString &objectName, const QString &accessibleName)
{
    widget->setObjectName(objectName);
    widget->setAccessibleName(accessibleName);
    return widget;
}

/// A label @p text (owned by @p parent) whose buddy is @p buddy.
QLabel *makeLabel(QWidget *parent, const QString &text, QWidget *buddy);
/// Adds @p field to @p form under a label @p text (owned by @p parent) whose buddy it is.
QLabel *addRow(QFormLayout *form, QWidget *parent, const QString &text, QWidget *field);
/// Adds @p fieldLayout to @p form under a label @p text whose buddy is @p buddy.
QLabel *addRow(QFormLayout *form, QWidget *parent, const QString &text, QWidget *buddy,
               QLayout *fieldLayout);

/// Adds @p field with its inline @p error label under it to @p form, labelled @p text.
QLabel *addValidatedRow(QFormLayout *form, QWidget *parent, const QString &text, QWidget *field,
                        QLabel *error);

/// Makes @p label the inline problem note (`problemLabel`, wrapped, in the banner's red).
void setUpProblemLabel(QLabel *label);

/**
 * Names the OK (`okButton`, @p okText, @p okAccessibleName) and Cancel
 * (`cancelButton`) buttons of @p buttons and connects them to @p dialog's
 * accept() and reject(). Answers the OK button.
 */
QPushButton *setUpButtons(QDialog *dialog, QDialogButtonBox *buttons, const QString &okText,
                          const QString &okAccessibleName);

/**
 * Shows @p why in @p problem (nothing while the form is @p untouched) and
 * enables the OK button of @p buttons only when @p why is empty.
 */
void showProblem(QLabel *problem, QDialogButtonBox *buttons, const QString &why,
                 bool untouched = false);

/// A push button named @p objectName for tests and @p accessibleName for assistive technology.
QPushButton *namedButton(const QString &text, const QString &objectName,
                         const QString &accessibleName, QWidget *parent);

/// A row with @p problem stretched, then @p revert and @p save.
QHBoxLayout *saveRow(QLabel *problem, QPushButton *revert, QPushButton *save);

} // namespace vl::ui::form
