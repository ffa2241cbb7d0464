/// UTF-8 bytes with, for every byte, the span of original bytes it came from.
///
/// Every normalization layer takes a `TextBuffer` and returns one, composing the maps, so a
/// match on the normalized text can always be shown at its span in the text the officer saw.
public struct TextBuffer: Sendable, Hashable {
    public var bytes: [UInt8]
    /// Original byte offset where the character that produced byte `i` starts.
    public var originStart: [Int32]
    /// Original byte offset where the character that produced byte `i` ends (exclusive).
    public var originEnd: [Int32]

    public init() {
        bytes = []
        originStart = []
        originEnd = []
    }

    /// The identity map over `original`.
    public init(original: [UInt8]) {
        bytes = original
        originStart = Array(unsafeUninitializedCapacity: original.count) { buffer, count in
            for i in 0..<original.count { buffer[i] = Int32(i) }
            count = original.count
        }
        originEnd = Array(unsafeUninitializedCapacity: original.count) { buffer, count in
            for i in 0..<original.count { buffer[i] = Int32(i + 1) }
            count = original.count
        }
    }

    public init(reservingCapacity capacity: Int) {
        bytes = []
        originStart = []
        originEnd = []
        bytes.reserveCapacity(capacity)
        originStart.reserveCapacity(capacity)
        originEnd.reserveCapacity(capacity)
    }

    public var count: Int { bytes.count }
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends byte `i` of `source` with its origin.
    @inline(__always)
    mutating func append(_ byte: UInt8, copyingOriginOf i: Int, in source: TextBuffer) {
        bytes.append(byte)
        originStart.append(source.originStart[i])
        originEnd.append(source.originEnd[i])
    }

    /// Appends `replacement`, every byte of it mapped to the whole origin of `source[range]`.
    mutating func append<C: Collection>(_ replacement: C, replacing range: Range<Int>, in source: TextBuffer)
    where C.Element == UInt8 {
        guard !range.isEmpty else { return }
        let start = source.originStart[range.lowerBound]
        let end = source.originEnd[range.upperBound - 1]
        for byte in replacement {
            bytes.append(byte)
            originStart.append(start)
            originEnd.append(end)
        }
    }

    /// The original byte range that normalized bytes `range` came from.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty, range.upperBound <= bytes.count else {
            let at = range.lowerBound < originStart.count ? Int(originStart[range.lowerBound]) : 0
            return at..<at
        }
        var lower = Int.max
        var upper = 0
        // Layers may reorder nothing, but merged characters can map back to a wider span.
        for i in range {
            lower = min(lower, Int(originStart[i]))
            upper = max(upper, Int(originEnd[i]))
        }
        return lower..<upper
    }
}
