import Foundation

/// Renders an `EvaluationReport` as one self-contained HTML page (`rules eval --format html`).
///
/// No external assets: styles are inline, the precision–recall curve and the per-category bars
/// are inline SVG, and a Content-Security-Policy forbids scripts and remote loads. Every string
/// that comes from the corpus or the pack goes through `HTMLEscaping.escape`, in text and in
/// attributes alike.
public struct EvaluationHTMLRenderer: Sendable {
    public init() {}

    static let labelColors: [CorpusLabel: String] = [
        .recruitment: "#c0392b", .notRecruitment: "#2e86c1", .victimLead: "#d68910",
    ]

    public func render(_ report: EvaluationReport) -> String {
        let m = report.matrix
        var title = "Patroli evaluation: \(report.packName) \(report.packVersion)"
        if let split = report.split { title += " (\(split))" }
        var html = Self.pageStart(title: title)
        var subtitle = "\(report.posts) posts"
        if let corpus = report.corpus { subtitle += " from \(corpus)" }
        subtitle += "; flagged at score ≥ \(num(report.threshold)) (pack review threshold \(num(report.reviewThreshold))). "
            + "Positive class: recruitment; not_recruitment and victim_lead posts are negatives."
        html += "<p class=\"sub\">\(e(subtitle))</p>\n"
        html += "<div class=\"cards\">"
            + card("precision", ratio(m.precision)) + card("recall", ratio(m.recall)) + card("F1", ratio(m.f1))
            + card("flagged", "\(m.predictedPositive) of \(m.posts)")
            + card("victim leads flagged", "\(report.victimLeads.flagged) of \(report.victimLeads.posts)")
            + "</div>\n"
        html += "<h2>Confusion matrix</h2>\n<table class=\"matrix\"><tr><th></th><th>flagged</th><th>not flagged</th></tr>"
            + "<tr><th>recruitment</th><td class=\"good\">TP \(m.truePositives)</td><td class=\"bad\">FN \(m.falseNegatives)</td></tr>"
            + "<tr><th>not recruitment</th><td class=\"bad\">FP \(m.falsePositives)</td><td class=\"good\">TN \(m.trueNegatives)</td></tr></table>\n"
        html += "<div class=\"charts\">\n<figure><figcaption>Precision–recall curve (one point per threshold)</figcaption>\n"
            + precisionRecallCurve(report) + "</figure>\n"
            + "<figure><figcaption>Posts hit per category, by label</figcaption>\n" + categoryBars(report) + "</figure>\n</div>\n"
        html += labelsAndKinds(report)
        html += rulesTable(report)
        html += sweepTable(report)
        html += postList("False positives", report.falsePositives)
        html += postList("False negatives", report.falseNegatives)
        html += "</body>\n</html>\n"
        return html
    }

    // MARK: Sections

