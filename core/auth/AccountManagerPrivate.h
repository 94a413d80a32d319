// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The account manager's in-memory account, shared by its source files. Not a public header.

#include "auth/AccountManager.h"
#include "auth/ClientCertificate.h"
#include "auth/PublicClient.h"
#include "auth/RefreshTokenCredential.h"

#include <QHash>
#include <QLoggingCategory>

#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcAccounts)

namespace vl {

/// One account in memory: its metadata, its client and what signs it in silently.
struct AccountManager::Session
{
    Account account;
    CloudProfile cloud;
    std::shared_ptr<const PublicClient> client;
    std::shared_ptr<RefreshTokenCredential> refresh;            ///< users
    QByteArray clientSecret;                                    ///< service principals, memory only
    std::optional<ClientCertificate> certificate;               ///< certificate principals
    bool sendCertificateChain = false;                          ///< x5c in their assertions
    QHash<QString, std::shared_ptr<TokenCredential>> perTenant; ///< by lower-case tenant id
    QFuture<Result<Done>> loaded; ///< finished once the keychain was read
    bool needsSignIn = false;
    bool signedOut = false;
};

namespace detail {

/// The credential's name in messages: "browser sign-in", "client secret", ...
[[nodiscard]] QString credentialName(CredentialKind kind);

/// The keychain form of a certificate principal's secret: the file's bytes, the
/// password and the chain flag, as compact JSON.
[[nodiscard]] QByteArray encodeCertificateSecret(const QByteArray &data, const QByteArray &password,
                                                 bool sendChain);
struct CertificateSecret
{
    QByteArray data;
    QByteArray password;
    bool sendChain = false;
};
[[nodiscard]] std::optional<CertificateSecret> decodeCertificateSecret(const QByteArray &secret);

} // namespace detail
} // namespace vl
