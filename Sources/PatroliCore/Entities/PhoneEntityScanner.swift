/// Finds phone numbers written in plain text, however they are broken up or spelled.
///
/// A number is read as a chain of digit groups: runs of digits in any script, and digit words in
/// Indonesian, Malay or English (`nol delapan satu dua`, `kosong lapan`, `sifar`, `zero`), separated
/// by at most four separator tokens each (spaces, `.`, `-`, `/`, brackets, emoji, other symbols).
/// A line break, a comma, a colon or any other word ends the chain. The chain is then split into
/// numbers: from each group, the longest run of whole groups that `PhoneNumberRules` accepts
/// becomes one number, so `0812-0000-1111 / 0813-5555-0101` gives two.
///
/// Left alone: digits glued to letters (`15jt`, `A380`, `ID12345678`, except after `WA`, `HP`,
/// `telp`, `no`…), digits after a decimal point, chains that start like a date (`01-02-2024`), and
/// everything an earlier scanner claimed (money, ages, e-mails, links). A number introduced by a
/// WhatsApp word within three words before it has kind `whatsapp`, otherwise `phone`.
enum PhoneEntityScanner {
    struct DigitGroup: Sendable {
        var digits: [UInt8]
        var start: Int
        var end: Int
        var firstToken: Int
        var lastToken: Int
        /// True when the group was written with digits rather than words.
        var writtenAsDigits: Bool
        /// The first punctuation byte between this group and the previous one, 0 if none.
        var separatorBefore: UInt8
    }

    struct DigitChain: Sendable {
        var groups: [DigitGroup] = []
        /// The `+` written before the first group.
        var plusToken: Int?
        /// The first group is glued to letters or follows a decimal point.
        var blockedStart = false
        /// The last group is glued to letters or to `%`.
        var blockedEnd = false
        /// First token after the chain.
        var nextToken = 0
    }

    static let digitWords: [String: UInt8] = {
        let words: [(String, Character)] = [
            ("nol", "0"), ("kosong", "0"), ("sifar", "0"), ("zero", "0"), ("kosog", "0"),
            ("satu", "1"), ("one", "1"), ("se", "1"),
            ("dua", "2"), ("two", "2"),
            ("tiga", "3"), ("three", "3"),
            ("empat", "4"), ("ampat", "4"), ("four", "4"),
            ("lima", "5"), ("five", "5"),
            ("enam", "6"), ("anam", "6"), ("six", "6"),
            ("tujuh", "7"), ("tujoh", "7"), ("seven", "7"),
            ("delapan", "8"), ("lapan", "8"), ("eight", "8"),
            ("sembilan", "9"), ("sembilang", "9"), ("nine", "9"),
        ]
        var table: [String: UInt8] = [:]
        for (word, digit) in words { table[word] = digit.asciiValue ?? UInt8(ascii: "0") }
        return table
    }()

    /// Words that may be glued directly before a number (`WA081200001111`, `HP:0812…`).
    static let prefixWords: Set<String> = [
        "wa", "hp", "telp", "tlp", "tel", "tlpn", "telpon", "telepon", "no", "nomor", "nomer", "nmr", "hub",
        "cp", "call", "sms", "whatsapp", "wasap", "watsap", "phone", "ph", "kontak", "contact", "nohp", "nowa",
    ]

    static let whatsappWords: Set<String> = [
        "wa", "whatsapp", "whatsap", "watsap", "watsapp", "wasap", "wassap", "whatapp", "whatsaap", "wsp", "nowa",
    ]

    /// Words after which a local fixed-line number (`021 5550 1111`) is accepted.
    static let landlineWords: Set<String> = [
        "telp", "tlp", "tel", "tlpn", "telpon", "telepon", "phone", "kantor", "hubungi", "hub", "call",
        "kontak", "contact", "cp", "fax", "hp", "no",
    ]

    private static let separatorPunctuation = Array(".-/()_\\|*~[]".utf8)

    // MARK: Scanning

    static func scan(_ text: EntityText, claims: inout EntityClaims) -> [ContactEntity] {
        var results: [ContactEntity] = []
        let tokens = text.tokens
        var index = 0
        while index < tokens.count {
            guard claims.isFree(tokens[index]), digits(of: index, in: text, isFirst: true) != nil else {
                index += 1
                continue
            }
            let chain = collectChain(text, from: index, claims: claims)
            for found in numbers(in: chain, text: text) {
                results.append(found)
                claims.claim(found.start, found.end)
            }
            index = Swift.max(chain.nextToken, index + 1)
        }
        return results
    }

