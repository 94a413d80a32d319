// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/AzureCliCredential.h"

#include "auth/IdentityRequests.h"
#include "util/Future.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

/// What the CLI prints when no account is signed in (or the sign-in expired).
bool mentionsLogin(const QString &text)
{
    static const QRegularExpression login(
        u"az login|az account set|AADSTS700082|AADSTS50173|refresh token has expired"_s,
        QRegularExpression::CaseInsensitiveOption);
    return login.match(text).hasMatch();
}

/// The CLI's message without its "ERROR: " prefix and its trailing advice lines.
QString cliMessage(const QString &text)
{
    QStringList lines;
    for (QString line : text.split(u'\n', Qt::SkipEmptyParts)) {
        line = line.trimmed();
        if (line.startsWith("ERROR:"_L1))
            line = line.mid(6).trimmed();
        if (line.startsWith("WARNING:"_L1) || line.isEmpty())
            continue;
        lines.append(line);
    }
    return lines.join(u' ').left(600);
}

} // namespace

AzureCliCredential::AzureCliCredential(AzureCliOptions options)
    : m_options(std::move(options))
{}

QString AzureCliCredential::name() const
{
    return u"Azure CLI"_s;
}

Result<QStringList> AzureCliCredential::arguments(const QString &scope, const QString &tenant) const
{
    static const QRegularExpression validScope(u"^[0-9A-Za-z_.:/-]+$"_s);
    if (!validScope.match(scope).hasMatch())
        return identity::unauthenticated(
            QCoreApplication::translate(
                "vl::AzureCliCredential",
                "The scope '%1' has characters the Azure CLI credential does not pass on.")
                .arg(scope));
    if (!tenant.isEmpty() && !identity::isValidTenantId(tenant))
        return identity::unauthenticated(
            QCoreApplication::translate("vl::AzureCliCredential", "'%1' is not a valid tenant id.")
                .arg(tenant));
    QStringList args{u"account"_s, u"get-access-token"_s, u"--output"_s,
                     u"json"_s,    u"--scope"_s,          scope};
    if (!tenant.isEmpty())
        args << u"--tenant"_s << tenant;
    return args;
}

Result<AccessToken> AzureCliCredential::parseAnswer(const QByteArray &output)
{
    // The CLI may print warnings before the JSON document.
    const qsizetype start = output.indexOf('{');
    const QJsonObject o =
        start < 0 ? QJsonObject() : QJsonDocument::fromJson(output.mid(start)).object();
    const QString token = o.value("accessToken"_L1).toString();
    if (token.isEmpty())
        return AzureError::make(
            AzureError::Kind::Malformed,
            QCoreApplication::translate("vl::AzureCliCredential",
                                        "The Azure CLI's answer holds no accessToken."));
    AccessToken t;
    t.token = token.toUtf8();
    t.source = TokenSource::AzureCli;
    t.credential = u"Azure CLI"_s;
    if (const auto on = identity::parseExpiresOn(o.value("expires_on"_L1))) {
        t.expiresOn = *on;
    } else {
        // Older CLIs: "2026-01-15 10:00:00.000000" in the machine's local time.
        QString text = o.value("expiresOn"_L1).toString();
        if (const qsizetype dot = text.indexOf(u'.'); dot > 0)
            text.truncate(dot);
        QDateTime local = QDateTime::fromString(text, u"yyyy-MM-dd HH:mm:ss"_s);
        if (!local.isValid())
            return AzureError::make(
                AzureError::Kind::Malformed,
                QCoreApplication::translate("vl::AzureCliCredential",
                                            "The Azure CLI's answer gives no expiry time."));
        local.setTimeSpec(Qt::LocalTime);
        t.expiresOn = local.toUTC();
    }
    return t;
}

