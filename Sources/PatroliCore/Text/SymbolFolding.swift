import CICUShim

/// Layer: drop format characters and emoji inside words; flags become country words.
///
/// `ker🔥ja` → `kerja` (an emoji between two letters or digits is dropped); bidi controls and
/// other format characters (`U+202E`) are dropped; keycap digits lose their keycap
/// (`2️⃣5️⃣ jt` → `25 jt`, `🔟` → `10`); a flag (`🇰🇭`) becomes ` kamboja `, since
/// recruiters write the flag instead of the country. Emoji between words are kept.
enum SymbolFolding {
    /// Country words for flags seen in recruitment posts (ISO 3166 alpha-2 → Indonesian name).
    static let flagWords: [String: String] = [
        "kh": "kamboja", "mm": "myanmar", "th": "thailand", "my": "malaysia", "la": "laos",
        "ph": "filipina", "cn": "china", "tw": "taiwan", "vn": "vietnam", "sg": "singapura",
        "hk": "hongkong", "sa": "arab saudi", "ae": "uni emirat arab", "qa": "qatar",
        "kr": "korea", "jp": "jepang", "tr": "turki", "id": "indonesia", "bn": "brunei",
    ]

    static func apply(_ input: TextBuffer) -> TextBuffer {
        guard input.bytes.contains(where: { $0 >= 0x80 }) else { return input }
        var builder = TextBuilder(input)
        input.bytes.withUnsafeBufferPointer { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x80 { i += 1; continue }
                let (scalar, length) = UTF8Scalars.decode(bytes, at: i)
                let charClass = CharacterClasses.of(scalar)
                // Keycap digits (`3️⃣0️⃣` = 3 U+FE0F U+20E3 0 U+FE0F U+20E3) are digits: drop the
                // enclosing keycap mark as the variation selector is dropped; 🔟 is ten.
                if charClass == Int32(PATROLI_CLASS_FORMAT) || scalar == 0x20E3 {
                    builder.delete(i..<(i + length))
                    i += length
                    continue
                }
                if scalar == 0x1F51F {
                    builder.replace(i..<(i + length), with: Array("10".utf8))
                    i += length
                    continue
                }
                if scalar >= 0x1F1E6 && scalar <= 0x1F1FF, i + length < bytes.count {
                    let (second, secondLength) = UTF8Scalars.decode(bytes, at: i + length)
                    if second >= 0x1F1E6 && second <= 0x1F1FF {
                        let code = String(decoding: [UInt8(scalar - 0x1F1E6 + 0x61), UInt8(second - 0x1F1E6 + 0x61)],
                                          as: UTF8.self)
                        if let word = flagWords[code] {
                            builder.replace(i..<(i + length + secondLength), with: Array(" \(word) ".utf8))
                        }
                        i += length + secondLength
                        continue
                    }
                }
                if charClass == Int32(PATROLI_CLASS_EMOJI) {
                    let before = i > 0 && isWordByte(bytes[i - 1])
                    if before && nextNonEmojiIsWord(bytes, after: i + length) {
                        // Drop this emoji and any emoji right after it, up to the next letter.
                        var end = i + length
                        while end < bytes.count && bytes[end] >= 0x80 {
                            let (next, nextLength) = UTF8Scalars.decode(bytes, at: end)
                            let nextClass = CharacterClasses.of(next)
                            guard nextClass == Int32(PATROLI_CLASS_EMOJI) || nextClass == Int32(PATROLI_CLASS_FORMAT) else { break }
                            end += nextLength
                        }
                        builder.delete(i..<end)
                        i = end
                        continue
                    }
                }
                i += length
            }
        }
        return builder.finish()
    }

    @inline(__always)
    private static func isWordByte(_ byte: UInt8) -> Bool {
        UTF8Scalars.isASCIIAlphanumeric(byte)
    }

    private static func nextNonEmojiIsWord(_ bytes: UnsafeBufferPointer<UInt8>, after start: Int) -> Bool {
        var j = start
        while j < bytes.count {
            if bytes[j] < 0x80 { return UTF8Scalars.isASCIIAlphanumeric(bytes[j]) }
            let (scalar, length) = UTF8Scalars.decode(bytes, at: j)
            let charClass = CharacterClasses.of(scalar)
            if charClass == Int32(PATROLI_CLASS_EMOJI) || charClass == Int32(PATROLI_CLASS_FORMAT) {
                j += length
                continue
            }
            return charClass == Int32(PATROLI_CLASS_LETTER) || charClass == Int32(PATROLI_CLASS_DIGIT)
        }
        return false
    }
}

