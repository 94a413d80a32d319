// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/DetailsSupport.h"

#include <QFileDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace vl::ui {

Confirmer messageBoxConfirmer(QWidget *parent, ConfirmAnswers answers)
{
    QPointer<QWidget> guard(parent);
    const QMessageBox::StandardButton no =
        answers == ConfirmAnswers::YesCancel ? QMessageBox::Cancel : QMessageBox::No;
    return [guard, no](const QString &title, const QString &text) {
        return QMessageBox::question(guard, title, text, QMessageBox::Yes | no, no)
               == QMessageBox::Yes;
    };
}

FileChooser fileDialogChooser(QWidget *parent)
{
    QPointer<QWidget> guard(parent);
    return [guard](FileMode mode, const QString &title, const QString &filter,
                   const QString &suggestedName) {
        return mode == FileMode::Open
                   ? QFileDialog::getOpenFileName(guard, title, {}, filter)
                   : QFileDialog::getSaveFileName(guard, title, suggestedName, filter);
    };
}

QString DetailsText::nameProblem(const QString &name)
{
    static const QRegularExpression valid(u"^[0-9A-Za-z-]+$"_s);
    if (name.isEmpty())
        return tr("Enter a name.");
    if (name.size() > 127)
        return tr("A name has at most 127 characters.");
    if (!valid.match(name).hasMatch())
        return tr("Use only letters, digits and hyphens (-).");
    return {};
}

std::optional<vault::Tags> DetailsText::parseTags(const QString &text, QString *problem)
{
    vault::Tags tags;
    const auto fail = [problem](const QString &why) -> std::optional<vault::Tags> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    const QStringList parts = text.split(u';', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (part.trimmed().isEmpty())
            continue;
        const qsizetype eq = part.indexOf(u'=');
        if (eq < 0)
            return fail(tr("Write each tag as name=value, separated by semicolons."));
        const QString key = part.left(eq).trimmed();
        const QString value = part.mid(eq + 1).trimmed();
        if (key.isEmpty())
            return fail(tr("A tag needs a name before the '='."));
        if (key.size() > 512 || value.size() > 256)
            return fail(tr("A tag name has at most 512 characters and a value at most 256."));
        if (tags.contains(key))
            return fail(tr("The tag “%1” appears twice.").arg(key));
        tags.insert(key, value);
    }
    if (tags.size() > 15)
        return fail(tr("At most 15 tags are allowed."));
    if (problem)
        problem->clear();
    return tags;
}

QString DetailsText::formatTags(const vault::Tags &tags)
{
    QStringList parts;
    for (auto it = tags.cbegin(); it != tags.cend(); ++it)
        parts.append(QString(it.key() + u'=' + it.value()));
    return parts.join(u"; "_s);
}

QString DetailsText::dateTime(std::optional<qint64> seconds)
{
    if (!seconds)
        return tr("—");
    return QLocale().toString(vault::dateTimeFromSeconds(seconds).toLocalTime(),
                              QLocale::ShortFormat);
}

QString DetailsText::deleteConsequence(const QString &what,
                                       const vault::ObjectAttributes &attributes)
{
    const QString level = attributes.recoveryLevel.value_or(QString());
    if (level.contains("Recoverable"_L1)) {
        const int days = attributes.recoverableDays.value_or(90);
        QString text = tr("%1 and all its versions will be soft-deleted. It can be recovered "
                          "for %n day(s); after that it is purged for good.",
                          nullptr, days)
                           .arg(what);
        if (!level.contains("Purgeable"_L1))
            text += u' ' + tr("Purge protection is on: nobody can purge it before then.");
        return text;
    }
    return tr("%1 and all its versions will be deleted permanently. This vault has no soft "
              "delete: it cannot be recovered.")
        .arg(what);
}

QString DetailsText::recoveryLevel(const vault::ObjectAttributes &attributes)
{
    if (!attributes.recoveryLevel)
        return tr("—");
    const QString level = *attributes.recoveryLevel;
    if (!level.contains("Recoverable"_L1))
        return tr("Not recoverable (%1)").arg(level);
    return tr("Recoverable for %n day(s) (%1)", nullptr, attributes.recoverableDays.value_or(90))
        .arg(level);
}

namespace duration {
std::optional<qint64> seconds(const QString &text)
{
    static const QRegularExpression pattern(
        u"^P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?$"_s);
    const QRegularExpressionMatch m = pattern.match(text.trimmed());
    if (!m.hasMatch() || text.trimmed().endsWith(u'T'))
        return std::nullopt;
    constexpr qint64 Day = 86400;
    const qint64 factors[] = {365 * Day, 30 * Day, 7 * Day, Day, 3600, 60, 1};
    qint64 total = 0;
    bool any = false;
    for (int i = 0; i < 7; ++i) {
        const QString part = m.captured(i + 1);
        if (part.isEmpty())
            continue;
        any = true;
        bool ok = false;
        const qint64 n = part.toLongLong(&ok);
        if (!ok || n > 100000)
            return std::nullopt;
        total += n * factors[i];
    }
    if (!any || total == 0)
        return std::nullopt;
    return total;
}
} // namespace duration

