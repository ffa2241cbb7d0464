/// Extracts from a regex a set of literals of which every match must contain at least one.
///
/// The scanner runs a regex only when one of its literals was seen by the literal automaton.
/// The analysis is conservative: anything it does not understand yields no literal, and the
/// regex then runs on every post (the compiler records that, and `rules lint` warns).
enum RegexLiterals {
    /// Literals shorter than this are too common to be worth gating on.
    static let minimumLength = 3

    /// Required literal set, lower-cased, or nil when none can be proven.
    static func required(in pattern: String) -> [String]? {
        var parser = Parser(Array(pattern.unicodeScalars))
        guard let node = parser.parseAlternation(), parser.atEnd else { return nil }
        guard let set = node.requiredSet(), !set.isEmpty,
              set.allSatisfy({ $0.utf8.count >= minimumLength }) else { return nil }
        return Array(Set(set)).sorted()
    }

    indirect enum Node {
        case literal(String)             // a run of literal characters
        case sequence([Node])
        case alternation([Node])
        case optional                    // matches possibly nothing useful
        case repeatAtLeastOnce(Node)
        case opaque                      // classes, escapes, anchors: no literal

        /// The best set of literals, one of which every match contains.
        func requiredSet() -> [String]? {
            switch self {
            case .literal(let text): return text.isEmpty ? nil : [text]
            case .optional, .opaque: return nil
            case .repeatAtLeastOnce(let inner): return inner.requiredSet()
            case .alternation(let branches):
                var all: [String] = []
                for branch in branches {
                    guard let set = branch.requiredSet() else { return nil }
                    all += set
                }
                return all
            case .sequence(let parts):
                // Merge adjacent literals into runs, then keep the set whose shortest literal is longest.
                var merged: [Node] = []
                for part in parts {
                    if case .literal(let text) = part, case .literal(let previous)? = merged.last {
                        merged[merged.count - 1] = .literal(previous + text)
                    } else {
                        merged.append(part)
                    }
                }
                var best: [String]?
                var bestScore = 0
                for part in merged {
                    guard let set = part.requiredSet() else { continue }
                    let score = set.map { $0.utf8.count }.min() ?? 0
                    if score > bestScore || (score == bestScore && (best?.count ?? Int.max) > set.count) {
                        best = set
                        bestScore = score
                    }
                }
                return best
            }
        }
    }

    struct Parser {
        let scalars: [Unicode.Scalar]
        var i = 0
        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }
        var atEnd: Bool { i >= scalars.count }

        mutating func parseAlternation() -> Node? {
            var branches: [Node] = []
            guard let first = parseSequence() else { return nil }
            branches.append(first)
            while !atEnd && scalars[i] == "|" {
                i += 1
                guard let next = parseSequence() else { return nil }
                branches.append(next)
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseSequence() -> Node? {
            var parts: [Node] = []
            while !atEnd && scalars[i] != "|" && scalars[i] != ")" {
                guard let atom = parseAtom() else { return nil }
                parts.append(applyQuantifier(to: atom))
            }
            return .sequence(parts)
        }

        mutating func applyQuantifier(to atom: Node) -> Node {
            guard !atEnd else { return atom }
            var result = atom
            switch scalars[i] {
            case "*", "?":
                i += 1
                result = .optional
            case "+":
                i += 1
                result = .repeatAtLeastOnce(atom)
            case "{":
                var j = i + 1
                var digits = ""
                while j < scalars.count && scalars[j].properties.numericType != nil && scalars[j].isASCII {
                    digits.unicodeScalars.append(scalars[j])
                    j += 1
                }
                guard j < scalars.count, scalars[j] == "," || scalars[j] == "}", let minimum = Int(digits) else { return atom }
                while j < scalars.count && scalars[j] != "}" { j += 1 }
                i = min(j + 1, scalars.count)
                result = minimum == 0 ? .optional : (minimum == 1 ? atom : .repeatAtLeastOnce(atom))
                if case .literal = atom, minimum > 1 { result = .repeatAtLeastOnce(atom) }
            default:
                return atom
            }
            // Lazy or possessive suffix.
            if !atEnd && (scalars[i] == "?" || scalars[i] == "+") { i += 1 }
            if case .literal(let text) = atom, text.unicodeScalars.count > 1, case .repeatAtLeastOnce = result {
                return result
            }
            return result
        }

        mutating func parseAtom() -> Node? {
            let c = scalars[i]
            switch c {
            case "(":
                i += 1
                var capturing = true
                if !atEnd && scalars[i] == "?" {
                    // (?: (?i) (?= (?! (?<= (?<! (?<name> (?>
                    i += 1
                    guard !atEnd else { return nil }
                    let kind = scalars[i]
                    if kind == ":" || kind == ">" { i += 1; capturing = false }
                    else if kind == "=" || kind == "!" { i += 1; _ = parseAlternation(); return closeGroup(.optional) }
                    else if kind == "<" && i + 1 < scalars.count && (scalars[i + 1] == "=" || scalars[i + 1] == "!") {
                        i += 2; _ = parseAlternation(); return closeGroup(.optional)
                    } else if kind == "<" || kind == "P" || kind == "'" {
                        while !atEnd && scalars[i] != ">" && scalars[i] != "'" { i += 1 }
                        i += 1
                    } else {
                        // Inline options like (?i) or (?i:...): treat the group as opaque.
                        var depth = 1
                        while !atEnd && depth > 0 {
                            if scalars[i] == "\\" { i += 2; continue }
                            if scalars[i] == "(" { depth += 1 }
                            if scalars[i] == ")" { depth -= 1 }
                            i += 1
                        }
                        return .opaque
                    }
                }
                _ = capturing
                guard let inner = parseAlternation() else { return nil }
                return closeGroup(inner)
            case "[":
                i += 1
                if !atEnd && scalars[i] == "^" { i += 1 }
                if !atEnd && scalars[i] == "]" { i += 1 }
                while !atEnd && scalars[i] != "]" {
                    if scalars[i] == "\\" { i += 1 }
                    if !atEnd && scalars[i] == "[" && i + 1 < scalars.count && scalars[i + 1] == ":" {
                        while !atEnd && !(scalars[i] == ":" && i + 1 < scalars.count && scalars[i + 1] == "]") { i += 1 }
                        i += 1
                    }
                    i += 1
                }
                guard !atEnd else { return nil }
                i += 1
                return .opaque
            case "\\":
                guard i + 1 < scalars.count else { return nil }
                let escaped = scalars[i + 1]
                i += 2
                if escaped.properties.isAlphabetic || escaped.properties.numericType != nil {
                    // \d \s \w \b \x{..} \p{..} \Q..\E and backreferences: no literal.
                    if (escaped == "x" || escaped == "p" || escaped == "P") && !atEnd && scalars[i] == "{" {
                        while !atEnd && scalars[i] != "}" { i += 1 }
                        i += 1
                    }
                    return .opaque
                }
                return .literal(String(escaped).lowercased())
            case ".", "^", "$":
                i += 1
                return .opaque
            case "*", "+", "?", "{":
                i += 1
                return .opaque
            default:
                i += 1
                return .literal(String(c).lowercased())
            }
        }

        mutating func closeGroup(_ node: Node) -> Node? {
            guard !atEnd, scalars[i] == ")" else { return nil }
            i += 1
            return node
        }
    }
}
