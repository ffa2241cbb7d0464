import Foundation
import Testing
@testable import PatroliCore

@Suite struct EvaluationHTMLTests {
    static let hostileID = #"x" onmouseover="alert(1)"#
    static let hostileText = #"gaji 15jt kamboja <script>alert(1)</script> "><img src=x onerror=alert(1)> it's & more"#

    private func hostileReport() throws -> EvaluationReport {
        let posts = [
            LabelledPost(id: Self.hostileID, text: Self.hostileText, label: .notRecruitment,
                         kind: "<b>news</b>", split: "dev", source: "<corpus>.jsonl", line: 1),
            LabelledPost(id: "<i>p2</i>", text: "gaji 20 juta <svg onload=alert(2)>", label: .recruitment,
                         kind: "x'y", source: "c.jsonl", line: 2),
        ]
        var report = Evaluator.evaluate(pack: try AnalysisFixture.compiledPack(), posts: posts)
        report.corpus = "</title><script>alert(3)</script>"
        return report
    }

    @Test func escapingCoversAllFiveCharacters() {
        #expect(HTMLEscaping.escape(#"<a href="x" title='y'>&amp;</a>"#)
                == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;")
        #expect(HTMLEscaping.escape("a\u{0}b\u{1B}[31m\nc") == "a\u{FFFD}b\u{FFFD}[31m\nc")
    }

    @Test func escapingForPagesShowsBidiAndZeroWidthCharactersAsMarkers() {
        #expect(HTMLEscaping.escapeShowingInvisibles("WA \u{202E}1011\u{202C} <b>\u{200B}")
                == "WA ⟨U+202E⟩1011⟨U+202C⟩ &lt;b&gt;⟨U+200B⟩")
        #expect(HTMLEscaping.escape("\u{202E}x") == "\u{202E}x", "plain escaping keeps the text as it is")
    }

    @Test func hostilePostLeavesNoRawTagInThePage() throws {
        let html = EvaluationHTMLRenderer().render(try hostileReport())
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; it&#39;s &amp; more"))
        #expect(html.contains("x&quot; onmouseover=&quot;alert(1)"))
        for raw in ["<script", "</script", "<img", "<svg onload", "<i>", "<b>news", "\" onmouseover", "'y"] {
            #expect(!html.contains(raw), "raw `\(raw)` survived")
        }
    }

    @Test func pageIsSelfContained() throws {
        let html = EvaluationHTMLRenderer().render(try hostileReport())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""), "inline SVG charts")
        #expect(html.contains("<polyline"), "the precision-recall curve")
        #expect(html.contains("aria-label=\"hits per category\""))
        // No external asset: no src= or href= attributes, no url() in styles, no script element.
        for external in [" src=\"", " href=\"", "url(", "<link", "@import"] {
            #expect(!html.contains(external), "found `\(external)`")
        }
        // Every tag in the page is one the renderer writes.
        let allowed: Set<String> = ["!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "div", "table",
                                    "tr", "th", "td", "figure", "figcaption", "svg", "rect", "line", "text", "polyline",
                                    "circle", "span", "code", "article", "header", "blockquote", "ul", "li", "b"]
        var tags: Set<String> = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            let name = after.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber || $0 == "!" || $0 == "-" }
            tags.insert(String(name))
            rest = after
        }
        #expect(tags.subtracting(allowed).isEmpty, "unexpected tags: \(tags.subtracting(allowed))")
    }

    @Test func jsonReportParsesAndHoldsTheMetrics() throws {
        let report = Evaluator.evaluate(pack: try AnalysisFixture.compiledPack(), posts: try AnalysisFixture.posts())
        let json = EvaluationJSON.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let metrics = try #require(object["metrics"] as? [String: Any])
        #expect(metrics["true_positives"] as? Int == 2)
        #expect(metrics["false_positives"] as? Int == 2)
        #expect(metrics["false_negatives"] as? Int == 1)
        #expect(metrics["true_negatives"] as? Int == 3)
        #expect(metrics["precision"] as? Double == 0.5)
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.count == 6)
        #expect((object["false_negatives"] as? [[String: Any]])?.first?["id"] as? String == "p3")
        #expect((object["victim_leads"] as? [String: Any])?["with_victim_rule"] as? Int == 2)
        #expect((object["sweep"] as? [[String: Any]])?.count == 6)
    }

    @Test func textReportNamesKindsRulesAndMisses() throws {
        var report = Evaluator.evaluate(pack: try AnalysisFixture.compiledPack(), posts: try AnalysisFixture.posts())
        report.corpus = "corpus"
        report.split = "dev"
        let text = EvaluationTextRenderer().render(report)
        #expect(text.hasPrefix("Pack eval-test 1.0.0 on corpus (split dev): 8 posts, flagged at score >= 4"))
        #expect(text.contains("precision 0.500   recall 0.667   F1 0.571"))
        #expect(text.contains("  news: 0 of 1 flagged"))
        #expect(text.contains("victim leads: 1 of 2 flagged; 2 of 2 had a victim_lead rule fire"))
        #expect(text.contains("recall lost is estimated"))
        #expect(text.contains("False negatives (1)\n  p3  score 2  recruitment, wa_broadcast"))
        #expect(text.contains("    +2 salary.amount"))
        #expect(text.contains("best F1 0.600 at threshold 2"))
    }

    @Test func textReportNeutralisesTerminalEscapes() throws {
        let posts = [LabelledPost(id: "e\u{1B}[2J", text: "gaji 20 juta \u{1B}]0;pwned\u{07} \u{202E}kebalik",
                                  label: .recruitment, source: "c.jsonl", line: 1)]
        let text = EvaluationTextRenderer().render(Evaluator.evaluate(pack: try AnalysisFixture.compiledPack(), posts: posts))
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}") && !text.contains("\u{202E}"))
    }
}
