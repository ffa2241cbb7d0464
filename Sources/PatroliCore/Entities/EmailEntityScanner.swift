/// Finds e-mail addresses, including the `nama [at] gmail [dot] com` spelling.
///
/// The local part is ASCII `[a-z0-9._%+-]` (after folding, so fullwidth letters count), at most 64
/// characters; the domain has at least two labels and ends in a top-level domain of 2–24 letters.
/// A trailing sentence dot is not part of the address. The value is lowercased, with `[at]` and
/// `[dot]` written as `@` and `.`. An `@` that has no local part before it is left to the Telegram
/// handle scanner.
enum EmailEntityScanner {
    static func scan(_ text: EntityText, claims: inout EntityClaims) -> [ContactEntity] {
        var results: [ContactEntity] = []
        let folded = text.folded
        var index = 0
        while index < folded.count {
            let byte = folded[index]
            guard byte == UInt8(ascii: "@") || EntityText.byte(byte, isIn: "([{<"),
                  let marker = plainAt(text, at: index) ?? bracketed(text, at: index, word: "at"),
                  let found = address(text, marker: marker),
                  claims.isFree(found.start, found.end)
            else {
                index += 1
                continue
            }
            results.append(found)
            claims.claim(found.start, found.end)
            index = found.end
        }
        return results
    }

    private struct Marker {
        var start: Int
        var end: Int
        var bracketed: Bool
    }

    private static func plainAt(_ text: EntityText, at index: Int) -> Marker? {
        text.folded[index] == UInt8(ascii: "@") ? Marker(start: index, end: index + 1, bracketed: false) : nil
    }

    /// `(at)`, `[at]`, `{at}`, `<at>` (or the same with `dot`), spaces allowed inside.
    private static func bracketed(_ text: EntityText, at index: Int, word: String) -> Marker? {
        let folded = text.folded
        let openers: [UInt8: UInt8] = [UInt8(ascii: "("): UInt8(ascii: ")"), UInt8(ascii: "["): UInt8(ascii: "]"),
                                       UInt8(ascii: "{"): UInt8(ascii: "}"), UInt8(ascii: "<"): UInt8(ascii: ">")]
        guard index < folded.count, let closer = openers[folded[index]] else { return nil }
        var cursor = skipSpaces(folded, from: index + 1, limit: 2)
        for byte in word.utf8 {
            guard cursor < folded.count, folded[cursor] == byte else { return nil }
            cursor += 1
        }
        cursor = skipSpaces(folded, from: cursor, limit: 2)
        guard cursor < folded.count, folded[cursor] == closer else { return nil }
        return Marker(start: index, end: cursor + 1, bracketed: true)
    }

    private static func skipSpaces(_ folded: [UInt8], from index: Int, limit: Int) -> Int {
        var cursor = index
        while cursor < folded.count, cursor - index < limit, folded[cursor] == EntityText.spaceByte { cursor += 1 }
        return cursor
    }

    @inline(__always) private static func isLocalCharacter(_ byte: UInt8) -> Bool {
        EntityText.isASCIILetter(byte) || EntityText.isDigit(byte) || EntityText.byte(byte, isIn: ".-_+%")
    }

    @inline(__always) private static func isLabelCharacter(_ byte: UInt8) -> Bool {
        EntityText.isASCIILetter(byte) || EntityText.isDigit(byte) || byte == UInt8(ascii: "-")
    }

    private static func address(_ text: EntityText, marker: Marker) -> ContactEntity? {
        let folded = text.folded
        // Local part, read backwards.
        var localEnd = marker.start
        if marker.bracketed {
            while localEnd > 0, marker.start - localEnd < 2, folded[localEnd - 1] == EntityText.spaceByte {
                localEnd -= 1
            }
        }
        var localStart = localEnd
        var local: [UInt8] = []
        while localStart > 0 {
            let byte = folded[localStart - 1]
            if byte == EntityText.ignorableByte { localStart -= 1; continue }
            guard isLocalCharacter(byte) else { break }
            guard local.count < 64 else { return nil }
            local.append(byte)
            localStart -= 1
        }
        local.reverse()
        while localStart < localEnd, folded[localStart] == EntityText.ignorableByte { localStart += 1 }
        // Leading punctuation belongs to the sentence, not the address.
        while let first = local.first, !(EntityText.isASCIILetter(first) || EntityText.isDigit(first)) {
            local.removeFirst()
            localStart += 1
            while localStart < localEnd, folded[localStart] == EntityText.ignorableByte { localStart += 1 }
        }
        guard let last = local.last, last != UInt8(ascii: "."), !local.isEmpty else { return nil }

        // Domain labels, read forwards.
        var cursor = marker.end
        if marker.bracketed { cursor = skipSpaces(folded, from: cursor, limit: 2) }
        var labels: [[UInt8]] = []
        var labelEnds: [Int] = []
        while cursor < folded.count, labels.count < 10 {
            var label: [UInt8] = []
            var labelEnd = cursor
            while cursor < folded.count, label.count <= 63 {
                let byte = folded[cursor]
                if byte == EntityText.ignorableByte { cursor += 1; continue }
                guard isLabelCharacter(byte) else { break }
                label.append(byte)
                cursor += 1
                labelEnd = cursor
            }
            guard let first = label.first, first != UInt8(ascii: "-") else { break }
            while label.last == UInt8(ascii: "-") { label.removeLast(); labelEnd -= 1 }
            labels.append(label)
            labelEnds.append(labelEnd)
            cursor = labelEnd
            // Next dot: ".", or "(dot)" with spaces around.
            if cursor + 1 < folded.count, folded[cursor] == UInt8(ascii: "."), isLabelCharacter(folded[cursor + 1]) {
                cursor += 1
                continue
            }
            let beforeBracket = skipSpaces(folded, from: cursor, limit: 2)
            if let dot = bracketed(text, at: beforeBracket, word: "dot") {
                let next = skipSpaces(folded, from: dot.end, limit: 2)
                if next < folded.count, isLabelCharacter(folded[next]) {
                    cursor = next
                    continue
                }
            }
            break
        }
        // The address ends at the last label that is a plausible top-level domain.
        while let tld = labels.last, labels.count >= 2,
              !(tld.count >= 2 && tld.count <= 24 && tld.allSatisfy(EntityText.isASCIILetter)) {
            labels.removeLast()
            labelEnds.removeLast()
        }
        guard labels.count >= 2, let end = labelEnds.last else { return nil }
        let value = String(decoding: local, as: UTF8.self) + "@"
            + labels.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ".")
        return ContactEntity(kind: .email, value: value, start: localStart, end: end,
                             text: text.slice(localStart, end))
    }
}
