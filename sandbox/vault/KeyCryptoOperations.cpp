// SPDX-License-Identifier: GPL-3.0-or-later
// The cryptographic key operations (keys.json: encrypt, decrypt, sign, verify, wrapKey,
// unwrapKey, release): real RSA and ECDSA with the private key kept in the sandbox.
// Values are base64url; answers are KeyOperationResult {kid, value} or KeyVerifyResult
// {value: bool}. The access engine has already applied key_ops (403
// KeyOperationForbidden, PROTOCOL.md §4.8); the key's state is checked here.
#include "auth/Base64Url.h"
#include "crypto/KeyPair.h"
#include "vault/KeyCommon.h"
#include "vault/VaultObjects.h"

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

using access::DataOperation;
using KeyCommon::Ctx;
using VaultObjects::badParameter;

/// The verb the service names in its messages (the access-policy permission).
QString verb(DataOperation op)
{
    return access::Operations::info(op).permissions.value(0);
}

/**
 * A disabled key refuses every cryptographic operation: 403 Forbidden/KeyDisabled,
 * "Operation {op} is not allowed on a disabled key." (the form of the SecretDisabled
 * text). Outside its nbf/exp window a key still decrypts, unwraps and verifies; the
 * other operations are refused ("About keys": date-time controlled operations). The
 * inner codes and texts of the date refusals are the sandbox's own.
 */
std::optional<HttpResponse> checkState(const Ctx &c, const KeyVersion &v, DataOperation op)
{
    if (!v.attributes.enabled)
        return vaultError(403, u"Forbidden"_s,
                          u"Operation %1 is not allowed on a disabled key."_s.arg(verb(op)),
                          u"KeyDisabled"_s);
    if (op == DataOperation::Decrypt || op == DataOperation::UnwrapKey
        || op == DataOperation::Verify)
        return std::nullopt;
    if (v.attributes.notBefore && c.now() < *v.attributes.notBefore)
        return vaultError(
            403, u"Forbidden"_s,
            u"Operation %1 is not allowed on a key that is not yet valid (nbf)."_s.arg(verb(op)),
            u"KeyNotYetValid"_s);
    if (v.attributes.expires && c.now() >= *v.attributes.expires)
        return vaultError(403, u"Forbidden"_s,
                          u"Operation %1 is not allowed on an expired key (exp)."_s.arg(verb(op)),
                          u"KeyExpired"_s);
    return std::nullopt;
}

/// A base64url member of the body; the 400 answer when it is missing or malformed.
std::optional<QByteArray> bytesMember(const QJsonObject &body, QLatin1StringView name,
                                      std::optional<HttpResponse> &error)
{
    const auto bytes = base64UrlDecode(body.value(name).toString().toLatin1());
    if (!body.value(name).isString() || !bytes) {
        error = badParameter(
            u"The '%1' parameter is required and must be base64url encoded."_s.arg(name));
        return std::nullopt;
    }
    return bytes;
}

HttpResponse result(const Ctx &c, const KeyEntry &e, const KeyVersion &v, const QByteArray &value)
{
    return HttpResponse::json(
        200, QJsonObject{{u"kid"_s, KeyCommon::kid(c, e, v.version)},
                         {u"value"_s, QString::fromLatin1(base64UrlEncode(value))}});
}

/// RSA1_5, RSA-OAEP and RSA-OAEP-256 (RFC 7518 §4.2, §4.3); the AES algorithms of the
/// enum are for Managed HSM's symmetric keys.
std::optional<HttpResponse> checkEncryptionAlgorithm(const QString &alg, const KeyVersion &v)
{
    static const QStringList rsa{u"RSA1_5"_s, u"RSA-OAEP"_s, u"RSA-OAEP-256"_s};
    if (!rsa.contains(alg))
        return badParameter(
            u"The algorithm '%1' is not supported for key type %2; use RSA1_5, RSA-OAEP or RSA-OAEP-256."_s
                .arg(alg, v.kty));
    if (!v.kty.startsWith("RSA"_L1))
        return badParameter(
            u"The algorithm '%1' is not supported for key type %2."_s.arg(alg, v.kty));
    return std::nullopt;
}

