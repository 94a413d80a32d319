// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/KeychainStore.h"

#include "util/Future.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace vl {

QString SecretKey::toString() const
{
    return cloud + u'/' + accountId + u'/' + purpose;
}

bool SecretKey::isValid() const
{
    auto clean = [](const QString &part) {
        return !part.isEmpty() && !part.contains(u'/') && !part.contains(u'\n')
               && !part.contains(u'\r');
    };
    return clean(cloud) && clean(accountId) && clean(purpose);
}

AzureError keychainError(int code, const QString &detail, const QString &key)
{
    auto tr = [](const char *text) {
        return QCoreApplication::translate("vl::KeychainStore", text);
    };
    const QString technical = detail.isEmpty() ? QString() : QString(u" ("_s + detail + u')');
    AzureError e;
    switch (code) {
    case QKeychain::EntryNotFound:
        e = AzureError::make(AzureError::Kind::NotFound,
                             tr("The keychain holds nothing under %1.").arg(key));
        e.code = u"KeychainEntryNotFound"_s;
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        e = AzureError::make(
            AzureError::Kind::Unauthenticated,
            tr("The system keychain refused access%1. Unlock the keychain and try again.")
                .arg(technical));
        e.code = u"KeychainAccessDenied"_s;
        break;
    case QKeychain::CouldNotDeleteEntry:
        e = AzureError::make(AzureError::Kind::Unauthenticated,
                             tr("The system keychain could not delete %1%2.").arg(key, technical));
        e.code = u"KeychainDeleteFailed"_s;
        break;
    default: // NoBackendAvailable, NotImplemented, OtherError
        e = AzureError::make(
            AzureError::Kind::Unauthenticated,
            tr("No system keychain is available to keep your sign-in%1. VaultLens stores "
               "refresh tokens and client secrets only in the keychain: start and unlock "
               "one (for example GNOME Keyring or KWallet), then try again.")
                .arg(technical));
        e.code = u"KeychainUnavailable"_s;
        break;
    }
    e.innerCode = QString::number(code);
    return e;
}

namespace {

constexpr QChar IndexSeparator = u'\n';

SecretKey indexKey(const QString &cloud, const QString &accountId)
{
    return SecretKey{cloud, accountId, QString(SecretPurpose::Index)};
}

bool retryable(int error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::OtherError;
}

template<typename T>
QFuture<Result<T>> invalidKey(const QString &key)
{
    return readyFuture(Result<T>(AzureError::make(
        AzureError::Kind::Malformed,
        QCoreApplication::translate("vl::KeychainStore", "\"%1\" is not a valid keychain key.")
            .arg(key))));
}

} // namespace

KeychainStore::KeychainStore(KeychainOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    if (m_options.attempts < 1)
        m_options.attempts = 1;
}

KeychainStore::~KeychainStore() = default;

void KeychainStore::runJob(JobKind kind, const QString &key, const QByteArray &data, int attempt,
                           JobDone done)
{
    QKeychain::Job *job = nullptr;
    switch (kind) {
    case JobKind::Read:
        job = new QKeychain::ReadPasswordJob(m_options.service, this);
        break;
    case JobKind::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_options.service, this);
        write->setBinaryData(data);
        job = write;
        break;
    }
    case JobKind::Delete:
        job = new QKeychain::DeletePasswordJob(m_options.service, this);
        break;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this,
            [this, kind, key, data, attempt, done = std::move(done)](QKeychain::Job *finished) {
                JobOutcome outcome{int(finished->error()), finished->errorString(), {}};
                if (kind == JobKind::Read && outcome.error == QKeychain::NoError)
                    outcome.data =
                        static_cast<QKeychain::ReadPasswordJob *>(finished)->binaryData();
                if (retryable(outcome.error) && attempt < m_options.attempts) {
                    auto again = [self = QPointer<KeychainStore>(this), kind, key, data, attempt,
                                  done]() {
                        if (self)
                            self->runJob(kind, key, data, attempt + 1, done);
                    };
                    if (m_options.schedule)
                        m_options.schedule(m_options.retryDelay, std::move(again));
                    else
                        QTimer::singleShot(m_options.retryDelay, this, std::move(again));
                    return;
                }
                done(outcome);
            });
    job->start();
}

void KeychainStore::enqueue(std::function<void(std::function<void()>)> operation)
{
    m_queue.push_back(std::move(operation));
    if (!m_busy)
        startNext();
}

void KeychainStore::startNext()
{
    if (m_queue.empty()) {
        m_busy = false;
        return;
    }
    m_busy = true;
    auto operation = std::move(m_queue.front());
    m_queue.pop_front();
    operation([self = QPointer<KeychainStore>(this)]() {
        if (!self)
            return;
        // Start the next call from the event loop, not from inside a job's signal.
        QMetaObject::invokeMethod(
            self.data(), [self]() { self->startNext(); }, Qt::QueuedConnection);
    });
}

void KeychainStore::readIndex(const QString &cloud, const QString &accountId,
                              std::function<void(Result<QStringList>)> done)
{
    const QString key = indexKey(cloud, accountId).toString();
    runJob(JobKind::Read, key, {}, 1, [key, done = std::move(done)](const JobOutcome &o) {
        if (o.error == QKeychain::EntryNotFound)
            return done(QStringList());
        if (o.error != QKeychain::NoError)
            return done(keychainError(o.error, o.errorString, key));
        done(QString::fromUtf8(o.data).split(IndexSeparator, Qt::SkipEmptyParts));
    });
}

