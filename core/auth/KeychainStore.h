// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "auth/SecretStore.h"

#include <QObject>

#include <chrono>
#include <deque>
#include <functional>

namespace vl {

/// The keychain store's knobs.
struct KeychainOptions
{
    QString service = QStringLiteral("VaultLens"); ///< the keychain's service (application) name
    /// Tries in all for one keychain call, the first included. On Linux the Secret
    /// Service may still be starting when the app asks; later tries usually work.
    int attempts = 4;
    std::chrono::milliseconds retryDelay{1500}; ///< wait between two tries
    /// Runs @p callback after @p delay; the seam tests replace (default: a QTimer).
    std::function<void(std::chrono::milliseconds delay, std::function<void()> callback)> schedule;
};

/**
 * @brief The system keychain (QtKeychain: Secret Service on Linux, Keychain on
 * macOS, Credential Manager on Windows) as a SecretStore.
 *
 * Entries live under the service "VaultLens", keyed `<cloud>/<account id>/<purpose>`;
 * each account also has an `<cloud>/<account id>/index` entry listing its
 * purposes, so that sign-out deletes them all. There is no insecure fallback:
 * when no keychain answers, the call fails with a plain explanation (kind
 * Unauthenticated, code `KeychainUnavailable`) rather than writing a secret to
 * a file. A call that finds no backend, or fails for a reason QtKeychain does
 * not name, is tried again a few times, as the keyring daemon may be starting.
 *
 * Calls run one after another, in the order they were made, so that the index
 * is never updated by two calls at once.
 */
class KeychainStore final : public QObject, public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainStore)

public:
    explicit KeychainStore(KeychainOptions options = {}, QObject *parent = nullptr);
    ~KeychainStore() override;

    [[nodiscard]] QFuture<Result<QByteArray>> read(const SecretKey &key) override;
    [[nodiscard]] QFuture<Result<Done>> write(const SecretKey &key,
                                              const QByteArray &secret) override;
    [[nodiscard]] QFuture<Result<Done>> remove(const SecretKey &key) override;
    [[nodiscard]] QFuture<Result<QStringList>> purposes(const QString &cloud,
                                                        const QString &accountId) override;
    [[nodiscard]] QFuture<Result<Done>> removeAccount(const QString &cloud,
                                                      const QString &accountId) override;

    [[nodiscard]] const KeychainOptions &options() const { return m_options; }

private:
    /// What one keychain job answered: its error code (QKeychain::Error), text and data.
    struct JobOutcome
    {
        int error = 0;
        QString errorString;
        QByteArray data;
    };
    using JobDone = std::function<void(const JobOutcome &)>;
    enum class JobKind { Read, Write, Delete };

    /// Runs one keychain job, retrying while no backend answers.
    void runJob(JobKind kind, const QString &key, const QByteArray &data, int attempt,
                JobDone done);
    /// Queues @p operation; it calls the function it is given when it is over.
    void enqueue(std::function<void(std::function<void()> finished)> operation);
    void startNext();
    /// Reads an account's index (empty when there is none).
    void readIndex(const QString &cloud, const QString &accountId,
                   std::function<void(Result<QStringList>)> done);
    /// Writes an account's index, or deletes it when @p purposes is empty.
    void writeIndex(const QString &cloud, const QString &accountId, const QStringList &purposes,
                    std::function<void(Result<Done>)> done);

    KeychainOptions m_options;
    std::deque<std::function<void(std::function<void()>)>> m_queue;
    bool m_busy = false;
};

/// The AzureError for a failed keychain call (QKeychain::Error @p code) on @p key.
[[nodiscard]] AzureError keychainError(int code, const QString &detail, const QString &key);

} // namespace vl
