import CICUShim

/// The kinds of token the entity scanners see.
enum EntityTokenKind: Sendable {
    case word, number, space, newline, punct, emoji, other
}

/// A run of one kind of character in a post, with its code-point span.
///
/// `text` is folded: lowercase ASCII letters for words (`?` for a letter that has no ASCII
/// look-alike), ASCII digits for numbers whatever script they were written in, the ASCII character
/// for punctuation, and empty otherwise. Zero-width characters and combining marks inside a word
/// or number are skipped; elsewhere they produce no token at all, so they never separate anything.
struct EntityToken: Sendable {
    var kind: EntityTokenKind
    var start: Int
    var end: Int
    var text: String
    var byte: UInt8
    /// For words, what the scanners may start from them (see `EntityLexicon`).
    var roles: EntityWordRoles = []

    func isPunct(_ character: Character) -> Bool {
        guard kind == .punct, let ascii = character.asciiValue else { return false }
        return byte == ascii
    }

    func isWord(_ candidates: Set<String>) -> Bool { kind == .word && candidates.contains(text) }
    var isSpace: Bool { kind == .space }
}

/// A post seen code point by code point, with one folded byte per code point and a token list.
///
/// Folding makes attacker-written variants look alike to the scanners: fullwidth and mathematical
/// letters and digits, circled digits and Cyrillic/Greek look-alikes become ASCII; any Unicode
/// decimal digit becomes its ASCII digit; dashes become `-`; emoji, zero-width characters and
/// other letters get marker bytes. Offsets everywhere are code-point indices into `scalars`.
struct EntityText: Sendable {
    static let emojiByte: UInt8 = 0x01
    static let ignorableByte: UInt8 = 0x02
    static let otherLetterByte: UInt8 = 0x03
    static let otherSymbolByte: UInt8 = 0x04
    static let spaceByte: UInt8 = 0x20
    static let newlineByte: UInt8 = 0x0A

    let scalars: [Unicode.Scalar]
    let folded: [UInt8]
    let tokens: [EntityToken]

    var count: Int { scalars.count }