AzureError AzureCliCredential::errorFor(int exitCode, const QByteArray &standardError)
{
    const QString text = QString::fromUtf8(standardError);
    // 127: a shell found no `az`; 9009: the same on Windows.
    if (exitCode == 127 || exitCode == 9009 || text.contains("az: not found"_L1)
        || text.contains("is not recognized as an internal or external command"_L1))
        return identity::unauthenticated(QCoreApplication::translate(
            "vl::AzureCliCredential",
            "The Azure CLI is not installed (or not on PATH). Install it and run 'az login', "
            "or choose another sign-in."));
    if (mentionsLogin(text)) {
        AzureError e = identity::unauthenticated(
            QCoreApplication::translate(
                "vl::AzureCliCredential",
                "The Azure CLI is not signed in (or its sign-in expired). Run 'az login', then "
                "try again. The CLI said: %1")
                .arg(cliMessage(text)));
        e.code = u"AzureCliNotSignedIn"_s;
        return e;
    }
    const QString message = cliMessage(text);
    return identity::unauthenticated(
        message.isEmpty()
            ? QCoreApplication::translate("vl::AzureCliCredential",
                                          "The Azure CLI failed with exit code %1.")
                  .arg(exitCode)
            : QCoreApplication::translate("vl::AzureCliCredential", "The Azure CLI failed: %1")
                  .arg(message));
}

QFuture<Result<AccessToken>> AzureCliCredential::getToken(const TokenRequestContext &request)
{
    if (request.scopes.size() != 1)
        return readyFuture(Result<AccessToken>(identity::unauthenticated(
            QCoreApplication::translate(
                "vl::AzureCliCredential",
                "The Azure CLI gives a token for exactly one scope; %1 were asked for.")
                .arg(request.scopes.size()))));
    QString tenant = m_options.tenantId;
    if (!request.tenantId.isEmpty()) {
        const Result<QString> resolved =
            tenant.isEmpty()
                ? Result<QString>(request.tenantId)
                : identity::resolveTenant(tenant, request.tenantId,
                                          m_options.additionallyAllowedTenants, name());
        if (!resolved)
            return readyFuture(Result<AccessToken>(resolved.error()));
        tenant = *resolved;
    }
    const Result<QStringList> args = arguments(request.scopes.first(), tenant);
    if (!args)
        return readyFuture(Result<AccessToken>(args.error()));

    SharedPromise<Result<AccessToken>> promise;
    auto *process = new QProcess;
    process->setProgram(m_options.program);
    process->setArguments(*args);
    process->setProcessEnvironment(m_options.environment);
    process->setWorkingDirectory(QDir::tempPath());
    process->setStandardInputFile(QProcess::nullDevice());
    const QString program = m_options.program;

    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    const qint64 seconds =
        std::chrono::duration_cast<std::chrono::seconds>(m_options.timeout).count();
    QObject::connect(timer, &QTimer::timeout, process, [process, promise, seconds]() {
        promise.finish(identity::unauthenticated(
            QCoreApplication::translate("vl::AzureCliCredential",
                                        "The Azure CLI did not answer within %1 seconds.")
                .arg(seconds)));
        process->kill();
    });
    QObject::connect(process, &QProcess::errorOccurred, process,
                     [process, promise, program](QProcess::ProcessError error) {
                         if (error == QProcess::FailedToStart) {
                             AzureError e = errorFor(127, {});
                             e.message +=
                                 u' '
                                 + QCoreApplication::translate("vl::AzureCliCredential",
                                                               "('%1' could not be started: %2)")
                                       .arg(program, process->errorString());
                             promise.finish(e);
                             process->deleteLater();
                         }
                     });
    QObject::connect(process, &QProcess::finished, process,
                     [process, promise](int exitCode, QProcess::ExitStatus status) {
                         process->deleteLater();
                         if (promise.isFinished())
                             return;
                         const QByteArray out = process->readAllStandardOutput();
                         const QByteArray err = process->readAllStandardError();
                         if (status != QProcess::NormalExit)
                             promise.finish(identity::unauthenticated(QCoreApplication::translate(
                                 "vl::AzureCliCredential", "The Azure CLI stopped unexpectedly.")));
                         else if (exitCode != 0)
                             promise.finish(errorFor(exitCode, err));
                         else
                             promise.finish(parseAnswer(out));
                     });
    timer->start(m_options.timeout);
    process->start(QIODevice::ReadOnly);
    return promise.future();
}

} // namespace vl
