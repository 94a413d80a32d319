// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/AzureError.h"
#include "http/HttpTypes.h"
#include "journal/FlowStep.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QToolButton;

namespace vl::ui {

/**
 * @brief An error shown in place, in plain words: what failed (the stage of
 * the flow the explainer names), why, and what would fix it, with the
 * service's codes behind a "Details" toggle. Never a raw response.
 *
 * Hidden until showError(); the close button hides it again.
 */
class ErrorBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorBanner)

public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    /// Explains @p error of a call to @p service; @p action names what was tried
    /// ("Listing secrets"), or is empty.
    void showError(const AzureError &error, Service service = Service::KeyVault,
                   const QString &action = {});
    /// A plain message with no flow (a local error, e.g. a file that cannot be read).
    void showMessage(const QString &message);
    void clear();

    /// The headline shown (for tests and accessibility).
    [[nodiscard]] QString headline() const;
    /// The explanation shown under it.
    [[nodiscard]] QString explanation() const;
    /// The remedy of the error shown, kind None when there is none.
    [[nodiscard]] const Remedy &remedy() const { return m_remedy; }

Q_SIGNALS:
    /// The person asked for the fix the banner offers.
    void remedyRequested(const vl::Remedy &remedy);

private:
    void setDetailsVisible(bool visible);

    QLabel *m_headline;
    QLabel *m_explanation;
    QLabel *m_details;
    QToolButton *m_detailsButton;
    QPushButton *m_fixButton;
    QToolButton *m_closeButton;
    Remedy m_remedy;
};

} // namespace vl::ui
