/// Finds WhatsApp, Telegram and Line contacts written as links, after keywords, or as `@handle`.
///
/// Links: `wa.me/62812…`, `api.whatsapp.com/send?phone=62812…` (kind `whatsapp`, value E.164);
/// `t.me/handle`, `t.me/s/handle`, `telegram.me/handle` (kind `telegram`, value `@handle`);
/// `line.me/ti/p/~id` (kind `line`). The dot may be spelled `dot`, `(dot)`, `[dot]` and spaces may
/// surround it and the slash (`wa dot me / 62812…`). The span runs from the start of the host.
///
/// Keywords: `line: id`, `line id id`, `id line id`, `line @id` (kind `line`, span = the ID);
/// `telegram: handle`, `tele: handle`, `tg: handle` (kind `telegram`, span = the handle).
///
/// `@handle` (5–32 of `[A-Za-z0-9_]`, starting with a letter) is a Telegram handle unless it is part
/// of an e-mail address or the nearest platform word before it names another platform (IG, TikTok,
/// FB, X/Twitter), in which case it is left alone; Patroli has no contact kind for those.
/// Group invites (`t.me/joinchat/…`, `t.me/+…`, `chat.whatsapp.com/…`) are left alone.
enum ContactLinkScanner {
    static let telegramWords: Set<String> = ["telegram", "tele", "tg", "tlg", "telegrem", "telgram", "telegam"]
    static let otherPlatformWords: Set<String> = [
        "ig", "instagram", "insta", "tiktok", "tt", "fb", "facebook", "twitter", "x", "threads", "youtube", "yt",
        "shopee", "tokopedia", "github",
    ]
    private static let lineStopWords: Set<String> = [
        "kami", "saya", "ini", "itu", "atau", "dan", "yang", "untuk", "silakan", "silahkan", "bisa", "juga",
        "aja", "saja", "admin", "tersedia", "ada", "kak", "gan", "sis",
    ]

    static func scan(_ text: EntityText, claims: inout EntityClaims) -> [ContactEntity] {
        var results: [ContactEntity] = []
        let tokens = text.tokens
        func record(_ found: ContactEntity?) -> Bool {
            guard let found, claims.isFree(found.start, found.end) else { return false }
            results.append(found)
            claims.claim(found.start, found.end)
            return true
        }
        // Links first: they are the least ambiguous.
        for index in tokens.indices where tokens[index].roles.contains(.linkHost) {
            switch tokens[index].text {
            case "wa": _ = record(whatsappLink(text, at: index, claims: claims))
            case "whatsapp": _ = record(whatsappAPILink(text, at: index, claims: claims))
            case "t", "telegram": _ = record(telegramLink(text, at: index))
            case "line": _ = record(lineLink(text, at: index))
            default: break
            }
        }
        for index in tokens.indices where !tokens[index].roles.isDisjoint(with: [.linkHost, .telegramWord]) {
            if tokens[index].text == "line" {
                _ = record(lineKeyword(text, at: index))
            } else if tokens[index].roles.contains(.telegramWord) {
                _ = record(telegramKeyword(text, at: index))
            }
        }
        for offset in text.folded.indices where text.folded[offset] == UInt8(ascii: "@") {
            _ = record(atHandle(text, at: offset))
        }
        return results
    }

    // MARK: Link pieces

    /// After a host word: `.`, `dot`, `(dot)` or `[dot]`, spaces allowed; returns the next token.
    private static func dot(_ text: EntityText, after index: Int) -> Int? {
        let cursor = text.skipSpaces(index + 1)
        if text.isPunct(cursor, ".") || text.isWord(cursor, "dot") { return text.skipSpaces(cursor + 1) }
        if text.isPunct(cursor, "(") || text.isPunct(cursor, "[") {
            let word = text.skipSpaces(cursor + 1)
            guard text.isWord(word, "dot") else { return nil }
            let close = text.skipSpaces(word + 1)
            guard text.isPunct(close, ")") || text.isPunct(close, "]") else { return nil }
            return text.skipSpaces(close + 1)
        }
        return nil
    }

    /// `/` after `index`, spaces allowed; returns the token after it.
    private static func slash(_ text: EntityText, after index: Int) -> Int? {
        let cursor = text.skipSpaces(index + 1)
        return text.isPunct(cursor, "/") ? text.skipSpaces(cursor + 1) : nil
    }

