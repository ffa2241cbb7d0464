/// Unicode characters that change how the text around them is displayed without being visible
/// themselves: bidirectional controls (which can reverse a phone number or a link on screen,
/// e.g. U+202E RIGHT-TO-LEFT OVERRIDE) and zero-width characters.
public enum BidiControls {
    /// Bidirectional formatting characters: LRM, RLM, ALM, LRE…RLO (U+202A–U+202E) and the
    /// isolates (U+2066–U+2069).
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Zero-width characters that hide inside words: ZWSP, ZWNJ, ZWJ, WORD JOINER, BOM.
    public static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    /// A visible stand-in such as `⟨U+202E⟩`.
    public static func marker(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "⟨U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "⟩"
    }
}
