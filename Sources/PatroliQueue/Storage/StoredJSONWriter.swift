import PatroliCore

/// Writes the queue's JSON columns directly, byte for byte as `JSONEncoder` with `.sortedKeys`
/// and `.withoutEscapingSlashes` writes them (a test holds the two to the same output), without
/// the encoder's boxing of every value: a batch stores thousands of items a second.
///
/// Keys are written in sorted order by each caller; strings escape `"`, `\` and control
/// characters as the encoder does; numbers print as Swift prints them, with a trailing `.0`
/// dropped (`3`, `-2.5`, `1e+20`).
struct StoredJSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `"key":` (the key must need no escaping).
    mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func value(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                runStart = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func value(_ number: Int) {
        bytes.append(contentsOf: String(number).utf8)
    }

    /// Throws for NaN and infinities, which JSON cannot hold (as the encoder does).
    mutating func value(_ number: Double) throws {
        guard number.isFinite else { throw StoredJSONError.nonFiniteNumber(number) }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout StoredJSONWriter, Element) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "["))
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            try write(&self, element)
        }
        bytes.append(UInt8(ascii: "]"))
    }
}

enum StoredJSONError: Error, CustomStringConvertible {
    case nonFiniteNumber(Double)

    var description: String {
        switch self {
        case .nonFiniteNumber(let number): return "cannot store \(number) as a JSON number"
        }
    }
}

extension QueueJSON {
    /// `[QueueHit]` as `encode(_:)` would write it.
    static func hits(_ hits: [QueueHit]) throws -> String {
        var out = StoredJSONWriter(capacity: 64 + hits.count * 96)
        try out.array(hits) { out, hit in
            out.raw("{")
            out.key("category", first: true); out.value(hit.category)
            out.key("end"); out.value(hit.end)
            out.key("points"); try out.value(hit.points)
            out.key("ruleID"); out.value(hit.ruleID)
            out.key("start"); out.value(hit.start)
            out.key("text"); out.value(hit.text)
            out.raw("}")
        }
        return out.string
    }

    /// `[String]` as `encode(_:)` would write it.
    static func strings(_ values: [String]) -> String {
        var out = StoredJSONWriter(capacity: 16 + values.count * 24)
        out.array(values) { out, value in out.value(value) }
        return out.string
    }

    /// `[MetadataField]` as `encode(_:)` would write it.
    static func metadata(_ fields: [MetadataField]) -> String {
        var out = StoredJSONWriter(capacity: 16 + fields.count * 48)
        out.array(fields) { out, field in
            out.raw("{")
            out.key("key", first: true); out.value(field.key)
            out.key("value"); out.value(field.value)
            out.raw("}")
        }
        return out.string
    }

    /// `Entities` as `encodeEntities(_:)` would write them (`StoredEntities`, keys sorted, absent
    /// optionals left out).
    static func entities(_ entities: Entities) throws -> String {
        var out = StoredJSONWriter(capacity: 256)
        out.raw("{")
        out.key("ages", first: true)
        out.array(entities.ages) { out, age in
            out.raw("{")
            out.key("end", first: true); out.value(age.end)
            if let max = age.max { out.key("max"); out.value(max) }
            if let min = age.min { out.key("min"); out.value(min) }
            out.key("start"); out.value(age.start)
            out.key("text"); out.value(age.text)
            out.raw("}")
        }
        out.key("contacts")
        out.array(entities.contacts) { out, contact in
            out.raw("{")
            out.key("end", first: true); out.value(contact.end)
            out.key("kind"); out.value(contact.kind.rawValue)
            out.key("start"); out.value(contact.start)
            out.key("text"); out.value(contact.text)
            out.key("value"); out.value(contact.value)
            out.raw("}")
        }
        out.key("destinations")
        out.array(entities.destinations) { out, destination in
            out.raw("{")
            out.key("country", first: true); out.value(destination.country)
            out.key("end"); out.value(destination.end)
            out.key("name"); out.value(destination.name)
            out.key("start"); out.value(destination.start)
            out.key("text"); out.value(destination.text)
            out.raw("}")
        }
        out.key("money")
        try out.array(entities.money) { out, money in
            out.raw("{")
            out.key("amount", first: true); try out.value(money.amount)
            out.key("currency"); out.value(money.currency)
            out.key("end"); out.value(money.end)
            if let max = money.maxAmount { out.key("max"); try out.value(max) }
            if let period = money.period { out.key("period"); out.value(period) }
            out.key("start"); out.value(money.start)
            out.key("text"); out.value(money.text)
            out.raw("}")
        }
        out.raw("}")
        return out.string
    }
}