    private static func linkedNumber(_ text: EntityText, at index: Int, claims: EntityClaims,
                                     linkStart: Int) -> ContactEntity? {
        var cursor = index
        var form = PhoneNumberRules.Form.link
        if text.isPunct(cursor, "+") {
            form = .international
            cursor = text.skipSpaces(cursor + 1)
        } else if text.isPunct(cursor, "%"), text.token(cursor + 1)?.text == "2", text.isWord(cursor + 2, "b") {
            form = .international  // URL-encoded "+"
            cursor += 3
        }
        guard cursor < text.tokens.count, PhoneEntityScanner.digits(of: cursor, in: text, isFirst: true) != nil
        else { return nil }
        let chain = PhoneEntityScanner.collectChain(text, from: cursor, claims: claims)
        guard let number = PhoneEntityScanner.leadingNumber(in: chain, form: form) else { return nil }
        return ContactEntity(kind: .whatsapp, value: number.value, start: linkStart, end: number.end,
                             text: text.slice(linkStart, number.end))
    }

    /// `wa.me/62812…`, `wa dot me/…`, `wa . me / +62 812…`.
    private static func whatsappLink(_ text: EntityText, at index: Int, claims: EntityClaims) -> ContactEntity? {
        guard let host = dot(text, after: index), text.isWord(host, "me"),
              let path = slash(text, after: host) else { return nil }
        return linkedNumber(text, at: path, claims: claims, linkStart: text.tokens[index].start)
    }

    /// `api.whatsapp.com/send?phone=62812…` (also `web.` and `%2B`).
    private static func whatsappAPILink(_ text: EntityText, at index: Int, claims: EntityClaims) -> ContactEntity? {
        guard let host = dot(text, after: index), text.isWord(host, "com") else { return nil }
        var cursor = host + 1
        let limit = Swift.min(text.tokens.count, cursor + 16)
        while cursor < limit {
            let token = text.tokens[cursor]
            if token.kind == .space || token.kind == .newline { return nil }
            if token.kind == .word, token.text == "phone", text.isPunct(cursor + 1, "=") { break }
            cursor += 1
        }
        guard cursor < limit else { return nil }
        var start = text.tokens[index].start
        if text.isPunct(index - 1, "."), let subdomain = text.token(index - 2), subdomain.kind == .word {
            start = subdomain.start
        }
        return linkedNumber(text, at: cursor + 2, claims: claims, linkStart: start)
    }

    /// `t.me/handle`, `t.me/s/handle`, `telegram.me/@handle`, `telegram.dog/handle`.
    private static func telegramLink(_ text: EntityText, at index: Int) -> ContactEntity? {
        guard let host = dot(text, after: index), text.isWord(host, "me") || text.isWord(host, "dog"),
              var path = slash(text, after: host) else { return nil }
        if text.isWord(path, "s"), text.isPunct(path + 1, "/") { path += 2 }
        if text.isPunct(path, "@") { path += 1 }
        guard let token = text.token(path), token.kind == .word, token.text != "joinchat",
              let handle = telegramHandle(text, at: token.start) else { return nil }
        let start = text.tokens[index].start
        return ContactEntity(kind: .telegram, value: handle.value, start: start, end: handle.end,
                             text: text.slice(start, handle.end))
    }

    /// `line.me/ti/p/~id`, `line.me/R/ti/p/@id`.
    private static func lineLink(_ text: EntityText, at index: Int) -> ContactEntity? {
        guard let host = dot(text, after: index), text.isWord(host, "me"),
              let path = slash(text, after: host), let first = text.token(path) else { return nil }
        let folded = text.folded
        var cursor = first.start
        var segmentStart = cursor
        while cursor < folded.count, cursor - first.start < 100 {
            let byte = folded[cursor]
            if byte == UInt8(ascii: "/") {
                segmentStart = cursor + 1
            } else if !(EntityText.isASCIILetter(byte) || EntityText.isDigit(byte)
                        || EntityText.byte(byte, isIn: "._~@-")) {
                break
            }
            cursor += 1
        }
        var idStart = segmentStart
        while idStart < cursor, folded[idStart] == UInt8(ascii: "~") || folded[idStart] == UInt8(ascii: "@") {
            idStart += 1
        }
        guard let id = lineID(text, at: idStart, allowShort: true) else { return nil }
        let start = text.tokens[index].start
        return ContactEntity(kind: .line, value: id.value, start: start, end: id.end, text: text.slice(start, id.end))
    }

    // MARK: Keywords

    /// `line: id`, `line id id`, `line @id`, `id line id`, `add line id`.
    private static func lineKeyword(_ text: EntityText, at index: Int) -> ContactEntity? {
        var before = index - 1
        if text.token(before)?.kind == .space { before -= 1 }
        var explicit = text.isWord(before, ["id", "add", "akun"])
        var cursor = text.skipSpaces(index + 1)
        if text.isWord(cursor, "id") {
            explicit = true
            cursor = text.skipSpaces(cursor + 1)
        }
        if text.isPunct(cursor, ":") || text.isPunct(cursor, "=") {
            explicit = true
            cursor = text.skipSpaces(cursor + 1)
        }
        if text.isPunct(cursor, "@") || text.isPunct(cursor, "~") {
            explicit = true
            cursor += 1
        }
        guard explicit, let token = text.token(cursor), token.kind == .word || token.kind == .number,
              let id = lineID(text, at: token.start, allowShort: false) else { return nil }
        return ContactEntity(kind: .line, value: id.value, start: token.start, end: id.end,
                             text: text.slice(token.start, id.end))
    }

