// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/ClientCertificateCredential.h"

#include "auth/IdentityRequests.h"
#include "util/Future.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace vl {

ClientCertificateCredential::ClientCertificateCredential(QString tenantId, QString clientId,
                                                         ClientCertificate certificate,
                                                         CredentialOptions options,
                                                         Settings settings)
    : m_tenantId(std::move(tenantId))
    , m_clientId(std::move(clientId))
    , m_certificate(std::move(certificate))
    , m_options(std::move(options))
    , m_settings(settings)
{}

Result<std::shared_ptr<ClientCertificateCredential>>
ClientCertificateCredential::fromFile(QString tenantId, QString clientId, const QString &path,
                                      const QByteArray &password, CredentialOptions options,
                                      Settings settings)
{
    Result<ClientCertificate> certificate = ClientCertificate::fromFile(path, password);
    if (!certificate)
        return certificate.error();
    return std::make_shared<ClientCertificateCredential>(std::move(tenantId), std::move(clientId),
                                                         std::move(certificate).value(),
                                                         std::move(options), settings);
}

QString ClientCertificateCredential::name() const
{
    return u"client certificate"_s;
}

QFuture<Result<AccessToken>>
ClientCertificateCredential::getToken(const TokenRequestContext &request)
{
    const Result<QString> tenant = identity::resolveTenant(
        m_tenantId, request.tenantId, m_options.additionallyAllowedTenants, name());
    if (!tenant)
        return readyFuture(Result<AccessToken>(tenant.error()));
    if (m_clientId.isEmpty() || m_certificate.isNull() || request.scopes.isEmpty())
        return readyFuture(
            Result<AccessToken>(identity::unauthenticated(QCoreApplication::translate(
                "vl::ClientCertificateCredential", "A certificate sign-in needs a client id, a "
                                                   "certificate with its key, and a scope."))));
    const Result<QUrl> endpoint = identity::tokenEndpoint(m_options.authorityHost, *tenant);
    if (!endpoint)
        return readyFuture(Result<AccessToken>(endpoint.error()));
    const QByteArray assertion =
        m_certificate.assertion(m_clientId, endpoint->toString(), m_options.clockOrSystem().now(),
                                m_settings.algorithm, m_settings.sendCertificateChain);
    if (assertion.isEmpty())
        return readyFuture(Result<AccessToken>(identity::unauthenticated(
            QCoreApplication::translate("vl::ClientCertificateCredential",
                                        "The client assertion could not be signed with the "
                                        "certificate's key."))));
    identity::FormFields form{
        {u"client_id"_s, m_clientId},
        {u"scope"_s, request.scopes.join(u' ')},
        {u"grant_type"_s, u"client_credentials"_s},
        {u"client_assertion_type"_s, u"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"_s},
        {u"client_assertion"_s, QString::fromLatin1(assertion)}};
    if (!request.claims.isEmpty())
        form.append({u"claims"_s, request.claims});
    return identity::requestToken(m_options, identity::tokenRequest(*endpoint, form),
                                  TokenSource::Certificate, name());
}

} // namespace vl
