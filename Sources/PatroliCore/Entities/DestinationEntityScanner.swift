/// Finds destination countries and hubs from `DestinationGazetteer`, and country flag emoji.
///
/// Matching is case-insensitive on folded text (fullwidth, mathematical and Cyrillic look-alike
/// letters count), whole words only, longest name first (`Arab Saudi` over `Saudi`). It tolerates
/// leetspeak (`k4mboja`, `kamboj4`, `m@laysia`; at least two real letters and no more digits than
/// letters), zero-width characters and emoji inside a word (`Kam🔥boja`), a single `.`, `-`, `_` or
/// `*` inside a word (`Kam-boja`), repeated letters (`Kambojaaa`), and names spelled with spaced
/// or dotted letters (`K A M B O J A`, `K.A.M.B.O.J.A`). A flag (`🇰🇭`) gives its country.
///
/// Left alone: names inside longer words (`Koreana`, `Malaysian`), bare `Arab`, and anything inside
/// an e-mail address, link or handle already taken as a contact.
enum DestinationEntityScanner {
    private static let leetLetters: [UInt8: [UInt8]] = [
        UInt8(ascii: "4"): [UInt8(ascii: "a")], UInt8(ascii: "@"): [UInt8(ascii: "a")],
        UInt8(ascii: "3"): [UInt8(ascii: "e")], UInt8(ascii: "1"): [UInt8(ascii: "i"), UInt8(ascii: "l")],
        UInt8(ascii: "!"): [UInt8(ascii: "i")], UInt8(ascii: "0"): [UInt8(ascii: "o")],
        UInt8(ascii: "5"): [UInt8(ascii: "s")], UInt8(ascii: "$"): [UInt8(ascii: "s")],
        UInt8(ascii: "7"): [UInt8(ascii: "t")], UInt8(ascii: "9"): [UInt8(ascii: "g")],
    ]

    static func scan(_ text: EntityText, claims: EntityClaims) -> [DestinationEntity] {
        let gazetteer = DestinationGazetteer.shared
        let folded = text.folded
        var results: [DestinationEntity] = []
        var index = 0
        var previousIsAlphanumeric = false
        func record(_ place: DestinationGazetteer.Place, _ start: Int, _ end: Int) {
            guard claims.isFree(start, end) else { return }
            results.append(DestinationEntity(country: place.country, name: place.name, start: start, end: end,
                                             text: text.slice(start, end)))
        }
        while index < folded.count {
            let byte = folded[index]
            if byte == EntityText.ignorableByte {
                index += 1
                continue
            }
            if let code = flagCode(text, at: index) {
                if let place = DestinationGazetteer.flags[code] { record(place, index, index + 2) }
                index += 2
                previousIsAlphanumeric = false
                continue
            }
            if !previousIsAlphanumeric, EntityText.isASCIILetter(byte) || leetLetters[byte] != nil {
                if let run = spacedLetters(folded, from: index) {
                    if let place = wholeMatch(run.letters, gazetteer) { record(place, index, run.end) }
                    index = run.end
                    previousIsAlphanumeric = true
                    continue
                }
                if let match = longestMatch(folded, from: index, gazetteer) {
                    record(match.place, index, match.end)
                    index = match.end
                    previousIsAlphanumeric = true
                    continue
                }
            }
            previousIsAlphanumeric = EntityText.isAlphanumeric(byte)
            index += 1
        }
        return results
    }

    /// The two-letter code of a pair of regional indicator symbols at `index` (`🇰🇭` → `KH`).
    private static func flagCode(_ text: EntityText, at index: Int) -> String? {
        let range: ClosedRange<UInt32> = 0x1F1E6...0x1F1FF
        let first = text.scalars[index].value
        guard range.contains(first), index + 1 < text.scalars.count else { return nil }
        let second = text.scalars[index + 1].value
        guard range.contains(second) else { return nil }
        let letters = [first, second].compactMap { Unicode.Scalar($0 - 0x1F1E6 + 0x41) }
        var code = ""
        code.unicodeScalars.append(contentsOf: letters)
        return code
    }

    /// True when no letter or digit follows `index` (ignorable characters skipped).
    private static func endsWord(_ folded: [UInt8], at index: Int) -> Bool {
        var cursor = index
        while cursor < folded.count, folded[cursor] == EntityText.ignorableByte { cursor += 1 }
        return cursor >= folded.count || !EntityText.isAlphanumeric(folded[cursor])
    }

    private struct State {
        var node: Int
        var position: Int
        var letters: Int
        var substitutes: Int
        /// The letter just read, so that a run of it can be collapsed (`Kambojaaa`, `Kammboja`).
        var lastLetter: UInt8
    }

