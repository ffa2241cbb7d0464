/// Scans posts with a compiled pack. One per worker: it owns the scratch (PCRE2 match data,
/// per-rule buffers); the compiled pack itself is shared.
public final class Scanner {
    public let pack: CompiledPack
    /// When false, posts below the review threshold get their score and contributions but no
    /// hits (a stream that prints only flagged posts needs no spans for the rest).
    public var detailsForUnflagged = true
    private let scratch: PCRE2MatchScratch?
    /// Normalized byte spans found per rule for the current post (raw-target spans are original bytes).
    private var spans: [[Range<Int>]]
    private var rawTarget: [Bool]
    private var fired: [Bool]
    private var candidate: [Bool]
    private var touched: [Int] = []
    /// This scanner's own copies of the pack tables read for every post (see `LocalTables`).
    private let local: LocalTables

    public init(pack: CompiledPack, limits: PCRE2MatchScratch.Limits = .init()) {
        self.pack = pack
        scratch = PCRE2MatchScratch(limits: limits)
        spans = Array(repeating: [], count: pack.rules.count)
        rawTarget = Array(repeating: false, count: pack.rules.count)
        fired = Array(repeating: false, count: pack.rules.count)
        candidate = Array(repeating: false, count: pack.rules.count)
        local = LocalTables(pack)
    }

    /// The parts of the shared pack that the scan loop reads for every post, copied into storage
    /// of this scanner's own.
    ///
    /// Reading an array, a string or an object of the shared pack retains and releases it: an
    /// atomic write to its reference count. With several workers those writes all land on the
    /// same few cache lines, which then bounce between cores and cost more than the scan itself
    /// gains from the second core. Each worker's copies keep that traffic on its own core; the
    /// compiled regexes are held unretained (the pack keeps them alive).
    private struct LocalTables {
        let literalTargets: [CompiledPack.LiteralTarget]
        let regexes: [(regex: Unmanaged<PCRE2Regex>, raw: Bool)?]
        let hasNear: [Bool]
        let unlessAfter: [[[UInt8]]]
        let hasUnlessAfter: [Bool]
        let combinations: [CompiledPack.ResolvedCombination?]
        let combinationOrder: [Int]
        let ungatedRegexRules: [Int]
        let rawGatedRegexRules: [(rule: Int, literals: [[UInt8]])]
        let nearRules: [Int]
        let rules: [(id: String, category: String, description: String, weight: Double, maxCount: Int)]
        let capByRule: [Double?]
        let categorySlot: [Int]

        init(_ pack: CompiledPack) {
            func own(_ text: String) -> String { String(decoding: Array(text.utf8), as: UTF8.self) }
            literalTargets = pack.literalTargets.map { $0 }
            regexes = pack.rules.map { compiled in
                guard case .regex(let regex, let target, _) = compiled.kind else { return nil }
                return (Unmanaged.passUnretained(regex), target == .raw)
            }
            hasNear = pack.rules.map(\.hasNear)
            unlessAfter = pack.rules.map { $0.unlessAfter.map { $0.map { $0 } } }
            hasUnlessAfter = unlessAfter.map { !$0.isEmpty }
            combinations = pack.resolvedCombinations.map { $0.map(CompiledPack.ResolvedCombination.init(copying:)) }
            combinationOrder = pack.combinationOrder.map { $0 }
            ungatedRegexRules = pack.ungatedRegexRules.map { $0 }
            rawGatedRegexRules = pack.rawGatedRegexRules.map { ($0.rule, $0.literals.map { $0.map { $0 } }) }
            nearRules = pack.nearRules.map { $0 }
            rules = pack.rules.map {
                (own($0.rule.id), own($0.rule.category), own($0.rule.description), $0.rule.weight, $0.rule.maxCount)
            }
            capByRule = pack.capByRule.map { $0 }
            categorySlot = pack.categorySlot.map { $0 }
        }
    }

    public func scan(_ text: String) -> ScanResult { scan(utf8: Array(text.utf8)) }

