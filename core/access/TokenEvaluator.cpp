// SPDX-License-Identifier: GPL-3.0-or-later
#include "access/TokenEvaluator.h"

using namespace Qt::StringLiterals;

namespace vl::access {

QByteArray keyVaultChallenge(const QString &authorityHost, const QString &tenantId)
{
    QString host = authorityHost;
    while (host.endsWith(u'/'))
        host.chop(1);
    return "Bearer authorization=\"" + host.toUtf8() + '/' + tenantId.toUtf8() + "\", resource=\""
           + QByteArray(KeyVaultAudience.data(), KeyVaultAudience.size()) + '"';
}

StageResult evaluateToken(const TokenFacts &token, const QString &vaultTenantId,
                          const QString &authorityHost, qint64 nowSecs)
{
    auto fail = [&](Rule rule, QString detail, QString message) {
        return StageResult{{Stage::TokenValidation, Outcome::Failed, rule, std::move(detail), {}},
                           Denial{401,
                                  u"Unauthorized"_s,
                                  {},
                                  std::move(message),
                                  keyVaultChallenge(authorityHost, vaultTenantId)}};
    };
    if (!token.present)
        return fail(Rule::TokenMissing, u"The request carries no bearer token"_s,
                    u"AKV10000: Request is missing a Bearer or PoP token."_s);
    if (!token.wellFormed)
        return fail(Rule::TokenMalformed, u"The bearer token is not a well-formed JWT"_s,
                    u"Error validating token: the bearer token is not a well-formed JWT."_s);
    if (!token.signatureValid)
        return fail(
            Rule::TokenSignatureInvalid,
            u"The token's signature does not verify against the tenant's published keys"_s,
            u"AKV10046: Unable to resolve the key used for signature validation. EncodedJwtHeader: '"_s
                + token.encodedHeader + u"'."_s);
    if (token.expiresOn > 0 && nowSecs > token.expiresOn + TokenClockSkewSeconds)
        return fail(Rule::TokenExpired, u"The token has expired"_s,
                    u"[TokenExpired] Error validating token: 'S2S12086'."_s);
    if (token.notBefore > 0 && nowSecs + TokenClockSkewSeconds < token.notBefore)
        return fail(Rule::TokenNotYetValid, u"The token is not valid yet"_s,
                    u"Token not yet valid"_s);
    if (token.audience != KeyVaultAudience && token.audience != KeyVaultApplicationId)
        return fail(Rule::TokenAudienceInvalid,
                    u"The token was issued for another resource: "_s + token.audience,
                    u"AKV10022: Invalid audience. Expected "_s + KeyVaultAudience + u", found: "_s
                        + token.audience + u'.');
    if (token.tenantId.compare(vaultTenantId, Qt::CaseInsensitive) != 0)
        return fail(
            Rule::TokenIssuerInvalid, u"The token comes from another tenant than the vault's"_s,
            u"AKV10032: Invalid issuer. Expected one of "_s + Caller::stsIssuer(vaultTenantId)
                + u", found "_s
                + (token.issuer.isEmpty() ? Caller::stsIssuer(token.tenantId) : token.issuer)
                + u'.');
    return {{Stage::TokenValidation,
             Outcome::Passed,
             Rule::TokenValid,
             u"The token is valid for Key Vault in the vault's tenant"_s,
             {}},
            std::nullopt};
}

} // namespace vl::access
