// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/AzureError.h"

#include <QStringList>
#include <QTest>

/// Helpers shared by the error and journal tests: evidence fields by name.
namespace vl::test {

using Kind = AzureError::Kind;

/// The evidence fields of AzureError, by name.
inline QStringList evidenceFieldNames()
{
    return {QStringLiteral("clientAddress"), QStringLiteral("callerObjectId"),
            QStringLiteral("callerAppId"),   QStringLiteral("callerTenantId"),
            QStringLiteral("callerName"),    QStringLiteral("expectedTenantId"),
            QStringLiteral("vaultName"),     QStringLiteral("missingPermission"),
            QStringLiteral("action"),        QStringLiteral("scope"),
            QStringLiteral("decisionReason")};
}

inline QString evidenceField(const AzureError &e, const QString &name)
{
    const QHash<QString, const QString *> fields{
        {QStringLiteral("clientAddress"), &e.clientAddress},
        {QStringLiteral("callerObjectId"), &e.callerObjectId},
        {QStringLiteral("callerAppId"), &e.callerAppId},
        {QStringLiteral("callerTenantId"), &e.callerTenantId},
        {QStringLiteral("callerName"), &e.callerName},
        {QStringLiteral("expectedTenantId"), &e.expectedTenantId},
        {QStringLiteral("vaultName"), &e.vaultName},
        {QStringLiteral("missingPermission"), &e.missingPermission},
        {QStringLiteral("action"), &e.action},
        {QStringLiteral("scope"), &e.scope},
        {QStringLiteral("decisionReason"), &e.decisionReason},
    };
    const QString *field = fields.value(name);
    return field ? *field : QString();
}

/**
 * Compares every evidence field of @p e with @p expected ("field=value" pairs):
 * listed fields must hold the value, the others must be empty.
 */
inline bool compareEvidence(const AzureError &e, const QStringList &expected)
{
    QHash<QString, QString> wanted;
    for (const QString &pair : expected) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        wanted.insert(pair.left(eq), pair.mid(eq + 1));
    }
    for (const QString &name : evidenceFieldNames()) {
        const QString actual = evidenceField(e, name);
        const QString want = wanted.value(name);
        if (actual != want) {
            qWarning("evidence %s: got '%s', expected '%s'", qPrintable(name), qPrintable(actual),
                     qPrintable(want));
            return false;
        }
    }
    return true;
}

} // namespace vl::test
