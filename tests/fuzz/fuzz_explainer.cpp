// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: FlowExplainer::explainText on arbitrary text, and explain() on a
// record made of it for every service: a stage per step of the service's flow, at most
// one failed, never a crash.
#include "journal/FlowExplainer.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vl;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

void checkShape(const FlowExplanation &e)
{
    check(e.steps.size() == flowStages(e.service).size());
    int failed = 0;
    for (const FlowStep &s : e.steps) {
        check(!s.summary.isEmpty());
        failed += s.outcome == FlowOutcome::Failed ? 1 : 0;
    }
    check(failed <= 1);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const FlowExplainer explainer;
    checkShape(explainer.explainText(QString::fromUtf8(input)));

    const int status = size > 0 ? (int(data[0]) * 3) % 600 : 0;
    for (const Service service : {Service::KeyVault, Service::ResourceManager, Service::Graph,
                                  Service::EntraId, Service::ManagedIdentity, Service::Other}) {
        HttpRequest request;
        request.context.service = service;
        request.context.clientRequestId = QStringLiteral("c");
        if (size > 1 && (data[1] & 1))
            request.setHeader("Authorization", "Bearer x");
        HttpResponse response;
        response.status = status;
        response.body = input;
        if (status == 0)
            response.networkError = QNetworkReply::ConnectionRefusedError;
        RequestRecord record = RequestRecord::capture(request, response);
        record.id = 2;
        RequestRecord earlier = record;
        earlier.id = 1;
        earlier.status = 401;
        checkShape(explainer.explain(record, {earlier, record}));
    }
    return 0;
}
