// SPDX-License-Identifier: GPL-3.0-or-later
#include "SandboxOptions.h"

#include "access/Ipv4.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace vl::sandbox {

SandboxOptions SandboxOptions::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption port(u"port"_s, u"HTTPS API port (0 picks a free one)."_s, u"P"_s,
                                  u"0"_s);
    const QCommandLineOption state(u"state"_s, u"Persist state and the CA in DIR."_s, u"DIR"_s);
    const QCommandLineOption seed(u"seed"_s, u"demo, empty or large:N."_s, u"seed"_s, u"demo"_s);
    const QCommandLineOption client(u"client-address"_s, u"The client address the firewall sees."_s,
                                    u"IP"_s);
    const QCommandLineOption print(u"print-config"_s, u"Print the config JSON once listening."_s);
    parser.addOptions({port, state, seed, client, print});

    SandboxOptions o;
    if (!parser.parse(arguments)) {
        o.error = parser.errorText();
        return o;
    }
    if (!parser.positionalArguments().isEmpty()) {
        o.error = u"Unexpected argument '%1' (options start with --)."_s.arg(
            parser.positionalArguments().first());
        return o;
    }
    bool ok = false;
    const uint p = parser.value(port).toUInt(&ok);
    if (!ok || p > 65535) {
        o.error = u"--port takes a number from 0 to 65535, not '%1'."_s.arg(parser.value(port));
        return o;
    }
    o.port = quint16(p);
    o.stateDir = parser.value(state);
    const QString s = parser.value(seed);
    if (s == "demo"_L1) {
        o.seed = Seed::Demo;
    } else if (s == "empty"_L1) {
        o.seed = Seed::Empty;
    } else if (s.startsWith("large:"_L1)) {
        const int n = s.mid(6).toInt(&ok);
        if (!ok || n < 1 || n > 1000000) {
            o.error = u"--seed large:N takes N from 1 to 1000000, not '%1'."_s.arg(s.mid(6));
            return o;
        }
        o.seed = Seed::Large;
        o.largeCount = n;
    } else {
        o.error = u"--seed must be demo, empty or large:N, not '%1'."_s.arg(s);
        return o;
    }
    o.clientAddress = parser.value(client);
    if (!o.clientAddress.isEmpty() && !access::Ipv4Range::parseAddress(o.clientAddress)) {
        o.error = u"--client-address must be an IPv4 address, not '%1'."_s.arg(o.clientAddress);
        return o;
    }
    o.printConfig = parser.isSet(print);
    return o;
}

} // namespace vl::sandbox
