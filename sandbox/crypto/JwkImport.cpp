// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/JwkImport.h"

#include "auth/Base64Url.h"
#include "crypto/OpenSslUtil.h"

#include <openssl/core_names.h>
#include <openssl/param_build.h>

using namespace Qt::StringLiterals;

namespace vl::sandbox {
namespace {

using ParamBld = std::unique_ptr<OSSL_PARAM_BLD, ossl::Deleter<&OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, ossl::Deleter<&OSSL_PARAM_free>>;

void setError(QString *error, const QString &text)
{
    if (error != nullptr)
        *error = text;
}

/// A base64url member as bytes; nothing when absent, empty or not base64url.
std::optional<QByteArray> member(const QJsonObject &jwk, QLatin1StringView name)
{
    if (!jwk.value(name).isString())
        return std::nullopt;
    auto bytes = base64UrlDecode(jwk.value(name).toString().toLatin1());
    if (!bytes || bytes->isEmpty())
        return std::nullopt;
    return bytes;
}

/// Keeps the big numbers alive until the key is built (the builder only references them).
struct Numbers
{
    std::vector<ossl::Bn> owned;

    const BIGNUM *add(const QByteArray &bytes)
    {
        owned.emplace_back(BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()),
                                     int(bytes.size()), nullptr));
        return owned.back().get();
    }
};

ossl::Pkey fromData(const char *type, OSSL_PARAM_BLD *builder)
{
    const Params params(OSSL_PARAM_BLD_to_param(builder));
    ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0
        || EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_KEYPAIR, params.get()) <= 0)
        return {};
    return ossl::Pkey(raw);
}

ossl::Pkey rsaKey(const QJsonObject &jwk, QString *error)
{
    static constexpr std::pair<const char *, const char *> names[] = {
        {"n", OSSL_PKEY_PARAM_RSA_N},          {"e", OSSL_PKEY_PARAM_RSA_E},
        {"d", OSSL_PKEY_PARAM_RSA_D},          {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},
        {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},    {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},
        {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2}, {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1},
    };
    const ParamBld builder(OSSL_PARAM_BLD_new());
    Numbers numbers;
    int crt = 0;
    for (int i = 0; i < int(std::size(names)); ++i) {
        const auto bytes = member(jwk, QLatin1StringView(names[i].first));
        if (!bytes && i < 3) {
            setError(error, u"the RSA key needs the members n, e and d"_s);
            return {};
        }
        if (!bytes)
            continue;
        ++crt;
        if (!builder
            || OSSL_PARAM_BLD_push_BN(builder.get(), names[i].second, numbers.add(*bytes)) != 1)
            return {};
    }
    if (crt != 3 && crt != 8) {
        setError(error, u"the RSA key has some but not all of p, q, dp, dq and qi"_s);
        return {};
    }
    return fromData("RSA", builder.get());
}

ossl::Pkey ecKey(const QJsonObject &jwk, QString *error)
{
    static constexpr std::pair<const char *, const char *> curves[] = {{"P-256", "prime256v1"},
                                                                       {"P-384", "secp384r1"},
                                                                       {"P-521", "secp521r1"},
                                                                       {"P-256K", "secp256k1"}};
    const QString crv = jwk.value("crv"_L1).toString();
    const char *group = nullptr;
    for (const auto &[name, openssl] : curves)
        if (crv == QLatin1StringView(name))
            group = openssl;
    const auto x = member(jwk, "x"_L1);
    const auto y = member(jwk, "y"_L1);
    const auto d = member(jwk, "d"_L1);
    if (group == nullptr || !x || !y || !d || x->size() != y->size()) {
        setError(error, u"the EC key needs crv (P-256, P-384, P-521 or P-256K), x, y and d"_s);
        return {};
    }
    // SEC 1 §2.3.3: an uncompressed point is 0x04 || X || Y.
    const QByteArray point = QByteArray(1, '\x04') + *x + *y;
    const ParamBld builder(OSSL_PARAM_BLD_new());
    Numbers numbers;
    if (!builder
        || OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) != 1
        || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                            point.constData(), size_t(point.size()))
               != 1
        || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_PRIV_KEY, numbers.add(*d)) != 1)
        return {};
    return fromData("EC", builder.get());
}

