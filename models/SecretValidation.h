// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <utility>

namespace vl {

/// One row of a tag editor: name and value as typed (duplicates and blanks possible).
using TagRow = std::pair<QString, QString>;

/**
 * @brief A secret as a person fills it in before it is sent: what
 * SecretValidation checks.
 */
struct SecretDraft
{
    QString name;
    QString value;
    QString contentType;
    QDateTime notBefore; ///< invalid when not set
    QDateTime expires;   ///< invalid when not set
    QList<TagRow> tags;
};

/**
 * @brief The Key Vault service's rules for a secret, checked before sending
 * so the editors can show them inline, one translated message per field.
 *
 * Names and tags follow access::Validation (shared with the sandbox, which
 * answers 400 for the same input); the value limit is the service's 25 KB
 * (25,600 bytes of UTF-8, as the sandbox enforces); the content type is at
 * most 255 characters; activation must not be after expiry.
 */
class SecretValidation
{
    Q_DECLARE_TR_FUNCTIONS(vl::SecretValidation)

public:
    /// The largest value the service stores, in bytes of UTF-8.
    static constexpr qsizetype MaxValueBytes = 25 * 1024;
    static constexpr int MaxContentTypeLength = 255;

    /// The messages per field; an empty one means the field is fine.
    struct Messages
    {
        QString name;
        QString value;
        QString contentType;
        QString dates;
        QString tags;

        [[nodiscard]] bool ok() const
        {
            return name.isEmpty() && value.isEmpty() && contentType.isEmpty() && dates.isEmpty()
                   && tags.isEmpty();
        }
    };

    [[nodiscard]] static QString name(const QString &name);
    [[nodiscard]] static QString value(const QString &value);
    [[nodiscard]] static QString contentType(const QString &contentType);
    /// Activation (nbf) must not be later than expiry (exp); either may be unset.
    [[nodiscard]] static QString dates(const QDateTime &notBefore, const QDateTime &expires);
    /// Count, blank and duplicate names, name and value lengths.
    [[nodiscard]] static QString tags(const QList<TagRow> &rows);
    /// Every field of @p draft.
    [[nodiscard]] static Messages check(const SecretDraft &draft);
    /// Every field but the value and name (an update of an existing secret's properties).
    [[nodiscard]] static Messages checkProperties(const SecretDraft &draft);
};

} // namespace vl