/// Layer: confusable skeleton (UTS #39, ICU spoof checker) for mixed-script words.
///
/// `kаmbоja` with Cyrillic `а`/`о` → `kamboja`; small-capital "fancy" text `ᴋᴇʀᴊᴀ` → `kerja`.
/// A word is folded only when every non-ASCII letter in it has a plain-Latin look-alike and the
/// word also has ASCII letters, or all its letters are Latin-script look-alikes, or the post is
/// mostly ASCII letters. Genuine Cyrillic or Greek words in a Cyrillic text stay as they are, and
/// so do Latin letters with accents (`café`), which have no plain look-alike.
enum ConfusableFolding {
    /// Look-alike table: code point → ASCII skeleton, for the scripts used to spoof Latin.
    static let table: [UInt32: [UInt8]] = {
        var table: [UInt32: [UInt8]] = [:]
        let ranges: [ClosedRange<UInt32>] = [0x0180...0x024F, 0x0250...0x02AF, 0x0370...0x03FF, 0x0400...0x052F,
                                             0x13A0...0x13FF, 0x1D00...0x1DBF, 0x2100...0x214F, 0xA730...0xA7FF]
        var destination = [UInt8](repeating: 0, count: 64)
        for range in ranges {
            for scalar in range {
                guard patroli_char_class(scalar) == Int32(PATROLI_CLASS_LETTER) else { continue }
                let source = UTF8Scalars.encode(scalar)
                var errorCode: Int32 = 0
                let length = source.withUnsafeBufferPointer { src in
                    destination.withUnsafeMutableBufferPointer { dst in
                        patroli_confusable_skeleton(src.baseAddress!, Int32(src.count), dst.baseAddress!,
                                                    Int32(dst.count), &errorCode)
                    }
                }
                guard length > 0, length <= 2 else { continue }
                let skeleton = destination[0..<Int(length)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                if skeleton.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) { table[scalar] = skeleton }
            }
        }
        // Small capitals used as "fancy" text, which the confusables data maps to other letters.
        let smallCapitals: [(UInt32, String)] = [
            (0x1D00, "a"), (0x0299, "b"), (0x1D04, "c"), (0x1D05, "d"), (0x1D07, "e"), (0xA730, "f"), (0x0262, "g"),
            (0x029C, "h"), (0x026A, "i"), (0x1D0A, "j"), (0x1D0B, "k"), (0x029F, "l"), (0x1D0D, "m"), (0x0274, "n"),
            (0x1D0F, "o"), (0x1D18, "p"), (0x01EB, "q"), (0x0280, "r"), (0xA731, "s"), (0x1D1B, "t"), (0x1D1C, "u"),
            (0x1D20, "v"), (0x1D21, "w"), (0x028F, "y"), (0x1D22, "z"),
        ]
        for (scalar, letter) in smallCapitals { table[scalar] = Array(letter.utf8) }
        // Case folding runs first, so a capital look-alike arrives as its small letter, which often
        // looks nothing like the Latin one (Т -> т, М -> м): map those small letters to the Latin
        // letter their capital imitates ("ТІОNGKОK" spoofs "TIONGKOK").
        let foldedCapitals: [(UInt32, String)] = [
            (0x0442, "t"), (0x043C, "m"), (0x043D, "h"), (0x0432, "b"), (0x043A, "k"), (0x0455, "s"),
            (0x03C4, "t"), (0x03BC, "m"), (0x03B7, "h"), (0x03B2, "b"), (0x03BA, "k"), (0x03B6, "z"),
            (0x03C7, "x"), (0x03C5, "y"), (0x03B9, "i"), (0x03B5, "e"), (0x03B1, "a"), (0x03BD, "n"),
        ]
        for (scalar, letter) in foldedCapitals where table[scalar] == nil { table[scalar] = Array(letter.utf8) }
        return table
    }()

