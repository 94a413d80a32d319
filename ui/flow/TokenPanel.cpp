// SPDX-License-Identifier: GPL-3.0-or-later
#include "flow/TokenPanel.h"

#include "Presentation.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace vl::ui {
namespace {

/// Claims that are times (seconds since the epoch).
bool isTimeClaim(const QString &name)
{
    return name == "iat"_L1 || name == "exp"_L1 || name == "nbf"_L1 || name == "auth_time"_L1;
}

/// Claims that hold a single GUID.
bool isGuidClaim(const QString &name)
{
    return name == "tid"_L1 || name == "oid"_L1 || name == "appid"_L1 || name == "azp"_L1
           || name == "sub"_L1;
}

QString dateText(const QDateTime &when)
{
    const QString shown = QLocale().toString(when.toLocalTime(), QLocale::ShortFormat);
    if (when < QDateTime::currentDateTimeUtc())
        return TokenPanel::tr("%1 (expired)").arg(shown);
    return shown;
}

QString claimText(const QString &name, const QJsonValue &value)
{
    const Presentation &present = Presentation::instance();
    if (isTimeClaim(name) && value.isDouble()) {
        const QDateTime when = QDateTime::fromSecsSinceEpoch(qint64(value.toDouble()), Qt::UTC);
        const QString shown = QLocale().toString(when.toLocalTime(), QLocale::ShortFormat);
        if (name == "exp"_L1)
            return dateText(when);
        return shown;
    }
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &item : value.toArray())
            parts.append(item.isString()
                             ? item.toString()
                             : QString::fromUtf8(
                                   QJsonDocument(QJsonArray{item}).toJson(QJsonDocument::Compact))
                                   .mid(1)
                                   .chopped(1));
        return present.text(parts.join(u", "_s));
    }
    if (value.isObject())
        return present.text(
            QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)));
    if (value.isDouble())
        return QLocale().toString(value.toDouble(), 'g', 15);
    if (value.isBool())
        return value.toBool() ? TokenPanel::tr("true") : TokenPanel::tr("false");
    const QString s = value.toString();
    return isGuidClaim(name) ? present.guid(s) : present.text(s);
}

struct KnownClaim
{
    QLatin1StringView name;
    const char *label;
};

// clang-format off
constexpr KnownClaim KnownClaims[] = {
    {"aud"_L1, QT_TRANSLATE_NOOP("vl::ui::TokenPanel", "Audience")},
    {"tid"_L1, QT_TRANSLATE_NOOP("vl::ui::TokenPanel", "Tenant")},
    {"oid"_L1, QT_TRANSLATE_NOOP("vl::ui::TokenPanel", "Object ID")},
    {"appid"_L1, QT_TRANSLATE_NOOP("vl::ui::TokenPanel", "App ID")},
    {"azp"_L1, QT_TRANSLATE_NOOP("vl::ui::TokenPanel", "App ID")},
    {"upn"_L1, QT_TRANSLATE_NOOP("vl::ui::TokenPanel", "User")},
    {"preferred_username"_L1, QT_TRANSLATE_NOOP("vl::ui::TokenPanel", "User")},
    {"unique_name"_L1, QT_TRANSLATE_NOOP("vl::ui::TokenPanel", "User")},
    {"scp"_L1, QT_TRANSLATE_NOOP("vl::ui::TokenPanel", "Scopes")},
    {"roles"_L1, QT_TRANSLATE_NOOP("vl::ui::TokenPanel", "Roles")},
    {"iat"_L1, QT_TRANSLATE_NOOP("vl::ui::TokenPanel", "Issued")},
    {"exp"_L1, QT_TRANSLATE_NOOP("vl::ui::TokenPanel", "Expires")},
    {"idtyp"_L1, QT_TRANSLATE_NOOP("vl::ui::TokenPanel", "Identity type")},
};
// clang-format on

QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

