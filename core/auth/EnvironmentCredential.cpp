// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/EnvironmentCredential.h"

#include "auth/ClientCertificateCredential.h"
#include "auth/ClientSecretCredential.h"
#include "auth/IdentityRequests.h"
#include "util/Future.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace vl {

EnvironmentCredential::EnvironmentCredential(CredentialOptions options,
                                             const QProcessEnvironment &environment)
{
    const QString tenant = environment.value(u"AZURE_TENANT_ID"_s);
    const QString client = environment.value(u"AZURE_CLIENT_ID"_s);
    const QString secret = environment.value(u"AZURE_CLIENT_SECRET"_s);
    const QString certificate = environment.value(u"AZURE_CLIENT_CERTIFICATE_PATH"_s);
    const QString authority = environment.value(u"AZURE_AUTHORITY_HOST"_s);
    if (!authority.isEmpty()) {
        // The SDKs accept a bare host name as well as a URL.
        options.authorityHost =
            authority.contains("://"_L1) ? QUrl(authority) : QUrl(u"https://"_s + authority);
    }
    if (tenant.isEmpty() || client.isEmpty() || (secret.isEmpty() && certificate.isEmpty())) {
        QStringList missing;
        if (tenant.isEmpty())
            missing.append(u"AZURE_TENANT_ID"_s);
        if (client.isEmpty())
            missing.append(u"AZURE_CLIENT_ID"_s);
        if (secret.isEmpty() && certificate.isEmpty())
            missing.append(u"AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH"_s);
        m_reason = QCoreApplication::translate(
                       "vl::EnvironmentCredential",
                       "The environment does not describe a service principal: %1 not set.")
                       .arg(missing.join(", "_L1));
        return;
    }
    if (!secret.isEmpty()) {
        m_inner =
            std::make_shared<ClientSecretCredential>(tenant, client, secret, std::move(options));
        return;
    }
    auto built = ClientCertificateCredential::fromFile(
        tenant, client, certificate,
        environment.value(u"AZURE_CLIENT_CERTIFICATE_PASSWORD"_s).toUtf8(), std::move(options));
    if (!built) {
        m_reason = QCoreApplication::translate("vl::EnvironmentCredential",
                                               "AZURE_CLIENT_CERTIFICATE_PATH cannot be used: %1")
                       .arg(built.error().message);
        return;
    }
    m_inner = std::move(built).value();
}

QString EnvironmentCredential::name() const
{
    return m_inner ? u"environment (%1)"_s.arg(m_inner->name()) : u"environment"_s;
}

QFuture<Result<AccessToken>> EnvironmentCredential::getToken(const TokenRequestContext &request)
{
    if (!m_inner)
        return readyFuture(Result<AccessToken>(identity::unauthenticated(m_reason)));
    return m_inner->getToken(request);
}

} // namespace vl
