import PatroliCore

/// Store-independent rules for grouping queued posts: near-duplicates by SimHash over word
/// shingles of the normalized text, and posts sharing a normalized contact.
///
/// SimHash (Charikar 2002): every shingle (run of `shingleSize` consecutive words) is hashed to
/// 64 bits (FNV-1a, then the SplitMix64 finalizer, so the result is the same on every machine and
/// every run); each bit of the fingerprint is the majority vote of the shingles' bits. Two posts
/// are near-duplicates when their fingerprints differ in at most `hammingThreshold` bits and both
/// have at least `minimumWords` words (very short posts all look alike). Posts with the same
/// normalized text are always linked, whatever their length.
public struct Clustering: Sendable, Hashable {
    public var shingleSize: Int
    public var hammingThreshold: Int
    public var minimumWords: Int

    public static let defaultShingleSize = 2
    public static let defaultHammingThreshold = 10
    public static let defaultMinimumWords = 6

    public init(shingleSize: Int = Clustering.defaultShingleSize,
                hammingThreshold: Int = Clustering.defaultHammingThreshold,
                minimumWords: Int = Clustering.defaultMinimumWords) {
        self.shingleSize = max(1, shingleSize)
        self.hammingThreshold = min(64, max(0, hammingThreshold))
        self.minimumWords = max(1, minimumWords)
    }

    // MARK: Words and SimHash