    /// The digits one token contributes to a number, or nil if it is not part of one.
    static func digits(of index: Int, in text: EntityText, isFirst: Bool) -> [UInt8]? {
        let token = text.tokens[index]
        switch token.kind {
        case .number:
            return Array(token.text.utf8)
        case .word:
            if token.roles.contains(.digitWord), let digit = digitWords[token.text] {
                // "se" is a prefix far more often than a digit: never the first digit.
                if isFirst && token.text == "se" { return nil }
                return [digit]
            }
            // Letter O written for zero: glued to digits ("O812…", "08OO") or inside a number.
            if token.text.utf8.first == UInt8(ascii: "o"), token.text.utf8.count <= 4,
               token.text.utf8.allSatisfy({ $0 == UInt8(ascii: "o") }),
               !isFirst || text.token(index - 1)?.kind == .number || text.token(index + 1)?.kind == .number {
                return [UInt8](repeating: UInt8(ascii: "0"), count: token.text.utf8.count)
            }
            return nil
        default:
            return nil
        }
    }

    private static func isSeparator(_ token: EntityToken) -> Bool {
        switch token.kind {
        case .space, .emoji, .other: return true
        case .punct: return separatorPunctuation.contains(token.byte)
        default: return false
        }
    }

    /// Reads digit groups from `start` (a token that contributes digits) while separators allow.
    static func collectChain(_ text: EntityText, from start: Int, claims: EntityClaims) -> DigitChain {
        let tokens = text.tokens
        var chain = DigitChain()

        // What stands before the first group.
        var before = start - 1
        if let previous = text.token(before) {
            switch previous.kind {
            case .word:
                chain.blockedStart = !prefixWords.contains(previous.text)
            case .punct:
                // "@0812…" is a handle; "1.0812…" and "4,0812…" are parts of a larger number.
                let decimalPoint = previous.byte == UInt8(ascii: ".") || previous.byte == UInt8(ascii: ",")
                chain.blockedStart = previous.byte == UInt8(ascii: "@")
                    || (decimalPoint && text.token(before - 1)?.kind == .number)
            default:
                break
            }
        }
        if text.token(before)?.kind == .space { before -= 1 }
        if text.isPunct(before, "+") { chain.plusToken = before }

        var index = start
        var separators = 0
        var separatorByte: UInt8 = 0
        var lastUnit = -1
        while index < tokens.count {
            let token = tokens[index]
            guard claims.isFree(token) else { break }
            if let digits = digits(of: index, in: text, isFirst: chain.groups.isEmpty) {
                if lastUnit == index - 1, !chain.groups.isEmpty {
                    chain.groups[chain.groups.count - 1].digits += digits
                    chain.groups[chain.groups.count - 1].end = token.end
                    chain.groups[chain.groups.count - 1].lastToken = index
                    if token.kind != .number { chain.groups[chain.groups.count - 1].writtenAsDigits = false }
                } else {
                    chain.groups.append(DigitGroup(digits: digits, start: token.start, end: token.end,
                                                   firstToken: index, lastToken: index,
                                                   writtenAsDigits: token.kind == .number,
                                                   separatorBefore: separatorByte))
                }
                lastUnit = index
                separators = 0
                separatorByte = 0
                index += 1
                // A chain longer than any phone list is not worth reading on.
                if chain.groups.count > 64 { break }
                continue
            }
            guard isSeparator(token), separators < 4 else { break }
            if token.kind == .punct, separatorByte == 0 { separatorByte = token.byte }
            separators += 1
            index += 1
        }
        chain.nextToken = lastUnit + 1
        if let after = text.token(lastUnit + 1) {
            if after.kind == .word || after.isPunct("%") { chain.blockedEnd = true }
            if (after.isPunct(".") || after.isPunct(",")), text.token(lastUnit + 2)?.kind == .number {
                chain.blockedEnd = true
            }
        }
        return chain
    }

    // MARK: Splitting a chain into numbers

    private static func numbers(in chain: DigitChain, text: EntityText) -> [ContactEntity] {
        var results: [ContactEntity] = []
        var group = 0
        var chainKind: ContactKind?
        while group < chain.groups.count {
            guard let (last, value) = longestNumber(in: chain, from: group, text: text) else {
                group += 1
                continue
            }
            let plusStart = group == 0 ? chain.plusToken.map { text.tokens[$0].start } : nil
            var start = plusStart ?? chain.groups[group].start
            // "(021) 5550 1111": take the opening bracket when the first group is bracketed.
            let firstGroup = chain.groups[group]
            if plusStart == nil, text.isPunct(firstGroup.firstToken - 1, "("),
               text.isPunct(firstGroup.lastToken + 1, ")") {
                start = text.tokens[firstGroup.firstToken - 1].start
            }
            let end = chain.groups[last].end
            let firstToken = group == 0 ? (chain.plusToken ?? firstGroup.firstToken) : firstGroup.firstToken
            let kind = chainKind ?? (hasWhatsappContext(text, before: firstToken) ? .whatsapp : .phone)
            chainKind = kind
            results.append(ContactEntity(kind: kind, value: value, start: start, end: end,
                                         text: text.slice(start, end)))
            group = last + 1
        }
        return results
    }

