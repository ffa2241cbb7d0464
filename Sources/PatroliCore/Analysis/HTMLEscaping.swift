/// Escapes text for HTML element content and quoted attribute values alike.
///
/// Post text is written by attackers: every `&`, `<`, `>`, `"` and `'` is escaped wherever text
/// goes into a page, so no tag, attribute or entity of theirs survives. Control characters other
/// than tab and newline, which HTML forbids, become U+FFFD.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        escape(text, showingInvisibles: false)
    }

    /// Like `escape`, and also replaces every bidi control and zero-width character with a
    /// visible marker such as `⟨U+202E⟩` (see `BidiControls`), so a post cannot reorder or hide
    /// part of what an officer reads. Use it for post-derived text shown on a page.
    public static func escapeShowingInvisibles(_ text: String) -> String {
        escape(text, showingInvisibles: true)
    }

    private static func escape(_ text: String, showingInvisibles: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) {
                    out += "\u{FFFD}"
                } else if showingInvisibles && (BidiControls.isBidiControl(scalar) || BidiControls.isZeroWidth(scalar)) {
                    out += BidiControls.marker(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
