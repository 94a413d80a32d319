// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/WwwAuthenticate.h"

using namespace Qt::StringLiterals;

namespace vl {
namespace {

/// RFC 7230 tchar.
bool isTokenChar(char c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

/// RFC 7235 token68 characters (before the trailing '=' padding).
bool isToken68Char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
           || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// A cursor over one header value.
class Reader
{
public:
    explicit Reader(QByteArrayView text)
        : m_text(text)
    {}

    [[nodiscard]] bool atEnd() const { return m_pos >= m_text.size(); }
    [[nodiscard]] char peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
    }
    [[nodiscard]] qsizetype position() const { return m_pos; }
    [[nodiscard]] QByteArrayView slice(qsizetype from, qsizetype to) const
    {
        return m_text.sliced(from, to - from);
    }
    void seek(qsizetype pos) { m_pos = pos; }
    void skipSpaces()
    {
        while (!atEnd() && isSpace(peek()))
            ++m_pos;
    }
    /// Skips spaces and commas; true when at least one comma was passed.
    bool skipSeparators()
    {
        bool comma = false;
        while (!atEnd() && (isSpace(peek()) || peek() == ',')) {
            comma = comma || peek() == ',';
            ++m_pos;
        }
        return comma;
    }
    QByteArrayView token()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTokenChar(peek()))
            ++m_pos;
        return m_text.sliced(start, m_pos - start);
    }
    /// A quoted-string at the cursor (which is on the opening quote), unescaped. An
    /// unterminated string runs to the end of the value.
    QByteArray quoted()
    {
        QByteArray out;
        ++m_pos; // the opening quote
        while (!atEnd()) {
            const char c = peek();
            ++m_pos;
            if (c == '"')
                return out;
            if (c == '\\' && !atEnd()) {
                out.append(peek());
                ++m_pos;
                continue;
            }
            out.append(c);
        }
        return out;
    }
    /// Skips to just after the next comma (or the end): resynchronises after junk.
    void skipPastComma()
    {
        while (!atEnd()) {
            const char c = peek();
            if (c == '"') {
                (void)quoted();
                continue;
            }
            ++m_pos;
            if (c == ',')
                return;
        }
    }
    /// If a token68 (token68 chars then '='s) ends at a separator or the end here, reads it.
    bool token68(QByteArray *out)
    {
        const qsizetype start = m_pos;
        qsizetype p = m_pos;
        while (p < m_text.size() && isToken68Char(m_text[p]))
            ++p;
        if (p == start)
            return false;
        while (p < m_text.size() && m_text[p] == '=')
            ++p;
        qsizetype after = p;
        while (after < m_text.size() && isSpace(m_text[after]))
            ++after;
        if (after < m_text.size() && m_text[after] != ',')
            return false;
        *out = m_text.sliced(start, p - start).toByteArray();
        m_pos = p;
        return true;
    }
    /// True when a parameter (token BWS '=' not followed by '=' padding) starts here.
    [[nodiscard]] bool parameterAhead() const
    {
        qsizetype p = m_pos;
        while (p < m_text.size() && isTokenChar(m_text[p]))
            ++p;
        if (p == m_pos)
            return false;
        while (p < m_text.size() && isSpace(m_text[p]))
            ++p;
        if (p >= m_text.size() || m_text[p] != '=')
            return false;
        // "abc==" or "abc=" followed by a separator is a token68, not a parameter.
        qsizetype q = p + 1;
        if (q < m_text.size() && m_text[q] == '=')
            return false;
        while (q < m_text.size() && isSpace(m_text[q]))
            ++q;
        return q < m_text.size() && m_text[q] != ',';
    }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

/// Reads `name = value` at the cursor (parameterAhead() was true).
QPair<QString, QString> readParameter(Reader &r)
{
    const QString name = QString::fromLatin1(r.token()).toLower();
    r.skipSpaces();
    if (r.peek() == '=')
        r.seek(r.position() + 1);
    r.skipSpaces();
    QByteArray value;
    if (r.peek() == '"') {
        value = r.quoted();
    } else {
        // A token; lenient about characters servers put in bare values (URLs, '=' padding).
        const qsizetype start = r.position();
        while (!r.atEnd() && !isSpace(r.peek()) && r.peek() != ',' && r.peek() != '"')
            r.seek(r.position() + 1);
        value = r.slice(start, r.position()).toByteArray();
    }
    return {name, QString::fromUtf8(value)};
}

} // namespace

bool AuthChallenge::isScheme(QStringView name) const
{
    return scheme.compare(name, Qt::CaseInsensitive) == 0;
}

QString AuthChallenge::parameter(QStringView name) const
{
    for (const auto &[key, value] : parameters)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

bool AuthChallenge::hasParameter(QStringView name) const
{
    for (const auto &[key, value] : parameters)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

namespace WwwAuthenticate {

QList<AuthChallenge> parse(QByteArrayView value)
{
    QList<AuthChallenge> challenges;
    Reader r(value);
    AuthChallenge *current = nullptr;
    // A challenge starts only at the beginning of the value or after a comma.
    r.skipSeparators();
    bool listStart = true;
    while (!r.atEnd()) {
        const qsizetype before = r.position();
        bool junk = false;
        if (current && r.parameterAhead()) {
            current->parameters.append(readParameter(r));
        } else if (listStart && isTokenChar(r.peek())) {
            AuthChallenge challenge;
            challenge.scheme = QString::fromLatin1(r.token());
            if (!r.atEnd() && !isSpace(r.peek()) && r.peek() != ',') {
                // Junk glued to the scheme ("Bearer\"x\""): not a challenge we can read.
                current = nullptr;
                junk = true;
            } else {
                challenges.append(challenge);
                current = &challenges.last();
                r.skipSpaces();
                QByteArray token68;
                if (!r.atEnd() && r.peek() != ',' && !r.parameterAhead() && r.token68(&token68))
                    current->token68 = QString::fromLatin1(token68);
            }
        } else {
            junk = true;
        }
        if (junk)
            r.skipPastComma(); // neither a parameter nor a scheme: skip this list element
        listStart = r.skipSeparators() || junk;
        if (r.position() == before)
            r.seek(before + 1); // never loop without progress
    }
    return challenges;
}

QList<AuthChallenge> parse(const QList<QByteArray> &values)
{
    QList<AuthChallenge> challenges;
    for (const QByteArray &value : values)
        challenges.append(parse(QByteArrayView(value)));
    return challenges;
}

const AuthChallenge *find(const QList<AuthChallenge> &challenges, QStringView scheme)
{
    for (const AuthChallenge &c : challenges)
        if (c.isScheme(scheme))
            return &c;
    return nullptr;
}

} // namespace WwwAuthenticate
} // namespace vl
