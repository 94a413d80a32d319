// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/ClientSecretCredential.h"

#include "auth/IdentityRequests.h"
#include "util/Future.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace vl {

ClientSecretCredential::ClientSecretCredential(QString tenantId, QString clientId,
                                               QString clientSecret, CredentialOptions options)
    : m_tenantId(std::move(tenantId))
    , m_clientId(std::move(clientId))
    , m_clientSecret(std::move(clientSecret))
    , m_options(std::move(options))
{}

QString ClientSecretCredential::name() const
{
    return u"client secret"_s;
}

QFuture<Result<AccessToken>> ClientSecretCredential::getToken(const TokenRequestContext &request)
{
    const Result<QString> tenant = identity::resolveTenant(
        m_tenantId, request.tenantId, m_options.additionallyAllowedTenants, name());
    if (!tenant)
        return readyFuture(Result<AccessToken>(tenant.error()));
    if (m_clientId.isEmpty() || m_clientSecret.isEmpty() || request.scopes.isEmpty())
        return readyFuture(
            Result<AccessToken>(identity::unauthenticated(QCoreApplication::translate(
                "vl::ClientSecretCredential", "A client secret sign-in needs a client id, a secret "
                                              "and a scope."))));
    const Result<QUrl> endpoint = identity::tokenEndpoint(m_options.authorityHost, *tenant);
    if (!endpoint)
        return readyFuture(Result<AccessToken>(endpoint.error()));
    identity::FormFields form{{u"client_id"_s, m_clientId},
                              {u"scope"_s, request.scopes.join(u' ')},
                              {u"grant_type"_s, u"client_credentials"_s},
                              {u"client_secret"_s, m_clientSecret}};
    if (!request.claims.isEmpty())
        form.append({u"claims"_s, request.claims});
    return identity::requestToken(m_options, identity::tokenRequest(*endpoint, form),
                                  TokenSource::ClientCredential, name());
}

} // namespace vl
