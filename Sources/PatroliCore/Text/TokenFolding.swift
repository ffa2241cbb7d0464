/// Layers that work on ASCII tokens of the case-folded text.

/// Layer: leetspeak folding, only inside tokens that mix letters and digits.
///
/// `g4ji` → `gaji`, `l0k3r` → `loker`, `kamboj4` → `kamboja`, `g@ji` → `gaji`. Left alone:
/// numbers with units (`15jt`, `5jt`, `2nd`), runs of two or more digits (`covid19`, phone
/// numbers), short tokens (`s1`, `d3`, `mp3`), `2` (Indonesian reduplication: `kerja2`), and
/// URLs and e-mail addresses.
enum LeetFolding {
    /// Digit → letter. `2` is absent on purpose.
    private static let digitLetters: [UInt8] = {
        var map = [UInt8](repeating: 0, count: 128)
        for (digit, letter) in [("0", "o"), ("1", "i"), ("3", "e"), ("4", "a"), ("5", "s"), ("6", "g"),
                                ("7", "t"), ("8", "b"), ("9", "g"), ("@", "a"), ("$", "s")] {
            map[Int(UInt8(ascii: Unicode.Scalar(digit)!))] = UInt8(ascii: Unicode.Scalar(letter)!)
        }
        return map
    }()

    /// Units written right after a number; a token `<digit><unit>` is a quantity, not leet.
    static let units: Set<String> = [
        "jt", "juta", "rb", "ribu", "k", "m", "x", "an", "th", "thn", "tahun", "bln", "bulan", "hr", "hari",
        "jam", "mg", "minggu", "org", "orang", "usd", "rm", "st", "nd", "rd", "km", "kg", "gb", "mb", "pm",
        "am", "d", "h", "s", "pcs", "lt", "lantai", "kali", "bulanan", "tahunan",
    ]

    static func apply(_ input: TextBuffer) -> TextBuffer {
        var replacements: [(index: Int, letter: UInt8)] = []
        input.bytes.withUnsafeBufferPointer { bytes in
            var protected: [Range<Int>]?
            var cursor = 0
            var i = 0
            let count = bytes.count
            while i < count {
                guard isTokenByte(bytes, i) else { i += 1; continue }
                let start = i
                var letters = 0
                var others = 0
                while i < count && isTokenByte(bytes, i) {
                    if bytes[i] >= 0x61 && bytes[i] <= 0x7A { letters += 1 } else { others += 1 }
                    i += 1
                }
                // Only tokens that mix letters with digits or @/$ can hold leetspeak.
                guard letters > 0 && others > 0 else { continue }
                if protected == nil { protected = ProtectedSpans.find(in: bytes) }
                if !ProtectedSpans.isInside(start, protected ?? [], cursor: &cursor) {
                    fold(bytes, start..<i, into: &replacements)
                }
            }
        }
        guard !replacements.isEmpty else { return input }
        var output = input
        for (index, letter) in replacements { output.bytes[index] = letter }
        return output
    }

    /// Letters and digits, and `@`/`$` only between two of them.
    @inline(__always)
    private static func isTokenByte(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let byte = bytes[i]
        if UTF8Scalars.isASCIIAlphanumeric(byte) { return true }
        if byte == UInt8(ascii: "@") || byte == UInt8(ascii: "$") {
            return i > 0 && i + 1 < bytes.count && UTF8Scalars.isASCIIAlphanumeric(bytes[i - 1])
                && UTF8Scalars.isASCIIAlphanumeric(bytes[i + 1])
        }
        return false
    }

    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Range<Int>, into output: inout [(index: Int, letter: UInt8)]) {
        var letters = 0
        var leet = 0
        for i in token {
            if UTF8Scalars.isASCIILetter(bytes[i]) { letters += 1 } else { leet += 1 }
        }
        guard letters > 0, leet > 0 else { return }
        // `<digit><unit>`: a quantity such as 5jt.
        if UTF8Scalars.isASCIIDigit(bytes[token.lowerBound]) {
            var k = token.lowerBound
            while k < token.upperBound && UTF8Scalars.isASCIIDigit(bytes[k]) { k += 1 }
            if token.upperBound - k <= 8,
               units.contains(String(decoding: UnsafeBufferPointer(rebasing: bytes[k..<token.upperBound]), as: UTF8.self)) {
                return
            }
        }
        var i = token.lowerBound
        while i < token.upperBound {
            let byte = bytes[i]
            if UTF8Scalars.isASCIILetter(byte) { i += 1; continue }
            var runEnd = i
            while runEnd < token.upperBound && !UTF8Scalars.isASCIILetter(bytes[runEnd]) { runEnd += 1 }
            defer { i = runEnd }
            guard runEnd - i == 1 else { continue }  // 2+ digits: a number, not leet
            let letterBefore = i > token.lowerBound
            let letterAfter = runEnd < token.upperBound
            let inMiddle = letterBefore && letterAfter
            // A digit at the edge folds in a long word ("kerj4"), or when the word is leet throughout
            // ("g4j1": two letters, two digits); short codes such as s1, d3, mp3 stay.
            let atEdgeOfLongWord = letters >= 3 || (letters >= 2 && leet >= 2)
            guard inMiddle || atEdgeOfLongWord else { continue }
            let replacement = byte < 128 ? digitLetters[Int(byte)] : 0
            if replacement != 0 { output.append((i, replacement)) }
        }
    }
}

