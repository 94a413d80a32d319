// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "SandboxFixture.h"
#include "auth/CloudProfile.h"
#include "auth/TokenCredential.h"
#include "http/HttpPipeline.h"
#include "journal/RequestJournal.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFuture>

#include <memory>

namespace vl::test {

/**
 * @brief A sandbox and the app's real pipeline to it: the network transport
 * trusting the sandbox CA for 127.0.0.1 only, a journal, and credentials that
 * sign in to the sandbox as its demo identities.
 */
class ClientFixture
{
public:
    explicit ClientFixture(sandbox::SandboxOptions options = {});
    ~ClientFixture();

    [[nodiscard]] SandboxFixture &sandbox() { return m_sandbox; }
    [[nodiscard]] bool isRunning() const { return m_sandbox.isRunning(); }
    [[nodiscard]] RequestJournal &journal() { return m_journal; }
    [[nodiscard]] std::shared_ptr<HttpTransport> transport() const { return m_transport; }
    /// The sandbox's cloud profile (its endpoints, audiences and CA).
    [[nodiscard]] const CloudProfile &cloud() const { return m_cloud; }

    /// Resource Manager endpoint, e.g. https://127.0.0.1:P/
    [[nodiscard]] QUrl resourceManager() const;
    /// Graph endpoint, e.g. https://127.0.0.1:P/
    [[nodiscard]] QUrl graph() const;
    /// The vault's URI (its own origin, with a trailing slash).
    [[nodiscard]] QUrl vaultUri(const QString &name) const;

    /// Authenticated as the automation service principal (client secret; Owner everywhere).
    [[nodiscard]] std::shared_ptr<HttpPipeline> automationPipeline();
    /// Authenticated as the user @p upn, signed in through the sandbox's browser page.
    [[nodiscard]] std::shared_ptr<HttpPipeline> userPipeline(const QString &upn);
    /// Authenticated with @p credential.
    [[nodiscard]] std::shared_ptr<HttpPipeline>
    pipelineFor(std::shared_ptr<TokenCredential> credential);
    /// Unauthenticated and journaled: what credentials use to reach Entra ID.
    [[nodiscard]] std::shared_ptr<HttpPipeline> identityPipeline();

    /// Waits (running the event loop) until @p future finishes, at most @p timeoutMs.
    template<typename T>
    static T await(const QFuture<T> &future, int timeoutMs = 30000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!future.isFinished() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!future.isFinished() || future.resultCount() == 0)
            qFatal("ClientFixture::await: the future did not finish in time");
        return future.result();
    }

private:
    SandboxFixture m_sandbox;
    CloudProfile m_cloud;
    RequestJournal m_journal;
    std::shared_ptr<HttpTransport> m_transport;
};

} // namespace vl::test
