import PatroliQueue

/// The post's original text as HTML with every hit wrapped in `<mark class="hit">`.
///
/// Hit spans are code-point offsets into the original text (end exclusive). Overlapping or
/// touching hits become one mark naming all their rules. Every piece of text, inside and outside
/// marks, is escaped on its own, so a span boundary can never split an escape. Spans outside the
/// text are ignored.
enum PostHighlighter {
    static func html(_ text: String, hits: [QueueHit]) -> String {
        let scalars = Array(text.unicodeScalars)
        let spans = hits.filter { $0.start >= 0 && $0.start < $0.end && $0.end <= scalars.count }
            .sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var regions: [(start: Int, end: Int, rules: [String])] = []
        for hit in spans {
            if let last = regions.last, hit.start <= last.end {
                regions[regions.count - 1].end = max(last.end, hit.end)
                if !last.rules.contains(hit.ruleID) { regions[regions.count - 1].rules.append(hit.ruleID) }
            } else {
                regions.append((hit.start, hit.end, [hit.ruleID]))
            }
        }
        func piece(_ range: Range<Int>) -> String {
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: scalars[range])
            return Pages.text(String(slice))
        }
        var out = ""
        var position = 0
        for region in regions {
            out += piece(position..<region.start)
            out += "<mark class=\"hit\" title=\"\(Pages.text(region.rules.joined(separator: ", ")))\">"
            out += piece(region.start..<region.end) + "</mark>"
            position = region.end
        }
        out += piece(position..<scalars.count)
        return out
    }
}
