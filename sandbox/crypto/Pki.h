// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace vl::sandbox {

/**
 * @brief The sandbox's TLS material: a CA and a server certificate it signs.
 *
 * The CA (ECDSA P-256, CA:TRUE, keyCertSign) is what clients trust
 * (NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, curl --cacert, the app's sandbox
 * profile). The server certificate (ECDSA P-256, serverAuth) has the SANs
 * IP:127.0.0.1 and DNS:localhost and is valid from one day in the past for ten years.
 */
struct TlsMaterial
{
    QByteArray caCertificatePem;
    QByteArray caPrivateKeyPem;
    QByteArray serverCertificatePem;
    QByteArray serverPrivateKeyPem;
};

class Pki
{
public:
    /// Creates a fresh CA and server certificate. Nothing on an OpenSSL failure.
    [[nodiscard]] static std::optional<TlsMaterial> create();

    /**
     * Loads `ca.pem`, `ca-key.pem`, `server.pem` and `server-key.pem` from @p dir, or
     * creates them there (files written atomically, keys with mode 0600) when absent.
     * @p error is set on failure.
     */
    [[nodiscard]] static std::optional<TlsMaterial> loadOrCreate(const QString &dir,
                                                                 QString *error = nullptr);
};

} // namespace vl::sandbox