/// Layer: join letters written one by one: `k e r j a` → `kerja`, `L.N` → `ln`, `t-k-w` → `tkw`.
///
/// Three or more single letters separated by single spaces, or two or more separated by the same
/// one of `.`, `-`, `_`, `*`. Digits are never joined (phone numbers), nor are URLs or e-mails.
enum SpacedLetterJoining {
    @inline(__always)
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x2E || byte == 0x2D || byte == 0x5F || byte == 0x2A
    }

    static func apply(_ input: TextBuffer) -> TextBuffer {
        var builder = TextBuilder(input)
        input.bytes.withUnsafeBufferPointer { bytes in
            var protected: [Range<Int>]?
            var cursor = 0
            var i = 0
            while i < bytes.count {
                guard i + 2 < bytes.count, isSeparator(bytes[i + 1]), isSingleLetter(bytes, i),
                      isSingleLetter(bytes, i + 2) else { i += 1; continue }
                let separator = bytes[i + 1]
                var letters = [bytes[i]]
                var j = i + 2
                while true {
                    letters.append(bytes[j])
                    guard j + 2 < bytes.count, bytes[j + 1] == separator, isSingleLetter(bytes, j + 2) else { break }
                    j += 2
                }
                let enough = separator == UInt8(ascii: " ") ? letters.count >= 3 : letters.count >= 2
                if protected == nil { protected = ProtectedSpans.find(in: bytes) }
                if enough && !ProtectedSpans.isInside(i, protected ?? [], cursor: &cursor) {
                    builder.replace(i..<(j + 1), with: letters)
                }
                i = j + 1
            }
        }
        return builder.finish()
    }

    /// A letter with no letter or digit directly before or after it.
    @inline(__always)
    private static func isSingleLetter(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard UTF8Scalars.isASCIILetter(bytes[i]) else { return false }
        if i > 0 && (UTF8Scalars.isASCIIAlphanumeric(bytes[i - 1]) || bytes[i - 1] >= 0x80) { return false }
        if i + 1 < bytes.count && (UTF8Scalars.isASCIIAlphanumeric(bytes[i + 1]) || bytes[i + 1] >= 0x80) { return false }
        return true
    }
}

/// Layer: collapse runs of three or more identical letters (`gajiii` → `gaji`) and runs of
/// whitespace (to one space). Double letters (`maaf`, `tinggi`), digits (`0000`) and URLs stay.
enum RunCollapsing {
    static func apply(_ input: TextBuffer) -> TextBuffer {
        // Find the first place that needs a change; most text has few, so scan cheaply first.
        var builder = TextBuilder(input)
        input.bytes.withUnsafeBufferPointer { bytes in
            var protected: [Range<Int>]?
            var cursor = 0
            let count = bytes.count
            var i = 0
            while i < count {
                let byte = bytes[i]
                if byte > 0x20 {
                    // Three equal letters in a row start a run to collapse.
                    if i + 2 < count && bytes[i + 1] == byte && bytes[i + 2] == byte && UTF8Scalars.isASCIILetter(byte) {
                        var end = i + 3
                        while end < count && bytes[end] == byte { end += 1 }
                        if protected == nil { protected = ProtectedSpans.find(in: bytes) }
                        if !ProtectedSpans.isInside(i, protected ?? [], cursor: &cursor) {
                            builder.replace(i..<end, with: CollectionOfOne(byte))
                        }
                        i = end
                        continue
                    }
                    i += 1
                    continue
                }
                guard UTF8Scalars.isASCIIWhitespace(byte) else { i += 1; continue }
                // A single space is already normal; anything else becomes one space.
                if byte == 0x20 && (i + 1 == count || !UTF8Scalars.isASCIIWhitespace(bytes[i + 1])) {
                    i += 1
                    continue
                }
                var end = i + 1
                while end < count && UTF8Scalars.isASCIIWhitespace(bytes[end]) { end += 1 }
                builder.replace(i..<end, with: CollectionOfOne(UInt8(ascii: " ")))
                i = end
            }
        }
        return builder.finish()
    }
}
