// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/FormSupport.h"

#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui::form {

QLabel *makeLabel(QWidget *parent, const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

QLabel *addRow(QFormLayout *form, QWidget *parent, const QString &text, QWidget *field)
{
    QLabel *label = makeLabel(parent, text, field);
    form->addRow(label, field);
    return label;
}

QLabel *addRow(QFormLayout *form, QWidget *parent, const QString &text, QWidget *buddy,
               QLayout *fieldLayout)
{
    QLabel *label = makeLabel(parent, text, buddy);
    form->addRow(label, fieldLayout);
    return label;
}

QLabel *addValidatedRow(QFormLayout *form, QWidget *parent, const QString &text, QWidget *field,
                        QLabel *error)
{
    auto *box = new QVBoxLayout;
    box->addWidget(field);
    box->addWidget(error);
    return addRow(form, parent, text, field, box);
}

void setUpProblemLabel(QLabel *label)
{
    label->setObjectName(u"problemLabel"_s);
    label->setWordWrap(true);
    // The banner's red, which reads in light and dark palettes alike.
    label->setStyleSheet(u"color: rgb(220, 53, 69);"_s);
}

QPushButton *namedButton(const QString &text, const QString &objectName,
                         const QString &accessibleName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    button->setAccessibleName(accessibleName);
    return button;
}

QPushButton *setUpButtons(QDialog *dialog, QDialogButtonBox *buttons, const QString &okText,
                          const QString &okAccessibleName)
{
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(u"okButton"_s);
    ok->setAccessibleName(okAccessibleName);
    ok->setText(okText);
    QPushButton *cancel = buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(u"cancelButton"_s);
    cancel->setAccessibleName(QCoreApplication::translate("vl::ui::form", "Cancel"));
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return ok;
}

void showProblem(QLabel *problem, QDialogButtonBox *buttons, const QString &why, bool untouched)
{
    problem->setText(untouched ? QString() : why);
    problem->setVisible(!problem->text().isEmpty());
    buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

QHBoxLayout *saveRow(QLabel *problem, QPushButton *revert, QPushButton *save)
{
    auto *row = new QHBoxLayout;
    row->addWidget(problem, 1);
    row->addWidget(revert);
    row->addWidget(save);
    return row;
}

} // namespace vl::ui::form
