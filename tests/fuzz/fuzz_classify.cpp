// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: Operations::classify. The input is "METHOD path": the bytes before the
// first space are the method, the rest (UTF-8) is the path.
#include "access/Operations.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vl::access;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype space = input.indexOf(' ');
    const QByteArray method = space < 0 ? QByteArray() : input.left(space);
    const QString path = QString::fromUtf8(space < 0 ? input : input.mid(space + 1));

    const auto request = Operations::classify(method, path);
    if (!request)
        return 0;
    // A recognised request names an operation of the same method, and the names it
    // extracts are whole path segments.
    const OperationInfo &info = Operations::info(request->operation);
    check(info.operation == request->operation);
    check(info.method.compare(method, Qt::CaseInsensitive) == 0);
    for (const QString &part : {request->objectName, request->version, request->subName}) {
        check(!part.contains(u'/'));
        check(path.contains(part));
    }
    check(Operations::fromId(QLatin1StringView(info.id)) == request->operation);
    return 0;
}
