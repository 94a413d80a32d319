// SPDX-License-Identifier: GPL-3.0-or-later
#include "Presentation.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vl {

namespace {
const QRegularExpression &guidPattern()
{
    static const QRegularExpression pattern(
        u"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"_s);
    return pattern;
}
constexpr QChar Dot(0x2022);
} // namespace

Presentation &Presentation::instance()
{
    static Presentation presentation;
    return presentation;
}

void Presentation::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    Q_EMIT changed(enabled);
}

QString Presentation::maskedValue()
{
    return QString(12, Dot);
}

QString Presentation::guid(const QString &id) const
{
    return m_enabled ? maskGuid(id) : id;
}

QString Presentation::tenantName(const QString &name) const
{
    return m_enabled ? maskName(name) : name;
}

QString Presentation::text(const QString &text) const
{
    return m_enabled ? maskGuidsIn(text) : text;
}

QString Presentation::maskGuid(const QString &id)
{
    if (id.size() <= 4)
        return QString(id.size(), Dot);
    QString masked = id;
    for (qsizetype i = 0; i < masked.size() - 4; ++i) {
        if (masked.at(i) != u'-')
            masked[i] = Dot;
    }
    return masked;
}

QString Presentation::maskGuidsIn(const QString &text)
{
    QString result;
    qsizetype last = 0;
    auto it = guidPattern().globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        result += QStringView(text).mid(last, match.capturedStart() - last);
        result += maskGuid(match.captured());
        last = match.capturedEnd();
    }
    result += QStringView(text).mid(last);
    return result;
}

QString Presentation::maskName(const QString &name)
{
    if (name.isEmpty())
        return name;
    return QString(name.at(0)) + QString(qMax<qsizetype>(name.size() - 1, 3), Dot);
}

} // namespace vl
