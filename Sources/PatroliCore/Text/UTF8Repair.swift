/// Validates UTF-8 and replaces invalid sequences with U+FFFD.
///
/// Replacement follows the Unicode "maximal subpart" practice, the same one Swift's
/// `String(decoding:as: UTF8.self)` uses: a truncated but otherwise well-formed prefix of a
/// sequence (`E2 82` before a non-continuation byte) becomes one U+FFFD, any other invalid byte
/// becomes one U+FFFD of its own. Runs of ASCII are checked eight bytes at a time, so mostly-ASCII
/// text with the odd emoji stays fast.
public enum UTF8Repair {
    /// The UTF-8 encoding of U+FFFD REPLACEMENT CHARACTER.
    public static let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// Whether `bytes` is well-formed UTF-8.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstInvalidOffset(bytes) == nil
    }

    /// Whether `bytes` is well-formed UTF-8.
    public static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }

    /// The bytes with every invalid sequence replaced by U+FFFD, or `nil` when they are already
    /// valid (the fast path: nothing is copied).
    public static func repaired(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let firstBad = firstInvalidOffset(bytes), let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var output: [UInt8] = []
        output.reserveCapacity(count + 16)
        output.append(contentsOf: UnsafeBufferPointer(start: base, count: firstBad))
        var index = firstBad
        var runStart = index
        while index < count {
            let sequence = sequenceLength(base, index, count)
            if sequence.valid {
                index += sequence.length
                continue
            }
            if index > runStart {
                output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
            }
            output.append(contentsOf: replacementCharacter)
            index += sequence.length
            runStart = index
        }
        if index > runStart {
            output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
        }
        return output
    }

    /// The bytes with every invalid sequence replaced by U+FFFD, or `nil` when already valid.
    public static func repaired(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { repaired($0) }
    }

    /// The offset of the first byte that does not start a well-formed sequence, or `nil`.
    public static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index < count {
            // ASCII fast path: 32 bytes, then 8 bytes at a time.
            while index + 32 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                index += 32
            }
            while index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            guard index < count else { break }
            if base[index] < 0x80 {
                index += 1
                continue
            }
            let sequence = sequenceLength(base, index, count)
            if !sequence.valid { return index }
            index += sequence.length
        }
        return nil
    }

    /// Length of the sequence at `index`: a whole well-formed sequence (`valid`), or the maximal
    /// subpart of an ill-formed one (at least one byte), which is replaced by one U+FFFD.
    ///
    /// Well-formed sequences, from the Unicode Standard, table 3-7:
    /// `C2..DF 80..BF`, `E0 A0..BF 80..BF`, `E1..EC|EE..EF 80..BF 80..BF`, `ED 80..9F 80..BF`,
    /// `F0 90..BF 80..BF 80..BF`, `F1..F3 80..BF 80..BF 80..BF`, `F4 80..8F 80..BF 80..BF`.
    @inline(__always)
    static func sequenceLength(_ base: UnsafePointer<UInt8>, _ index: Int, _ count: Int)
        -> (length: Int, valid: Bool)
    {
        let lead = base[index]
        if lead < 0x80 { return (1, true) }
        let continuationCount: Int
        var secondLow: UInt8 = 0x80
        var secondHigh: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: continuationCount = 1
        case 0xE0: continuationCount = 2; secondLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: continuationCount = 2
        case 0xED: continuationCount = 2; secondHigh = 0x9F
        case 0xF0: continuationCount = 3; secondLow = 0x90
        case 0xF1...0xF3: continuationCount = 3
        case 0xF4: continuationCount = 3; secondHigh = 0x8F
        default: return (1, false)
        }
        for offset in 1...continuationCount {
            guard index + offset < count else { return (offset, false) }
            let byte = base[index + offset]
            let low: UInt8 = offset == 1 ? secondLow : 0x80
            let high: UInt8 = offset == 1 ? secondHigh : 0xBF
            if byte < low || byte > high { return (offset, false) }
        }
        return (continuationCount + 1, true)
    }
}
