// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: arbitrary requests to the sandbox's Resource Manager, Graph, identity
// and Key Vault handlers, called directly (no sockets), with a valid bearer token half of
// the time so that the fuzzer reaches past authentication. Whatever the input, every
// handler must answer with a status in 100..599 and never crash.
#include "Faults.h"
#include "ServiceContext.h"
#include "arm/ArmService.h"
#include "graph/GraphService.h"
#include "identity/IdentityService.h"
#include "identity/TokenService.h"
#include "state/Seed.h"
#include "vault/VaultService.h"

#include <QCoreApplication>
#include <QUrl>
#include <QUrlQuery>

#include <cstdint>
#include <cstdlib>
#include <memory>

using namespace Qt::StringLiterals;
using namespace vl;
using namespace vl::sandbox;

namespace {

struct World
{
    std::unique_ptr<SandboxState> state;
    std::unique_ptr<TokenService> tokens;
    std::unique_ptr<ServiceContext> context;
    std::unique_ptr<Faults> faults;
    std::unique_ptr<IdentityService> identity;
    std::unique_ptr<ArmService> arm;
    std::unique_ptr<GraphService> graph;
    std::unique_ptr<VaultService> vaults;
    QByteArray vaultToken;
    QByteArray armToken;
    QByteArray graphToken;
};

World &world()
{
    static World w = [] {
        static int argc = 1;
        static char name[] = "fuzz_sandbox";
        static char *argv[] = {name, nullptr};
        static QCoreApplication app(argc, argv);
        World x;
        SandboxOptions options;
        options.seed = SandboxOptions::Seed::Demo;
        x.state = std::make_unique<SandboxState>(*Seed::build(options, SystemClock::instance()));
        x.tokens = std::make_unique<TokenService>(*x.state, SystemClock::instance());
        x.context = std::make_unique<ServiceContext>(ServiceContext{
            *x.state, *x.tokens, SystemClock::instance(), [] {},
            [] { return u"https://127.0.0.1:1"_s; }, [] { return u"http://127.0.0.1:2"_s; },
            [](quint16 port) {
                return u"https://127.0.0.1:"_s + QString::number(port);
            }});
        x.faults = std::make_unique<Faults>();
        x.identity = std::make_unique<IdentityService>(*x.context);
        x.arm =
            std::make_unique<ArmService>(*x.context, *x.faults, [](VaultRecord &) { return true; });
        x.graph = std::make_unique<GraphService>(*x.context);
        x.vaults = std::make_unique<VaultService>(*x.context, *x.faults);
        const Tenant &tenant = x.state->directory.tenants.first();
        const Principal *sp = x.state->directory.principal(DemoIds::CiPipeline);
        x.vaultToken =
            x.tokens->issue(tenant, *sp, u"https://vault.azure.net"_s, sp->appId).accessToken;
        x.armToken =
            x.tokens->issue(tenant, *sp, u"https://management.azure.com/"_s, sp->appId).accessToken;
        x.graphToken =
            x.tokens->issue(tenant, *sp, u"https://graph.microsoft.com"_s, sp->appId).accessToken;
        return x;
    }();
    return w;
}

void check(const HttpResponse &r, const Delivery &d)
{
    if (!d.drop && (r.status < 100 || r.status > 599))
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    World &w = world();
    const std::uint8_t selector = data[0];
    static const QByteArray methods[] = {"GET", "PUT", "POST", "PATCH", "DELETE"};
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const qsizetype newline = input.indexOf('\n');
    const QByteArray target = newline < 0 ? input : input.left(newline);
    const QByteArray body = newline < 0 ? QByteArray() : input.mid(newline + 1);

    const QUrl url(QString::fromUtf8(target));
    HttpRequest r;
    r.method = methods[(selector >> 3) % 5];
    r.path = url.path(QUrl::FullyDecoded);
    if (!r.path.startsWith(u'/'))
        r.path.prepend(u'/');
    for (const auto &[k, v] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        r.query.append({k, v});
    r.body = body;
    r.peer = QHostAddress::LocalHost;
    const bool authenticated = selector & 0x40;
    Delivery d;
    switch (selector % 4) {
    case 0: {
        VaultRecord &vault = w.state->vaults[(selector >> 2) % w.state->vaults.size()];
        r.origin = u"https://127.0.0.1:"_s + QString::number(vault.port);
        if (authenticated)
            r.headers.append(
                QPair<QByteArray, QByteArray>("Authorization", "Bearer " + w.vaultToken));
        check(w.vaults->handle(vault, r, d), d);
        break;
    }
    case 1:
        if (authenticated)
            r.headers.append(
                QPair<QByteArray, QByteArray>("Authorization", "Bearer " + w.armToken));
        if (auto response = w.arm->handle(r, d))
            check(*response, d);
        break;
    case 2:
        r.headers.append(
            QPair<QByteArray, QByteArray>("Content-Type", "application/x-www-form-urlencoded"));
        if (auto response = w.identity->handleApi(r))
            check(*response, d);
        check(w.identity->handleBrowser(r), d);
        break;
    default:
        if (authenticated)
            r.headers.append(
                QPair<QByteArray, QByteArray>("Authorization", "Bearer " + w.graphToken));
        if (auto response = w.graph->handle(r))
            check(*response, d);
        break;
    }
    return 0;
}
