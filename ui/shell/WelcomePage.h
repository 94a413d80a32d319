// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace vl {
class Session;
}

namespace vl::ui {

/// What the window shows before a vault is open: how to begin.
class WelcomePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WelcomePage)

public:
    explicit WelcomePage(Session &session, QWidget *parent = nullptr);

Q_SIGNALS:
    void signInRequested();

private:
    void update();

    Session &m_session;
    QLabel *m_hint;
    QPushButton *m_signIn;
};

} // namespace vl::ui
