// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The flow diagram's geometry and painting, apart from the widget.

#include "journal/FlowStep.h"

#include <QFont>
#include <QList>
#include <QRectF>
#include <QSizeF>
#include <QStringList>

class QPainter;
class QPalette;

namespace vl::ui::flowdiagram {

/// What a piece of text is painted with.
enum class Ink { Text, Dim, Outcome };

/// An arrow between two lifelines; a reply is drawn dashed with an open head.
struct Hop
{
    int from = 0;
    int to = 1;
    bool reply = false;
};

/// Where everything of a diagram goes, at scale 1.
struct DiagramLayout
{
    struct Text
    {
        const QFont *font = nullptr;
        QStringList lines;
        QPointF pos; ///< top left, in panel coordinates
        Ink ink = Ink::Text;
        FlowOutcome outcome = FlowOutcome::Unknown;
        bool centred = false;
        qreal width = 0; ///< for centred text
    };
    struct Row
    {
        qreal top = 0;
        qreal height = 0;
        qreal arrowY = 0;
        Hop hop;
        FlowOutcome outcome = FlowOutcome::Unknown;
        int number = 0;
        QString label;
        QRectF noteBadge;
        QRectF noteIcon;
    };
    struct Panel
    {
        qreal x = 0;
        qreal width = 0;
        qreal height = 0;
        qreal lifelineTop = 0;
        qreal lifelineBottom = 0;
        QList<qreal> centres;
        QList<QRectF> boxes;
        QList<Row> rows;
        QList<Text> texts;
    };

    QFont body;
    QFont bold;
    QFont small;
    QFont smallBold;
    QFont title;
    qreal unit = 16;
    qreal badge = 18;
    QSizeF size;
    QList<Panel> panels;
    QList<Text> legend; ///< in diagram coordinates
    QList<QRectF> legendIcons;
};

/// Lays @p explanations out side by side with fonts derived from @p font.
void layoutDiagram(DiagramLayout &l, const QFont &font, const QList<FlowExplanation> &explanations,
                   const QStringList &titles);
/// The numbered badge of step @p step of panel @p index, or an empty rectangle.
[[nodiscard]] QRectF badgeRect(const DiagramLayout &l, int index, int step);
/// Paints the laid out diagram at the painter's transform with @p palette.
void paintDiagram(QPainter &painter, const DiagramLayout &l, const QPalette &palette);
/// "Passed", "Failed", "Skipped", "Unknown", translated.
[[nodiscard]] QString outcomeText(FlowOutcome outcome);
/// "Failed at Firewall", "Every stage passed", ...
[[nodiscard]] QString verdictOf(const FlowExplanation &e);

} // namespace vl::ui::flowdiagram
