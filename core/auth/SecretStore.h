// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/Result.h"

#include <QByteArray>
#include <QFuture>
#include <QLatin1StringView>
#include <QString>
#include <QStringList>

namespace vl {

/**
 * @brief Where one secret of one account lives: `<cloud>/<account id>/<purpose>`.
 *
 * The cloud is the cloud profile's name ("AzureCloud", "sandbox", ...), the
 * account id the account's stable id, the purpose what the secret is for
 * ("refresh-token", "client-secret", ...). The three parts must not contain
 * a `/`.
 */
struct SecretKey
{
    QString cloud;
    QString accountId;
    QString purpose;

    /// `<cloud>/<account id>/<purpose>`: the key under which the keychain keeps it.
    [[nodiscard]] QString toString() const;
    /// Every part is set and none contains a `/` or a line break.
    [[nodiscard]] bool isValid() const;
    friend bool operator==(const SecretKey &, const SecretKey &) = default;
};

/// The purposes the app uses.
namespace SecretPurpose {
inline constexpr QLatin1StringView RefreshToken{"refresh-token"};
inline constexpr QLatin1StringView ClientSecret{"client-secret"};
/// A service principal's certificate, key and password (see ClientCertificateSecret).
inline constexpr QLatin1StringView ClientCertificate{"client-certificate"};
/// Reserved: the list of an account's purposes (see SecretStore::purposes).
inline constexpr QLatin1StringView Index{"index"};
} // namespace SecretPurpose

/**
 * @brief Asynchronous storage of an account's secrets (refresh tokens, client
 * secrets): the system keychain in the app (KeychainStore), memory in tests.
 *
 * Every call answers on the thread that asked. A read of a key that holds
 * nothing answers an AzureError of kind NotFound. The store keeps an index of
 * each account's purposes, so that signing out can remove them all.
 */
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    [[nodiscard]] virtual QFuture<Result<QByteArray>> read(const SecretKey &key) = 0;
    /// Stores @p secret under @p key (replacing what was there) and indexes the purpose.
    [[nodiscard]] virtual QFuture<Result<Done>> write(const SecretKey &key,
                                                      const QByteArray &secret) = 0;
    /// Removes @p key (a key that holds nothing is not an error) and unindexes it.
    [[nodiscard]] virtual QFuture<Result<Done>> remove(const SecretKey &key) = 0;
    /// The purposes stored for one account, from its index.
    [[nodiscard]] virtual QFuture<Result<QStringList>> purposes(const QString &cloud,
                                                                const QString &accountId) = 0;
    /// Removes every secret of one account, then its index.
    [[nodiscard]] virtual QFuture<Result<Done>> removeAccount(const QString &cloud,
                                                              const QString &accountId) = 0;
};

} // namespace vl
