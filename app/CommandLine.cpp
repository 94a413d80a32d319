// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace vl::app {

CommandLine CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("CommandLine", "Azure Key Vault administration, explained."));
    parser.addHelpOption();
    const QCommandLineOption sandbox(
        u"sandbox"_s,
        QCoreApplication::translate("CommandLine", "Run against the embedded sandbox cloud."));
    const QCommandLineOption quit(
        u"quit-after-show"_s,
        QCoreApplication::translate("CommandLine", "Quit as soon as the window is shown."));
    const QCommandLineOption grab(
        u"grab"_s,
        QCoreApplication::translate("CommandLine", "Save a screenshot of the window and quit."),
        u"png"_s);
    const QCommandLineOption seed(
        u"seed"_s,
        QCoreApplication::translate("CommandLine",
                                    "The sandbox's data: demo (the default), empty or large:N."),
        u"seed"_s);
    const QCommandLineOption clientId(
        u"client-id"_s,
        QCoreApplication::translate(
            "CommandLine", "The application (client) id VaultLens signs in with on Azure."),
        u"id"_s);
    parser.addOptions({sandbox, quit, grab, seed, clientId});
    CommandLine result;
    if (!parser.parse(arguments)) {
        result.error = parser.errorText();
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        result.error = QCoreApplication::translate("CommandLine", "Unexpected argument '%1'.")
                           .arg(parser.positionalArguments().first());
        return result;
    }
    if (parser.isSet(u"help"_s)) {
        parser.showHelp(0);
    }
    result.sandbox = parser.isSet(sandbox);
    result.quitAfterShow = parser.isSet(quit);
    result.grabPath = parser.value(grab);
    result.seed = parser.value(seed);
    result.clientId = parser.value(clientId);
    if (!result.seed.isEmpty() && !result.sandbox) {
        result.error = QCoreApplication::translate("CommandLine", "--seed needs --sandbox.");
        return result;
    }
    return result;
}

} // namespace vl::app
