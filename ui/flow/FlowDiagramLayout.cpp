// SPDX-License-Identifier: GPL-3.0-or-later
#include "flow/FlowDiagramLayout.h"

#include "flow/FlowDiagram.h"

#include "Presentation.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace vl::ui::flowdiagram {
namespace {

/// How many characters of one piece of evidence the diagram shows.
constexpr qsizetype MaxEvidence = 280;

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

QString outcomeText(FlowOutcome outcome)
{
    switch (outcome) {
    case FlowOutcome::Passed:
        return FlowDiagram::tr("Passed");
    case FlowOutcome::Failed:
        return FlowDiagram::tr("Failed");
    case FlowOutcome::Skipped:
        return FlowDiagram::tr("Skipped");
    case FlowOutcome::Unknown:
        break;
    }
    return FlowDiagram::tr("Unknown");
}

namespace {

Hop hopOf(Service service, FlowStage stage, int participants)
{
    const int last = std::max(1, participants - 1);
    if (service == Service::KeyVault) {
        switch (stage) {
        case FlowStage::Token:
            return {0, 1, false};
        case FlowStage::Challenge:
            return {2, 0, true};
        case FlowStage::Call:
            return {0, 2, false};
        case FlowStage::Firewall:
            return {2, 3, false};
        case FlowStage::TokenValidation:
            return {3, 4, false};
        case FlowStage::Authorization:
            return {4, 5, false};
        case FlowStage::Operation:
            return {5, 0, true};
        default:
            return {0, last, false};
        }
    }
    if (service == Service::ResourceManager || service == Service::Graph) {
        switch (stage) {
        case FlowStage::Token:
            return {0, 1, false};
        case FlowStage::ResourceManager:
        case FlowStage::Graph:
        case FlowStage::Call:
            return {0, 2, false};
        case FlowStage::Authorization:
            return {2, 3, false};
        case FlowStage::Operation:
            return {3, 4, false};
        default:
            return {0, last, false};
        }
    }
    if (stage == FlowStage::Operation)
        return {last, 0, true};
    return {0, last, false};
}

/// The value of evidence "name: value", or an empty string.
QString evidenceValue(const FlowStep &step, QStringView name)
{
    for (const QString &e : step.evidence)
        if (e.startsWith(name) && e.mid(name.size()).startsWith(u": "_s))
            return e.mid(name.size() + 2);
    return {};
}

QString httpStatus(const FlowStep &step)
{
    for (const QString &e : step.evidence)
        if (e.startsWith(u"HTTP "_s))
            return e;
    return {};
}

/// The short label above a stage's arrow.
QString arrowLabel(Service service, const FlowStep &step)
{
    QString code = evidenceValue(step, u"innererror.code");
    if (code.isEmpty())
        code = evidenceValue(step, u"AADSTS");
    if (code.isEmpty())
        code = evidenceValue(step, u"error.code");
    if (step.outcome == FlowOutcome::Failed && !code.isEmpty())
        return code;
    switch (step.stage) {
    case FlowStage::Token: {
        if (step.outcome == FlowOutcome::Skipped)
            return FlowDiagram::tr("no token yet");
        const QString source = evidenceValue(step, u"source");
        // The shorter form after the separator is drawn when the longer does not fit.
        return source.isEmpty()
                   ? FlowDiagram::tr("token")
                   : QString(FlowDiagram::tr("token from %1").arg(source) + u'\n' + source);
    }
    case FlowStage::Challenge:
        return step.outcome == FlowOutcome::Skipped ? FlowDiagram::tr("no challenge needed")
                                                    : FlowDiagram::tr("401 challenge");
    case FlowStage::Call:
    case FlowStage::ResourceManager:
    case FlowStage::Graph:
    case FlowStage::TokenRequest: {
        const QString status = httpStatus(step);
        return status.isEmpty() ? FlowDiagram::tr("request")
                                : FlowDiagram::tr("request · %1").arg(status);
    }
    case FlowStage::Firewall:
        return FlowDiagram::tr("network rules");
    case FlowStage::TokenValidation:
        return FlowDiagram::tr("token checks");
    case FlowStage::Authorization:
        return service == Service::KeyVault ? FlowDiagram::tr("permissions")
                                            : FlowDiagram::tr("role assignments");
    case FlowStage::Operation: {
        const QString status = httpStatus(step);
        return status.isEmpty() ? FlowDiagram::tr("answer") : status;
    }
    }
    return {};
}

} // namespace

QString verdictOf(const FlowExplanation &e)
{
    if (const FlowStep *failed = e.failedStep())
        return FlowDiagram::tr("Failed at %1").arg(flowStageName(failed->stage));
    const bool allPassed =
        !e.steps.isEmpty() && std::all_of(e.steps.cbegin(), e.steps.cend(), [](const FlowStep &s) {
            return s.outcome == FlowOutcome::Passed || s.outcome == FlowOutcome::Skipped;
        });
    return allPassed ? FlowDiagram::tr("Every stage passed")
                     : FlowDiagram::tr("Not every stage is known");
}

namespace {

QStringList wrap(const QFont &font, const QString &text, qreal width,
                 QTextOption::WrapMode mode = QTextOption::WrapAtWordBoundaryOrAnywhere)
{
    QStringList lines;
    QTextOption option;
    option.setWrapMode(mode);
    for (const QString &paragraph : text.split(u'\n')) {
        if (paragraph.trimmed().isEmpty())
            continue;
        QTextLayout layout(paragraph, font);
        layout.setTextOption(option);
        layout.beginLayout();
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            lines.append(paragraph.mid(line.textStart(), line.textLength()).trimmed());
        }
        layout.endLayout();
    }
    return lines;
}

/// A glyph for @p outcome painted as a path, so that it needs no font: ✓ ✗ – ?
void paintOutcomeIcon(QPainter &p, const QRectF &r, FlowOutcome outcome, const QFont &font)
{
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(FlowDiagram::outcomeColor(outcome));
    p.drawEllipse(r);
    QPen pen(Qt::white, std::max(1.2, r.width() * 0.13), Qt::SolidLine, Qt::RoundCap,
             Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    const auto at = [&r](qreal x, qreal y) {
        return QPointF(r.left() + r.width() * x, r.top() + r.height() * y);
    };
    switch (outcome) {
    case FlowOutcome::Passed: {
        const QPointF check[] = {at(0.28, 0.52), at(0.44, 0.68), at(0.72, 0.36)};
        p.drawPolyline(check, 3);
        break;
    }
    case FlowOutcome::Failed:
        p.drawLine(at(0.33, 0.33), at(0.67, 0.67));
        p.drawLine(at(0.67, 0.33), at(0.33, 0.67));
        break;
    case FlowOutcome::Skipped:
        p.drawLine(at(0.3, 0.5), at(0.7, 0.5));
        break;
    case FlowOutcome::Unknown: {
        QFont f = font;
        f.setBold(true);
        f.setPixelSize(std::max(6, int(r.height() * 0.72)));
        p.setFont(f);
        p.drawText(r, Qt::AlignCenter, u"?"_s);
        break;
    }
    }
    p.restore();
}

using Layout = DiagramLayout;

qreal lineSpacing(const QFont &font)
{
    return QFontMetricsF(font).lineSpacing();
}

qreal textHeight(const Layout::Text &t)
{
    return t.lines.size() * lineSpacing(*t.font);
}

Layout::Text text(const QFont &font, const QStringList &lines, QPointF pos, Ink ink = Ink::Text)
{
    Layout::Text t;
    t.font = &font;
    t.lines = lines;
    t.pos = pos;
    t.ink = ink;
    return t;
}

/// Lays out one explanation at x = 0; returns its panel.
Layout::Panel layoutPanel(const Layout &l, const FlowExplanation &e, const QString &title)
{
    const Presentation &present = Presentation::instance();
    const qreal u = l.unit;
    const qreal boxPad = 0.45 * u;
    // Wide enough for the longest word of a lifeline's name: names wrap between words only.
    qreal colW = 8 * u;
    const QFontMetricsF boldMetrics(l.bold);
    for (const QString &name : FlowDiagram::participants(e.service))
        for (const QString &word : name.split(u' '))
            colW = std::max(colW, boldMetrics.horizontalAdvance(word) + 2 * boxPad + 2);
    const qreal colGap = 0.9 * u;
    const qreal noteGap = 1.6 * u;
    const qreal noteW = 24 * u;
    const qreal rowPad = 0.5 * u;

    Layout::Panel panel;
    const QStringList names = FlowDiagram::participants(e.service);
    const int n = int(names.size());
    const qreal lifelinesW = n * colW + (n - 1) * colGap;
    const qreal notesX = lifelinesW + noteGap;
    panel.width = notesX + noteW;

    // Title and verdict.
    qreal y = 0;
    const QString heading = title.isEmpty()
                                ? FlowDiagram::tr("%1 request").arg(serviceName(e.service))
                                : present.text(title);
    Layout::Text titleText = text(l.title, wrap(l.title, heading, panel.width), {0, y});
    y += textHeight(titleText);
    panel.texts.append(titleText);
    Layout::Text verdict =
        text(l.small, wrap(l.small, verdictOf(e), panel.width), {0, y}, Ink::Dim);
    if (const FlowStep *failed = e.failedStep()) {
        verdict.ink = Ink::Outcome;
        verdict.outcome = failed->outcome;
    }
    y += textHeight(verdict) + 0.7 * u;
    panel.texts.append(verdict);

    // Participant boxes.
    QList<QList<Layout::Text>> boxTexts;
    qreal boxH = 0;
    for (int i = 0; i < n; ++i) {
        const qreal x = i * (colW + colGap);
        panel.centres.append(x + colW / 2);
        QList<Layout::Text> parts;
        Layout::Text name = text(
            l.bold, wrap(l.bold, names.at(i), colW - 2 * boxPad, QTextOption::WordWrap), {x, 0});
        parts.append(name);
        if (e.service == Service::KeyVault && i == 4)
            parts.append(text(
                l.small, wrap(l.small, FlowDiagram::tr("Access policy or RBAC"), colW - 2 * boxPad),
                {x, 0}, Ink::Dim));
        qreal h = 0;
        for (const auto &p : parts)
            h += textHeight(p);
        boxH = std::max(boxH, h + 2 * boxPad);
        boxTexts.append(parts);
    }
    for (int i = 0; i < n; ++i) {
        const qreal x = i * (colW + colGap);
        panel.boxes.append(QRectF(x, y, colW, boxH));
        qreal h = 0;
        for (const auto &p : boxTexts.at(i))
            h += textHeight(p);
        qreal ty = y + (boxH - h) / 2;
        for (Layout::Text p : boxTexts.at(i)) {
            p.pos = {x, ty};
            p.centred = true;
            p.width = colW;
            ty += textHeight(p);
            panel.texts.append(p);
        }
    }
    y += boxH;
    panel.lifelineTop = y;
    y += 0.6 * u;

    // One row per stage: the arrow on the left, the note on the right.
    const qreal smallLine = lineSpacing(l.small);
    const qreal indent = l.badge + 0.4 * u;
    const qreal textW = noteW - indent;
    int number = 0;
    for (const FlowStep &step : e.steps) {
        Layout::Row row;
        row.top = y;
        row.number = ++number;
        row.outcome = step.outcome;
        row.hop = hopOf(e.service, step.stage, n);
        row.hop.from = std::clamp(row.hop.from, 0, n - 1);
        row.hop.to = std::clamp(row.hop.to, 0, n - 1);
        row.label = present.text(arrowLabel(e.service, step));
        row.arrowY = y + rowPad + smallLine + l.badge / 2 + 2;

        qreal ny = y + rowPad;
        const qreal headH = std::max(lineSpacing(l.bold), l.badge);
        row.noteBadge = QRectF(notesX, ny + (headH - l.badge) / 2, l.badge, l.badge);
        const QString stageName = flowStageName(step.stage);
        const qreal nameW = QFontMetricsF(l.bold).horizontalAdvance(stageName);
        const qreal headTextY = ny + (headH - lineSpacing(l.bold)) / 2;
        panel.texts.append(text(l.bold, {stageName}, {notesX + indent, headTextY}));
        const qreal iconSize = 0.8 * lineSpacing(l.bold);
        row.noteIcon = QRectF(notesX + indent + nameW + 0.6 * u, ny + (headH - iconSize) / 2,
                              iconSize, iconSize);
        Layout::Text word = text(l.bold, {outcomeText(step.outcome)},
                                 {row.noteIcon.right() + 0.3 * u, headTextY}, Ink::Outcome);
        word.outcome = step.outcome;
        panel.texts.append(word);
        ny += headH + 0.1 * u;

        if (!step.summary.isEmpty()) {
            Layout::Text summary = text(l.body, wrap(l.body, present.text(step.summary), textW),
                                        {notesX + indent, ny});
            ny += textHeight(summary);
            panel.texts.append(summary);
        }
        for (const QString &evidence : step.evidence) {
            QString shown = present.text(evidence);
            if (shown.size() > MaxEvidence)
                shown = shown.left(MaxEvidence) + u'…';
            Layout::Text ev =
                text(l.small, wrap(l.small, shown, textW), {notesX + indent, ny}, Ink::Dim);
            ny += textHeight(ev) + 0.1 * u;
            panel.texts.append(ev);
        }
        if (step.outcome == FlowOutcome::Failed && !step.remedy.text.isEmpty()) {
            Layout::Text fix =
                text(l.smallBold,
                     wrap(l.smallBold,
                          FlowDiagram::tr("Fix: %1").arg(present.text(step.remedy.text)), textW),
                     {notesX + indent, ny + 0.15 * u});
            ny += textHeight(fix) + 0.15 * u;
            panel.texts.append(fix);
        }
        row.height = std::max(row.arrowY - y + 1.0 * u, ny - y + rowPad);
        y += row.height;
        panel.rows.append(row);
    }
    y += 0.4 * u;
    panel.lifelineBottom = y;
    panel.height = y;
    return panel;
}

} // namespace

void layoutDiagram(DiagramLayout &layout, const QFont &font,
                   const QList<FlowExplanation> &explanations, const QStringList &titles)
{
    DiagramLayout *l = &layout;
    // Pixel sizes, so that screens, images and SVG lay text out alike.
    l->body = font;
    l->body.setPixelSize(std::max(9, QFontInfo(font).pixelSize()));
    l->bold = l->body;
    l->bold.setBold(true);
    l->small = l->body;
    l->small.setPixelSize(std::max(8, int(std::lround(l->body.pixelSize() * 0.86))));
    l->smallBold = l->small;
    l->smallBold.setBold(true);
    l->title = l->bold;
    l->title.setPixelSize(int(std::lround(l->body.pixelSize() * 1.2)));
    l->unit = lineSpacing(l->body);
    l->badge = std::round(1.25 * l->unit);

    const qreal margin = 1.2 * l->unit;
    const qreal panelGap = 2.5 * l->unit;
    qreal x = margin;
    qreal height = 0;
    for (qsizetype i = 0; i < explanations.size(); ++i) {
        Layout::Panel panel = layoutPanel(*l, explanations.at(i), titles.value(i));
        panel.x = x;
        x += panel.width + panelGap;
        height = std::max(height, panel.height);
        l->panels.append(panel);
    }
    qreal width = l->panels.isEmpty() ? 24 * l->unit : x - panelGap + margin;
    qreal y = margin + height;
    if (l->panels.isEmpty()) {
        l->legend.append(
            text(l->body, {FlowDiagram::tr("No request is selected")}, {margin, margin}, Ink::Dim));
        y += lineSpacing(l->body);
    } else {
        // The legend.
        y += 0.5 * l->unit;
        qreal lx = margin;
        const qreal icon = 0.8 * lineSpacing(l->small);
        for (const FlowOutcome o : {FlowOutcome::Passed, FlowOutcome::Failed, FlowOutcome::Skipped,
                                    FlowOutcome::Unknown}) {
            l->legendIcons.append(QRectF(lx, y + (lineSpacing(l->small) - icon) / 2, icon, icon));
            lx += icon + 0.35 * l->unit;
            const QString word = outcomeText(o);
            l->legend.append(text(l->small, {word}, {lx, y}, Ink::Dim));
            lx += QFontMetricsF(l->small).horizontalAdvance(word) + 1.2 * l->unit;
        }
        y += lineSpacing(l->small);
        width = std::max(width, lx + margin);
    }
    l->size = QSizeF(std::ceil(width), std::ceil(y + margin));
}

QRectF badgeRect(const DiagramLayout &l, int index, int step)
{
    if (index < 0 || index >= l.panels.size())
        return {};
    const Layout::Panel &panel = l.panels.at(index);
    if (step < 0 || step >= panel.rows.size())
        return {};
    const Layout::Row &row = panel.rows.at(step);
    const qreal x1 = panel.centres.at(row.hop.from);
    const qreal x2 = panel.centres.at(row.hop.to);
    const qreal dir = x2 >= x1 ? 1 : -1;
    const qreal margin = 1.2 * l.unit;
    const QPointF centre(panel.x + x1 + dir * (l.badge / 2 + 3), margin + row.arrowY);
    return QRectF(centre - QPointF(l.badge / 2, l.badge / 2), QSizeF(l.badge, l.badge));
}
namespace {

void paintTexts(QPainter &p, const QList<Layout::Text> &texts, const QPalette &palette)
{
    const QColor ink = palette.color(QPalette::Text);
    const QColor dim = mix(ink, palette.color(QPalette::Base), 0.3);
    for (const Layout::Text &t : texts) {
        switch (t.ink) {
        case Ink::Text:
            p.setPen(ink);
            break;
        case Ink::Dim:
            p.setPen(dim);
            break;
        case Ink::Outcome:
            p.setPen(t.outcome == FlowOutcome::Skipped ? dim
                                                       : FlowDiagram::outcomeColor(t.outcome));
            break;
        }
        p.setFont(*t.font);
        const QFontMetricsF fm(*t.font);
        qreal y = t.pos.y();
        for (const QString &line : t.lines) {
            qreal x = t.pos.x();
            if (t.centred)
                x += (t.width - fm.horizontalAdvance(line)) / 2;
            p.drawText(QPointF(x, y + fm.ascent()), line);
            y += fm.lineSpacing();
        }
    }
}

void paintBadge(QPainter &p, const QRectF &r, int number, FlowOutcome outcome, const QFont &font)
{
    p.setPen(Qt::NoPen);
    p.setBrush(FlowDiagram::outcomeColor(outcome));
    p.drawEllipse(r);
    p.setPen(Qt::white);
    p.setFont(font);
    p.drawText(r, Qt::AlignCenter, QString::number(number));
}

void paintArrow(QPainter &p, const Layout &l, const Layout::Panel &panel, const Layout::Row &row,
                const QPalette &palette)
{
    const qreal u = l.unit;
    const qreal x1 = panel.centres.at(row.hop.from);
    const qreal x2 = panel.centres.at(row.hop.to);
    const qreal y = row.arrowY;
    const qreal dir = x2 >= x1 ? 1 : -1;
    const QColor colour = FlowDiagram::outcomeColor(row.outcome);
    const QColor dim = mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.45);