    public func scan(utf8 text: [UInt8]) -> ScanResult {
        let normalized = pack.normalizer.normalize(utf8: text)
        for index in touched {
            spans[index].removeAll(keepingCapacity: true)
            fired[index] = false
            candidate[index] = false
            rawTarget[index] = false
        }
        touched.removeAll(keepingCapacity: true)
        var failures: [RuleFailure] = []

        // 1. One pass of the literal automaton: keyword hits and regex candidates.
        normalized.buffer.bytes.withUnsafeBufferPointer { bytes in
            pack.automaton.scan(bytes) { payload, start, end in
                let target = local.literalTargets[Int(payload)]
                let rule = Int(target.rule)
                if target.isKeyword {
                    guard Scanner.isWordBoundary(bytes, before: start), Scanner.isWordBoundary(bytes, after: end) else { return }
                    if local.hasUnlessAfter[rule] && Scanner.follows(bytes, at: start, oneOf: local.unlessAfter[rule]) { return }
                    if spans[rule].isEmpty { touched.append(rule) }
                    if !spans[rule].contains(start..<end) { spans[rule].append(start..<end) }
                } else if !candidate[rule] {
                    candidate[rule] = true
                    touched.append(rule)
                }
            }
        }
        // 2. Regexes whose literal was seen, and those with none.
        for rule in touched where candidate[rule] { runRegex(rule, normalized, &failures) }
        for (rule, literals) in local.rawGatedRegexRules
        where literals.contains(where: { Scanner.containsCaseInsensitive(normalized.original, $0) }) {
            touched.append(rule)
            runRegex(rule, normalized, &failures)
        }
        for rule in local.ungatedRegexRules {
            touched.append(rule)
            runRegex(rule, normalized, &failures)
        }
        for rule in touched where !spans[rule].isEmpty && !local.hasNear[rule] { fired[rule] = true }
        // 3. `near` conditions, then combinations in dependency order.
        if !local.nearRules.isEmpty { applyNear(normalized) }
        for rule in local.combinationOrder { evaluateCombination(rule) }
        return score(normalized, failures)
    }

    private func runRegex(_ rule: Int, _ normalized: NormalizedText, _ failures: inout [RuleFailure]) {
        guard let (regex, raw) = local.regexes[rule], let scratch else { return }
        let subject = raw ? normalized.original : normalized.buffer.bytes
        let outcome = subject.withUnsafeBufferPointer { buffer -> Result<[Range<Int>], PCRE2MatchScratch.MatchError> in
            regex._withUnsafeGuaranteedRef { regex in
                do throws(PCRE2MatchScratch.MatchError) {
                    return .success(try scratch.matches(of: regex, in: buffer))
                } catch {
                    return .failure(error)
                }
            }
        }
        switch outcome {
        case .success(let found):
            let nonEmpty = found.filter { !$0.isEmpty }
            if !nonEmpty.isEmpty {
                if spans[rule].isEmpty { touched.append(rule) }
                spans[rule].append(contentsOf: nonEmpty)
                rawTarget[rule] = raw
            }
        case .failure(let error):
            failures.append(RuleFailure(ruleID: local.rules[rule].id,
                                        message: "regex stopped on this post: \(error.message)"))
        }
    }