    /// The words of a normalized text: maximal runs of letters, digits and marks, as written.
    public static func words(_ normalizedText: String) -> [Substring] {
        var result: [Substring] = []
        var start: String.Index?
        var index = normalizedText.startIndex
        while index != normalizedText.endIndex {
            let character = normalizedText[index]
            let isWordCharacter = character.isLetter || character.isNumber
                || character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .nonspacingMark }
            if isWordCharacter {
                if start == nil { start = index }
            } else if let wordStart = start {
                result.append(normalizedText[wordStart..<index])
                start = nil
            }
            index = normalizedText.index(after: index)
        }
        if let wordStart = start { result.append(normalizedText[wordStart..<normalizedText.endIndex]) }
        return result
    }

    /// The 64-bit SimHash of `normalizedText` (0 for a text without words).
    public func simHash(_ normalizedText: String) -> UInt64 {
        simHash(words: Clustering.words(normalizedText))
    }

    func simHash(words: [Substring]) -> UInt64 {
        guard !words.isEmpty else { return 0 }
        var votes = [Int](repeating: 0, count: 64)
        let width = min(shingleSize, words.count)
        for first in 0...(words.count - width) {
            var hash = Clustering.fnvOffset
            for position in first..<(first + width) {
                if position > first { hash = Clustering.fnvAppend(hash, 0x20) }
                for byte in words[position].utf8 { hash = Clustering.fnvAppend(hash, byte) }
            }
            let mixed = Clustering.mix(hash)
            for bit in 0..<64 {
                votes[bit] += (mixed >> UInt64(bit)) & 1 == 1 ? 1 : -1
            }
        }
        var result: UInt64 = 0
        for bit in 0..<64 where votes[bit] > 0 { result |= 1 << UInt64(bit) }
        return result
    }

    public static func hammingDistance(_ first: UInt64, _ second: UInt64) -> Int {
        (first ^ second).nonzeroBitCount
    }

    /// True when both fingerprints belong to long-enough posts and differ in at most
    /// `hammingThreshold` bits.
    public func isNearDuplicate(_ first: UInt64, _ second: UInt64) -> Bool {
        Clustering.hammingDistance(first, second) <= hammingThreshold
    }

    /// What clustering needs to know about one post.
    public func makeSignature(normalizedText: String, normalizedTextSHA256: String,
                              contactKeys: [String]) -> ClusterSignature {
        let words = Clustering.words(normalizedText)
        return ClusterSignature(simHash: simHash(words: words),
                                nearDuplicateEligible: words.count >= minimumWords,
                                normalizedTextSHA256: normalizedTextSHA256,
                                contactKeys: contactKeys)
    }

    public func makeSignature(_ item: NewQueueItem) -> ClusterSignature {
        makeSignature(normalizedText: item.normalizedText, normalizedTextSHA256: item.normalizedTextSHA256,
                      contactKeys: Clustering.contactKeys(item.entities))
    }

    // MARK: Contacts

    /// Contact kinds that link posts (email is extracted but does not cluster).
    public static let linkingKinds: Set<ContactKind> = [.phone, .whatsapp, .telegram, .line]

    /// The distinct, sorted contact keys of `entities`: `phone:+62…` for phone and WhatsApp
    /// numbers (one key, so a number written as a `wa.me` link joins the same number as text),
    /// `telegram:@handle`, `line:id`.
    public static func contactKeys(_ entities: Entities) -> [String] {
        var keys = Set<String>()
        for contact in entities.contacts where linkingKinds.contains(contact.kind) {
            if let key = contactKey(kind: contact.kind, value: contact.value) { keys.insert(key) }
        }
        return keys.sorted()
    }

    /// The key of one contact, or nil for a kind that does not link or an empty value.
    public static func contactKey(kind: ContactKind, value: String) -> String? {
        let trimmed = value.trimmingSpaces().lowercased()
        guard !trimmed.isEmpty else { return nil }
        switch kind {
        case .phone, .whatsapp: return "phone:" + trimmed
        case .telegram: return "telegram:" + (trimmed.hasPrefix("@") ? trimmed : "@" + trimmed)
        case .line: return "line:" + trimmed
        case .email: return nil
        }
    }

    /// The contact keys a user's filter text may mean: a full key (`phone:+6281200001111`) as is;
    /// a bare `@handle` as Telegram; a number in any common Indonesian form (`0812-0000-1111`,
    /// `62812…`, `+62 812…`) as `phone:+62…`; anything else as a Line id, Telegram handle or
    /// phone key.
    public static func contactKeys(matching query: String) -> [String] {
        let trimmed = query.trimmingSpaces().lowercased()
        guard !trimmed.isEmpty else { return [] }
        for prefix in ["phone:", "telegram:", "line:"] where trimmed.hasPrefix(prefix) { return [trimmed] }
        if trimmed.hasPrefix("@") { return ["telegram:" + trimmed] }
        let digits = trimmed.filter { $0.isASCII && $0.isNumber }
        let onlyNumberCharacters = trimmed.allSatisfy { ($0.isASCII && $0.isNumber) || " +-.()".contains($0) }
        if onlyNumberCharacters, digits.count >= 8 {
            if digits.hasPrefix("62") { return ["phone:+" + digits] }
            if digits.hasPrefix("0") { return ["phone:+62" + digits.dropFirst()] }
            if digits.hasPrefix("8") { return ["phone:+62" + digits] }
            return ["phone:+" + digits]
        }
        return ["line:" + trimmed, "telegram:@" + trimmed, "phone:" + trimmed].sorted()
    }

    // MARK: Hashing

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func fnvAppend(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* fnvPrime
    }

    /// SplitMix64 finalizer: spreads FNV's weak high bits over all 64.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// What clustering uses of one post.
public struct ClusterSignature: Sendable, Hashable {
    public var simHash: UInt64
    /// False for posts shorter than `Clustering.minimumWords`: they link only by identical text
    /// or contact.
    public var nearDuplicateEligible: Bool
    public var normalizedTextSHA256: String
    public var contactKeys: [String]

    public init(simHash: UInt64, nearDuplicateEligible: Bool, normalizedTextSHA256: String, contactKeys: [String]) {
        self.simHash = simHash
        self.nearDuplicateEligible = nearDuplicateEligible
        self.normalizedTextSHA256 = normalizedTextSHA256
        self.contactKeys = contactKeys
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
