/// Small phrase readers shared by the money and age scanners: ranges and pay periods.
extension EntityText {
    /// After a range separator at `index` (`-`, `~`, `s/d`, `s.d.`, `sd`, `sampai (dengan)`,
    /// `hingga`, `to`), the index of the token that follows it; nil if there is none.
    func afterRangeSeparator(_ index: Int) -> Int? {
        guard let token = token(index) else { return nil }
        switch token.kind {
        case .punct:
            return token.byte == UInt8(ascii: "-") || token.byte == UInt8(ascii: "~") ? index + 1 : nil
        case .word:
            switch token.text {
            case "s":
                guard isPunct(index + 1, "/") || isPunct(index + 1, "."), isWord(index + 2, "d") else { return nil }
                return isPunct(index + 3, ".") ? index + 4 : index + 3
            case "sd", "hingga", "to", "until", "sampe":
                return index + 1
            case "sampai":
                let next = skipSpaces(index + 1)
                return isWord(next, "dengan") ? next + 1 : index + 1
            default:
                return nil
            }
        default:
            return nil
        }
    }

    static let periodUnits: [String: String] = [
        "bulan": "month", "bln": "month", "bl": "month", "month": "month", "mon": "month", "mo": "month",
        "hari": "day", "hr": "day", "day": "day",
        "minggu": "week", "mgg": "week", "week": "week", "wk": "week",
        "tahun": "year", "thn": "year", "th": "year", "year": "year", "yr": "year",
        "jam": "hour", "hour": "hour",
    ]

    private static let englishPeriodUnits: Set<String> = ["month", "day", "week", "year", "hour"]

    static let periodWords: [String: String] = [
        "perbulan": "month", "perbln": "month", "sebulan": "month", "bulanan": "month", "monthly": "month",
        "perhari": "day", "sehari": "day", "harian": "day", "daily": "day",
        "perminggu": "week", "seminggu": "week", "mingguan": "week", "weekly": "week",
        "pertahun": "year", "setahun": "year", "tahunan": "year", "yearly": "year", "annually": "year",
        "perjam": "hour", "sejam": "hour", "hourly": "hour",
    ]

    /// A pay period starting at or after `index` (spaces skipped): `/bulan`, `/ bln`, `per hari`,
    /// `perbulan`, `sebulan`, `harian`, `tiap minggu`, `a month`. Returns the period and the index
    /// after it.
    func periodAfter(_ index: Int) -> (period: String, next: Int)? {
        let cursor = skipSpaces(index)
        guard let token = token(cursor) else { return nil }
        if token.isPunct("/") {
            let unit = skipSpaces(cursor + 1)
            if let word = self.token(unit), word.kind == .word, let period = EntityText.periodUnits[word.text] {
                return (period, unit + 1)
            }
            return nil
        }
        guard token.kind == .word else { return nil }
        if let period = EntityText.periodWords[token.text] { return (period, cursor + 1) }
        if ["per", "tiap", "setiap", "a", "each"].contains(token.text) {
            let unit = skipSpaces(cursor + 1)
            guard let word = self.token(unit), word.kind == .word,
                  let period = EntityText.periodUnits[word.text] else { return nil }
            let english = token.text == "a" || token.text == "each"
            if english, !EntityText.englishPeriodUnits.contains(word.text) { return nil }
            return (period, unit + 1)
        }
        return nil
    }

    /// A pay period written just before `index` (`gaji perbulan: Rp 5jt`, `gaji per bulan 15jt`).
    func periodBefore(_ index: Int) -> String? {
        var cursor = index - 1
        var skipped = 0
        while cursor >= 0, skipped < 4, let token = token(cursor),
              token.kind == .space || token.isPunct(":") || token.isPunct("-") || token.isPunct("=") {
            cursor -= 1
            skipped += 1
        }
        guard let token = token(cursor), token.kind == .word else { return nil }
        if let period = EntityText.periodWords[token.text] { return period }
        guard let period = EntityText.periodUnits[token.text] else { return nil }
        var before = cursor - 1
        if self.token(before)?.kind == .space { before -= 1 }
        if isPunct(before, "/") || isWord(before, ["per", "tiap", "setiap"]) { return period }
        return nil
    }
}
