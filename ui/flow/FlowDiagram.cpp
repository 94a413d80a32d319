// SPDX-License-Identifier: GPL-3.0-or-later
#include "flow/FlowDiagram.h"

#include "Presentation.h"
#include "flow/FlowDiagramLayout.h"

#include <QBuffer>
#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include <cmath>

using namespace Qt::StringLiterals;

namespace vl::ui {

using flowdiagram::outcomeText;
using flowdiagram::verdictOf;

struct FlowDiagram::Layout : flowdiagram::DiagramLayout
{};

FlowDiagram::FlowDiagram(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"flowDiagram"_s);
    setAccessibleName(tr("Request flow diagram"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    connect(&Presentation::instance(), &Presentation::changed, this,
            [this] { setExplanations(m_explanations, m_titles); });
}

FlowDiagram::~FlowDiagram() = default;

void FlowDiagram::setExplanation(const FlowExplanation &explanation, const QString &title)
{
    setExplanations({explanation}, title.isEmpty() ? QStringList() : QStringList{title});
}

void FlowDiagram::setExplanations(const QList<FlowExplanation> &explanations,
                                  const QStringList &titles)
{
    m_explanations = explanations;
    m_titles = titles;

    QStringList description;
    for (qsizetype i = 0; i < m_explanations.size(); ++i) {
        const FlowExplanation &e = m_explanations.at(i);
        const QString title = i < m_titles.size() && !m_titles.at(i).isEmpty()
                                  ? Presentation::instance().text(m_titles.at(i))
                                  : tr("%1 request").arg(serviceName(e.service));
        QStringList stages;
        int number = 0;
        for (const FlowStep &s : e.steps)
            stages.append(tr("%1. %2: %3. %4")
                              .arg(++number)
                              .arg(flowStageName(s.stage), outcomeText(s.outcome),
                                   Presentation::instance().text(s.summary)));
        description.append(tr("%1. %2.", "title, verdict").arg(title, verdictOf(e)) + u' '
                           + stages.join(u' '));
    }
    setAccessibleDescription(description.isEmpty() ? tr("No request is shown")
                                                   : description.join(u"\n"_s));
    invalidate();
}

void FlowDiagram::clear()
{
    setExplanations({}, {});
}

QColor FlowDiagram::outcomeColor(FlowOutcome outcome)
{
    switch (outcome) {
    case FlowOutcome::Passed:
        return QColor(0x2f, 0x9a, 0x5a);
    case FlowOutcome::Failed:
        return QColor(0xd6, 0x45, 0x45);
    case FlowOutcome::Skipped:
        return QColor(0x8b, 0x90, 0x99);
    case FlowOutcome::Unknown:
        break;
    }
    return QColor(0xc8, 0x8a, 0x1c);
}

QStringList FlowDiagram::participants(Service service)
{
    const QString app = u"VaultLens"_s;
    const QString entra = tr("Microsoft Entra ID");
    switch (service) {
    case Service::KeyVault:
        return {app,
                entra,
                tr("Firewall"),
                tr("Token validation"),
                tr("Authorization"),
                tr("Operation")};
    case Service::ResourceManager:
        return {app, entra, tr("Resource Manager"), tr("RBAC"), tr("Operation")};
    case Service::Graph:
        return {app, entra, tr("Microsoft Graph"), tr("Directory permissions"), tr("Operation")};
    case Service::EntraId:
        return {app, entra};
    case Service::ManagedIdentity:
        return {app, tr("Managed identity endpoint")};
    case Service::Other:
        break;
    }
    return {app, tr("Service")};
}

void FlowDiagram::invalidate()
{
    m_layout.reset();
    updateGeometry();
    update();
}
const FlowDiagram::Layout &FlowDiagram::layout() const
{
    if (!m_layout) {
        auto l = std::make_unique<Layout>();
        flowdiagram::layoutDiagram(*l, font(), m_explanations, m_titles);
        m_layout = std::move(l);
    }
    return *m_layout;
}

QSize FlowDiagram::diagramSize() const
{
    return layout().size.toSize();
}
QRectF FlowDiagram::stageBadgeRect(int index, int step) const
{
    return flowdiagram::badgeRect(layout(), index, step);
}

void FlowDiagram::render(QPainter &painter) const
{
    flowdiagram::paintDiagram(painter, layout(), palette());
}

QImage FlowDiagram::toImage(qreal scale) const
{
    const QSize size = diagramSize();
    QImage image((QSizeF(size) * scale).toSize(), QImage::Format_ARGB32);
    if (image.isNull())
        return image;
    image.setDevicePixelRatio(scale);
    image.fill(palette().color(QPalette::Base));
    QPainter painter(&image);
    render(painter);
    painter.end();
    return image;
}

QByteArray FlowDiagram::toSvg() const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const QSize size = diagramSize();
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setResolution(96);
    generator.setTitle(tr("Request flow"));
    generator.setDescription(accessibleDescription());
    QPainter painter(&generator);
    render(painter);
    painter.end();
    return buffer.data();
}

bool FlowDiagram::exportTo(const QString &path) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == "png"_L1) {
        const QImage image = toImage(2.0);
        return !image.isNull() && image.save(path, "PNG");
    }
    if (suffix == "svg"_L1) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        const QByteArray svg = toSvg();
        return file.write(svg) == svg.size() && file.flush();
    }
    return false;
}

QSize FlowDiagram::sizeHint() const
{
    return diagramSize();
}

QSize FlowDiagram::minimumSizeHint() const
{
    const QSize size = diagramSize();
    return QSize(size.width() / 2, size.height() / 2);
}

bool FlowDiagram::hasHeightForWidth() const
{
    return true;
}

int FlowDiagram::heightForWidth(int width) const
{
    const QSizeF size = layout().size;
    const qreal scale = std::clamp(width / size.width(), 0.5, 1.0);
    return int(std::ceil(size.height() * scale));
}

void FlowDiagram::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QSizeF size = layout().size;
    const qreal scale = std::clamp(width() / size.width(), 0.5, 1.0);
    const qreal x = std::max(0.0, (width() - size.width() * scale) / 2);
    painter.translate(x, 0);
    painter.scale(scale, scale);
    render(painter);
}

void FlowDiagram::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange
        || event->type() == QEvent::StyleChange)
        invalidate();
    QWidget::changeEvent(event);
}

} // namespace vl::ui
