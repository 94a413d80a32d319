// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AccessToken.h"

using namespace Qt::StringLiterals;

namespace vl {

QString tokenSourceName(TokenSource source)
{
    switch (source) {
    case TokenSource::None:
        return u"none"_s;
    case TokenSource::MemoryCache:
        return u"memory cache"_s;
    case TokenSource::RefreshToken:
        return u"refresh token"_s;
    case TokenSource::Interactive:
        return u"interactive"_s;
    case TokenSource::DeviceCode:
        return u"device code"_s;
    case TokenSource::ClientCredential:
        return u"client credential"_s;
    case TokenSource::Certificate:
        return u"certificate"_s;
    case TokenSource::ManagedIdentity:
        return u"managed identity"_s;
    case TokenSource::AzureCli:
        return u"Azure CLI"_s;
    }
    return u"unknown"_s;
}

} // namespace vl
