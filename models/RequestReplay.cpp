// SPDX-License-Identifier: GPL-3.0-or-later
#include "RequestReplay.h"

#include "Session.h"
#include "http/ClientCall.h"
#include "util/Future.h"

#include <QCoreApplication>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace vl::RequestReplay {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("vl::RequestReplay", text);
}

bool replayable(const QByteArray &method)
{
    return method == "GET" || method == "HEAD";
}

} // namespace

std::optional<TokenInfo> tokenOf(const RequestRecord &record, const QList<RequestRecord> &exchange)
{
    if (record.token && !record.token->claims.isEmpty())
        return record.token;
    for (const RequestRecord &other : exchange)
        if (other.token && !other.token->claims.isEmpty())
            return other.token;
    return record.token;
}

std::optional<RequestSender> senderOf(const AccountManager &accounts, const RequestRecord &record,
                                      const QList<RequestRecord> &exchange)
{
    const std::optional<TokenInfo> token = tokenOf(record, exchange);
    if (!token)
        return std::nullopt;
    const QString oid = token->claims.value("oid"_L1).toString();
    const QString tid = token->claims.value("tid"_L1).toString();
    for (const Account &account : accounts.accounts()) {
        if (oid.isEmpty() || account.objectId.compare(oid, Qt::CaseInsensitive) != 0)
            continue;
        return RequestSender{account.id, tid.isEmpty() ? token->tenantId : tid};
    }
    return std::nullopt;
}

QString whyNotRetry(Session &session, const RequestRecord &record)
{
    if (!replayable(record.method))
        return tr("Only reads (GET) can be sent again from here: the journal keeps no request "
                  "bodies. Repeat it where it was made.");
    if (record.service != Service::KeyVault && record.service != Service::ResourceManager
        && record.service != Service::Graph)
        return tr("Token requests are not sent again; sign in again instead.");
    const QList<RequestRecord> exchange = session.journal().exchange(record.clientRequestId);
    if (!senderOf(session.accounts(), record, exchange))
        return tr("No signed-in account matches the token this request carried.");
    return {};
}

QFuture<Result<RequestRecord>> retry(Session &session, const RequestRecord &record)
{
    if (const QString why = whyNotRetry(session, record); !why.isEmpty())
        return readyFuture(
            Result<RequestRecord>(AzureError::make(AzureError::Kind::Malformed, why)));
    const QList<RequestRecord> exchange = session.journal().exchange(record.clientRequestId);
    const RequestSender sender = *senderOf(session.accounts(), record, exchange);
    const std::optional<TokenInfo> token = tokenOf(record, exchange);
    const std::shared_ptr<HttpPipeline> pipeline =
        session.pipeline(sender.accountId, sender.tenantId);
    if (!pipeline)
        return readyFuture(Result<RequestRecord>(
            AzureError::make(AzureError::Kind::Unauthenticated, tr("The account is signed out."))));
    HttpRequest request = makeRequest(record.method, record.url, record.service,
                                      token ? token->scopes.value(0) : QString(), record.operation);
    const QByteArray id = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    request.setHeader("x-ms-client-request-id"_ba, id);
    SharedPromise<Result<RequestRecord>> promise;
    onFinished(pipeline->send(request), &session, [&session, promise, id](const HttpResponse &) {
        const QList<RequestRecord> sent = session.journal().exchange(QString::fromLatin1(id));
        if (sent.isEmpty())
            promise.finish(AzureError::make(AzureError::Kind::Network,
                                            tr("The request was sent but not journaled.")));
        else
            promise.finish(sent.last());
    });
    return promise.future();
}

} // namespace vl::RequestReplay
