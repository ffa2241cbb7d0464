import PatroliQueue
@testable import PatroliWeb
import Testing

@Suite struct PostHighlighterTests {
    private func hit(_ start: Int, _ end: Int, _ rule: String = "r") -> QueueHit {
        QueueHit(ruleID: rule, category: "c", points: 1, start: start, end: end, text: "")
    }

    @Test func marksSitAtCodePointSpansAfterEmojiAndAccents() {
        // 🇰🇭 is two code points, é one: the span of "gaji" is code points 8..<12.
        let html = PostHighlighter.html("🇰🇭 café gaji 15jt", hits: [hit(8, 12)])
        #expect(html == "🇰🇭 café <mark class=\"hit\" title=\"r\">gaji</mark> 15jt")
    }

    @Test func overlappingHitsBecomeOneMarkNamingEveryRule() {
        let html = PostHighlighter.html("kerja di kamboja", hits: [hit(0, 8, "a"), hit(6, 16, "b")])
        #expect(html == "<mark class=\"hit\" title=\"a, b\">kerja di kamboja</mark>")
    }

    @Test func markupInsideAndAroundHitsIsEscaped() {
        let html = PostHighlighter.html("<b>\"x\"</b>", hits: [hit(3, 6, "<rule>")])
        #expect(html == "&lt;b&gt;<mark class=\"hit\" title=\"&lt;rule&gt;\">&quot;x&quot;</mark>&lt;/b&gt;")
    }

    @Test func spansOutsideTheTextAreIgnored() {
        #expect(PostHighlighter.html("abc", hits: [hit(2, 9), hit(-1, 1), hit(2, 2)]) == "abc")
    }
}
