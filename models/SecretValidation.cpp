// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecretValidation.h"

#include "access/Validation.h"

#include <QLocale>
#include <QSet>

using namespace Qt::StringLiterals;

namespace vl {

namespace Rules = access::Validation;

QString SecretValidation::name(const QString &name)
{
    if (name.isEmpty())
        return tr("A name is required.");
    if (name.size() > Rules::MaxObjectNameLength)
        return tr("A name may be at most %1 characters long; this one has %2.")
            .arg(QLocale().toString(Rules::MaxObjectNameLength), QLocale().toString(name.size()));
    if (!Rules::objectName(name)) {
        for (QChar c : name)
            if (!(c.isDigit() && c.unicode() < 128) && !(c.isLetter() && c.unicode() < 128)
                && c != u'-')
                return tr("Only letters, digits and hyphens are allowed; '%1' is not.").arg(c);
        return tr("Only letters, digits and hyphens are allowed.");
    }
    return {};
}

QString SecretValidation::value(const QString &value)
{
    if (value.isEmpty())
        return tr("A value is required.");
    const qsizetype bytes = value.toUtf8().size();
    if (bytes > MaxValueBytes)
        return tr("The value is %1 bytes; Key Vault stores at most %2 bytes (25 KB).")
            .arg(QLocale().toString(bytes), QLocale().toString(MaxValueBytes));
    return {};
}

QString SecretValidation::contentType(const QString &contentType)
{
    if (contentType.size() > MaxContentTypeLength)
        return tr("A content type may be at most %1 characters long.")
            .arg(QLocale().toString(MaxContentTypeLength));
    return {};
}

QString SecretValidation::dates(const QDateTime &notBefore, const QDateTime &expires)
{
    if (notBefore.isValid() && expires.isValid() && notBefore > expires)
        return tr("The activation date is after the expiry date.");
    return {};
}

QString SecretValidation::tags(const QList<TagRow> &rows)
{
    if (rows.size() > Rules::MaxObjectTags)
        return tr("At most %1 tags are allowed; there are %2.")
            .arg(QLocale().toString(Rules::MaxObjectTags), QLocale().toString(rows.size()));
    QSet<QString> seen;
    for (const auto &[key, value] : rows) {
        if (key.trimmed().isEmpty())
            return tr("A tag name may not be empty.");
        if (key.size() > Rules::MaxTagNameLength)
            return tr("A tag name may be at most %1 characters long.")
                .arg(QLocale().toString(Rules::MaxTagNameLength));
        if (value.size() > Rules::MaxTagValueLength)
            return tr("The value of tag '%1' is longer than %2 characters.")
                .arg(key, QLocale().toString(Rules::MaxTagValueLength));
        if (seen.contains(key))
            return tr("The tag '%1' is there twice.").arg(key);
        seen.insert(key);
    }
    return {};
}

SecretValidation::Messages SecretValidation::checkProperties(const SecretDraft &draft)
{
    Messages m;
    m.contentType = contentType(draft.contentType);
    m.dates = dates(draft.notBefore, draft.expires);
    m.tags = tags(draft.tags);
    return m;
}

SecretValidation::Messages SecretValidation::check(const SecretDraft &draft)
{
    Messages m = checkProperties(draft);
    m.name = name(draft.name);
    m.value = value(draft.value);
    return m;
}

} // namespace vl