    /// Whether `haystack` contains `needle` (lower-case ASCII), ignoring ASCII case.
    static func containsCaseInsensitive(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        return haystack.withUnsafeBufferPointer { text in
            needle.withUnsafeBufferPointer { pattern in
                var i = 0
                let last = text.count - pattern.count
                while i <= last {
                    let byte = text[i] >= 0x41 && text[i] <= 0x5A ? text[i] | 0x20 : text[i]
                    if byte == first {
                        var k = 1
                        while k < pattern.count {
                            let other = text[i + k] >= 0x41 && text[i + k] <= 0x5A ? text[i + k] | 0x20 : text[i + k]
                            if other != pattern[k] { break }
                            k += 1
                        }
                        if k == pattern.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// Whether the word (or phrase) right before `start`, across spaces, is one of `words`
    /// (normalized text, so lower case and single spaces).
    static func follows(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, oneOf words: [[UInt8]]) -> Bool {
        var end = start
        while end > 0 && bytes[end - 1] == 0x20 { end -= 1 }
        guard end < start else { return false }
        for word in words where word.count <= end {
            let from = end - word.count
            guard isWordBoundary(bytes, before: from) else { continue }
            var same = true
            for k in 0..<word.count where bytes[from + k] != word[k] {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }

    @inline(__always)
    static func isWordBoundary(_ bytes: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
        guard start > 0 else { return true }
        let byte = bytes[start - 1]
        if byte < 0x80 { return !UTF8Scalars.isASCIIAlphanumeric(byte) }
        var lead = start - 1
        while lead > 0 && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        return !isWordScalar(UTF8Scalars.decode(bytes, at: lead).scalar)
    }

    @inline(__always)
    static func isWordBoundary(_ bytes: UnsafeBufferPointer<UInt8>, after end: Int) -> Bool {
        guard end < bytes.count else { return true }
        let byte = bytes[end]
        if byte < 0x80 { return !UTF8Scalars.isASCIIAlphanumeric(byte) }
        return !isWordScalar(UTF8Scalars.decode(bytes, at: end).scalar)
    }

    private static func isWordScalar(_ scalar: UInt32) -> Bool {
        guard let value = Unicode.Scalar(scalar) else { return false }
        return value.properties.isAlphabetic || value.properties.numericType != nil
    }

    // MARK: near

    private func applyNear(_ normalized: NormalizedText) {
        guard local.nearRules.contains(where: { !spans[$0].isEmpty }) else { return }
        let bytes = normalized.buffer.bytes
        // Word index of every byte position: count of word starts up to it.
        var wordIndex = [Int32](repeating: 0, count: bytes.count + 1)
        var words: Int32 = 0
        var inWord = false
        for i in 0..<bytes.count {
            let isWord = UTF8Scalars.isASCIIAlphanumeric(bytes[i]) || bytes[i] >= 0x80
            if isWord && !inWord { words += 1 }
            inWord = isWord
            wordIndex[i] = words
        }
        wordIndex[bytes.count] = words
        func normalizedSpan(_ span: Range<Int>, raw: Bool) -> Range<Int> {
            guard raw else { return span }
            let lower = normalized.buffer.normalizedPosition(ofOriginal: span.lowerBound)
            let upper = normalized.buffer.normalizedPosition(ofOriginal: span.upperBound)
            return lower..<max(lower, upper)
        }
        for rule in local.nearRules where !spans[rule].isEmpty {
            guard let near = pack.rules[rule].rule.near else { continue }
            let others = pack.indexes(of: near.reference.reference, excluding: rule)
                .filter { fired[$0] }
                .flatMap { other in spans[other].map { normalizedSpan($0, raw: rawTarget[other]) } }
            let kept = spans[rule].filter { span in
                let mine = normalizedSpan(span, raw: rawTarget[rule])
                let a = Int(wordIndex[min(mine.lowerBound, bytes.count)])
                let b = Int(wordIndex[max(mine.upperBound - 1, mine.lowerBound)])
                return others.contains { other in
                    let c = Int(wordIndex[min(other.lowerBound, bytes.count)])
                    let d = Int(wordIndex[max(other.upperBound - 1, other.lowerBound)])
                    let distance = c > b ? c - b : (a > d ? a - d : 0)
                    return distance <= near.words
                }
            }
            spans[rule] = kept
            fired[rule] = !kept.isEmpty
        }
    }

    // MARK: combinations

    @inline(__always)
    private func anyFired(_ indexes: [Int]) -> Bool {
        for index in indexes where fired[index] { return true }
        return false
    }

    private func evaluateCombination(_ rule: Int) {
        guard let combination = local.combinations[rule] else { return }
        var holds = combination.all.allSatisfy(anyFired)
        if holds && !combination.any.isEmpty { holds = combination.any.contains(where: anyFired) }
        if holds && !combination.not.isEmpty { holds = !combination.not.contains(where: anyFired) }
        if holds, let count = combination.atLeastCount {
            holds = combination.atLeastOf.filter(anyFired).count >= count
        }
        guard holds else { return }
        fired[rule] = true
        touched.append(rule)
        // Pin the combination to the words of the rules that made it hold.
        var pinned: [Range<Int>] = []
        var raw = false
        for indexes in combination.pinning {
            for index in indexes where fired[index] {
                if let first = spans[index].first {
                    if rawTarget[index] != raw && !pinned.isEmpty { continue }
                    raw = rawTarget[index]
                    if !pinned.contains(first) { pinned.append(first) }
                }
            }
        }
        spans[rule] = pinned
        rawTarget[rule] = raw
    }

    // MARK: score

    private func score(_ normalized: NormalizedText, _ failures: [RuleFailure]) -> ScanResult {
        var total = 0.0
        var usedByCategory = [Double](repeating: 0, count: pack.categoryCount)
        var hits: [Hit] = []
        var contributions: [Contribution] = []
        var firedRules: [Int] = []
        for rule in touched.sorted() where fired[rule] && firedRules.last != rule { firedRules.append(rule) }
        let originalCount = normalized.original.count
        var codePoints = CodePointIndex(normalized.original)
        var counts: [(rule: Int, counted: Int, points: Double)] = []
        for rule in firedRules {
            let compiled = local.rules[rule]
            let counted = max(1, min(compiled.maxCount, max(spans[rule].count, 1)))
            let weight = compiled.weight * Double(counted)
            var points = weight
            if weight > 0, let cap = local.capByRule[rule] {
                let slot = local.categorySlot[rule]
                let used = usedByCategory[slot]
                points = max(0, min(weight, cap - used))
                usedByCategory[slot] = used + points
            }
            total += points
            counts.append((rule, counted, points))
            contributions.append(Contribution(ruleID: compiled.id, category: compiled.category,
                                              description: compiled.description, weight: weight, points: points))
        }
        let thresholds = pack.manifest.thresholds
        let flagged = total >= thresholds.review
        let leads = pack.manifest.leadCategories.filter { lead in contributions.contains { $0.category == lead } }
        for (rule, counted, points) in counts where flagged || !leads.isEmpty || detailsForUnflagged {
            let compiled = local.rules[rule]
            let ruleSpans = spans[rule].isEmpty ? [0..<0] : spans[rule]
            let perHit = points / Double(counted)
            for (n, span) in ruleSpans.enumerated() {
                var bytes = rawTarget[rule] ? span : normalized.originalRange(of: span)
                bytes = min(bytes.lowerBound, originalCount)..<min(bytes.upperBound, originalCount)
                let start = codePoints.offset(ofByte: bytes.lowerBound)
                let end = codePoints.offset(ofByte: bytes.upperBound)
                hits.append(Hit(ruleID: compiled.id, category: compiled.category, points: n < counted ? perHit : 0,
                                start: start, end: end,
                                text: String(decoding: normalized.original[bytes], as: UTF8.self), byteRange: bytes))
            }
        }
        hits.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        var result = ScanResult(score: total, risk: thresholds.risk(for: total), flagged: flagged,
                                hits: hits, contributions: contributions, failures: failures, normalized: normalized)
        result.leads = leads
        return result
    }
}

/// Converts byte offsets of valid UTF-8 into code-point offsets.
struct CodePointIndex {
    private let bytes: [UInt8]
    private var cache: [Int: Int] = [:]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func offset(ofByte byte: Int) -> Int {
        if let known = cache[byte] { return known }
        let value = bytes.withUnsafeBufferPointer { UTF8Scalars.codePointCount($0, upTo: byte) }
        cache[byte] = value
        return value
    }
}