    init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        var folded = [UInt8]()
        folded.reserveCapacity(scalars.count)
        var cache: [UInt32: UInt8] = [:]
        for scalar in scalars {
            folded.append(EntityText.fold(scalar, cache: &cache))
        }
        self.scalars = scalars
        self.folded = folded
        self.tokens = EntityText.tokenize(folded)
    }

    /// The original text of the code-point span `[start, end)`.
    func slice(_ start: Int, _ end: Int) -> String {
        let lower = Swift.max(0, Swift.min(start, scalars.count))
        let upper = Swift.max(lower, Swift.min(end, scalars.count))
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lower..<upper])
        return String(view)
    }

    // MARK: Character classes of folded bytes

    @inline(__always) static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || byte == otherLetterByte
    }

    @inline(__always) static func isASCIILetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }

    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }

    /// True when `byte` is one of the ASCII `characters`.
    @inline(__always) static func byte(_ byte: UInt8, isIn characters: StaticString) -> Bool {
        characters.withUTF8Buffer { $0.contains(byte) }
    }

    // MARK: Token helpers

    /// Index of the first token at or after `index` that is not horizontal space.
    func skipSpaces(_ index: Int) -> Int {
        var index = index
        while index < tokens.count, tokens[index].kind == .space { index += 1 }
        return index
    }

    /// Index of the first token at or after `index` that is neither horizontal space nor one of
    /// the given punctuation characters.
    func skipSpaces(_ index: Int, andPunct punctuation: StaticString) -> Int {
        var index = index
        while index < tokens.count {
            let token = tokens[index]
            if token.kind == .space { index += 1; continue }
            if token.kind == .punct, EntityText.byte(token.byte, isIn: punctuation) { index += 1; continue }
            break
        }
        return index
    }

    func token(_ index: Int) -> EntityToken? {
        index >= 0 && index < tokens.count ? tokens[index] : nil
    }

    func isWord(_ index: Int, _ candidates: Set<String>) -> Bool {
        token(index)?.isWord(candidates) ?? false
    }

    func isWord(_ index: Int, _ word: String) -> Bool {
        guard let token = token(index) else { return false }
        return token.kind == .word && token.text == word
    }

    func isPunct(_ index: Int, _ character: Character) -> Bool {
        token(index)?.isPunct(character) ?? false
    }

    /// Index of the token that starts at or covers code point `offset`, or the first token after it.
    func tokenIndex(at offset: Int) -> Int {
        var low = 0, high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].end <= offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Words (folded) among the `limit` word tokens before `index`, nearest first, stopping at a
    /// line break.
    func wordsBefore(_ index: Int, limit: Int, stopAtNumbers: Bool = false) -> [String] {
        var words: [String] = []
        var cursor = index - 1
        var steps = 0
        while cursor >= 0, words.count < limit, steps < limit * 4 {
            let token = tokens[cursor]
            if token.kind == .newline { break }
            if stopAtNumbers, token.kind == .number { break }
            if token.kind == .word { words.append(token.text) }
            cursor -= 1
            steps += 1
        }
        return words
    }

    // MARK: Folding

    static func fold(_ scalar: Unicode.Scalar, cache: inout [UInt32: UInt8]) -> UInt8 {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x41...0x5A: return UInt8(value + 0x20)
            case 0x0A...0x0D: return newlineByte
            case 0x09, 0x20: return spaceByte
            case 0x00..<0x20, 0x7F: return otherSymbolByte
            default: return UInt8(value)
            }
        }
        if let cached = cache[value] { return cached }
        let result = foldNonASCII(scalar)
        cache[value] = result
        return result
    }

    private static func foldNonASCII(_ scalar: Unicode.Scalar) -> UInt8 {
        let value = scalar.value
        switch value {
        case 0x85, 0x2028, 0x2029: return newlineByte
        case 0xFF01...0xFF5E:
            // Fullwidth ASCII: fold as the ASCII character it copies.
            var unused: [UInt32: UInt8] = [:]
            guard let ascii = Unicode.Scalar(value - 0xFEE0) else { return otherSymbolByte }
            return fold(ascii, cache: &unused)
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63: return UInt8(ascii: "-")
        case 0x00B7, 0x2022, 0x2024, 0x2027, 0x30FB, 0x3002, 0xFF61: return UInt8(ascii: ".")
        case 0xFE6B: return UInt8(ascii: "@")
        case 0x2044, 0x2215: return UInt8(ascii: "/")
        case 0x2018, 0x2019: return UInt8(ascii: "'")
        default: break
        }
        let charClass = patroli_char_class(value)
        switch charClass {
        case Int32(PATROLI_CLASS_DIGIT):
            let digit = patroli_digit_value(value)
            return (0...9).contains(digit) ? UInt8(ascii: "0") + UInt8(digit) : otherSymbolByte
        case Int32(PATROLI_CLASS_SPACE): return spaceByte
        case Int32(PATROLI_CLASS_EMOJI): return emojiByte
        case Int32(PATROLI_CLASS_FORMAT), Int32(PATROLI_CLASS_MARK): return ignorableByte
        case Int32(PATROLI_CLASS_LETTER), Int32(PATROLI_CLASS_OTHER), Int32(PATROLI_CLASS_SYMBOL):
            if let ascii = compatibilityASCII(scalar) { return ascii }
            if charClass == Int32(PATROLI_CLASS_LETTER) {
                return lookAlikeLetter(scalar) ?? otherLetterByte
            }
            return otherSymbolByte
        default:
            return otherSymbolByte
        }
    }

    private static func utf8(of scalar: Unicode.Scalar) -> [UInt8] {
        var bytes: [UInt8] = []
        UTF8.encode(scalar) { bytes.append($0) }
        return bytes
    }

    /// The ASCII letter or digit NFKC_Casefold maps `scalar` to, if it maps to exactly one
    /// (fullwidth, mathematical, circled and superscript forms).
    private static func compatibilityASCII(_ scalar: Unicode.Scalar) -> UInt8? {
        let source = utf8(of: scalar)
        let capacity = 32
        var output = [UInt8](repeating: 0, count: capacity)
        var sourceStarts = [Int32](repeating: 0, count: capacity)
        var sourceEnds = [Int32](repeating: 0, count: capacity)
        var errorCode: Int32 = 0
        let length = source.withUnsafeBufferPointer { src -> Int32 in
            output.withUnsafeMutableBufferPointer { dst -> Int32 in
                sourceStarts.withUnsafeMutableBufferPointer { starts -> Int32 in
                    sourceEnds.withUnsafeMutableBufferPointer { ends -> Int32 in
                        guard let srcBase = src.baseAddress, let dstBase = dst.baseAddress,
                              let startsBase = starts.baseAddress, let endsBase = ends.baseAddress
                        else { return -1 }
                        return patroli_nfkc_casefold(srcBase, Int32(src.count), dstBase, Int32(capacity),
                                                     startsBase, endsBase, &errorCode)
                    }
                }
            }
        }
        guard length == 1 else { return nil }
        let byte = output[0]
        return isASCIILetter(byte) || isDigit(byte) ? byte : nil
    }

    /// The ASCII letter a look-alike letter (Cyrillic `а`, Greek `ο`, accented `é`) stands for,
    /// from the UTS #39 confusable skeleton: one ASCII letter followed only by combining marks.
    private static func lookAlikeLetter(_ scalar: Unicode.Scalar) -> UInt8? {
        let source = utf8(of: scalar)
        let capacity = 32
        var output = [UInt8](repeating: 0, count: capacity)
        var errorCode: Int32 = 0
        let length = source.withUnsafeBufferPointer { src -> Int32 in
            output.withUnsafeMutableBufferPointer { dst -> Int32 in
                guard let srcBase = src.baseAddress, let dstBase = dst.baseAddress else { return -1 }
                return patroli_confusable_skeleton(srcBase, Int32(src.count), dstBase, Int32(capacity), &errorCode)
            }
        }
        guard length >= 1, Int(length) <= capacity else { return nil }
        var first = output[0]
        if first >= 0x41 && first <= 0x5A { first += 0x20 }
        guard isASCIILetter(first) else { return nil }
        // The rest must be combining marks U+0300–U+036F (UTF-8 CC 80 … CD AF).
        var index = 1
        while index < Int(length) {
            guard index + 1 < Int(length) else { return nil }
            let lead = output[index], trail = output[index + 1]
            guard lead == 0xCC || (lead == 0xCD && trail <= 0xAF) else { return nil }
            index += 2
        }
        return first
    }

    // MARK: Tokenizing

    private static func tokenize(_ folded: [UInt8]) -> [EntityToken] {
        var tokens: [EntityToken] = []
        tokens.reserveCapacity(folded.count / 3 + 4)
        let count = folded.count
        var index = 0
        while index < count {
            let byte = folded[index]
            if isLetter(byte) || isDigit(byte) {
                let letters = isLetter(byte)
                var cursor = index
                var last = index
                var plain = true  // only ASCII letters or digits: the text is the folded slice itself
                while cursor < count {
                    let current = folded[cursor]
                    if letters ? isLetter(current) : isDigit(current) {
                        if current == otherLetterByte { plain = false }
                        cursor += 1
                        last = cursor
                    } else if current == ignorableByte {
                        plain = false
                        cursor += 1
                    } else {
                        break
                    }
                }
                let text: String
                if plain && last - index <= 256 {
                    text = String(decoding: folded[index..<last], as: UTF8.self)
                } else {
                    var bytes: [UInt8] = []
                    for current in folded[index..<last] where current != ignorableByte && bytes.count < 256 {
                        bytes.append(current == otherLetterByte ? UInt8(ascii: "?") : current)
                    }
                    text = String(decoding: bytes, as: UTF8.self)
                }
                let roles = letters && text.utf8.count <= 12 ? EntityLexicon.roles[text] ?? [] : []
                tokens.append(EntityToken(kind: letters ? .word : .number, start: index, end: last,
                                          text: text, byte: 0, roles: roles))
                index = last
            } else if byte == spaceByte || byte == newlineByte || byte == emojiByte {
                var cursor = index
                var last = index
                var sawNewline = false
                while cursor < count {
                    let current = folded[cursor]
                    let continues: Bool
                    switch byte {
                    case emojiByte: continues = current == emojiByte
                    default: continues = current == spaceByte || current == newlineByte
                    }
                    if continues {
                        if current == newlineByte { sawNewline = true }
                        cursor += 1
                        last = cursor
                    } else if current == ignorableByte {
                        cursor += 1
                    } else {
                        break
                    }
                }
                let kind: EntityTokenKind = byte == emojiByte ? .emoji : (sawNewline ? .newline : .space)
                tokens.append(EntityToken(kind: kind, start: index, end: last, text: "", byte: 0))
                index = last
            } else if byte == ignorableByte {
                index += 1
            } else if byte < 0x80 && byte > 0x20 {
                tokens.append(EntityToken(kind: .punct, start: index, end: index + 1,
                                          text: String(UnicodeScalar(byte)), byte: byte))
                index += 1
            } else {
                tokens.append(EntityToken(kind: .other, start: index, end: index + 1, text: "", byte: 0))
                index += 1
            }
        }
        return tokens
    }
}

/// Code points already taken by an entity, so later scanners do not read them again.
struct EntityClaims: Sendable {
    private var taken: [Bool]

    init(count: Int) { taken = [Bool](repeating: false, count: count) }

    func isFree(_ start: Int, _ end: Int) -> Bool {
        let lower = Swift.max(0, start), upper = Swift.min(end, taken.count)
        guard lower < upper else { return true }
        for index in lower..<upper where taken[index] { return false }
        return true
    }

    func isFree(_ token: EntityToken) -> Bool { isFree(token.start, token.end) }

    mutating func claim(_ start: Int, _ end: Int) {
        let lower = Swift.max(0, start), upper = Swift.min(end, taken.count)
        guard lower < upper else { return }
        for index in lower..<upper { taken[index] = true }
    }
}
