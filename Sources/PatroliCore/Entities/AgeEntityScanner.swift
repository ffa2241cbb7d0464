/// Finds age requirements: `usia 18-35`, `umur 18 s/d 35 thn`, `usia 18 sampai 35 tahun`,
/// `min 18 th`, `minimal 18 tahun`, `maks 30 tahun`, `usia min 18 max 30`, `18-35 tahun`,
/// `18 tahun ke atas`, `usia 17+`.
///
/// After an age word (`usia`, `umur`, `age`, `berusia`) any one- or two-digit age from 10 to 80 is
/// taken, since minors are recruited too; `usia 25` gives min = max = 25. Without an age word the
/// phrase needs a year unit (`th`, `thn`, `tahun`, `yo`, `years`) and a bound (`min`, `maks`, a
/// range, `+`, `ke atas`), the ages must lie in 15–70, and no experience or contract word
/// (`pengalaman`, `kontrak`, `masa`, `selama`) may come just before. `di bawah 30`/`under 30`
/// give max 30 and `di atas 17` min 17 (the bound itself, not the next year).
///
/// Left alone: a bare range without age context (`18-35`), `max 30` with neither unit nor age
/// word, `kontrak 2 tahun`, `pengalaman min 3 tahun`.
enum AgeEntityScanner {
    static let ageWords: Set<String> = ["usia", "umur", "age", "berusia", "berumur", "usianya", "umurnya", "aged"]
    static let minWords: Set<String> = ["min", "minimal", "minimum", "minimun", "mulai"]
    static let maxWords: Set<String> = ["max", "maks", "maksimal", "maximal", "maksimum", "maximum", "mak", "maxs"]
    static let boundWords = minWords.union(maxWords)
    /// Words an age phrase may start with.
    static let startWords = ageWords.union(boundWords).union(underWords).union(overWords).union(["di"])
    static let underWords: Set<String> = ["dibawah", "under", "below"]
    static let overWords: Set<String> = ["diatas", "over", "above"]
    static let unitWords: Set<String> = [
        "th", "thn", "tahun", "thun", "taun", "tahunan", "yo", "years", "year", "yrs", "yr",
    ]
    static let blockingWords: Set<String> = [
        "pengalaman", "kontrak", "masa", "selama", "lama", "garansi", "berdiri", "experience", "contract", "periode",
    ]

    private enum Bound { case min, max }

    private struct Clause {
        var min: Int?
        var max: Int?
        var sawAgeWord = false
        var sawUnit = false
        var bounded = false
        var next: Int
    }

