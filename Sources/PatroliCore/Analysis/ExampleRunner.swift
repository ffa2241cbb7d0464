/// One example of a rule pack that did not come out as written.
public struct ExampleFailure: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// A rule's `match` example on which the rule did not fire.
        case match
        /// A rule's `no_match` example on which the rule fired.
        case noMatch = "no_match"
        /// A pack example (`pack.yaml`) that got another risk level.
        case packRisk = "risk"
    }

    public var kind: Kind
    /// The rule whose example failed; `nil` for pack examples.
    public var ruleID: String?
    public var text: String
    /// Where the example is written.
    public var location: SourceLocation?
    /// The risk a pack example must get.
    public var expectedRisk: RiskLevel?
    /// What happened instead: the rules that fired (in pack order), the score and the risk.
    public var fired: [String]
    public var score: Double
    public var risk: RiskLevel

    public var message: String {
        switch kind {
        case .match:
            return "rule `\(ruleID ?? "?")` does not fire on its match example \(Self.quoted(text))"
        case .noMatch:
            return "rule `\(ruleID ?? "?")` fires on its no_match example \(Self.quoted(text))"
        case .packRisk:
            return "pack example \(Self.quoted(text)) should be risk \(expectedRisk?.rawValue ?? "?"), got \(risk.rawValue)"
        }
    }

    /// What fired instead, for people: `fired: a, b (score 5, risk low)`.
    public var outcome: String {
        let rules = fired.isEmpty ? "no rule" : fired.joined(separator: ", ")
        return "fired: \(rules) (score \(JSONOutput.format(score)), risk \(risk.rawValue))"
    }

    public var description: String {
        var text = message
        if let location { text = "\(location): " + text }
        return text + "; " + outcome
    }

    /// The failure as a `P301` diagnostic.
    public var diagnostic: Diagnostic {
        Diagnostic(.exampleFailed, message, at: location, hint: outcome, rule: ruleID)
    }

    static func quoted(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        let shown = flat.count > 80 ? String(flat.prefix(77)) + "..." : flat
        return "\"\(shown)\""
    }
}

/// What running a pack's examples gave.
public struct ExampleReport: Sendable {
    /// Examples that came out as written.
    public var passed: Int
    /// Every example that did not, in pack order (rules first, then the pack examples).
    public var failures: [ExampleFailure]
    /// Examples of `disabled` rules, which cannot fire and are not run.
    public var skipped: Int

    public var failed: Int { failures.count }
    public var total: Int { passed + failed }
    public var summary: String { "\(passed) passed, \(failed) failed" }
}

/// Runs a pack's examples: each rule's `match` / `no_match` texts and the manifest's whole posts.
///
/// "Fires" means the rule is among the scan's `contributions` when the example text alone is
/// scanned with the whole pack (so a combination example must make its combination hold).
public enum ExampleRunner {
    /// Runs every example of `pack`. Give the `RulePack` it was compiled from to count the examples
    /// of `disabled` rules (which are not compiled) as skipped.
    public static func run(pack: CompiledPack, source: RulePack? = nil) -> ExampleReport {
        let scanner = Scanner(pack: pack)
        var passed = 0
        var failures: [ExampleFailure] = []

        func check(_ text: String) -> (fired: [String], result: ScanResult) {
            let result = scanner.scan(text)
            return (result.contributions.map(\.ruleID), result)
        }

        for compiled in pack.rules {
            let rule = compiled.rule
            for (index, text) in rule.examples.match.enumerated() {
                let (fired, result) = check(text)
                if fired.contains(rule.id) {
                    passed += 1
                } else {
                    failures.append(ExampleFailure(kind: .match, ruleID: rule.id, text: text,
                                                   location: rule.examples.location(ofMatch: index),
                                                   fired: fired, score: result.score, risk: result.risk))
                }
            }
            for (index, text) in rule.examples.noMatch.enumerated() {
                let (fired, result) = check(text)
                if fired.contains(rule.id) {
                    failures.append(ExampleFailure(kind: .noMatch, ruleID: rule.id, text: text,
                                                   location: rule.examples.location(ofNoMatch: index),
                                                   fired: fired, score: result.score, risk: result.risk))
                } else {
                    passed += 1
                }
            }
        }
        for example in pack.manifest.examples {
            let (fired, result) = check(example.text)
            if result.risk == example.risk {
                passed += 1
            } else {
                failures.append(ExampleFailure(kind: .packRisk, ruleID: nil, text: example.text,
                                               location: example.location ?? pack.manifest.location,
                                               expectedRisk: example.risk, fired: fired,
                                               score: result.score, risk: result.risk))
            }
        }
        let skipped = (source?.rules ?? []).filter { $0.status == .disabled }
            .reduce(0) { $0 + $1.examples.match.count + $1.examples.noMatch.count }
        return ExampleReport(passed: passed, failures: failures, skipped: skipped)
    }
}