    QPen pen(colour, 2.0, Qt::SolidLine, Qt::FlatCap);
    if (row.hop.reply)
        pen.setDashPattern({4, 3});
    if (row.outcome == FlowOutcome::Skipped)
        pen.setDashPattern({2, 3});
    if (row.outcome == FlowOutcome::Unknown)
        pen.setDashPattern({1, 2.5});

    const QRectF badge(QPointF(x1 + dir * (l.badge / 2 + 3) - l.badge / 2, y - l.badge / 2),
                       QSizeF(l.badge, l.badge));
    const qreal start = x1 + dir * (l.badge + 3);
    const qreal head = 0.6 * u;
    qreal end = x2 - dir * 1.5;
    if (row.outcome == FlowOutcome::Failed) {
        // Blocked: the line stops at a cross; the rest of the way is faint.
        const qreal stop = start + (end - start) * 0.62;
        p.setPen(QPen(dim, 1.2, Qt::DotLine));
        p.drawLine(QPointF(stop + dir * 0.5 * u, y), QPointF(end, y));
        p.setPen(pen);
        p.drawLine(QPointF(start, y), QPointF(stop, y));
        const qreal c = 0.38 * u;
        p.setPen(QPen(colour, 2.6, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(QPointF(stop - c, y - c), QPointF(stop + c, y + c));
        p.drawLine(QPointF(stop - c, y + c), QPointF(stop + c, y - c));
        end = stop;
    } else {
        p.setPen(pen);
        p.drawLine(QPointF(start, y), QPointF(end - dir * head * 0.6, y));
        const QPointF tip(end, y);
        const QPointF a(end - dir * head, y - head * 0.5);
        const QPointF b(end - dir * head, y + head * 0.5);
        if (row.hop.reply) {
            p.setPen(QPen(colour, 2.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            const QPointF open[] = {a, tip, b};
            p.drawPolyline(open, 3);
        } else {
            p.setPen(Qt::NoPen);
            p.setBrush(colour);
            const QPointF closed[] = {a, tip, b};
            p.drawPolygon(closed, 3);
            p.setBrush(Qt::NoBrush);
        }
    }
    paintBadge(p, badge, row.number, row.outcome, l.smallBold);

    // The label above the line (and above the badge), elided to the span.
    const qreal left = std::min(x1, x2) + 4;
    const qreal span = std::abs(x2 - x1) - 8;
    const QFontMetricsF fm(l.small);
    const QStringList forms = row.label.split(u'\n');
    QString label = forms.constLast();
    for (const QString &form : forms) {
        if (fm.horizontalAdvance(form) <= span) {
            label = form;
            break;
        }
    }
    label = fm.elidedText(label, Qt::ElideRight, span);
    p.setFont(l.small);
    p.setPen(row.outcome == FlowOutcome::Failed ? colour : palette.color(QPalette::Text));
    const qreal w = fm.horizontalAdvance(label);
    p.drawText(QPointF(left + (span - w) / 2, y - l.badge / 2 - 2 - fm.descent()), label);
}

void paintPanel(QPainter &p, const Layout &l, const Layout::Panel &panel, const QPalette &palette)
{
    const QColor ink = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    // Row bands, so that an arrow and its note read as one line.
    for (qsizetype i = 0; i < panel.rows.size(); ++i) {
        const Layout::Row &row = panel.rows.at(i);
        if (i % 2 == 0)
            p.fillRect(QRectF(0, row.top, panel.width, row.height), mix(base, ink, 0.045));
    }
    // Lifelines and participant boxes.
    p.setPen(QPen(mix(ink, base, 0.55), 1.2, Qt::DashLine));
    for (const qreal x : panel.centres)
        p.drawLine(QPointF(x, panel.lifelineTop), QPointF(x, panel.lifelineBottom));
    for (const QRectF &box : panel.boxes) {
        p.setPen(QPen(mix(ink, base, 0.5), 1.2));
        p.setBrush(mix(palette.color(QPalette::Button), base, 0.3));
        p.drawRoundedRect(box, 0.35 * l.unit, 0.35 * l.unit);
    }
    p.setBrush(Qt::NoBrush);
    paintTexts(p, panel.texts, palette);
    for (const Layout::Row &row : panel.rows) {
        paintArrow(p, l, panel, row, palette);
        paintBadge(p, row.noteBadge, row.number, row.outcome, l.smallBold);
        paintOutcomeIcon(p, row.noteIcon, row.outcome, l.bold);
    }
}

} // namespace
void paintDiagram(QPainter &painter, const DiagramLayout &l, const QPalette &pal)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.fillRect(QRectF(QPointF(0, 0), l.size), pal.color(QPalette::Base));
    const qreal margin = 1.2 * l.unit;
    for (const Layout::Panel &panel : l.panels) {
        painter.save();
        painter.translate(panel.x, margin);
        paintPanel(painter, l, panel, pal);
        painter.restore();
    }
    paintTexts(painter, l.legend, pal);
    const QList<FlowOutcome> outcomes{FlowOutcome::Passed, FlowOutcome::Failed,
                                      FlowOutcome::Skipped, FlowOutcome::Unknown};
    for (qsizetype i = 0; i < l.legendIcons.size(); ++i)
        paintOutcomeIcon(painter, l.legendIcons.at(i), outcomes.at(i), l.small);
    painter.restore();
}

} // namespace vl::ui::flowdiagram
