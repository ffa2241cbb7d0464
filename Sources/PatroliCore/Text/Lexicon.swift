/// Layer: the pack's slang/abbreviation lexicon, applied to whole words and phrases.
///
/// `gj` → `gaji`, `tnp pglmn` → `tanpa pengalaman`, `ln` → `luar negeri`. Only whole tokens of
/// letters and digits are replaced, so `15jt` is not touched by an entry for `jt`, and URLs and
/// e-mail addresses are left alone. The longest phrase wins. The pack's lexicon wins over any
/// generic slang list, because it is the only one applied.
public struct Lexicon: Sendable {
    struct Entry: Sendable {
        var tokens: [[UInt8]]  // the phrase, split on single spaces
        var replacement: [UInt8]
    }

    /// Open-addressing table: hash of a phrase's first token → index into `buckets`.
    private var slotHashes: [UInt64] = []
    private var slotBuckets: [Int32] = []
    private var buckets: [[Entry]] = []
    private var firstBytes = [Bool](repeating: false, count: 256)
    private var lengths = [Bool](repeating: false, count: 64)
    public private(set) var count = 0

    public init() {}

    /// Builds from already-normalized (key, replacement) pairs. Keys with no token are ignored.
    init(normalizedEntries: [(key: [UInt8], replacement: [UInt8])]) {
        var entries: [UInt64: [Entry]] = [:]
        for (key, replacement) in normalizedEntries {
            let tokens = key.split(separator: UInt8(ascii: " ")).map(Array.init)
            guard let first = tokens.first, !first.isEmpty, first.count < 64 else { continue }
            entries[Lexicon.hash(first[...]), default: []].append(Entry(tokens: tokens, replacement: replacement))
            firstBytes[Int(first[0])] = true
            lengths[first.count] = true
            count += 1
        }
        var size = 16
        while size < entries.count * 3 { size *= 2 }
        slotHashes = [UInt64](repeating: 0, count: size)
        slotBuckets = [Int32](repeating: -1, count: size)
        for (hash, list) in entries {
            var slot = Int(hash & UInt64(size - 1))
            while slotBuckets[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slotHashes[slot] = hash
            slotBuckets[slot] = Int32(buckets.count)
            buckets.append(list.sorted { $0.tokens.count > $1.tokens.count })
        }
    }

    @inline(__always)
    private func candidates(for hash: UInt64) -> [Entry]? {
        let mask = slotHashes.count - 1
        guard mask > 0 else { return nil }
        var slot = Int(hash & UInt64(mask))
        while true {
            let bucket = slotBuckets[slot]
            if bucket < 0 { return nil }
            if slotHashes[slot] == hash { return buckets[Int(bucket)] }
            slot = (slot + 1) & mask
        }
    }

    public var isEmpty: Bool { count == 0 }

    @inline(__always)
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in range { hash = (hash ^ UInt64(bytes[i])) &* 0x100_0000_01b3 }
        return hash
    }

    func apply(_ input: TextBuffer) -> TextBuffer {
        guard count > 0 else { return input }
        var builder = TextBuilder(input)
        input.bytes.withUnsafeBufferPointer { bytes in
            var protected: [Range<Int>]?
            var cursor = 0
            var i = 0
            while i < bytes.count {
                guard UTF8Scalars.isASCIIAlphanumeric(bytes[i]) else { i += 1; continue }
                var end = i + 1
                while end < bytes.count && UTF8Scalars.isASCIIAlphanumeric(bytes[end]) { end += 1 }
                defer { i = end }
                let length = end - i
                guard length < 64, lengths[length], firstBytes[Int(bytes[i])],
                      !(end < bytes.count && bytes[end] >= 0x80), !(i > 0 && bytes[i - 1] >= 0x80),
                      let candidates = candidates(for: Lexicon.hash(bytes, i..<end)) else { continue }
                for entry in candidates {
                    guard let phraseEnd = match(entry, bytes, i, end) else { continue }
                    if protected == nil { protected = ProtectedSpans.find(in: bytes) }
                    if ProtectedSpans.isInside(i, protected ?? [], cursor: &cursor) { break }
                    builder.replace(i..<phraseEnd, with: entry.replacement)
                    end = phraseEnd
                    break
                }
            }
        }
        return builder.finish()
    }

    /// If `entry` matches at the token `start..<firstEnd`, returns where the phrase ends.
    private func match(_ entry: Entry, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ firstEnd: Int) -> Int? {
        guard entry.tokens[0].count == firstEnd - start,
              entry.tokens[0].withUnsafeBufferPointer({ token in
                  (0..<token.count).allSatisfy { token[$0] == bytes[start + $0] }
              }) else { return nil }
        var position = firstEnd
        for token in entry.tokens.dropFirst() {
            guard position < bytes.count, bytes[position] == UInt8(ascii: " ") else { return nil }
            position += 1
            guard position + token.count <= bytes.count else { return nil }
            for k in 0..<token.count where bytes[position + k] != token[k] { return nil }
            position += token.count
        }
        if position < bytes.count && (UTF8Scalars.isASCIIAlphanumeric(bytes[position]) || bytes[position] >= 0x80) {
            return nil
        }
        return position
    }
}
