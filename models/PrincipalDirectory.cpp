// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrincipalDirectory.h"

#include "Presentation.h"
#include "http/AllPages.h"
#include "util/Future.h"

#include <QImage>
#include <QPainter>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace vl {

PrincipalDirectory::PrincipalDirectory(std::optional<graph::GraphClient> graph, QObject *parent)
    : QObject(parent)
    , m_graph(std::move(graph))
{}

PrincipalDirectory::~PrincipalDirectory() = default;

const graph::Principal *PrincipalDirectory::find(const QString &id) const
{
    const auto it = m_known.constFind(id.toLower());
    return it == m_known.constEnd() ? nullptr : &*it;
}

bool PrincipalDirectory::isPending(const QString &id) const
{
    return m_pending.contains(id.toLower());
}

void PrincipalDirectory::insert(const graph::Principal &principal)
{
    if (!principal.id.isEmpty())
        m_known.insert(principal.id.toLower(), principal);
}

void PrincipalDirectory::resolve(const QStringList &ids)
{
    QStringList wanted;
    for (const QString &id : ids) {
        const QString key = id.toLower();
        if (key.isEmpty() || m_known.contains(key) || m_pending.contains(key)
            || wanted.contains(key))
            continue;
        wanted.append(key);
    }
    if (wanted.isEmpty())
        return;
    if (!m_graph) {
        Q_EMIT failed(AzureError::network(tr("No Microsoft Graph access for this account")));
        return;
    }
    for (const QString &id : std::as_const(wanted))
        m_pending.insert(id);
    onFinished(m_graph->resolve(wanted), this,
               [this, wanted](const Result<QList<graph::Principal>> &r) {
                   for (const QString &id : wanted)
                       m_pending.remove(id);
                   if (!r) {
                       Q_EMIT failed(r.error());
                       return;
                   }
                   for (const graph::Principal &p : *r)
                       m_known.insert(p.id.toLower(), p);
                   Q_EMIT resolved(wanted);
               });
}

void PrincipalDirectory::resolveGroupsOf(const QString &id, graph::PrincipalKind kind)
{
    const QString key = id.toLower();
    if (key.isEmpty() || !m_graph || m_groups.contains(key) || m_pendingGroups.contains(key))
        return;
    m_pendingGroups.insert(key);
    const graph::GraphClient client = *m_graph;
    std::function<QFuture<Result<Page<graph::Principal>>>(const QUrl &)> fetch =
        [client, key, kind](const QUrl &next) {
            return next.isEmpty() ? client.transitiveMemberOf(key, kind)
                                  : client.next(next, graph::PrincipalKind::Unknown);
        };
    onFinished(allPages<graph::Principal>(std::move(fetch)), this,
               [this, key](const Result<QList<graph::Principal>> &r) {
                   m_pendingGroups.remove(key);
                   // Unread (an account Graph does not let list them): the groups stay
                   // unknown and callers go on with the id alone.
                   if (!r)
                       return;
                   QStringList groups;
                   for (const graph::Principal &p : *r) {
                       if (p.kind != graph::PrincipalKind::Group)
                           continue;
                       groups.append(p.id.toLower());
                       m_known.insert(p.id.toLower(), p);
                   }
                   m_groups.insert(key, groups);
                   Q_EMIT groupsResolved(key);
               });
}

std::optional<QStringList> PrincipalDirectory::groupsOf(const QString &id) const
{
    const auto it = m_groups.constFind(id.toLower());
    return it == m_groups.cend() ? std::nullopt : std::optional(*it);
}

void PrincipalDirectory::resolveApplications(const QStringList &appIds)
{
    for (const QString &appId : appIds) {
        const QString key = appId.trimmed().toLower();
        if (key.isEmpty() || m_applications.contains(key) || m_pendingApplications.contains(key)
            || !m_graph)
            continue;
        m_pendingApplications.insert(key);
        onFinished(m_graph->servicePrincipalByAppId(key), this,
                   [this, key](const Result<graph::Principal> &r) {
                       m_pendingApplications.remove(key);
                       if (!r) {
                           Q_EMIT failed(r.error());
                           return;
                       }
                       m_applications.insert(key, *r);
                       if (r->isResolved())
                           m_known.insert(r->id.toLower(), *r);
                       Q_EMIT resolved({key});
                   });
    }
}