/// The private half matches the public one: OpenSSL's pairwise check (n = pq, d, the CRT
/// values; d·G for EC) where it applies, and a signature made with it verifies (which also
/// covers RSA keys given without their CRT members).
bool consistent(const KeyPair &key, bool crt)
{
    if (key.type() == KeyPair::Type::Ec || crt) {
        const ossl::PkeyCtx ctx(
            EVP_PKEY_CTX_new_from_pkey(nullptr, KeyPairAccess::pkey(key), nullptr));
        if (!ctx || EVP_PKEY_pairwise_check(ctx.get()) != 1)
            return false;
    }
    QString algorithm = u"PS256"_s;
    if (key.type() == KeyPair::Type::Ec) {
        const QString curve = key.curve();
        algorithm = curve == "P-384"_L1    ? u"ES384"_s
                    : curve == "P-521"_L1  ? u"ES512"_s
                    : curve == "P-256K"_L1 ? u"ES256K"_s
                                           : u"ES256"_s;
    }
    const auto digest = jwsDigest(algorithm, QByteArrayLiteral("vaultlens key import check"));
    const auto signature = digest ? key.signDigest(algorithm, *digest) : std::nullopt;
    return signature && key.verifyDigest(algorithm, *digest, *signature);
}

} // namespace

std::optional<KeyPair> JwkImport::privateKey(const QJsonObject &jwk, QString *error)
{
    const ossl::ErrorQueueGuard guard;
    const QString kty = jwk.value("kty"_L1).toString();
    ossl::Pkey key;
    if (kty == "RSA"_L1 || kty == "RSA-HSM"_L1) {
        key = rsaKey(jwk, error);
    } else if (kty == "EC"_L1 || kty == "EC-HSM"_L1) {
        key = ecKey(jwk, error);
    } else {
        setError(error, u"kty must be RSA, RSA-HSM, EC or EC-HSM"_s);
        return std::nullopt;
    }
    if (!key) {
        if (error != nullptr && error->isEmpty())
            *error = u"the key members do not form a valid key"_s;
        return std::nullopt;
    }
    std::optional<KeyPair> pair = KeyPairAccess::adopt(std::move(key));
    if (!pair || !consistent(*pair, jwk.contains("p"_L1))) {
        setError(error, u"the private key does not match the public key"_s);
        return std::nullopt;
    }
    return pair;
}

QJsonObject JwkImport::privateJwk(const KeyPair &key)
{
    const ossl::ErrorQueueGuard guard;
    QJsonObject jwk = key.publicJwk();
    EVP_PKEY *pkey = KeyPairAccess::pkey(key);
    if (pkey == nullptr || !key.hasPrivateKey())
        return jwk;
    const auto put = [&](const char *member, const char *param, int width = 0) {
        BIGNUM *raw = nullptr;
        if (EVP_PKEY_get_bn_param(pkey, param, &raw) != 1)
            return;
        const ossl::Bn bn(raw);
        jwk.insert(QLatin1StringView(member),
                   QString::fromLatin1(base64UrlEncode(ossl::bnBytes(bn.get(), width))));
    };
    if (key.type() == KeyPair::Type::Ec) {
        put("d", OSSL_PKEY_PARAM_PRIV_KEY, (key.bits() + 7) / 8);
        return jwk;
    }
    put("d", OSSL_PKEY_PARAM_RSA_D);
    put("p", OSSL_PKEY_PARAM_RSA_FACTOR1);
    put("q", OSSL_PKEY_PARAM_RSA_FACTOR2);
    put("dp", OSSL_PKEY_PARAM_RSA_EXPONENT1);
    put("dq", OSSL_PKEY_PARAM_RSA_EXPONENT2);
    put("qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1);
    return jwk;
}

} // namespace vl::sandbox