    static func apply(_ input: TextBuffer) -> TextBuffer {
        guard hasLookAlikeLetter(input.bytes) else { return input }
        var builder = TextBuilder(input)
        input.bytes.withUnsafeBufferPointer { bytes in
            // Is the post mostly plain Latin? Then a word spelled wholly in look-alikes is a spoof.
            var asciiLetters = 0
            var otherLetters = 0
            var i = 0
            while i < bytes.count {
                if bytes[i] < 0x80 {
                    if UTF8Scalars.isASCIILetter(bytes[i]) { asciiLetters += 1 }
                    i += 1
                } else {
                    let (scalar, length) = UTF8Scalars.decode(bytes, at: i)
                    if CharacterClasses.of(scalar) == Int32(PATROLI_CLASS_LETTER) { otherLetters += 1 }
                    i += length
                }
            }
            let mostlyLatin = asciiLetters > otherLetters * 2
            i = 0
            while i < bytes.count {
                guard isTokenStart(bytes, i) else {
                    i += 1
                    continue
                }
                // Collect the token: ASCII alphanumerics and non-ASCII letters, digits and marks.
                var end = i
                var hasASCIILetter = false
                var nonASCIILetters = 0
                var foldable = true
                var allLatinScript = true
                while end < bytes.count {
                    if bytes[end] < 0x80 {
                        guard UTF8Scalars.isASCIIAlphanumeric(bytes[end]) else { break }
                        if UTF8Scalars.isASCIILetter(bytes[end]) { hasASCIILetter = true }
                        end += 1
                        continue
                    }
                    let (scalar, length) = UTF8Scalars.decode(bytes, at: end)
                    let charClass = CharacterClasses.of(scalar)
                    guard charClass == Int32(PATROLI_CLASS_LETTER) || charClass == Int32(PATROLI_CLASS_MARK)
                        || charClass == Int32(PATROLI_CLASS_DIGIT) else { break }
                    if charClass == Int32(PATROLI_CLASS_LETTER) {
                        nonASCIILetters += 1
                        if table[scalar] == nil { foldable = false }
                        if patroli_char_script(scalar) != 1 { allLatinScript = false }
                    } else {
                        foldable = false
                    }
                    end += length
                }
                let fold = foldable && nonASCIILetters > 0 && (hasASCIILetter || allLatinScript || mostlyLatin)
                var k = i
                while fold && k < end {
                    if bytes[k] >= 0x80 {
                        let (scalar, length) = UTF8Scalars.decode(bytes, at: k)
                        builder.replace(k..<(k + length), with: table[scalar] ?? [])
                        k += length
                    } else {
                        k += 1
                    }
                }
                i = end
            }
        }
        return builder.finish()
    }

    /// Whether any non-ASCII letter with a plain-Latin look-alike occurs (most posts: none).
    private static func hasLookAlikeLetter(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            var i = 0
            while i < bytes.count {
                if bytes[i] < 0x80 { i += 1; continue }
                let (scalar, length) = UTF8Scalars.decode(bytes, at: i)
                if scalar >= 0x0180 && scalar < 0xA800 && table[scalar] != nil { return true }
                i += length
            }
            return false
        }
    }

    @inline(__always)
    private static func isTokenStart(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let byte = bytes[i]
        if byte < 0x80 { return UTF8Scalars.isASCIIAlphanumeric(byte) }
        if byte & 0xC0 == 0x80 { return false }
        return CharacterClasses.of(UTF8Scalars.decode(bytes, at: i).scalar) == Int32(PATROLI_CLASS_LETTER)
    }
}

/// ICU character classes of the first planes, computed once: the hot path never calls ICU per
/// character for emoji or letters there.
enum CharacterClasses {
    private static let limit: UInt32 = 0x20000
    private static let table: [Int8] = (0..<limit).map { Int8(truncatingIfNeeded: patroli_char_class($0)) }

    @inline(__always)
    static func of(_ scalar: UInt32) -> Int32 {
        scalar < limit ? Int32(table[Int(scalar)]) : patroli_char_class(scalar)
    }
}