const graph::Principal *PrincipalDirectory::findApplication(const QString &appId) const
{
    const auto it = m_applications.constFind(appId.trimmed().toLower());
    return it == m_applications.constEnd() ? nullptr : &*it;
}

QString PrincipalDirectory::applicationLabel(const QString &appId) const
{
    const graph::Principal *p = findApplication(appId);
    if (p && p->isResolved())
        return Presentation::instance().text(p->label());
    return tr("application %1").arg(Presentation::instance().guid(appId));
}

QString PrincipalDirectory::label(const QString &id) const
{
    const graph::Principal *p = find(id);
    if (!p)
        return Presentation::instance().guid(id);
    if (!p->isResolved())
        return tr("Unknown principal");
    return Presentation::instance().text(p->label());
}

QString PrincipalDirectory::kindLabel(const QString &id) const
{
    const graph::Principal *p = find(id);
    return p ? graph::kindName(p->kind) : tr("Not resolved");
}

namespace {

QIcon drawnPrincipal(graph::PrincipalKind kind)
{
    constexpr int Size = 32;
    QImage image(Size, Size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    switch (kind) {
    case graph::PrincipalKind::User:
        p.setBrush(QColor(0x3d, 0x85, 0xc6));
        p.drawEllipse(QRectF(10, 3, 12, 12));
        p.drawRoundedRect(QRectF(4, 17, 24, 13), 6, 6);
        break;
    case graph::PrincipalKind::Group:
        p.setBrush(QColor(0x4f, 0x8f, 0x6b));
        p.drawEllipse(QRectF(3, 5, 10, 10));
        p.drawRoundedRect(QRectF(0, 17, 16, 11), 5, 5);
        p.drawEllipse(QRectF(17, 5, 10, 10));
        p.drawRoundedRect(QRectF(14, 17, 18, 11), 5, 5);
        break;
    case graph::PrincipalKind::ServicePrincipal:
    case graph::PrincipalKind::Application:
        p.setBrush(QColor(0x8a, 0x5c, 0xc2));
        p.drawRoundedRect(QRectF(4, 4, 24, 24), 5, 5);
        p.setBrush(Qt::white);
        for (int row = 0; row < 2; ++row)
            for (int col = 0; col < 2; ++col)
                p.drawRect(QRectF(9 + col * 8, 9 + row * 8, 6, 6));
        break;
    case graph::PrincipalKind::ManagedIdentity: {
        p.setBrush(QColor(0xd0, 0x9a, 0x1e));
        QPolygonF shield{QPointF(16, 2),  QPointF(29, 7), QPointF(27, 20),
                         QPointF(16, 30), QPointF(5, 20), QPointF(3, 7)};
        p.drawPolygon(shield);
        p.setBrush(Qt::white);
        p.drawEllipse(QRectF(12, 9, 8, 8));
        p.drawRect(QRectF(15, 16, 2, 8));
        break;
    }
    case graph::PrincipalKind::Unknown: {
        p.setBrush(QColor(0x8c, 0x8c, 0x8c));
        p.drawEllipse(QRectF(3, 3, 26, 26));
        QFont font;
        font.setPixelSize(20);
        font.setBold(true);
        p.setFont(font);
        p.setPen(Qt::white);
        p.drawText(QRectF(3, 3, 26, 26), Qt::AlignCenter, u"?"_s);
        break;
    }
    }
    p.end();
    return QIcon(QPixmap::fromImage(image));
}

} // namespace

QIcon principalIcon(graph::PrincipalKind kind)
{
    static QHash<int, QIcon> cache;
    const auto it = cache.constFind(int(kind));
    if (it != cache.constEnd())
        return *it;
    // The same picture when selected: the default tint would hide the blue user icon
    // on the selection's highlight.
    QIcon icon = drawnPrincipal(kind);
    const QPixmap pixmap = icon.pixmap(32, 32);
    icon.addPixmap(pixmap, QIcon::Selected, QIcon::Off);
    icon.addPixmap(pixmap, QIcon::Selected, QIcon::On);
    cache.insert(int(kind), icon);
    return icon;
}

} // namespace vl
