// SPDX-License-Identifier: GPL-3.0-or-later
#include "DetailsPane.h"

#include <QFile>
#include <QProgressBar>
#include <QSaveFile>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {

DetailsPane::DetailsPane(QWidget *parent)
    : QWidget(parent)
    , m_banner(new ErrorBanner(this))
    , m_busyBar(new QProgressBar(this))
    , m_content(new QVBoxLayout)
    , m_confirmer(messageBoxConfirmer(this))
    , m_chooser(fileDialogChooser(this))
{
    m_banner->hide();
    m_busyBar->setObjectName(u"busyBar"_s);
    m_busyBar->setAccessibleName(tr("Working"));
    m_busyBar->setRange(0, 0);
    m_busyBar->setMaximumHeight(6);
    m_busyBar->setTextVisible(false);
    m_busyBar->setVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_busyBar);
    m_content->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_content, 1);
}

DetailsPane::~DetailsPane() = default;

void DetailsPane::setClient(std::optional<vault::VaultClient> client)
{
    m_client = std::move(client);
    m_banner->clear();
    clear();
}

void DetailsPane::setConfirmer(Confirmer confirmer)
{
    m_confirmer = std::move(confirmer);
}

void DetailsPane::setFileChooser(FileChooser chooser)
{
    m_chooser = std::move(chooser);
}

bool DetailsPane::confirm(const QString &title, const QString &text) const
{
    return m_confirmer && m_confirmer(title, text);
}

QString DetailsPane::chooseFile(FileMode mode, const QString &title, const QString &filter,
                                const QString &suggestedName) const
{
    return m_chooser ? m_chooser(mode, title, filter, suggestedName) : QString();
}

bool DetailsPane::writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        m_banner->showMessage(tr("Could not write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

std::optional<QByteArray> DetailsPane::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_banner->showMessage(tr("Could not read %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    return file.readAll();
}

void DetailsPane::setBusy(bool busy)
{
    const bool was = isBusy();
    m_busy = qMax(0, m_busy + (busy ? 1 : -1));
    m_busyBar->setVisible(isBusy());
    if (was != isBusy()) {
        updateActions();
        Q_EMIT busyChanged(isBusy());
    }
}

} // namespace vl::ui