    /// The page up to and including its `<h1>`: the strict CSP, the shared style, the title.
    static func pageStart(title: String) -> String {
        let title = HTMLEscaping.escape(title)
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>\(style)</style>
            </head>
            <body>
            <h1>\(title)</h1>

            """
    }

    func card(_ name: String, _ value: String) -> String {
        "<div class=\"card\"><div class=\"value\">\(e(value))</div><div class=\"name\">\(e(name))</div></div>"
    }

    /// One post as an article: id, score and meta line, the text, and the rules that fired.
    func article(id: String, outcome: PostOutcome, meta: String, extra: String = "") -> String {
        var html = "<article><header><code>\(e(id))</code> <span class=\"score\">score \(e(num(outcome.score))) (\(e(outcome.risk.rawValue)))</span>"
            + " <span class=\"meta\">\(e(meta))</span></header>\n" + extra
            + "<blockquote>\(e(outcome.post.text))</blockquote>\n<ul>"
        if outcome.contributions.isEmpty { html += "<li>no rule fired</li>" }
        for contribution in outcome.contributions {
            let points = contribution.points < 0 ? num(contribution.points) : "+" + num(contribution.points)
            html += "<li><b>\(e(points))</b> <code>\(e(contribution.ruleID))</code> <span class=\"meta\">\(e(contribution.category))</span></li>"
        }
        return html + "</ul></article>\n"
    }

    private func labelsAndKinds(_ report: EvaluationReport) -> String {
        var html = "<h2>By label</h2>\n<table><tr><th>label</th><th>posts</th><th>flagged</th></tr>"
        for label in CorpusLabel.allCases {
            let tally = report.byLabel[label] ?? Tally()
            html += "<tr><td>\(swatch(label))\(e(label.rawValue))</td><td>\(tally.posts)</td><td>\(tally.flagged)</td></tr>"
        }
        html += "</table>\n"
        let victims = report.victimLeads
        html += "<p>Victim leads: \(victims.flagged) of \(victims.posts) flagged; \(victims.withVictimRule) of \(victims.posts) "
            + "had a rule of category <code>\(e(Evaluator.victimLeadCategory))</code> fire.</p>\n"
        html += "<h2>By kind</h2>\n<table><tr><th>kind</th><th>flagged</th>"
            + CorpusLabel.allCases.map { "<th>\(e($0.rawValue)) flagged</th>" }.joined() + "</tr>"
        for kind in report.byKind {
            html += "<tr><td>\(e(kind.kind))</td><td>\(kind.total.flagged) of \(kind.total.posts)</td>"
            for label in CorpusLabel.allCases {
                let cell = kind.byLabel[label].map { "\($0.flagged) of \($0.posts)" } ?? "–"
                html += "<td>\(e(cell))</td>"
            }
            html += "</tr>"
        }
        return html + "</table>\n"
    }

    private func rulesTable(_ report: EvaluationReport) -> String {
        var html = "<h2>Rules</h2>\n<table class=\"num\"><tr><th>rule</th><th>category</th><th>weight</th><th>posts hit</th>"
            + "<th>TP</th><th>FP</th><th>precision</th><th>recall lost</th></tr>"
        for rule in report.rules {
            let quiet = rule.postsHit == 0 ? " class=\"quiet\"" : ""
            html += "<tr\(quiet)><td><code>\(e(rule.ruleID))</code></td><td>\(e(rule.category))</td><td>\(e(num(rule.weight)))</td>"
                + "<td>\(rule.postsHit)</td><td>\(rule.truePositives)</td><td>\(rule.falsePositives)</td>"
                + "<td>\(e(rule.precision.map(ratio) ?? "–"))</td><td>\(rule.recallLost)</td></tr>"
        }
        return html + "</table>\n<p class=\"note\">TP/FP: hit posts labelled recruitment / not. "
            + e(EvaluationReport.recallLostNote) + ".</p>\n"
    }

    private func sweepTable(_ report: EvaluationReport) -> String {
        var html = "<h2>Threshold sweep</h2>\n<table class=\"num\"><tr><th>threshold</th><th>flagged</th><th>TP</th><th>FP</th>"
            + "<th>FN</th><th>precision</th><th>recall</th><th>F1</th></tr>"
        let best = report.bestF1?.threshold
        for point in report.sweep.reversed() {
            let m = point.matrix
            var classes: [String] = []
            if point.threshold == report.threshold { classes.append("used") }
            if point.threshold == best { classes.append("best") }
            let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
            html += "<tr\(attribute)><td>\(e(num(point.threshold)))</td><td>\(m.predictedPositive)</td><td>\(m.truePositives)</td>"
                + "<td>\(m.falsePositives)</td><td>\(m.falseNegatives)</td><td>\(ratio(m.precision))</td>"
                + "<td>\(ratio(m.recall))</td><td>\(ratio(m.f1))</td></tr>"
        }
        html += "</table>\n"
        if let bestPoint = report.bestF1 {
            html += "<p class=\"note\">Bold: the threshold in use. Green: best F1 (\(ratio(bestPoint.matrix.f1)) at \(e(num(bestPoint.threshold)))).</p>\n"
        }
        return html
    }

    private func postList(_ title: String, _ outcomes: [PostOutcome]) -> String {
        var html = "<h2>\(e(title)) (\(outcomes.count))</h2>\n"
        if outcomes.isEmpty { return html + "<p>None.</p>\n" }
        for outcome in outcomes {
            let post = outcome.post
            var meta = "\(post.label.rawValue)"
            if let kind = post.kind { meta += ", \(kind)" }
            meta += " · \(post.source):\(post.line)"
            html += article(id: post.id, outcome: outcome, meta: meta)
        }
        return html
    }

    // MARK: Charts

    /// Recall on x, precision on y; one point per distinct score used as the threshold.
    private func precisionRecallCurve(_ report: EvaluationReport) -> String {
        let width = 420.0, height = 300.0, left = 50.0, top = 15.0, plotWidth = 350.0, plotHeight = 240.0
        func x(_ recall: Double) -> Double { left + recall * plotWidth }
        func y(_ precision: Double) -> Double { top + (1 - precision) * plotHeight }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"precision-recall curve\">"
        svg += "<rect x=\"\(left)\" y=\"\(top)\" width=\"\(plotWidth)\" height=\"\(plotHeight)\" fill=\"#fafafa\" stroke=\"#999\"/>"
        for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
            svg += "<line x1=\"\(x(tick))\" y1=\"\(top)\" x2=\"\(x(tick))\" y2=\"\(top + plotHeight)\" stroke=\"#e3e3e3\"/>"
            svg += "<line x1=\"\(left)\" y1=\"\(y(tick))\" x2=\"\(left + plotWidth)\" y2=\"\(y(tick))\" stroke=\"#e3e3e3\"/>"
            svg += "<text x=\"\(x(tick))\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\">\(ratio2(tick))</text>"
            svg += "<text x=\"\(left - 6)\" y=\"\(y(tick) + 4)\" text-anchor=\"end\">\(ratio2(tick))</text>"
        }
        svg += "<text x=\"\(left + plotWidth / 2)\" y=\"\(height - 4)\" text-anchor=\"middle\">recall</text>"
        svg += "<text x=\"12\" y=\"\(top + plotHeight / 2)\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(top + plotHeight / 2))\">precision</text>"
        // Highest threshold first: recall grows along the line.
        let points = report.sweep.reversed().filter { $0.matrix.predictedPositive > 0 }
        if !points.isEmpty {
            let path = points.map { "\(fmt(x($0.matrix.recall))),\(fmt(y($0.matrix.precision)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\"/>"
        }
        for point in points {
            let used = point.threshold == report.threshold
            let tip = "threshold \(num(point.threshold)): precision \(ratio(point.matrix.precision)), recall \(ratio(point.matrix.recall)), F1 \(ratio(point.matrix.f1))"
            svg += "<circle cx=\"\(fmt(x(point.matrix.recall)))\" cy=\"\(fmt(y(point.matrix.precision)))\" r=\"\(used ? 6 : 3)\""
                + " fill=\"\(used ? "#1b4f72" : "#c0392b")\"><title>\(e(tip))</title></circle>"
        }
        if points.isEmpty {
            svg += "<text x=\"\(left + plotWidth / 2)\" y=\"\(top + plotHeight / 2)\" text-anchor=\"middle\">no post flagged at any threshold</text>"
        }
        return svg + "</svg>\n<p class=\"note\">Large dot: the threshold in use (\(e(num(report.threshold)))).</p>\n"
    }

    /// One row per category, one bar segment per label.
    private func categoryBars(_ report: EvaluationReport) -> String {
        let rowHeight = 20.0, labelWidth = 170.0, barWidth = 230.0, top = 24.0
        let categories = report.categories
        let largest = max(1, categories.map(\.posts).max() ?? 1)
        let height = top + Double(categories.count) * rowHeight + 8
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 440 \(fmt(height))\" width=\"440\" height=\"\(fmt(height))\" role=\"img\" aria-label=\"hits per category\">"
        var legendX = 0.0
        for label in CorpusLabel.allCases {
            svg += "<rect x=\"\(fmt(legendX))\" y=\"4\" width=\"12\" height=\"12\" fill=\"\(Self.labelColors[label] ?? "#777")\"/>"
            svg += "<text x=\"\(fmt(legendX + 16))\" y=\"14\">\(e(label.rawValue))</text>"
            legendX += 140
        }
        for (row, category) in categories.enumerated() {
            let rowY = top + Double(row) * rowHeight
            svg += "<text x=\"\(fmt(labelWidth - 6))\" y=\"\(fmt(rowY + 14))\" text-anchor=\"end\">\(e(category.category))</text>"
            var offset = labelWidth
            for label in CorpusLabel.allCases {
                let count = category.byLabel[label] ?? 0
                guard count > 0 else { continue }
                let segment = barWidth * Double(count) / Double(largest)
                svg += "<rect x=\"\(fmt(offset))\" y=\"\(fmt(rowY + 3))\" width=\"\(fmt(segment))\" height=\"\(fmt(rowHeight - 6))\""
                    + " fill=\"\(Self.labelColors[label] ?? "#777")\"><title>\(e("\(category.category): \(count) \(label.rawValue)"))</title></rect>"
                offset += segment
            }
            svg += "<text x=\"\(fmt(offset + 4))\" y=\"\(fmt(rowY + 14))\">\(category.posts)</text>"
        }
        return svg + "</svg>\n"
    }

    // MARK: Formatting

    func e(_ text: String) -> String { HTMLEscaping.escape(text) }
    private func swatch(_ label: CorpusLabel) -> String {
        "<span class=\"swatch\" style=\"background:\(Self.labelColors[label] ?? "#777")\"></span>"
    }
    func ratio(_ value: Double) -> String { String(format: "%.3f", value) }
    private func ratio2(_ value: Double) -> String { String(format: "%.2f", value) }
    private func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
    func num(_ value: Double) -> String { JSONOutput.format(value) }

    static let style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#222}
        h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
        .sub,.note,.meta{color:#666}.note{font-size:12px}
        .cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
        .card{border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:110px}
        .card .value{font-size:22px;font-weight:600}.card .name{color:#666;font-size:12px}
        table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left}
        table.num td{text-align:right}table.num td:first-child{text-align:left}th{background:#f4f4f4}
        .matrix td{font-weight:600}.good{background:#eaf6ec}.bad{background:#fbeaea}
        tr.quiet td{color:#999}tr.used td{font-weight:700}tr.best td{background:#eaf6ec}
        .charts{display:flex;gap:24px;flex-wrap:wrap}figure{margin:0}figcaption{font-weight:600;margin-bottom:6px}
        svg text{font-size:11px;fill:#333}
        .swatch{display:inline-block;width:10px;height:10px;margin-right:6px}
        article{border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:10px 0}
        blockquote{white-space:pre-wrap;overflow-wrap:anywhere;margin:6px 0;padding:6px 10px;background:#f7f7f7;border-left:3px solid #bbb}
        article ul{margin:4px 0;padding-left:20px}.score{font-weight:600}
        """
}
