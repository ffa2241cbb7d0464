/// Writes the YAML scalars of a rule pack so that they read back exactly as given.
///
/// Regexes and other text go in single quotes (`'gaji\s*\d+'`: backslashes stay as they are, a
/// single quote is doubled); text with a line break or a control character, which single quotes
/// cannot hold exactly, goes in double quotes with escapes. Plain (unquoted) scalars are used only
/// for names that cannot be read as anything else: no YAML indicator, no number, no `true`/`null`.
public enum PackYAMLWriter {
    /// `'...'`, or `"..."` with escapes when single quotes cannot hold the text exactly.
    public static func quoted(_ text: String) -> String {
        if text.unicodeScalars.contains(where: needsDoubleQuotes) { return doubleQuoted(text) }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A double-quoted scalar with every character a single-quoted one cannot hold escaped.
    public static func doubleQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0}": out += "\\0"
            case "\u{85}": out += "\\N"
            case "\u{A0}": out += "\\_"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            default:
                if needsDoubleQuotes(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    if scalar.value <= 0xFF {
                        out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
                    } else if scalar.value <= 0xFFFF {
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A name (rule id, category) as a plain scalar when that is unambiguous, quoted otherwise.
    public static func name(_ text: String) -> String {
        isPlainSafe(text) ? text : quoted(text)
    }

    /// A flow list of quoted texts: `['a', 'b''s']`.
    public static func list(_ items: [String]) -> String {
        "[" + items.map(quoted).joined(separator: ", ") + "]"
    }

    /// A weight or threshold: `3`, `-1`, `2.5` (never `3.0`, never `-0`).
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 {
            let whole = Int(value)
            return whole == 0 ? "0" : String(whole)
        }
        return String(value)
    }

    /// Text for a `# comment` line: line breaks become spaces so the comment cannot end early.
    public static func comment(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            needsDoubleQuotes(scalar) ? " " : Character(scalar)
        })
    }

    // MARK: Rules

    /// Characters a single-quoted scalar cannot hold exactly: line breaks (folded on reading) and
    /// non-printable characters (rejected by YAML readers). Tab is allowed.
    static func needsDoubleQuotes(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
        case 0xD800...0xDFFF: return true
        default: return false
        }
    }

    /// Words a YAML 1.1 or 1.2 reader may take for a boolean or null.
    private static let reservedWords: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ]

    /// Whether `text` reads back as the same string when written without quotes, in a block
    /// mapping value or key: letters, digits and `._-/` only, starting with a letter or `_`, and
    /// not a reserved word.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        guard !reservedWords.contains(text.lowercased()) else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || "._-/".unicodeScalars.contains($0) }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
