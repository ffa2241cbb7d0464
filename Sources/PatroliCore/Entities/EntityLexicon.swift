/// What a word can start or be, for the entity scanners: looked up once per word token so that
/// the scanners' loops over every token test bits instead of hashing strings.
struct EntityWordRoles: OptionSet, Sendable {
    let rawValue: UInt16

    /// A spelled digit (`nol`, `lapan`, `satu`…).
    static let digitWord = EntityWordRoles(rawValue: 1 << 0)
    /// A host that may start a contact link (`wa`, `whatsapp`, `t`, `telegram`, `line`).
    static let linkHost = EntityWordRoles(rawValue: 1 << 1)
    /// A Telegram keyword (`telegram`, `tele`, `tg`).
    static let telegramWord = EntityWordRoles(rawValue: 1 << 2)
    /// A currency code or a word written before `$` (`rp`, `usd`, `rm`, `us`, `nt`).
    static let currencyPrefix = EntityWordRoles(rawValue: 1 << 3)
    /// A word that may start an age phrase (`usia`, `min`, `maks`, `di`…).
    static let ageStart = EntityWordRoles(rawValue: 1 << 4)
}

enum EntityLexicon {
    /// Roles of every word any scanner starts from.
    static let roles: [String: EntityWordRoles] = {
        var table: [String: EntityWordRoles] = [:]
        func add<Words: Sequence<String>>(_ words: Words, _ role: EntityWordRoles) {
            for word in words { table[word, default: []].insert(role) }
        }
        add(PhoneEntityScanner.digitWords.keys, .digitWord)
        add(["wa", "whatsapp", "t", "telegram", "line"], .linkHost)
        add(ContactLinkScanner.telegramWords, .telegramWord)
        add(MoneyEntityScanner.prefixCurrencies.keys, .currencyPrefix)
        add(MoneyEntityScanner.dollarPrefixes.keys, .currencyPrefix)
        add(AgeEntityScanner.startWords, .ageStart)
        return table
    }()
}
