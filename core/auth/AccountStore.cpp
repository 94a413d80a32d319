// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AccountStore.h"

#include "auth/AccountSerializer.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSettings>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAccountStore, "vaultlens.auth.accountstore")

namespace vl {
namespace {

const QString ArrayName = u"accounts"_s;

} // namespace

AccountStore::AccountStore(QSettings *settings)
    : m_settings(settings)
{
    if (!m_settings) {
        m_owned = std::make_unique<QSettings>();
        m_settings = m_owned.get();
    }
}

AccountStore::~AccountStore() = default;

QList<Account> AccountStore::load() const
{
    QList<Account> accounts;
    const int size = m_settings->beginReadArray(ArrayName);
    for (int i = 0; i < size; ++i) {
        m_settings->setArrayIndex(i);
        QJsonObject o;
        for (const QString &key : m_settings->childKeys()) {
            const QString text = m_settings->value(key).toString();
            if (key == "tenants"_L1)
                o.insert(key, QJsonDocument::fromJson(text.toUtf8()).array());
            else
                o.insert(key, text);
        }
        auto account = AccountSerializer::accountFromJson(o);
        if (account.ok())
            accounts.append(*account);
        else
            qCWarning(lcAccountStore)
                << "skipped saved account" << i << ":" << account.error().message;
    }
    m_settings->endArray();
    return accounts;
}

void AccountStore::saveAll(const QList<Account> &accounts)
{
    m_settings->remove(ArrayName);
    m_settings->beginWriteArray(ArrayName, int(accounts.size()));
    for (int i = 0; i < accounts.size(); ++i) {
        m_settings->setArrayIndex(i);
        const QJsonObject o = AccountSerializer::toJson(accounts[i]);
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.value().isArray())
                m_settings->setValue(
                    it.key(),
                    QString::fromUtf8(
                        QJsonDocument(it.value().toArray()).toJson(QJsonDocument::Compact)));
            else
                m_settings->setValue(it.key(), it.value().toString());
        }
    }
    m_settings->endArray();
}

void AccountStore::save(const Account &account)
{
    QList<Account> accounts = load();
    bool replaced = false;
    for (Account &a : accounts) {
        if (a.cloud == account.cloud && a.id == account.id) {
            a = account;
            replaced = true;
        }
    }
    if (!replaced)
        accounts.append(account);
    saveAll(accounts);
}

bool AccountStore::remove(const QString &cloud, const QString &id)
{
    QList<Account> accounts = load();
    const auto removed =
        accounts.removeIf([&](const Account &a) { return a.cloud == cloud && a.id == id; });
    if (removed == 0)
        return false;
    saveAll(accounts);
    return true;
}

void AccountStore::sync()
{
    m_settings->sync();
}

} // namespace vl
