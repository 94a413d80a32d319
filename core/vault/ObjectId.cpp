// SPDX-License-Identifier: GPL-3.0-or-later
#include "vault/ObjectId.h"

#include <QStringList>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace vl::vault {
namespace {

constexpr std::array<std::pair<ObjectKind, QLatin1StringView>, 6> Collections{{
    {ObjectKind::Secret, "secrets"_L1},
    {ObjectKind::Key, "keys"_L1},
    {ObjectKind::Certificate, "certificates"_L1},
    {ObjectKind::DeletedSecret, "deletedsecrets"_L1},
    {ObjectKind::DeletedKey, "deletedkeys"_L1},
    {ObjectKind::DeletedCertificate, "deletedcertificates"_L1},
}};

} // namespace

QString collectionName(ObjectKind kind)
{
    for (const auto &[k, name] : Collections)
        if (k == kind)
            return QString(name);
    return {};
}

std::optional<ObjectKind> kindFromCollection(const QString &segment)
{
    for (const auto &[k, name] : Collections)
        if (segment.compare(name, Qt::CaseInsensitive) == 0)
            return k;
    return std::nullopt;
}

std::optional<ObjectId> ObjectId::parse(const QString &id)
{
    const QUrl url(id, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || url.hasQuery() || url.hasFragment()
        || !url.userInfo().isEmpty())
        return std::nullopt;
    const QString scheme = url.scheme().toLower();
    if (scheme != "https"_L1 && scheme != "http"_L1)
        return std::nullopt;

    QStringList segments = url.path(QUrl::FullyDecoded).split(u'/');
    // The path starts with "/", so the first segment is empty; a trailing "/" adds an
    // empty last one ("/secrets/name/" names the latest version).
    if (segments.size() < 3 || !segments.first().isEmpty())
        return std::nullopt;
    segments.removeFirst();
    if (segments.size() == 3 && segments.last().isEmpty())
        segments.removeLast();
    if (segments.size() < 2 || segments.size() > 3)
        return std::nullopt;

    const auto kind = kindFromCollection(segments[0]);
    if (!kind || segments[1].isEmpty())
        return std::nullopt;
    const bool deleted = *kind == ObjectKind::DeletedSecret || *kind == ObjectKind::DeletedKey
                         || *kind == ObjectKind::DeletedCertificate;
    if (deleted && segments.size() == 3)
        return std::nullopt;

    ObjectId out;
    QUrl vault;
    vault.setScheme(url.scheme());
    vault.setHost(url.host());
    vault.setPort(url.port());
    vault.setPath(u"/"_s);
    out.vaultUrl = vault;
    out.kind = *kind;
    out.name = segments[1];
    if (segments.size() == 3)
        out.version = segments[2];
    return out;
}

QString ObjectId::toString() const
{
    QUrl url = vaultUrl;
    QString path = u'/' + collectionName(kind) + u'/' + name;
    if (!version.isEmpty())
        path += u'/' + version;
    url.setPath(path);
    return url.toString(QUrl::FullyEncoded);
}

ObjectId ObjectId::versionless() const
{
    ObjectId out = *this;
    out.version.clear();
    return out;
}

bool ObjectId::isDeleted() const
{
    return kind == ObjectKind::DeletedSecret || kind == ObjectKind::DeletedKey
           || kind == ObjectKind::DeletedCertificate;
}

bool ObjectId::isCertificatePolicy() const
{
    return kind == ObjectKind::Certificate && version == "policy"_L1;
}

bool ObjectId::isPendingOperation() const
{
    return kind == ObjectKind::Certificate && version == "pending"_L1;
}

} // namespace vl::vault
