import CICUShim

/// Layer: Unicode NFKC with case folding (ICU `NFKC_Casefold`).
///
/// Fullwidth (`Ｌｏｋｅｒ`) and mathematical "fancy" letters become plain, everything is lower
/// case, and default-ignorable characters (zero-width space, joiners, soft hyphen) disappear.
/// ASCII runs take a fast path; only runs of non-ASCII bytes (with the ASCII letter before them,
/// which a combining mark may attach to) go through ICU.
enum CaseFolding {
    static func apply(_ input: TextBuffer) -> TextBuffer {
        let hasNonASCII = input.bytes.contains { $0 >= 0x80 }
        if !hasNonASCII {
            var output = input
            output.bytes.withUnsafeMutableBufferPointer { bytes in
                for i in 0..<bytes.count where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] |= 0x20 }
            }
            return output
        }
        var output = TextBuffer(reservingCapacity: input.count + 16)
        var scratch = ICUScratch()
        let bytes = input.bytes
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x80 {
                output.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte, copyingOriginOf: i, in: input)
                i += 1
                continue
            }
            var runStart = i
            var runEnd = i
            while runEnd < bytes.count && bytes[runEnd] >= 0x80 { runEnd += 1 }
            if runStart > 0 && UTF8Scalars.isASCIILetter(bytes[runStart - 1]) {
                // A combining mark may compose with the letter before it: normalize them together.
                runStart -= 1
                output.bytes.removeLast()
                output.originStart.removeLast()
                output.originEnd.removeLast()
            }
            scratch.normalize(bytes, runStart..<runEnd, from: input, into: &output)
            i = runEnd
        }
        return output
    }
}

/// Reusable buffers for one ICU normalization call.
struct ICUScratch {
    var destination: [UInt8] = []
    var sourceStart: [Int32] = []
    var sourceEnd: [Int32] = []

    mutating func normalize(_ bytes: [UInt8], _ range: Range<Int>, from input: TextBuffer, into output: inout TextBuffer) {
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
                for k in 0..<Int(written) {
                    let from = range.lowerBound + Int(sourceStart[k])
                    let to = range.lowerBound + max(Int(sourceEnd[k]) - 1, Int(sourceStart[k]))
                    output.bytes.append(destination[k])
                    output.originStart.append(input.originStart[from])
                    output.originEnd.append(input.originEnd[min(to, input.count - 1)])
                }
                return
            }
            if written == Int32.min { break }
            capacity = max(capacity * 2, Int(-written))
        }
        // ICU failed (should not happen on valid UTF-8): keep the bytes as they were.
        for k in range { output.append(bytes[k], copyingOriginOf: k, in: input) }
    }
}
