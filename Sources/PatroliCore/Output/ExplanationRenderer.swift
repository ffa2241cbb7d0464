/// Renders one scan result for a person: the original text with each hit marked, the
/// normalized text the rules saw, and the score as a sum of named contributions.
///
/// With `color`, hits are shown in bold red (ANSI); without, between `[[` and `]]`. Post text
/// is passed through `TerminalSafe.clean`, so it cannot inject terminal escapes.
public struct ExplanationRenderer: Sendable {
    public var color: Bool
    public init(color: Bool) { self.color = color }

    public func render(_ result: ScanResult, entities: Entities?, pack: CompiledPack) -> String {
        var text = "Post:\n  " + highlighted(result) + "\n\n"
        text += "Normalized (what the rules see):\n  " + TerminalSafe.clean(result.normalized.string) + "\n\n"
        text += "Score:\n"
        if result.contributions.isEmpty { text += "  (no rule fired)\n" }
        for contribution in result.contributions {
            let words = result.hits.filter { $0.ruleID == contribution.ruleID && $0.end > $0.start }
                .map { "\"\(TerminalSafe.clean($0.text))\" @\($0.start)-\($0.end)" }
            var line = "  " + pad(signed(contribution.points), 6) + " " + contribution.ruleID + " [" + contribution.category + "]"
            if contribution.capped { line += " (capped from \(signed(contribution.weight)))" }
            if !words.isEmpty { line += "  " + words.prefix(4).joined(separator: ", ") }
            text += line + "\n"
            if !contribution.description.isEmpty { text += "         " + contribution.description + "\n" }
        }
        text += "  " + pad("= " + JSONOutput.format(result.score), 6) + " risk " + result.risk.rawValue
            + (result.flagged ? ", flagged for review" : ", not flagged")
            + " (review at \(JSONOutput.format(pack.manifest.thresholds.review)); pack \(pack.name) \(pack.version))\n"
        for failure in result.failures { text += "  error: \(TerminalSafe.clean(failure.description))\n" }
        if let entities, !entities.isEmpty {
            text += "\nEntities:\n"
            for contact in entities.contacts { text += "  contact \(contact.kind.rawValue): \(TerminalSafe.clean(contact.value))  (\"\(TerminalSafe.clean(contact.text))\")\n" }
            for money in entities.money {
                text += "  money: \(JSONOutput.format(money.amount))\(money.maxAmount.map { "-" + JSONOutput.format($0) } ?? "") \(money.currency)\(money.period.map { " per " + $0 } ?? "")  (\"\(TerminalSafe.clean(money.text))\")\n"
            }
            for place in entities.destinations { text += "  destination: \(place.name) (\(place.country))  (\"\(TerminalSafe.clean(place.text))\")\n" }
            for age in entities.ages { text += "  age: \(age.min.map(String.init) ?? "?")-\(age.max.map(String.init) ?? "?")  (\"\(TerminalSafe.clean(age.text))\")\n" }
        }
        return text
    }

    private func highlighted(_ result: ScanResult) -> String {
        let scalars = Array(result.normalized.originalString.unicodeScalars)
        var marks = [Int](repeating: 0, count: scalars.count + 1)  // +1 opens, -1 closes
        for hit in result.hits where hit.end > hit.start && hit.end <= scalars.count {
            marks[hit.start] += 1
            marks[hit.end] -= 1
        }
        var depth = 0
        var text = ""
        for i in 0...scalars.count {
            let before = depth
            depth += marks[i]
            if before == 0 && depth > 0 { text += color ? "\u{1B}[1;31m" : "[[" }
            if before > 0 && depth == 0 { text += color ? "\u{1B}[0m" : "]]" }
            if i < scalars.count { text += TerminalSafe.clean(String(scalars[i])) }
        }
        return text
    }

    private func signed(_ value: Double) -> String {
        value >= 0 ? "+" + JSONOutput.format(value) : JSONOutput.format(value)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