    /// `telegram: handle`, `tele = handle`, `tg - handle`, `telegram id: handle`.
    private static func telegramKeyword(_ text: EntityText, at index: Int) -> ContactEntity? {
        var cursor = text.skipSpaces(index + 1)
        if text.isWord(cursor, "id") || text.isWord(cursor, "username") { cursor = text.skipSpaces(cursor + 1) }
        guard text.isPunct(cursor, ":") || text.isPunct(cursor, "=") || text.isPunct(cursor, "-") else { return nil }
        cursor = text.skipSpaces(cursor + 1)
        guard let token = text.token(cursor), token.kind == .word,
              let handle = telegramHandle(text, at: token.start) else { return nil }
        return ContactEntity(kind: .telegram, value: handle.value, start: token.start, end: handle.end,
                             text: text.slice(token.start, handle.end))
    }

    /// `@handle` that is not part of an e-mail address and not marked as another platform's.
    private static func atHandle(_ text: EntityText, at offset: Int) -> ContactEntity? {
        let folded = text.folded
        var previous = offset - 1
        while previous >= 0, folded[previous] == EntityText.ignorableByte { previous -= 1 }
        if previous >= 0 {
            let byte = folded[previous]
            if EntityText.isAlphanumeric(byte) || EntityText.byte(byte, isIn: "._-+%@") { return nil }
        }
        guard let handle = telegramHandle(text, at: offset + 1) else { return nil }
        if handle.end + 1 < folded.count, folded[handle.end] == UInt8(ascii: "."),
           EntityText.isASCIILetter(folded[handle.end + 1]) { return nil }
        if handle.end < folded.count, folded[handle.end] == UInt8(ascii: "@") { return nil }
        for word in text.wordsBefore(text.tokenIndex(at: offset), limit: 4) {
            if telegramWords.contains(word) { break }
            if otherPlatformWords.contains(word) { return nil }
        }
        return ContactEntity(kind: .telegram, value: handle.value, start: offset, end: handle.end,
                             text: text.slice(offset, handle.end))
    }

    // MARK: Identifiers

    /// A Telegram username at `offset`: 5–32 of `[a-z0-9_]`, starting with a letter; `@` + lowercase.
    static func telegramHandle(_ text: EntityText, at offset: Int) -> (value: String, end: Int)? {
        let folded = text.folded
        var bytes: [UInt8] = [UInt8(ascii: "@")]
        var cursor = offset
        var end = offset
        while cursor < folded.count {
            let byte = folded[cursor]
            if byte == EntityText.ignorableByte { cursor += 1; continue }
            guard EntityText.isASCIILetter(byte) || EntityText.isDigit(byte) || byte == UInt8(ascii: "_") else { break }
            bytes.append(byte)
            if bytes.count > 33 { return nil }
            cursor += 1
            end = cursor
        }
        guard bytes.count >= 6, EntityText.isASCIILetter(bytes[1]) else { return nil }
        return (String(decoding: bytes, as: UTF8.self), end)
    }

    /// A Line ID at `offset`: 4–20 (3–20 in a link) of `[a-z0-9._-]`, lowercase, not a plain number
    /// (that is a phone number) and not a common word.
    private static func lineID(_ text: EntityText, at offset: Int, allowShort: Bool) -> (value: String, end: Int)? {
        let folded = text.folded
        var bytes: [UInt8] = []
        var cursor = offset
        var end = offset
        while cursor < folded.count {
            let byte = folded[cursor]
            if byte == EntityText.ignorableByte { cursor += 1; continue }
            guard EntityText.isASCIILetter(byte) || EntityText.isDigit(byte) || EntityText.byte(byte, isIn: "._-")
            else { break }
            bytes.append(byte)
            if bytes.count > 20 { return nil }
            cursor += 1
            end = cursor
        }
        if cursor < folded.count, folded[cursor] == UInt8(ascii: "@") { return nil }  // an e-mail address
        while let last = bytes.last, EntityText.byte(last, isIn: "._-") {
            bytes.removeLast()
            end -= 1
            while end > offset, folded[end - 1] == EntityText.ignorableByte { end -= 1 }
        }
        guard let first = bytes.first, EntityText.isASCIILetter(first) || EntityText.isDigit(first),
              bytes.count >= (allowShort ? 3 : 4) else { return nil }
        if bytes.allSatisfy({ EntityText.isDigit($0) || EntityText.byte($0, isIn: "._-") }) { return nil }
        let value = String(decoding: bytes, as: UTF8.self)
        if lineStopWords.contains(value) { return nil }
        return (value, end)
    }
}
