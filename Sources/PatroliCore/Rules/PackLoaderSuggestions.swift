/// "Did you mean" suggestions for misspelt keys, rule ids, categories and enum values.
enum PackSuggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
    static func closest<Candidates: Sequence>(to word: String, among candidates: Candidates) -> String?
    where Candidates.Element == String {
        let typed = Array(word.lowercased())
        let allowance = max(1, min(3, typed.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(typed, Array(candidate.lowercased()))
            guard distance <= allowance else { continue }
            if best == nil || distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// `did you mean `weight`?` when a close candidate exists.
    static func hint<Candidates: Sequence>(for word: String, among candidates: Candidates) -> String?
    where Candidates.Element == String {
        closest(to: word, among: candidates).map { "did you mean `\($0)`?" }
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps
    /// (`wieght` is one edit from `weight`).
    static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var before = [Int](repeating: 0, count: rhs.count + 1)
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for i in 1...lhs.count {
            current[0] = i
            for j in 1...rhs.count {
                let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, lhs[i - 1] == rhs[j - 2], lhs[i - 2] == rhs[j - 1] {
                    value = min(value, before[j - 2] + 1)
                }
                current[j] = value
            }
            before = previous
            previous = current
        }
        return previous[rhs.count]
    }
}