    /// The longest gazetteer name starting at `start` and ending at a word end.
    private static func longestMatch(
        _ folded: [UInt8], from start: Int, _ gazetteer: DestinationGazetteer
    ) -> (end: Int, place: DestinationGazetteer.Place)? {
        // Fast rejection, without allocating: two plain letters no name starts with.
        if start + 1 < folded.count {
            let first = folded[start], second = folded[start + 1]
            if EntityText.isASCIILetter(first), EntityText.isASCIILetter(second), first != second {
                guard let node = gazetteer.child(0, Int(first - UInt8(ascii: "a"))),
                      gazetteer.child(node, Int(second - UInt8(ascii: "a"))) != nil else { return nil }
            }
        }
        var best: (end: Int, place: DestinationGazetteer.Place)?
        var stack = [State(node: 0, position: start, letters: 0, substitutes: 0, lastLetter: 0)]
        var steps = 0
        /// Pushes a state that has just read a letter, noting a complete name that ends a word.
        func pushAfterLetter(_ state: State) {
            if let place = gazetteer.place(at: state.node), state.letters >= 2, state.substitutes <= state.letters,
               endsWord(folded, at: state.position), best.map({ state.position > $0.end }) ?? true {
                best = (state.position, place)
            }
            stack.append(state)
        }
        while let state = stack.popLast(), steps < 4_000 {
            steps += 1
            var position = state.position
            while position < folded.count, folded[position] == EntityText.ignorableByte { position += 1 }
            guard position < folded.count, position - start < 80 else { continue }
            let byte = folded[position]

            func consume(_ letter: UInt8, real: Bool) {
                guard let next = gazetteer.child(state.node, Int(letter - UInt8(ascii: "a"))) else { return }
                pushAfterLetter(State(node: next, position: position + 1, letters: state.letters + (real ? 1 : 0),
                                      substitutes: state.substitutes + (real ? 0 : 1), lastLetter: letter))
            }
            if EntityText.isASCIILetter(byte) {
                consume(byte, real: true)
                if byte == state.lastLetter {
                    pushAfterLetter(State(node: state.node, position: position + 1, letters: state.letters,
                                          substitutes: state.substitutes, lastLetter: byte))
                }
            } else if let substitutes = leetLetters[byte], state.node != 0 || position == start {
                for letter in substitutes { consume(letter, real: false) }
            }
            guard state.node != 0 else { continue }
            // A word break inside a multi-word name: nothing, or a short run of separators.
            if let broken = gazetteer.child(state.node, DestinationGazetteer.breakEdge) {
                stack.append(State(node: broken, position: position, letters: state.letters,
                                   substitutes: state.substitutes, lastLetter: 0))
                var cursor = position
                while cursor < folded.count, cursor - position < 3,
                      [EntityText.spaceByte, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                       EntityText.ignorableByte].contains(folded[cursor]) {
                    cursor += 1
                }
                if cursor > position {
                    stack.append(State(node: broken, position: cursor, letters: state.letters,
                                       substitutes: state.substitutes, lastLetter: 0))
                }
            }
            // Noise inside a word: an emoji run or one `.`, `-`, `_`, `*` between letters.
            if byte == EntityText.emojiByte {
                var cursor = position
                while cursor < folded.count, cursor - position < 8,
                      folded[cursor] == EntityText.emojiByte || folded[cursor] == EntityText.ignorableByte {
                    cursor += 1
                }
                if cursor < folded.count, EntityText.isASCIILetter(folded[cursor]) {
                    stack.append(State(node: state.node, position: cursor, letters: state.letters,
                                       substitutes: state.substitutes, lastLetter: state.lastLetter))
                }
            } else if EntityText.byte(byte, isIn: ".-_*"), position + 1 < folded.count,
                      EntityText.isASCIILetter(folded[position + 1]) {
                stack.append(State(node: state.node, position: position + 1, letters: state.letters,
                                   substitutes: state.substitutes, lastLetter: state.lastLetter))
            }
        }
        return best
    }

    /// Single letters separated by one consistent separator: `K A M B O J A`, `K.A.M.B.O.J.A`.
    private static func spacedLetters(_ folded: [UInt8], from start: Int) -> (letters: [UInt8], end: Int)? {
        let separators: [UInt8] = [EntityText.spaceByte, UInt8(ascii: "."), UInt8(ascii: "-")]
        guard start + 2 < folded.count, separators.contains(folded[start + 1]) else { return nil }
        let separator = folded[start + 1]
        var letters: [UInt8] = []
        var cursor = start
        var end = start
        while cursor < folded.count, EntityText.isASCIILetter(folded[cursor]) {
            guard cursor + 1 >= folded.count || !EntityText.isAlphanumeric(folded[cursor + 1]) else { break }
            letters.append(folded[cursor])
            end = cursor + 1
            guard cursor + 2 < folded.count, folded[cursor + 1] == separator,
                  EntityText.isASCIILetter(folded[cursor + 2]) else { break }
            cursor += 2
        }
        return letters.count >= 4 ? (letters, end) : nil
    }

    /// The place named by exactly these letters (word breaks optional).
    private static func wholeMatch(_ letters: [UInt8],
                                   _ gazetteer: DestinationGazetteer) -> DestinationGazetteer.Place? {
        var stack: [(node: Int, index: Int)] = [(0, 0)]
        var steps = 0
        while let (node, index) = stack.popLast(), steps < 1_000 {
            steps += 1
            if index == letters.count {
                if let place = gazetteer.place(at: node) { return place }
                continue
            }
            if let next = gazetteer.child(node, Int(letters[index] - UInt8(ascii: "a"))) {
                stack.append((next, index + 1))
            }
            if node != 0, let broken = gazetteer.child(node, DestinationGazetteer.breakEdge) {
                stack.append((broken, index))
            }
        }
        return nil
    }
}