    /// The longest run of groups from `first` that is a plausible number, with its E.164 value.
    private static func longestNumber(in chain: DigitChain, from first: Int, text: EntityText) -> (Int, String)? {
        if first == 0 && chain.blockedStart { return nil }
        let groups = chain.groups
        if looksLikeDate(groups, from: first) { return nil }
        let form: PhoneNumberRules.Form = (first == 0 && chain.plusToken != nil) ? .international : .plain
        let allowLandline = text.wordsBefore(groups[first].firstToken, limit: 3, stopAtNumbers: true)
            .contains(where: landlineWords.contains)
        var digits: [UInt8] = []
        var best: (Int, String)?
        var shortGroupsOnly = true
        for last in first..<groups.count {
            // "0812 0000 1111 satu lagi": a complete number written in digits does not take a
            // following spelled digit.
            if let (bestLast, _) = best, groups[bestLast].writtenAsDigits, !groups[last].writtenAsDigits { break }
            digits += groups[last].digits
            if digits.count > 17 { break }
            if groups[last].writtenAsDigits && groups[last].digits.count > 2 { shortGroupsOnly = false }
            if last == groups.count - 1 && chain.blockedEnd { break }
            if form == .plain, !startsWell(groups[first], digits: digits, shortGroupsOnly: shortGroupsOnly) { continue }
            if let value = PhoneNumberRules.e164(digits, form: form, allowLandline: allowLandline) {
                best = (last, value)
            }
        }
        return best
    }

    /// A local number's first group has at least three digits (`0812 …`), unless every group is
    /// one or two digits (`0 8 1 2 …`, `08 12 00 …`) or the group is a bare country code.
    /// The `00` call prefix counts only when written at the start of one group of digits.
    private static func startsWell(_ group: DigitGroup, digits: [UInt8], shortGroupsOnly: Bool) -> Bool {
        let zero = UInt8(ascii: "0")
        if digits.count >= 2, digits[0] == zero, digits[1] == zero {
            return group.writtenAsDigits && group.digits.count >= 3 && group.digits[1] == zero
        }
        guard group.writtenAsDigits, group.digits.count <= 2 else { return true }
        if group.digits == Array("62".utf8) || group.digits == Array("60".utf8) { return true }
        return shortGroupsOnly
    }

    /// `dd/mm/yyyy`, `dd-mm-yy`, `d.m.yyyy` at `first`.
    private static func looksLikeDate(_ groups: [DigitGroup], from first: Int) -> Bool {
        guard first + 2 < groups.count else { return false }
        let day = groups[first], month = groups[first + 1], year = groups[first + 2]
        let dateSeparators: [UInt8] = [UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: ".")]
        guard day.writtenAsDigits, month.writtenAsDigits, year.writtenAsDigits,
              dateSeparators.contains(month.separatorBefore), dateSeparators.contains(year.separatorBefore),
              (1...2).contains(day.digits.count), (1...2).contains(month.digits.count),
              year.digits.count == 2 || year.digits.count == 4
        else { return false }
        let dayValue = Int(String(decoding: day.digits, as: UTF8.self)) ?? 0
        let monthValue = Int(String(decoding: month.digits, as: UTF8.self)) ?? 0
        return (1...31).contains(dayValue) && (1...12).contains(monthValue)
    }

    /// A WhatsApp word (`WA`, `whatsapp`, `w.a`) among the three words before `index` on its line.
    static func hasWhatsappContext(_ text: EntityText, before index: Int) -> Bool {
        var cursor = index - 1
        var words = 0
        while cursor >= 0, words < 3 {
            let token = text.tokens[cursor]
            if token.kind == .newline || token.kind == .number { return false }
            if token.kind == .word {
                if whatsappWords.contains(token.text) { return true }
                if token.text == "a", text.isPunct(cursor - 1, "."), text.isWord(cursor - 2, "w") { return true }
                words += 1
            }
            cursor -= 1
        }
        return false
    }

    /// The first plausible number of a chain read inside a link, for `wa.me/…` and `phone=…`.
    static func leadingNumber(in chain: DigitChain,
                              form: PhoneNumberRules.Form) -> (value: String, end: Int, lastToken: Int)? {
        var digits: [UInt8] = []
        var best: (String, Int, Int)?
        for group in chain.groups {
            digits += group.digits
            if digits.count > 17 { break }
            if let value = PhoneNumberRules.e164(digits, form: form, allowLandline: true) {
                best = (value, group.end, group.lastToken)
            }
        }
        return best.map { (value: $0.0, end: $0.1, lastToken: $0.2) }
    }
}
