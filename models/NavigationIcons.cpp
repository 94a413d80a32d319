// SPDX-License-Identifier: GPL-3.0-or-later
#include "NavigationIcons.h"

#include "NavigationModel.h"

#include <QHash>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace vl {
namespace {

// Semantic tints that read on light and dark palettes alike.
const QColor AccountTint(0x3d, 0x85, 0xc6);
const QColor TenantTint(0x6a, 0x73, 0x8c);
const QColor SubscriptionTint(0xd0, 0x9a, 0x1e);
const QColor GroupTint(0x4f, 0x8f, 0x6b);
const QColor VaultTint(0x8a, 0x5c, 0xc2);
const QColor ErrorTint(0xd0, 0x3b, 0x3b);

QIcon drawn(NavigationNodeKind kind)
{
    constexpr int Size = 32;
    QImage image(Size, Size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    switch (kind) {
    case NavigationNodeKind::Account:
        p.setPen(Qt::NoPen);
        p.setBrush(AccountTint);
        p.drawEllipse(QRectF(10, 3, 12, 12));
        p.drawRoundedRect(QRectF(4, 17, 24, 13), 6, 6);
        break;
    case NavigationNodeKind::Tenant:
        p.setPen(Qt::NoPen);
        p.setBrush(TenantTint);
        p.drawRect(QRectF(6, 4, 20, 26));
        p.setBrush(Qt::white);
        for (int row = 0; row < 3; ++row)
            for (int col = 0; col < 2; ++col)
                p.drawRect(QRectF(10 + col * 8, 8 + row * 6, 4, 3));
        p.drawRect(QRectF(13, 24, 6, 6));
        break;
    case NavigationNodeKind::Subscription: {
        p.setPen(Qt::NoPen);
        p.setBrush(SubscriptionTint);
        p.drawEllipse(QRectF(3, 9, 14, 14));
        p.drawRect(QRectF(14, 14, 15, 4));
        p.drawRect(QRectF(23, 18, 3, 5));
        p.drawRect(QRectF(18, 18, 3, 4));
        p.setBrush(Qt::white);
        p.drawEllipse(QRectF(7, 13, 6, 6));
        break;
    }
    case NavigationNodeKind::ResourceGroup: {
        QPen pen(GroupTint, 3);
        pen.setCapStyle(Qt::FlatCap);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(QPolygonF{QPointF(11, 5), QPointF(5, 5), QPointF(5, 27), QPointF(11, 27)});
        p.drawPolyline(QPolygonF{QPointF(21, 5), QPointF(27, 5), QPointF(27, 27), QPointF(21, 27)});
        p.setPen(Qt::NoPen);
        p.setBrush(GroupTint);
        p.drawRect(QRectF(11, 11, 10, 10));
        break;
    }
    case NavigationNodeKind::Vault: {
        p.setPen(Qt::NoPen);
        p.setBrush(VaultTint);
        p.drawRoundedRect(QRectF(3, 4, 26, 24), 4, 4);
        p.setBrush(Qt::white);
        p.drawEllipse(QRectF(10, 9, 12, 12));
        p.setBrush(VaultTint);
        p.drawEllipse(QRectF(13, 12, 6, 6));
        p.setBrush(Qt::white);
        p.drawRect(QRectF(15, 13, 2, 4));
        p.setBrush(VaultTint.darker(130));
        p.drawRect(QRectF(6, 28, 5, 2));
        p.drawRect(QRectF(21, 28, 5, 2));
        break;
    }
    case NavigationNodeKind::Error: {
        p.setPen(Qt::NoPen);
        p.setBrush(ErrorTint);
        p.drawEllipse(QRectF(3, 3, 26, 26));
        p.setBrush(Qt::white);
        p.drawRoundedRect(QRectF(14, 8, 4, 11), 2, 2);
        p.drawEllipse(QRectF(14, 21, 4, 4));
        break;
    }
    case NavigationNodeKind::Loading: {
        QPen pen(TenantTint, 3);
        pen.setCapStyle(Qt::RoundCap);
        p.setPen(pen);
        p.drawArc(QRectF(6, 6, 20, 20), 90 * 16, 270 * 16);
        break;
    }
    }
    p.end();
    return QIcon(QPixmap::fromImage(image));
}

QString themeName(NavigationNodeKind kind)
{
    switch (kind) {
    case NavigationNodeKind::Account:
        return u"user-identity"_s;
    case NavigationNodeKind::Tenant:
        return u"network-workgroup"_s;
    case NavigationNodeKind::Subscription:
        return u"view-certificate"_s;
    case NavigationNodeKind::ResourceGroup:
        return u"folder"_s;
    case NavigationNodeKind::Vault:
        return u"security-high"_s;
    case NavigationNodeKind::Error:
        return u"dialog-error"_s;
    case NavigationNodeKind::Loading:
        return u"content-loading"_s;
    }
    return {};
}

} // namespace

QIcon navigationIcon(NavigationNodeKind kind)
{
    static QHash<int, QIcon> cache;
    const auto it = cache.constFind(int(kind));
    if (it != cache.constEnd())
        return *it;
    const QIcon icon = QIcon::fromTheme(themeName(kind), drawn(kind));
    cache.insert(int(kind), icon);
    return icon;
}

} // namespace vl
