/// The text a rule pack's matchers see, with the way back to the original.
public struct NormalizedText: Sendable {
    /// The original post text (UTF-8, repaired if it was invalid).
    public var original: [UInt8]
    /// The normalized bytes and, for each, the original byte span it came from.
    public var buffer: TextBuffer

    public var bytes: [UInt8] { buffer.bytes }
    public var string: String { buffer.string }
    public var originalString: String { String(decoding: original, as: UTF8.self) }

    /// The original byte range behind normalized bytes `range`.
    public func originalRange(of range: Range<Int>) -> Range<Int> { buffer.originalRange(of: range) }
}

/// Normalizes Indonesian social-media text, layer by layer, keeping an offset map.
///
/// Layers, in order (each its own small function, tested for what it must catch and what it must
/// leave alone): UTF-8 repair · NFKC + case fold · flags, format characters and emoji inside
/// words · confusable skeleton of mixed-script words · leetspeak in letter–digit tokens · spaced
/// or dotted single letters joined · letter runs and whitespace collapsed · the pack's lexicon.
public struct Normalizer: Sendable {
    public let lexicon: Lexicon

    /// A normalizer without a lexicon (used to normalize lexicon keys themselves).
    public init() {
        lexicon = Lexicon()
    }

    /// A normalizer with the pack's lexicon; keys and replacements are normalized first.
    public init(lexicon entries: [LexiconEntry]) {
        let base = Normalizer()
        let normalized = entries.map { entry in
            (key: base.normalizeWithoutLexicon(Array(entry.from.utf8)).bytes,
             replacement: base.normalizeWithoutLexicon(Array(entry.to.utf8)).bytes)
        }
        lexicon = Lexicon(normalizedEntries: normalized)
    }

    public func normalize(_ text: String) -> NormalizedText {
        normalize(utf8: Array(text.utf8))
    }

    /// Normalizes UTF-8 bytes; invalid sequences are first replaced by U+FFFD.
    public func normalize(utf8 raw: [UInt8]) -> NormalizedText {
        let original = Normalizer.repairUTF8(raw)
        var buffer = normalizeWithoutLexicon(original).buffer
        buffer = lexicon.apply(buffer)
        return NormalizedText(original: original, buffer: buffer)
    }

    func normalizeWithoutLexicon(_ raw: [UInt8]) -> NormalizedText {
        let original = Normalizer.repairUTF8(raw)
        var buffer = TextBuffer(original: original)
        buffer = CaseFolding.apply(buffer)
        buffer = SymbolFolding.apply(buffer)
        buffer = ConfusableFolding.apply(buffer)
        buffer = LeetFolding.apply(buffer)
        buffer = SpacedLetterJoining.apply(buffer)
        buffer = RunCollapsing.apply(buffer)
        return NormalizedText(original: original, buffer: buffer)
    }

    /// Layer 0: invalid UTF-8 → U+FFFD, never a crash. Valid input is returned as is.
    static func repairUTF8(_ bytes: [UInt8]) -> [UInt8] {
        UTF8Repair.repaired(bytes) ?? bytes
    }
}
