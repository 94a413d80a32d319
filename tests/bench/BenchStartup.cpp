// SPDX-License-Identifier: GPL-3.0-or-later
#include "BenchSupport.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QWidget>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace vl::bench {

namespace {
double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype mid = values.size() / 2;
    return values.size() % 2 ? values.at(mid) : (values.at(mid - 1) + values.at(mid)) / 2;
}

/// Runs @p program to its exit; the wall time in ms, or -1 when it failed.
double timedRun(const QString &program, const QStringList &arguments)
{
    QTemporaryDir config;
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, config.path()); // no saved layout or accounts
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return -1;
    return double(timer.nsecsElapsed()) / 1e6;
}

QJsonObject series(const QString &program, const QStringList &arguments, int runs)
{
    QList<double> times;
    QJsonArray all;
    timedRun(program, arguments); // warms the page cache; not counted
    for (int i = 0; i < runs; ++i) {
        const double ms = timedRun(program, arguments);
        if (ms < 0)
            return {{u"error"_s, QString(program + u" failed"_s)}};
        times << ms;
        all.append(ms);
    }
    return {{u"medianMs"_s, median(times)}, {u"runsMs"_s, all}};
}
} // namespace

QJsonObject measureStartup(const BenchOptions &options)
{
    const QJsonObject empty = series(QStringLiteral(VAULTLENS_EMPTY_WINDOW_PATH), {}, options.runs);
    const QJsonObject app =
        series(QStringLiteral(VAULTLENS_APP_PATH), {u"--quit-after-show"_s}, options.runs);
    QJsonObject result{{u"emptyWindow"_s, empty}, {u"vaultlens"_s, app}};
    const double floor = empty.value(u"medianMs"_s).toDouble();
    if (floor > 0)
        result.insert(u"ratio"_s, app.value(u"medianMs"_s).toDouble() / floor);
    return result;
}

} // namespace vl::bench
