// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: WwwAuthenticate::parse and KeyVaultChallenge on arbitrary header values.
#include "auth/KeyVaultChallenge.h"
#include "auth/WwwAuthenticate.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;
using vl::AuthChallenge;

namespace {

/// An invariant the code documents; a violation is a finding, reported as a crash.
void check(bool condition)
{
    if (!condition)
        std::abort();
}

bool isToken(const QString &s)
{
    static const QString extra = u"!#$%&'*+-.^_`|~"_s;
    if (s.isEmpty())
        return false;
    for (const QChar c : s)
        if (c.unicode() > 127 || !(c.isLetterOrNumber() || extra.contains(c)))
            return false;
    return true;
}

/// The challenges written back canonically: quoted values with escapes, ", " between.
QByteArray serialize(const QList<AuthChallenge> &challenges)
{
    QByteArray out;
    for (const AuthChallenge &c : challenges) {
        if (!out.isEmpty())
            out += ", ";
        out += c.scheme.toLatin1();
        if (!c.token68.isEmpty())
            out += ' ' + c.token68.toLatin1();
        bool first = true;
        for (const auto &[name, value] : c.parameters) {
            out += (first && c.token68.isEmpty()) ? " " : ", ";
            first = false;
            QByteArray v = value.toUtf8();
            v.replace('\\', "\\\\").replace('"', "\\\"");
            out += name.toLatin1() + "=\"" + v + '"';
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray header(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<AuthChallenge> challenges = vl::WwwAuthenticate::parse(QByteArrayView(header));
    for (const AuthChallenge &c : challenges) {
        check(isToken(c.scheme));
        for (const auto &[name, value] : c.parameters) {
            check(isToken(name));
            check(name == name.toLower());
        }
    }
    // Written back canonically, the challenges read the same.
    const QList<AuthChallenge> again =
        vl::WwwAuthenticate::parse(QByteArrayView(serialize(challenges)));
    check(again.size() == challenges.size());
    for (qsizetype i = 0; i < again.size(); ++i) {
        check(again[i].scheme == challenges[i].scheme);
        check(again[i].token68 == challenges[i].token68);
        check(again[i].parameters == challenges[i].parameters);
    }

    const vl::Result<vl::KeyVaultChallenge> challenge = vl::KeyVaultChallenge::fromHeader(header);
    if (challenge) {
        check(!challenge->tenantId.isEmpty());
        check(!challenge->scope.isEmpty());
        check(!challenge->authorityHost.host().isEmpty());
        (void)challenge->verifyResource(challenge->requestedResource(),
                                        QUrl(u"https://kv.vault.azure.net/"_s));
        (void)challenge->toInfo(vl::ChallengeInfo::Origin::Answered);
    } else {
        check(!challenge.error().message.isEmpty());
    }
    return 0;
}
