/// Finds amounts of money: `Rp 4.500.000`, `Rp4,5 juta`, `15jt`, `10-15 juta`, `500rb`, `USD 1000`,
/// `$1.200`, `1000 dolar`, `RM 3000`, `3000 ringgit`, `1.200 USD`, and `gaji 4.500.000`.
///
/// Numbers follow Indonesian usage: `.` groups thousands and `,` marks decimals (`Rp4,5 juta`);
/// a lone `.` followed by other than three digits is read as a decimal point (`1.5 juta`), and
/// `,` followed by three digits groups thousands unless a multiplier follows (`$1,200`,
/// `1,500 juta` = 1.5 million). `jt/juta`, `rb/ribu/k`, `miliar` multiply. The currency is the
/// symbol or code before the number, the currency word after it, else IDR when an Indonesian
/// multiplier was used or the number follows a salary word (`gaji`, `upah`, `salary`) and is at
/// least 100 000 or written with thousands groups.
///
/// Left alone: bare numbers with no currency, multiplier or salary context (`18-35`, years,
/// phone numbers), numbers glued to other letters (`15kg`, `3x`), numbers starting with `0`.
enum MoneyEntityScanner {
    static let prefixCurrencies: [String: String] = [
        "rp": "IDR", "idr": "IDR", "usd": "USD", "rm": "MYR", "myr": "MYR", "sgd": "SGD", "ntd": "TWD",
        "twd": "TWD", "hkd": "HKD", "thb": "THB", "rmb": "CNY", "cny": "CNY", "sar": "SAR", "aed": "AED",
        "qar": "QAR", "krw": "KRW", "jpy": "JPY", "eur": "EUR", "khr": "KHR", "mmk": "MMK",
    ]
    /// Words written before `$`: `US$`, `S$`, `NT$`, `HK$`.
    static let dollarPrefixes: [String: String] = ["us": "USD", "s": "SGD", "sg": "SGD", "nt": "TWD", "hk": "HKD"]
    static let symbolCurrencies: [UInt32: String] = [
        0x24: "USD", 0x20AC: "EUR", 0xA3: "GBP", 0xA5: "CNY", 0xFFE5: "CNY", 0x0E3F: "THB", 0x20A9: "KRW",
        0x20B1: "PHP", 0x17DB: "KHR",
    ]
    static let suffixCurrencies: [String: String] = [
        "usd": "USD", "dolar": "USD", "dollar": "USD", "dollars": "USD", "dolar2": "USD", "ringgit": "MYR",
        "rm": "MYR", "myr": "MYR", "rupiah": "IDR", "idr": "IDR", "yuan": "CNY", "rmb": "CNY", "cny": "CNY",
        "renminbi": "CNY", "baht": "THB", "thb": "THB", "riyal": "SAR", "rial": "SAR", "sar": "SAR",
        "dirham": "AED", "aed": "AED", "won": "KRW", "yen": "JPY", "sgd": "SGD", "ntd": "TWD", "twd": "TWD",
        "hkd": "HKD", "euro": "EUR", "eur": "EUR", "peso": "PHP", "riel": "KHR", "kyat": "MMK",
    ]
    /// `dolar singapura`, `dolar taiwan`, `dollar HK`, `dolar AS`.
    static let dollarCountries: [String: String] = [
        "as": "USD", "amerika": "USD", "us": "USD", "singapura": "SGD", "singapore": "SGD", "sg": "SGD",
        "taiwan": "TWD", "hk": "HKD", "hongkong": "HKD",
    ]
    static let multipliers: [String: Double] = [
        "jt": 1e6, "juta": 1e6, "jutaan": 1e6, "jta": 1e6, "jeti": 1e6, "jtan": 1e6,
        "rb": 1e3, "ribu": 1e3, "ribuan": 1e3, "rebu": 1e3, "k": 1e3,
        "miliar": 1e9, "milyar": 1e9, "miliyar": 1e9,
    ]
    static let salaryWords: Set<String> = [
        "gaji", "gj", "salary", "upah", "bayaran", "penghasilan", "pendapatan", "income", "komisi", "gapok",
        "honor", "bonus", "insentif", "fee",
    ]

    struct Amount {
        var value: Double
        var multiplier: Double?
        var currency: String?
        var thousandsGrouped: Bool
        /// Index of the first token after the amount.
        var next: Int
    }