TokenPanel::TokenPanel(QWidget *parent)
    : QWidget(parent)
    , m_empty(new QLabel(this))
    , m_details(new QWidget(this))
    , m_credential(valueLabel(m_details))
    , m_source(valueLabel(m_details))
    , m_scopes(valueLabel(m_details))
    , m_tenant(valueLabel(m_details))
    , m_expires(valueLabel(m_details))
    , m_claims(new QTreeWidget(m_details))
{
    setObjectName(u"tokenPanel"_s);
    setAccessibleName(tr("Token"));

    m_empty->setObjectName(u"tokenEmpty"_s);
    m_empty->setText(tr("This request carried no token (an anonymous first request, or a token "
                        "request)"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);

    m_credential->setObjectName(u"tokenCredential"_s);
    m_source->setObjectName(u"tokenSource"_s);
    m_scopes->setObjectName(u"tokenScopes"_s);
    m_tenant->setObjectName(u"tokenTenant"_s);
    m_expires->setObjectName(u"tokenExpires"_s);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Credential:"), m_credential);
    form->addRow(tr("Served from:"), m_source);
    form->addRow(tr("Scopes asked:"), m_scopes);
    form->addRow(tr("Tenant asked:"), m_tenant);
    form->addRow(tr("Expires:"), m_expires);

    m_claims->setObjectName(u"tokenClaims"_s);
    m_claims->setAccessibleName(tr("Token claims"));
    m_claims->setColumnCount(2);
    m_claims->setHeaderLabels({tr("Claim"), tr("Value")});
    m_claims->setRootIsDecorated(false);
    m_claims->setUniformRowHeights(true);
    m_claims->setAlternatingRowColors(true);
    m_claims->setWordWrap(false);
    m_claims->setTextElideMode(Qt::ElideMiddle);
    m_claims->header()->setStretchLastSection(true);
    m_claims->setSelectionMode(QAbstractItemView::SingleSelection);
    m_claims->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copy = new QAction(tr("&Copy Value"), m_claims);
    copy->setObjectName(u"copyClaimValue"_s);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    m_claims->addAction(copy);
    connect(copy, &QAction::triggered, this, &TokenPanel::copyValue);

    auto *claimsTitle = new QLabel(tr("&Decoded claims"), m_details);
    claimsTitle->setBuddy(m_claims);

    auto *details = new QVBoxLayout(m_details);
    details->setContentsMargins(0, 0, 0, 0);
    details->addLayout(form);
    details->addWidget(claimsTitle);
    details->addWidget(m_claims, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_empty);
    layout->addWidget(m_details, 1);

    connect(&Presentation::instance(), &Presentation::changed, this, &TokenPanel::refresh);
    refresh();
}

QString TokenPanel::sourceText(TokenSource source)
{
    switch (source) {
    case TokenSource::None:
        return tr("none");
    case TokenSource::MemoryCache:
        return tr("memory cache");
    case TokenSource::RefreshToken:
        return tr("refresh token");
    case TokenSource::Interactive:
        return tr("interactive");
    case TokenSource::DeviceCode:
        return tr("device code");
    case TokenSource::ClientCredential:
        return tr("client credential");
    case TokenSource::Certificate:
        return tr("certificate");
    case TokenSource::ManagedIdentity:
        return tr("managed identity");
    case TokenSource::AzureCli:
        return tr("Azure CLI");
    }
    return tr("unknown");
}

void TokenPanel::setTokenInfo(const std::optional<TokenInfo> &token)
{
    m_token = token;
    refresh();
}

void TokenPanel::refresh()
{
    m_empty->setVisible(!m_token);
    m_details->setVisible(m_token.has_value());
    m_claims->clear();
    if (!m_token) {
        for (QLabel *label : {m_credential, m_source, m_scopes, m_tenant, m_expires})
            label->clear();
        return;
    }
    const Presentation &present = Presentation::instance();
    const TokenInfo &t = *m_token;
    m_credential->setText(t.credential.isEmpty() ? tr("(not named)") : present.text(t.credential));
    m_source->setText(sourceText(t.source));
    m_scopes->setText(t.scopes.isEmpty() ? tr("(none)") : t.scopes.join(u' '));
    m_tenant->setText(t.tenantId.isEmpty() ? tr("the credential's own tenant")
                                           : present.guid(t.tenantId));
    m_expires->setText(t.expiresOn.isValid() ? dateText(t.expiresOn) : tr("(unknown)"));

    QStringList shown;
    const auto addRow = [this](const QString &label, const QString &value, const QString &name) {
        auto *item = new QTreeWidgetItem(m_claims, {label, value});
        item->setToolTip(1, value);
        item->setData(0, Qt::UserRole, name);
    };
    for (const KnownClaim &known : KnownClaims) {
        const QString name = known.name;
        if (!t.claims.contains(name))
            continue;
        shown.append(name);
        addRow(tr("%1 (%2)").arg(tr(known.label), name), claimText(name, t.claims.value(name)),
               name);
    }
    QStringList others = t.claims.keys();
    others.removeIf([&shown](const QString &name) { return shown.contains(name); });
    if (!others.isEmpty()) {
        auto *header = new QTreeWidgetItem(m_claims, {tr("Other claims")});
        header->setFirstColumnSpanned(true);
        header->setFlags(Qt::ItemIsEnabled);
        QFont bold = header->font(0);
        bold.setBold(true);
        header->setFont(0, bold);
        for (const QString &name : std::as_const(others))
            addRow(name, claimText(name, t.claims.value(name)), name);
    }
    m_claims->resizeColumnToContents(0);
    m_claims->setColumnWidth(0, m_claims->columnWidth(0) + fontMetrics().averageCharWidth() * 2);
    m_claims->setCurrentItem(nullptr);
}

void TokenPanel::copyValue()
{
    const QTreeWidgetItem *item = m_claims->currentItem();
    if (item && !item->text(1).isEmpty())
        QApplication::clipboard()->setText(item->text(1));
}

} // namespace vl::ui