HttpResponse cipher(Ctx &c, const KeyCommon::Resolved &r, const QJsonObject &body, DataOperation op)
{
    const QString alg = body.value("alg"_L1).toString();
    if (auto e = checkEncryptionAlgorithm(alg, *r.version))
        return *e;
    std::optional<HttpResponse> error;
    const auto value = bytesMember(body, "value"_L1, error);
    if (!value)
        return *error;
    const auto pair = KeyPair::fromPrivateKeyPem(r.version->privateKeyPem);
    const bool forward = op == DataOperation::Encrypt || op == DataOperation::WrapKey;
    const auto out = !pair     ? std::nullopt
                     : forward ? pair->encrypt(alg, *value)
                               : pair->decrypt(alg, *value);
    if (!out)
        return badParameter(
            forward
                ? u"The value is too long for the key and algorithm %1."_s.arg(alg)
                : u"The value could not be decrypted with this key and algorithm %1."_s.arg(alg));
    return result(c, *r.entry, *r.version, *out);
}

/// RS*, PS* with RSA keys; ES256 (P-256), ES384 (P-384), ES512 (P-521), ES256K (P-256K).
std::optional<HttpResponse> checkSignature(const QString &alg, const KeyVersion &v,
                                           const KeyPair &pair, const QByteArray &digest)
{
    const auto expected = jwsDigest(alg, QByteArray());
    if (!expected)
        return badParameter(u"The signature algorithm '%1' is not supported."_s.arg(alg));
    const bool ecAlg = alg.startsWith("ES"_L1);
    const QString curve = alg == "ES384"_L1    ? u"P-384"_s
                          : alg == "ES512"_L1  ? u"P-521"_s
                          : alg == "ES256K"_L1 ? u"P-256K"_s
                                               : u"P-256"_s;
    if (ecAlg != (pair.type() == KeyPair::Type::Ec) || (ecAlg && pair.curve() != curve))
        return badParameter(u"The algorithm '%1' does not fit this %2 key."_s.arg(
            alg, pair.type() == KeyPair::Type::Ec ? QString(v.kty + u' ' + pair.curve()) : v.kty));
    if (digest.size() != expected->size())
        return badParameter(u"The digest for %1 must be %2 bytes long; it is %3."_s.arg(
            alg, QString::number(expected->size()), QString::number(digest.size())));
    return std::nullopt;
}

HttpResponse signOrVerify(Ctx &c, const KeyCommon::Resolved &r, const QJsonObject &body,
                          DataOperation op)
{
    const QString alg = body.value("alg"_L1).toString();
    std::optional<HttpResponse> error;
    // sign takes the digest in `value`; verify takes it in `digest` and the signature in `value`.
    const auto digest =
        bytesMember(body, op == DataOperation::Sign ? "value"_L1 : "digest"_L1, error);
    if (!digest)
        return *error;
    const auto pair = KeyPair::fromPrivateKeyPem(r.version->privateKeyPem);
    if (!pair)
        return vaultError(500, u"InternalError"_s, u"The key could not be read."_s);
    if (auto e = checkSignature(alg, *r.version, *pair, *digest))
        return *e;
    if (op == DataOperation::Sign) {
        const auto signature = pair->signDigest(alg, *digest);
        if (!signature)
            return vaultError(500, u"InternalError"_s, u"The digest could not be signed."_s);
        return result(c, *r.entry, *r.version, *signature);
    }
    const auto signature = bytesMember(body, "value"_L1, error);
    if (!signature)
        return *error;
    return HttpResponse::json(
        200, QJsonObject{{u"value"_s, pair->verifyDigest(alg, *digest, *signature)}});
}

} // namespace

std::optional<HttpResponse> KeyCryptoOperations::run(KeyCommon::Ctx &c)
{
    const DataOperation op = c.call.operation.operation;
    static const QList<DataOperation> crypto{
        DataOperation::Encrypt,    DataOperation::Decrypt,          DataOperation::Sign,
        DataOperation::Verify,     DataOperation::WrapKey,          DataOperation::UnwrapKey,
        DataOperation::ReleaseKey, DataOperation::GetKeyAttestation};
    if (!crypto.contains(op))
        return std::nullopt;
    const auto r = KeyCommon::resolve(c);
    if (r.error)
        return *r.error;
    if (op == DataOperation::ReleaseKey || op == DataOperation::GetKeyAttestation)
        // Secure key release hands the key to a confidential computing environment that
        // proves itself with a Microsoft Azure Attestation token checked against the
        // release policy. The sandbox has no attestation service, so it cannot release.
        return badParameter(
            u"The sandbox cannot release keys or show key attestations: secure key release needs an attestation token from Microsoft Azure Attestation, which the sandbox does not have."_s);
    if (auto e = checkState(c, *r.version, op))
        return *e;
    HttpResponse error;
    const auto body = VaultObjects::jsonBody(c.call.request, error);
    if (!body)
        return error;
    if (op == DataOperation::Sign || op == DataOperation::Verify)
        return signOrVerify(c, r, *body, op);
    return cipher(c, r, *body, op);
}

} // namespace vl::sandbox
