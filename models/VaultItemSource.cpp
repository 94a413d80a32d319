// SPDX-License-Identifier: GPL-3.0-or-later
#include "VaultItemSource.h"

#include "vault/ObjectId.h"
#include "vault/VaultClient.h"

using namespace Qt::StringLiterals;

namespace vl {
namespace {

/// The attributes a row keeps: everything but members the service may add later.
vault::ObjectAttributes rowAttributes(const std::optional<vault::ObjectAttributes> &attributes)
{
    if (!attributes)
        return {};
    vault::ObjectAttributes a = *attributes;
    a.extra = {};
    return a;
}

void setIdAndName(VaultItem &item, const QString &id)
{
    const auto parsed = vault::ObjectId::parse(id);
    if (parsed) {
        item.name = parsed->name;
        item.id = parsed->version.isEmpty() ? id : parsed->versionless().toString();
    } else {
        item.id = id;
    }
}

template<typename From>
QFuture<Result<Page<VaultItem>>> convert(QFuture<Result<Page<From>>> future)
{
    return future.then([](const Result<Page<From>> &page) -> Result<Page<VaultItem>> {
        if (!page.ok())
            return page.error();
        Page<VaultItem> out;
        out.nextLink = page->nextLink;
        out.items.reserve(page->items.size());
        for (const From &item : page->items)
            out.items.append(vaultItemFrom(item));
        return out;
    });
}

} // namespace

VaultItem vaultItemFrom(const vault::SecretProperties &secret)
{
    VaultItem item;
    item.kind = VaultItemKind::Secret;
    setIdAndName(item, secret.id);
    item.contentType = secret.contentType.value_or(QString());
    item.attributes = rowAttributes(secret.attributes);
    item.tags = secret.tags.value_or(vault::Tags());
    item.managed = secret.managed.value_or(false);
    return item;
}

VaultItem vaultItemFrom(const vault::DeletedSecret &secret)
{
    VaultItem item = vaultItemFrom(secret.properties);
    item.deleted = true;
    item.deletion = secret.deletion;
    return item;
}

VaultItem vaultItemFrom(const vault::KeyProperties &key)
{
    VaultItem item;
    item.kind = VaultItemKind::Key;
    setIdAndName(item, key.kid.value_or(QString()));
    item.attributes = rowAttributes(key.attributes);
    item.tags = key.tags.value_or(vault::Tags());
    item.managed = key.managed.value_or(false);
    return item;
}

VaultItem vaultItemFrom(const vault::DeletedKey &key)
{
    VaultItem item = vaultItemFrom(key.key.properties);
    if (item.id.isEmpty() && key.key.jwk && key.key.jwk->kid)
        setIdAndName(item, *key.key.jwk->kid);
    item.deleted = true;
    item.deletion = key.deletion;
    return item;
}

VaultItem vaultItemFrom(const vault::CertificateProperties &certificate)
{
    VaultItem item;
    item.kind = VaultItemKind::Certificate;
    setIdAndName(item, certificate.id);
    item.attributes = rowAttributes(certificate.attributes);
    item.tags = certificate.tags.value_or(vault::Tags());
    item.thumbprint = certificate.x5t.value_or(QString());
    return item;
}

VaultItem vaultItemFrom(const vault::DeletedCertificate &certificate)
{
    VaultItem item = vaultItemFrom(certificate.certificate.properties);
    item.deleted = true;
    item.deletion = certificate.deletion;
    return item;
}

VaultItemPageSource vaultItemPageSource(const vault::VaultClient &client, VaultItemKind kind,
                                        int pageSize)
{
    return [client, kind, pageSize](const QUrl &next,
                                    bool deleted) -> QFuture<Result<Page<VaultItem>>> {
        const bool first = next.isEmpty();
        switch (kind) {
        case VaultItemKind::Secret:
            if (deleted)
                return convert(first ? client.listDeletedSecrets(pageSize)
                                     : client.listDeletedSecretsNext(next));
            return convert(first ? client.listSecrets(pageSize) : client.listSecretsNext(next));
        case VaultItemKind::Key:
            if (deleted)
                return convert(first ? client.listDeletedKeys(pageSize)
                                     : client.listDeletedKeysNext(next));
            return convert(first ? client.listKeys(pageSize) : client.listKeysNext(next));
        case VaultItemKind::Certificate:
            if (deleted)
                return convert(first ? client.listDeletedCertificates(pageSize)
                                     : client.listDeletedCertificatesNext(next));
            return convert(first ? client.listCertificates(pageSize)
                                 : client.listCertificatesNext(next));
        }
        return convert(client.listSecrets(pageSize));
    };
}

} // namespace vl