void KeychainStore::writeIndex(const QString &cloud, const QString &accountId,
                               const QStringList &purposes, std::function<void(Result<Done>)> done)
{
    const QString key = indexKey(cloud, accountId).toString();
    const bool empty = purposes.isEmpty();
    runJob(empty ? JobKind::Delete : JobKind::Write, key, purposes.join(IndexSeparator).toUtf8(), 1,
           [key, done = std::move(done)](const JobOutcome &o) {
               if (o.error == QKeychain::NoError || o.error == QKeychain::EntryNotFound)
                   return done(Done{});
               done(keychainError(o.error, o.errorString, key));
           });
}

QFuture<Result<QByteArray>> KeychainStore::read(const SecretKey &key)
{
    if (!key.isValid())
        return invalidKey<QByteArray>(key.toString());
    SharedPromise<Result<QByteArray>> promise;
    const QString name = key.toString();
    enqueue([this, name, promise](std::function<void()> finished) {
        runJob(JobKind::Read, name, {}, 1, [name, promise, finished](const JobOutcome &o) {
            if (o.error == QKeychain::NoError)
                promise.finish(o.data);
            else
                promise.finish(keychainError(o.error, o.errorString, name));
            finished();
        });
    });
    return promise.future();
}

QFuture<Result<Done>> KeychainStore::write(const SecretKey &key, const QByteArray &secret)
{
    if (!key.isValid() || key.purpose == SecretPurpose::Index)
        return invalidKey<Done>(key.toString());
    SharedPromise<Result<Done>> promise;
    enqueue([this, key, secret, promise](std::function<void()> finished) {
        const QString name = key.toString();
        runJob(JobKind::Write, name, secret, 1,
               [this, key, name, promise, finished](const JobOutcome &o) {
                   if (o.error != QKeychain::NoError) {
                       promise.finish(keychainError(o.error, o.errorString, name));
                       return finished();
                   }
                   readIndex(key.cloud, key.accountId,
                             [this, key, promise, finished](Result<QStringList> index) {
                                 if (!index.ok()) {
                                     promise.finish(index.error());
                                     return finished();
                                 }
                                 if (index->contains(key.purpose)) {
                                     promise.finish(Done{});
                                     return finished();
                                 }
                                 writeIndex(key.cloud, key.accountId,
                                            QStringList(*index) << key.purpose,
                                            [promise, finished](Result<Done> written) {
                                                promise.finish(std::move(written));
                                                finished();
                                            });
                             });
               });
    });
    return promise.future();
}

QFuture<Result<Done>> KeychainStore::remove(const SecretKey &key)
{
    if (!key.isValid() || key.purpose == SecretPurpose::Index)
        return invalidKey<Done>(key.toString());
    SharedPromise<Result<Done>> promise;
    enqueue([this, key, promise](std::function<void()> finished) {
        const QString name = key.toString();
        runJob(JobKind::Delete, name, {}, 1,
               [this, key, name, promise, finished](const JobOutcome &o) {
                   if (o.error != QKeychain::NoError && o.error != QKeychain::EntryNotFound) {
                       promise.finish(keychainError(o.error, o.errorString, name));
                       return finished();
                   }
                   readIndex(key.cloud, key.accountId,
                             [this, key, promise, finished](Result<QStringList> index) {
                                 if (!index.ok() || !index->contains(key.purpose)) {
                                     promise.finish(index.ok() ? Result<Done>(Done{})
                                                               : Result<Done>(index.error()));
                                     return finished();
                                 }
                                 QStringList rest = *index;
                                 rest.removeAll(key.purpose);
                                 writeIndex(key.cloud, key.accountId, rest,
                                            [promise, finished](Result<Done> written) {
                                                promise.finish(std::move(written));
                                                finished();
                                            });
                             });
               });
    });
    return promise.future();
}

QFuture<Result<QStringList>> KeychainStore::purposes(const QString &cloud, const QString &accountId)
{
    if (!indexKey(cloud, accountId).isValid())
        return invalidKey<QStringList>(indexKey(cloud, accountId).toString());
    SharedPromise<Result<QStringList>> promise;
    enqueue([this, cloud, accountId, promise](std::function<void()> finished) {
        readIndex(cloud, accountId, [promise, finished](Result<QStringList> index) {
            promise.finish(std::move(index));
            finished();
        });
    });
    return promise.future();
}

QFuture<Result<Done>> KeychainStore::removeAccount(const QString &cloud, const QString &accountId)
{
    if (!indexKey(cloud, accountId).isValid())
        return invalidKey<Done>(indexKey(cloud, accountId).toString());
    SharedPromise<Result<Done>> promise;
    enqueue([this, cloud, accountId, promise](std::function<void()> finished) {
        readIndex(cloud, accountId, [=, this](Result<QStringList> index) {
            if (!index.ok()) {
                promise.finish(index.error());
                return finished();
            }
            // Delete the purposes one by one; the index goes last, and only when
            // every entry is gone, so that a failed sign-out can be tried again.
            auto remaining = std::make_shared<QStringList>(*index);
            auto step = std::make_shared<std::function<void()>>();
            *step = [=, this]() {
                if (remaining->isEmpty()) {
                    writeIndex(cloud, accountId, {}, [=](Result<Done> written) {
                        promise.finish(std::move(written));
                        finished();
                        *step = nullptr; // break the cycle
                    });
                    return;
                }
                const QString name = SecretKey{cloud, accountId, remaining->takeFirst()}.toString();
                runJob(JobKind::Delete, name, {}, 1, [=](const JobOutcome &o) {
                    if (o.error != QKeychain::NoError && o.error != QKeychain::EntryNotFound) {
                        promise.finish(keychainError(o.error, o.errorString, name));
                        finished();
                        *step = nullptr;
                        return;
                    }
                    (*step)();
                });
            };
            (*step)();
        });
    });
    return promise.future();
}

} // namespace vl
