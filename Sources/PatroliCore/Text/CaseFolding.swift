import CICUShim

/// Layer: Unicode NFKC with case folding (ICU `NFKC_Casefold`).
///
/// Fullwidth (`Ｌｏｋｅｒ`) and mathematical "fancy" letters become plain, everything is lower
/// case, and default-ignorable characters (zero-width space, joiners, soft hyphen) disappear.
/// ASCII takes a fast path (lower-casing in place keeps every offset); only runs of non-ASCII
/// bytes, with the ASCII letter before them that a combining mark may attach to, go through ICU.
enum CaseFolding {
    static func apply(_ input: TextBuffer) -> TextBuffer {
        var lowered = input
        var hasNonASCII = false
        lowered.bytes.withUnsafeMutableBufferPointer { bytes in
            var high: UInt8 = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                high |= byte
                // Branch-free ASCII lower-casing: add 0x20 to A–Z only.
                bytes[i] = byte | (byte &- 0x41 < 26 ? 0x20 : 0)
            }
            hasNonASCII = high >= 0x80
        }
        guard hasNonASCII else { return lowered }
        var builder = TextBuilder(lowered)
        var scratch = ICUScratch()
        let bytes = lowered.bytes
        var i = 0
        while i < bytes.count {
            guard bytes[i] >= 0x80 else { i += 1; continue }
            var runStart = i
            var runEnd = i
            while runEnd < bytes.count && bytes[runEnd] >= 0x80 { runEnd += 1 }
            if isStableSymbolRun(bytes, runStart..<runEnd) {
                i = runEnd
                continue
            }
            if runStart > 0 && UTF8Scalars.isASCIILetter(bytes[runStart - 1]) { runStart -= 1 }
            scratch.normalize(bytes, runStart..<runEnd, into: &builder)
            i = runEnd
        }
        return builder.finish()
    }

    /// Runs made only of pictographs and arrows/dingbats, which NFKC with case folding leaves as
    /// they are, skip ICU. (Variation selectors and joiners, which it would drop, stay: they are
    /// not word characters, so matching is the same.)
    private static func isStableSymbolRun(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var i = range.lowerBound
            while i < range.upperBound {
                let (scalar, length) = UTF8Scalars.decode(buffer, at: i)
                let stable = (scalar >= 0x1F300 && scalar <= 0x1FAFF) || (scalar >= 0x2190 && scalar <= 0x21FF)
                    || (scalar >= 0x2600 && scalar <= 0x27BF) || (scalar >= 0x2B00 && scalar <= 0x2BFF)
                    || scalar == 0xFE0F || scalar == 0x200D || (scalar >= 0x1F3FB && scalar <= 0x1F3FF)
                guard stable else { return false }
                i += length
            }
            return true
        }
    }
}

/// Reusable buffers for one ICU normalization call.
struct ICUScratch {
    var destination: [UInt8] = []
    var sourceStart: [Int32] = []
    var sourceEnd: [Int32] = []

    mutating func normalize(_ bytes: [UInt8], _ range: Range<Int>, into builder: inout TextBuilder) {
        var capacity = max(64, range.count * 3 + 16)
        for _ in 0..<4 {
            if destination.count < capacity {
                destination = [UInt8](repeating: 0, count: capacity)
                sourceStart = [Int32](repeating: 0, count: capacity)
                sourceEnd = [Int32](repeating: 0, count: capacity)
            }
            var errorCode: Int32 = 0
            let written = bytes.withUnsafeBufferPointer { source in
                destination.withUnsafeMutableBufferPointer { destination in
                    sourceStart.withUnsafeMutableBufferPointer { starts in
                        sourceEnd.withUnsafeMutableBufferPointer { ends in
                            patroli_nfkc_casefold(
                                source.baseAddress! + range.lowerBound, Int32(range.count),
                                destination.baseAddress!, Int32(destination.count),
                                starts.baseAddress!, ends.baseAddress!, &errorCode)
                        }
                    }
                }
            }
            if written >= 0 {
                builder.append(normalized: destination[0..<Int(written)], for: range,
                               regions: regions(count: Int(written), sourceLength: range.count))
                return
            }
            if written == Int32.min { break }
            capacity = max(capacity * 2, Int(-written))
        }
        // ICU failed (should not happen on valid UTF-8): the bytes stay as they were.
    }

    /// Turns ICU's per-byte source spans into changed regions (length changes and deletions).
    private func regions(count: Int, sourceLength: Int) -> [OffsetEdit] {
        var regions: [OffsetEdit] = []
        var expected: Int32 = 0  // next source byte not yet accounted for
        var k = 0
        while k < count {
            let start = sourceStart[k], end = sourceEnd[k]
            var unitEnd = k + 1
            while unitEnd < count && sourceStart[unitEnd] == start && sourceEnd[unitEnd] == end { unitEnd += 1 }
            if start > expected {
                regions.append(OffsetEdit(outStart: Int32(k), outEnd: Int32(k), inStart: expected, inEnd: start))
            }
            if Int32(unitEnd - k) != end - start {
                regions.append(OffsetEdit(outStart: Int32(k), outEnd: Int32(unitEnd), inStart: start, inEnd: end))
            }
            expected = max(expected, end)
            k = unitEnd
        }
        if Int(expected) < sourceLength {
            regions.append(OffsetEdit(outStart: Int32(count), outEnd: Int32(count), inStart: expected, inEnd: Int32(sourceLength)))
        }
        return regions
    }
}
