// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "journal/FlowStep.h"

#include <QList>
#include <QWidget>

#include <memory>

class QPainter;

namespace vl::ui {

/**
 * @brief A request's flow drawn as a sequence diagram, in the spirit of
 * Microsoft's diagram of the Key Vault authentication flow.
 *
 * ```
 *   VaultLens    Entra ID    Firewall    Token validation    Authorization    Operation
 *      │ ①──token──►│            │               │                  │              │
 *      │ ②────────────── call ──►│ ✓ 203.0.113.10 │                  │              │
 *      │                         ├──────────────►│ ✓                │              │
 *      │                         │               ├─────────────────►│ ✗ ForbiddenBy…│
 * ```
 *
 * Lifelines for the participants of the explanation's service (Key Vault:
 * VaultLens, Microsoft Entra ID, firewall, token validation, authorization,
 * operation; Resource Manager: VaultLens, Entra ID, Resource Manager, RBAC,
 * operation), numbered arrows in the order of the stages, each stage coloured
 * by its outcome (passed, failed, skipped, unknown) with its summary and
 * evidence beside it. Painted with QPainter from the palette, so it is crisp
 * at any scale and readable in light and dark themes.
 *
 * Several explanations can be shown side by side (a request and its retry).
 *
 * On screen the diagram is scaled down to fit the widget's width (never up),
 * down to half size; the widget has a height for its width, so in a QScrollArea
 * (widgetResizable) it scrolls vertically, and horizontally below half size.
 * Exports (toImage(), toSvg(), exportTo()) are drawn at diagramSize() times
 * their scale, from the same render().
 */
class FlowDiagram : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowDiagram)

public:
    explicit FlowDiagram(QWidget *parent = nullptr);
    ~FlowDiagram() override;

    /// Shows one flow, titled @p title ("GET /secrets · 403").
    void setExplanation(const FlowExplanation &explanation, const QString &title = {});
    /// Shows flows side by side (e.g. the failed request and its retry).
    void setExplanations(const QList<FlowExplanation> &explanations,
                         const QStringList &titles = {});
    void clear();
    [[nodiscard]] const QList<FlowExplanation> &explanations() const { return m_explanations; }

    /// The size the diagram needs at scale 1, for exports and scroll areas.
    [[nodiscard]] QSize diagramSize() const;
    /// Paints the diagram into @p painter at the painter's current transform.
    void render(QPainter &painter) const;
    /// The diagram as an image at @p scale (2: for high-density screens).
    [[nodiscard]] QImage toImage(qreal scale = 1.0) const;
    /// Writes the diagram as PNG (by the file's suffix .png) or SVG (.svg).
    bool exportTo(const QString &path) const;
    /// The diagram as SVG text.
    [[nodiscard]] QByteArray toSvg() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;

    /// The colour a stage of @p outcome is drawn in: mid-saturation tints that
    /// read on light and dark palettes alike.
    [[nodiscard]] static QColor outcomeColor(FlowOutcome outcome);
    /// The lifelines drawn for a flow of @p service, left to right.
    [[nodiscard]] static QStringList participants(Service service);
    /// The numbered badge of step @p step of explanation @p index, in diagram
    /// coordinates at scale 1 (an empty rectangle when there is none).
    [[nodiscard]] QRectF stageBadgeRect(int index, int step) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Layout;
    const Layout &layout() const;
    void invalidate();

    QList<FlowExplanation> m_explanations;
    QStringList m_titles;
    mutable std::unique_ptr<Layout> m_layout;
};

} // namespace vl::ui
