/// A region a normalization layer changed: output bytes `outStart..<outEnd` came from input
/// bytes `inStart..<inEnd`. Bytes outside every region map one to one (shifted).
public struct OffsetEdit: Sendable, Hashable {
    public var outStart: Int32
    public var outEnd: Int32
    public var inStart: Int32
    public var inEnd: Int32
}

/// UTF-8 bytes with the way back to the original text.
///
/// Every normalization layer takes a `TextBuffer` and returns one. A layer that changes lengths
/// records only the regions it changed (like ICU's `Edits`), so unchanged text costs a copy and
/// nothing else, and a layer that changed nothing costs no allocation at all. Same-length
/// changes (case, leetspeak digits) keep positions and need no record.
public struct TextBuffer: Sendable, Hashable {
    public var bytes: [UInt8]
    /// One edit list per layer that changed lengths, oldest first.
    var history: [[OffsetEdit]]

    /// The identity map over `original`.
    public init(original: [UInt8]) {
        bytes = original
        history = []
    }

    public var count: Int { bytes.count }
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The original byte range that normalized bytes `range` came from.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        for edits in history.reversed() {
            let mapped = TextBuffer.map(lower..<upper, back: edits)
            lower = mapped.lowerBound
            upper = mapped.upperBound
        }
        return lower..<max(lower, upper)
    }

    /// Where original byte `offset` ended up in the normalized text (the first byte at or after it).
    public func normalizedPosition(ofOriginal offset: Int) -> Int {
        var position = offset
        for edits in history {
            var shifted = position
            for edit in edits {
                if Int(edit.inEnd) <= position {
                    shifted = position - Int(edit.inEnd) + Int(edit.outEnd)
                } else if Int(edit.inStart) <= position {
                    shifted = Int(edit.outStart)
                    break
                } else {
                    break
                }
            }
            position = shifted
        }
        return min(position, bytes.count)
    }

    private static func map(_ range: Range<Int>, back edits: [OffsetEdit]) -> Range<Int> {
        guard !edits.isEmpty else { return range }
        if range.isEmpty {
            let start = mapStart(range.lowerBound, edits)
            return start..<start
        }
        return mapStart(range.lowerBound, edits)..<mapEnd(range.upperBound - 1, edits)
    }

    /// Index of the last edit whose output starts at or before `position`.
    @inline(__always)
    private static func lastEdit(atOrBefore position: Int, _ edits: [OffsetEdit]) -> Int? {
        var low = 0, high = edits.count
        while low < high {
            let middle = (low + high) / 2
            if Int(edits[middle].outStart) <= position { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }

    private static func mapStart(_ position: Int, _ edits: [OffsetEdit]) -> Int {
        guard var index = lastEdit(atOrBefore: position, edits) else { return position }
        // Skip deletions (empty output regions) sitting exactly at `position`.
        while index >= 0 {
            let edit = edits[index]
            if position < Int(edit.outEnd) { return Int(edit.inStart) }
            if edit.outStart != edit.outEnd || Int(edit.outEnd) <= position { break }
            index -= 1
        }
        let edit = edits[max(index, 0)]
        return position - Int(edit.outEnd) + Int(edit.inEnd)
    }

    /// Maps the last byte of a range; returns the exclusive original end.
    private static func mapEnd(_ position: Int, _ edits: [OffsetEdit]) -> Int {
        guard let index = lastEdit(atOrBefore: position, edits) else { return position + 1 }
        let edit = edits[index]
        if position < Int(edit.outEnd) { return Int(edit.inEnd) }
        return position - Int(edit.outEnd) + Int(edit.inEnd) + 1
    }
}

/// Builds a layer's output from its input, copying unchanged stretches lazily.
///
/// Nothing is allocated until the first change; `finish()` then returns the input itself when
/// nothing changed.
struct TextBuilder {
    private let input: TextBuffer
    private var output: [UInt8] = []
    private var edits: [OffsetEdit] = []
    private var copied = 0
    private var changed = false

    init(_ input: TextBuffer) { self.input = input }

    /// Copies input bytes up to `end` (exclusive) that have not been emitted yet.
    @inline(__always)
    private mutating func flush(upTo end: Int) {
        if !changed {
            changed = true
            output.reserveCapacity(input.bytes.count + 32)
        }
        if end > copied {
            input.bytes.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[copied..<end])) }
            copied = end
        }
    }

    /// Replaces input `range` by `replacement` (any length, possibly empty).
    mutating func replace<C: Collection>(_ range: Range<Int>, with replacement: C) where C.Element == UInt8 {
        flush(upTo: range.lowerBound)
        let outStart = output.count
        output.append(contentsOf: replacement)
        copied = range.upperBound
        // A same-length replacement keeps positions only byte for byte; a longer region (a flag's
        // 8 bytes becoming " taiwan ") needs its record, or a match inside it would map back into
        // the middle of a character.
        if output.count - outStart != range.count || range.count > 1 {
            edits.append(OffsetEdit(outStart: Int32(outStart), outEnd: Int32(output.count),
                                    inStart: Int32(range.lowerBound), inEnd: Int32(range.upperBound)))
        }
    }

    mutating func delete(_ range: Range<Int>) { replace(range, with: EmptyCollection()) }

    /// Replaces one byte by another (same length: no offset change).
    mutating func overwrite(_ index: Int, with byte: UInt8) { replace(index..<(index + 1), with: CollectionOfOne(byte)) }

    /// Records an ICU-style list of changed regions of `range` (input offsets relative to it).
    mutating func append(normalized bytes: ArraySlice<UInt8>, for range: Range<Int>, regions: [OffsetEdit]) {
        flush(upTo: range.lowerBound)
        let base = output.count
        output.append(contentsOf: bytes)
        for region in regions {
            edits.append(OffsetEdit(outStart: Int32(base) + region.outStart, outEnd: Int32(base) + region.outEnd,
                                    inStart: Int32(range.lowerBound) + region.inStart, inEnd: Int32(range.lowerBound) + region.inEnd))
        }
        copied = range.upperBound
    }

    mutating func finish() -> TextBuffer {
        guard changed else { return input }
        flush(upTo: input.bytes.count)
        var result = input
        result.bytes = output
        if !edits.isEmpty { result.history.append(edits) }
        return result
    }
}