    static func scan(_ text: EntityText, claims: inout EntityClaims) -> [AgeEntity] {
        var results: [AgeEntity] = []
        let tokens = text.tokens
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            let mayStart: Bool
            switch token.kind {
            case .word:
                mayStart = token.roles.contains(.ageStart)
                    && (token.text != "di" || text.isWord(text.skipSpaces(index + 1), ["bawah", "atas"]))
            case .number:
                mayStart = numberMayStart(text, at: index)
            default:
                mayStart = false
            }
            if mayStart, claims.isFree(token), let found = phrase(text, at: index),
               claims.isFree(found.entity.start, found.entity.end) {
                results.append(found.entity)
                claims.claim(found.entity.start, found.entity.end)
                index = Swift.max(found.next, index + 1)
            } else {
                index += 1
            }
        }
        return results
    }

    private static func numberMayStart(_ text: EntityText, at index: Int) -> Bool {
        guard let previous = text.token(index - 1) else { return true }
        switch previous.kind {
        case .word, .number: return false
        case .punct: return !(text.token(index - 2)?.kind == .number)
        default: return true
        }
    }

    private static func phrase(_ text: EntityText, at index: Int) -> (entity: AgeEntity, next: Int)? {
        guard var clause = clause(text, at: index) else { return nil }
        // A second bound: "usia min 18 max 35", "minimal 18 tahun, maksimal 35 tahun".
        var cursor = text.skipSpaces(clause.next, andPunct: ",&/-")
        if text.isWord(cursor, ["dan", "and"]) { cursor = text.skipSpaces(cursor + 1) }
        if text.isWord(cursor, boundWords), let second = self.clause(text, at: cursor),
           second.bounded, !second.sawAgeWord {
            if clause.min != nil, clause.max == nil, second.max != nil, second.min == nil {
                clause.max = second.max
            } else if clause.max != nil, clause.min == nil, second.min != nil, second.max == nil {
                clause.min = second.min
            } else {
                return accept(clause, text, at: index)
            }
            clause.sawUnit = clause.sawUnit || second.sawUnit
            clause.next = second.next
        }
        return accept(clause, text, at: index)
    }

    private static func accept(_ clause: Clause, _ text: EntityText, at index: Int) -> (entity: AgeEntity, next: Int)? {
        let ages = [clause.min, clause.max].compactMap { $0 }
        guard !ages.isEmpty else { return nil }
        if let min = clause.min, let max = clause.max, min > max { return nil }
        if clause.sawAgeWord {
            guard ages.allSatisfy({ (10...80).contains($0) }) else { return nil }
        } else {
            guard clause.sawUnit, clause.bounded, ages.allSatisfy({ (15...70).contains($0) }) else { return nil }
            let before = text.wordsBefore(index, limit: 3)
            if before.contains(where: blockingWords.contains) { return nil }
        }
        let start = text.tokens[index].start
        let end = text.tokens[clause.next - 1].end
        return (AgeEntity(min: clause.min, max: clause.max, start: start, end: end, text: text.slice(start, end)),
                clause.next)
    }

    /// `[age word] [bound] N [unit] [(- | s/d | sampai) M [unit]] [+ | ke atas]`.
    private static func clause(_ text: EntityText, at index: Int) -> Clause? {
        var cursor = index
        var bound: Bound?
        var sawAgeWord = false
        for _ in 0..<3 {
            guard let token = text.token(cursor), token.kind == .word else { break }
            if ageWords.contains(token.text) {
                sawAgeWord = true
            } else if minWords.contains(token.text) || overWords.contains(token.text) {
                bound = .min
            } else if maxWords.contains(token.text) || underWords.contains(token.text) {
                bound = .max
            } else if token.text == "di" || token.text == "kurang" || token.text == "lebih" {
                let next = text.skipSpaces(cursor + 1)
                if text.isWord(next, "bawah") || (token.text == "kurang" && text.isWord(next, "dari")) {
                    bound = .max
                } else if text.isWord(next, "atas") || (token.text == "lebih" && text.isWord(next, "dari")) {
                    bound = .min
                } else {
                    break
                }
                cursor = next
            } else if !["dari", "antara", "between", "from", "mulai"].contains(token.text) || cursor == index {
                break
            }
            cursor = text.skipSpaces(cursor + 1, andPunct: ":.=")
        }
        guard let low = age(text, at: cursor) else { return nil }
        var clause = Clause(sawAgeWord: sawAgeWord, next: cursor + 1)
        clause.bounded = bound != nil
        cursor += 1
        var openEnded = false
        if text.isPunct(cursor, "+") {
            openEnded = true
            cursor += 1
        }
        if let afterUnit = unit(text, at: cursor) {
            clause.sawUnit = true
            cursor = afterUnit
        }
        var high: Int?
        if !openEnded, let separator = text.afterRangeSeparator(text.skipSpaces(cursor)) {
            let upper = text.skipSpaces(separator)
            if let value = age(text, at: upper) {
                high = value
                cursor = upper + 1
                if let afterUnit = unit(text, at: cursor) {
                    clause.sawUnit = true
                    cursor = afterUnit
                }
            }
        }
        // Open-ended: "17+", "18 tahun ke atas", "18 th keatas", "30 tahun ke bawah".
        let tail = text.skipSpaces(cursor)
        var downward = false
        if text.isPunct(tail, "+") {
            openEnded = true
            cursor = tail + 1
        } else if text.isWord(tail, "keatas") || text.isWord(tail, "kebawah") {
            openEnded = true
            downward = text.isWord(tail, "kebawah")
            cursor = tail + 1
        } else if text.isWord(tail, "ke") {
            let direction = text.skipSpaces(tail + 1)
            if text.isWord(direction, "atas") || text.isWord(direction, "bawah") {
                openEnded = true
                downward = text.isWord(direction, "bawah")
                cursor = direction + 1
            }
        }
        if openEnded, high == nil, !clause.sawUnit, let afterUnit = unit(text, at: cursor) {
            clause.sawUnit = true  // "17+ tahun"
            cursor = afterUnit
        }
        clause.next = cursor
        if let high {
            clause.min = low
            clause.max = high
            clause.bounded = true
        } else if openEnded {
            if downward { clause.max = low } else { clause.min = low }
            clause.bounded = true
        } else if bound == .min {
            clause.min = low
        } else if bound == .max {
            clause.max = low
        } else {
            clause.min = low
            clause.max = low
        }
        return clause
    }

    /// A one- or two-digit number that is not part of a longer or decimal number.
    private static func age(_ text: EntityText, at index: Int) -> Int? {
        guard let token = text.token(index), token.kind == .number, token.text.count <= 2 else { return nil }
        if let after = text.token(index + 1), after.kind == .word, !unitWords.contains(after.text) { return nil }
        if (text.isPunct(index + 1, ".") || text.isPunct(index + 1, ",")), text.token(index + 2)?.kind == .number {
            return nil
        }
        return Int(token.text)
    }

    /// After a year unit at `index` (spaces allowed; `y.o` accepted).
    private static func unit(_ text: EntityText, at index: Int) -> Int? {
        let cursor = text.skipSpaces(index)
        if text.isWord(cursor, unitWords) { return cursor + 1 }
        if text.isWord(cursor, "y"), text.isPunct(cursor + 1, "."), text.isWord(cursor + 2, "o") {
            return text.isPunct(cursor + 3, ".") ? cursor + 4 : cursor + 3
        }
        return nil
    }
}
