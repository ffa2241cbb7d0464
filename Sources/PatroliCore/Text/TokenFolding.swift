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
        let needsWork = input.bytes.withUnsafeBufferPointer { bytes -> Bool in
            guard bytes.count > 1 else { return false }
            for i in 1..<bytes.count {
                let a = bytes[i - 1], b = bytes[i]
                let aDigitish = UTF8Scalars.isASCIIDigit(a) || a == UInt8(ascii: "@") || a == UInt8(ascii: "$")
                let bDigitish = UTF8Scalars.isASCIIDigit(b) || b == UInt8(ascii: "@") || b == UInt8(ascii: "$")
                if (aDigitish && UTF8Scalars.isASCIILetter(b)) || (bDigitish && UTF8Scalars.isASCIILetter(a)) { return true }
            }
            return false
        }
        guard needsWork else { return input }
        var output = input
        input.bytes.withUnsafeBufferPointer { bytes in
            let protected = ProtectedSpans.find(in: bytes)
            var cursor = 0
            var i = 0
            while i < bytes.count {
                guard isTokenByte(bytes, i) else { i += 1; continue }
                var end = i
                while end < bytes.count && isTokenByte(bytes, end) { end += 1 }
                if !ProtectedSpans.isInside(i, protected, cursor: &cursor) {
                    fold(bytes, i..<end, into: &output.bytes)
                }
                i = end
            }
        }
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

    private static func fold(_ bytes: UnsafeBufferPointer<UInt8>, _ token: Range<Int>, into output: inout [UInt8]) {
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
            if units.contains(String(decoding: UnsafeBufferPointer(rebasing: bytes[k..<token.upperBound]), as: UTF8.self)) {
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
            let atEdgeOfLongWord = letters >= 3
            guard inMiddle || atEdgeOfLongWord else { continue }
            let replacement = byte < 128 ? digitLetters[Int(byte)] : 0
            if replacement != 0 { output[i] = replacement }
        }
    }
}

/// Layer: join letters written one by one: `k e r j a` → `kerja`, `L.N` → `ln`, `t-k-w` → `tkw`.
///
/// Three or more single letters separated by single spaces, or two or more separated by the same
/// one of `.`, `-`, `_`, `*`. Digits are never joined (phone numbers), nor are URLs or e-mails.
enum SpacedLetterJoining {
    private static let separators: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "-"),
                                                 UInt8(ascii: "_"), UInt8(ascii: "*")]

    static func apply(_ input: TextBuffer) -> TextBuffer {
        var output: TextBuffer?
        input.bytes.withUnsafeBufferPointer { bytes in
            var protected: [Range<Int>]?
            var cursor = 0
            var copied = 0  // bytes[0..<copied] are already in output
            var i = 0
            while i < bytes.count {
                guard isSingleLetter(bytes, i), i + 2 < bytes.count, separators.contains(bytes[i + 1]),
                      isSingleLetter(bytes, i + 2) else { i += 1; continue }
                let separator = bytes[i + 1]
                var letters = [i]
                var j = i + 2
                while true {
                    letters.append(j)
                    guard j + 2 < bytes.count, bytes[j + 1] == separator, isSingleLetter(bytes, j + 2) else { break }
                    j += 2
                }
                let enough = separator == UInt8(ascii: " ") ? letters.count >= 3 : letters.count >= 2
                if protected == nil { protected = ProtectedSpans.find(in: bytes) }
                if !enough || ProtectedSpans.isInside(i, protected ?? [], cursor: &cursor) {
                    i = j + 1
                    continue
                }
                if output == nil { output = TextBuffer(reservingCapacity: input.count) }
                for k in copied..<i { output!.append(bytes[k], copyingOriginOf: k, in: input) }
                for k in letters { output!.append(bytes[k], copyingOriginOf: k, in: input) }
                copied = j + 1
                i = j + 1
            }
            if output != nil {
                for k in copied..<bytes.count { output!.append(bytes[k], copyingOriginOf: k, in: input) }
            }
        }
        return output ?? input
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
        let needsWork = input.bytes.withUnsafeBufferPointer { bytes -> Bool in
            var i = 0
            while i + 1 < bytes.count {
                let byte = bytes[i]
                if UTF8Scalars.isASCIIWhitespace(byte) {
                    if byte != UInt8(ascii: " ") || UTF8Scalars.isASCIIWhitespace(bytes[i + 1]) { return true }
                } else if i + 2 < bytes.count && UTF8Scalars.isASCIILetter(byte) && bytes[i + 1] == byte && bytes[i + 2] == byte {
                    return true
                }
                i += 1
            }
            return bytes.last.map(UTF8Scalars.isASCIIWhitespace) == true && bytes.last != UInt8(ascii: " ")
        }
        guard needsWork else { return input }
        var output = TextBuffer(reservingCapacity: input.count)
        input.bytes.withUnsafeBufferPointer { bytes in
            let protected = ProtectedSpans.find(in: bytes)
            var cursor = 0
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if UTF8Scalars.isASCIIWhitespace(byte) {
                    var end = i
                    while end < bytes.count && UTF8Scalars.isASCIIWhitespace(bytes[end]) { end += 1 }
                    output.append(CollectionOfOne(UInt8(ascii: " ")), replacing: i..<end, in: input)
                    i = end
                    continue
                }
                if UTF8Scalars.isASCIILetter(byte) {
                    var end = i
                    while end < bytes.count && bytes[end] == byte { end += 1 }
                    if end - i >= 3 && !ProtectedSpans.isInside(i, protected, cursor: &cursor) {
                        output.append(CollectionOfOne(byte), replacing: i..<end, in: input)
                    } else {
                        for k in i..<end { output.append(bytes[k], copyingOriginOf: k, in: input) }
                    }
                    i = end
                    continue
                }
                output.append(byte, copyingOriginOf: i, in: input)
                i += 1
            }
        }
        return output
    }
}