    static func scan(_ text: EntityText, claims: inout EntityClaims) -> [MoneyEntity] {
        var results: [MoneyEntity] = []
        let tokens = text.tokens
        var index = 0
        while index < tokens.count {
            if claims.isFree(tokens[index]), let found = money(text, at: index),
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

    private static func money(_ text: EntityText, at index: Int) -> (entity: MoneyEntity, next: Int)? {
        let token = text.tokens[index]
        var currency: String?
        var amountIndex = index
        if let prefix = prefixCurrency(text, at: index) {
            currency = prefix.currency
            amountIndex = prefix.next
        } else if token.kind != .number || !bareNumberMayStart(text, at: index) {
            return nil
        }
        let rupiah = currency == "IDR"
        guard let first = amount(text, at: amountIndex, rupiah: rupiah) else { return nil }

        // A range: "10-15 juta", "Rp 4.500.000 - 6.000.000", "$1000 - $1200".
        var second: Amount?
        if let afterSeparator = text.afterRangeSeparator(text.skipSpaces(first.next)) {
            var cursor = text.skipSpaces(afterSeparator)
            var secondCurrency: String?
            if let prefix = prefixCurrency(text, at: cursor) {
                secondCurrency = prefix.currency
                cursor = prefix.next
            }
            if var candidate = amount(text, at: cursor, rupiah: rupiah || secondCurrency == "IDR") {
                candidate.currency = candidate.currency ?? secondCurrency
                second = candidate
            }
        }
        let afterSalaryWord = text.wordsBefore(index, limit: 3, stopAtNumbers: true)
            .contains(where: salaryWords.contains)
        if let upper = second {
            let lowerValue = first.value * (first.multiplier ?? upper.multiplier ?? 1)
            let upperValue = upper.value * (upper.multiplier ?? first.multiplier ?? 1)
            let hasUnit = first.multiplier != nil || upper.multiplier != nil || currency != nil
                || first.currency != nil || upper.currency != nil || (afterSalaryWord && first.thousandsGrouped)
            let agrees = (currency ?? first.currency) == nil || upper.currency == nil
                || (currency ?? first.currency) == upper.currency
            // "15jt-62812…" is an amount beside something else, not a range up to 62 billion.
            if upperValue < lowerValue || upperValue > lowerValue * 100 || !agrees || !hasUnit { second = nil }
        }
        let multiplier = first.multiplier ?? second?.multiplier
        let amountValue = first.value * (multiplier ?? 1)
        var resolved = currency ?? first.currency ?? second?.currency
        if resolved == nil {
            if multiplier != nil {
                resolved = "IDR"
            } else if afterSalaryWord, first.thousandsGrouped || amountValue >= 100_000 {
                resolved = "IDR"
            }
        }
        guard let resolvedCurrency = resolved, amountValue > 0, amountValue.isFinite else { return nil }

        var next = second?.next ?? first.next
        var period = text.periodBefore(index)
        if let after = text.periodAfter(next) {
            period = after.period
            next = after.next
        }
        let start = token.start
        let end = text.tokens[next - 1].end
        var maxAmount: Double?
        if let upper = second { maxAmount = upper.value * (upper.multiplier ?? first.multiplier ?? 1) }
        return (MoneyEntity(amount: amountValue, maxAmount: maxAmount, currency: resolvedCurrency, period: period,
                            start: start, end: end, text: text.slice(start, end)), next)
    }

    /// A bare number may start an amount unless glued to letters before it or part of a larger
    /// number (`1.0812`, `A380`).
    private static func bareNumberMayStart(_ text: EntityText, at index: Int) -> Bool {
        guard let previous = text.token(index - 1) else { return true }
        switch previous.kind {
        case .word: return false
        case .punct:
            if EntityText.byte(previous.byte, isIn: ".,-") {
                return text.token(index - 2)?.kind != .number
            }
            return previous.byte != UInt8(ascii: "+") && previous.byte != UInt8(ascii: "@")
        default: return true
        }
    }

    /// `Rp`, `Rp.`, `IDR`, `USD`, `US$`, `$`, `€`, … followed by a number; returns the number's index.
    static func prefixCurrency(_ text: EntityText, at index: Int) -> (currency: String, next: Int)? {
        guard let token = text.token(index) else { return nil }
        var currency: String?
        var cursor = index + 1
        switch token.kind {
        case .word:
            guard token.roles.contains(.currencyPrefix) else { return nil }
            if let code = dollarPrefixes[token.text], text.isPunct(index + 1, "$") {
                currency = code
                cursor = index + 2
            } else {
                currency = prefixCurrencies[token.text]
            }
            if text.token(index - 1)?.kind == .number { return nil }
        case .punct:
            if token.byte == UInt8(ascii: "$") { currency = "USD" }
        case .other:
            currency = symbolCurrencies[text.scalars[token.start].value]
        default:
            break
        }
        guard let found = currency else { return nil }
        if text.isPunct(cursor, ".") { cursor += 1 }
        cursor = text.skipSpaces(cursor, andPunct: ":")
        guard text.token(cursor)?.kind == .number else { return nil }
        return (found, cursor)
    }

    /// A number with its multiplier and currency word. After `Rp`, `M` means miliar (`Rp 1,2 M`).
    private static func amount(_ text: EntityText, at index: Int, rupiah: Bool) -> Amount? {
        guard let first = text.token(index), first.kind == .number else { return nil }
        var groups = [first.text]
        var separators: [UInt8] = []
        var cursor = index + 1
        while groups.count < 8, let separator = text.token(cursor),
              separator.isPunct(".") || separator.isPunct(","),
              let group = text.token(cursor + 1), group.kind == .number {
            separators.append(separator.byte)
            groups.append(group.text)
            cursor += 2
        }
        let numberEnd = cursor
        guard groups.reduce(0, { $0 + $1.count }) <= 15 else { return nil }
        if first.text.count > 1, first.text.hasPrefix("0") { return nil }

        var multiplier: Double?
        func multiplierValue(_ word: EntityToken) -> Double? {
            guard word.kind == .word else { return nil }
            return rupiah && word.text == "m" ? 1e9 : multipliers[word.text]
        }
        if let word = text.token(cursor), let value = multiplierValue(word) {
            multiplier = value
            cursor += 1
        } else if text.token(cursor)?.kind == .space, let word = text.token(cursor + 1), word.text != "k",
                  let value = multiplierValue(word) {
            multiplier = value
            cursor += 2
        }
        var currency: String?
        let currencyIndex = text.token(cursor)?.kind == .space ? cursor + 1 : cursor
        if let word = text.token(currencyIndex), word.kind == .word, let code = suffixCurrencies[word.text] {
            currency = code
            cursor = currencyIndex + 1
            if word.text.hasPrefix("dol") {
                let country = text.skipSpaces(cursor)
                if let place = text.token(country), place.kind == .word, let code = dollarCountries[place.text] {
                    currency = code
                    cursor = country + 1
                }
            }
        }
        // Digits glued to letters that are neither a multiplier nor a currency: "15kg", "3x".
        if text.token(numberEnd)?.kind == .word, multiplier == nil, currency == nil || currencyIndex != numberEnd {
            return nil
        }
        guard let parsed = value(groups: groups, separators: separators, hasMultiplier: multiplier != nil) else {
            return nil
        }
        return Amount(value: parsed.value, multiplier: multiplier, currency: currency,
                      thousandsGrouped: parsed.thousandsGrouped, next: cursor)
    }

    /// Reads digit groups joined by `.` and `,` as described in the type's documentation.
    static func value(groups: [String], separators: [UInt8],
                      hasMultiplier: Bool) -> (value: Double, thousandsGrouped: Bool)? {
        guard let head = groups.first else { return nil }
        if separators.isEmpty { return Double(head).map { ($0, false) } }
        let tail = groups.dropFirst()
        let grouped = head.count <= 3 && tail.allSatisfy { $0.count == 3 }
        let kinds = Set(separators)
        if kinds.count == 1, let separator = separators.first {
            if grouped && (separator == UInt8(ascii: ".") || separators.count > 1 || !hasMultiplier) {
                return Double(groups.joined()).map { ($0, true) }
            }
            if separators.count == 1, let fraction = tail.first {
                return Double(head + "." + fraction).map { ($0, false) }
            }
            return nil
        }
        // Both kinds: the last separator is the decimal point, the others group thousands.
        guard let decimal = separators.last, let fraction = groups.last,
              separators.dropLast().allSatisfy({ $0 != decimal }), head.count <= 3,
              groups.dropFirst().dropLast().allSatisfy({ $0.count == 3 }) else { return nil }
        return Double(groups.dropLast().joined() + "." + fraction).map { ($0, true) }
    }
}