namespace publickey {
namespace {
QString publicKty(const vault::JsonWebKey &jwk)
{
    return jwk.isRsa() ? u"RSA"_s : jwk.isEc() ? u"EC"_s : jwk.kty.value_or(QString());
}

QByteArray decoded(const std::optional<QString> &value)
{
    return value ? QByteArray::fromBase64(value->toLatin1(), QByteArray::Base64UrlEncoding)
                 : QByteArray();
}

QByteArray derLength(qsizetype length)
{
    if (length < 0x80)
        return QByteArray(1, char(length));
    QByteArray bytes;
    for (qsizetype l = length; l > 0; l >>= 8)
        bytes.prepend(char(l & 0xff));
    return char(0x80 | bytes.size()) + bytes;
}

QByteArray der(char tag, const QByteArray &content)
{
    return tag + derLength(content.size()) + content;
}

QByteArray derInteger(QByteArray value)
{
    while (value.size() > 1 && value.at(0) == 0)
        value.remove(0, 1);
    if (value.isEmpty() || (uchar(value.at(0)) & 0x80))
        value.prepend('\0');
    return der(0x02, value);
}

QByteArray leftPadded(QByteArray value, int size)
{
    while (value.size() > size && value.at(0) == 0)
        value.remove(0, 1);
    if (value.size() < size)
        value.prepend(QByteArray(size - value.size(), '\0'));
    return value;
}
} // namespace

QString jwkJson(const vault::JsonWebKey &jwk)
{
    QJsonObject o{{u"kty"_s, publicKty(jwk)}};
    if (jwk.kid)
        o.insert("kid"_L1, *jwk.kid);
    const auto put = [&o](QLatin1StringView name, const std::optional<QString> &value) {
        if (value)
            o.insert(name, *value);
    };
    put("n"_L1, jwk.n);
    put("e"_L1, jwk.e);
    put("crv"_L1, jwk.crv);
    put("x"_L1, jwk.x);
    put("y"_L1, jwk.y);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString parameterText(const vault::JsonWebKey &jwk)
{
    QStringList lines{u"kty: "_s + publicKty(jwk)};
    const auto put = [&lines](QLatin1StringView name, const std::optional<QString> &value) {
        if (value)
            lines.append(QString(name + u": "_s + *value));
    };
    put("n"_L1, jwk.n);
    put("e"_L1, jwk.e);
    put("crv"_L1, jwk.crv);
    put("x"_L1, jwk.x);
    put("y"_L1, jwk.y);
    return lines.join(u'\n');
}

QByteArray subjectPublicKeyInfo(const vault::JsonWebKey &jwk)
{
    if (jwk.isRsa()) {
        const QByteArray n = decoded(jwk.n);
        const QByteArray e = decoded(jwk.e);
        if (n.isEmpty() || e.isEmpty())
            return {};
        static const QByteArray rsaAlgorithm =
            QByteArray::fromHex("300d06092a864886f70d0101010500");
        const QByteArray rsaKey = der(0x30, derInteger(n) + derInteger(e));
        return der(0x30, rsaAlgorithm + der(0x03, '\0' + rsaKey));
    }
    if (jwk.isEc() && jwk.crv) {
        QByteArray curveOid;
        int size = 0;
        if (*jwk.crv == "P-256"_L1) {
            curveOid = QByteArray::fromHex("06082a8648ce3d030107");
            size = 32;
        } else if (*jwk.crv == "P-384"_L1) {
            curveOid = QByteArray::fromHex("06052b81040022");
            size = 48;
        } else if (*jwk.crv == "P-521"_L1) {
            curveOid = QByteArray::fromHex("06052b81040023");
            size = 66;
        } else if (*jwk.crv == "P-256K"_L1) {
            curveOid = QByteArray::fromHex("06052b8104000a");
            size = 32;
        } else {
            return {};
        }
        const QByteArray x = decoded(jwk.x);
        const QByteArray y = decoded(jwk.y);
        if (x.isEmpty() || y.isEmpty() || x.size() > size + 1 || y.size() > size + 1)
            return {};
        static const QByteArray ecPublicKey = QByteArray::fromHex("06072a8648ce3d0201");
        const QByteArray point = "\x04"_ba + leftPadded(x, size) + leftPadded(y, size);
        return der(0x30, der(0x30, ecPublicKey + curveOid) + der(0x03, '\0' + point));
    }
    return {};
}

QString pem(const QByteArray &der, QLatin1StringView label)
{
    if (der.isEmpty())
        return {};
    const QByteArray base64 = der.toBase64();
    QString text = u"-----BEGIN "_s + label + u"-----\n"_s;
    for (qsizetype i = 0; i < base64.size(); i += 64)
        text += QString::fromLatin1(base64.mid(i, 64)) + u'\n';
    text += u"-----END "_s + label + u"-----\n"_s;
    return text;
}
} // namespace publickey

} // namespace vl::ui
