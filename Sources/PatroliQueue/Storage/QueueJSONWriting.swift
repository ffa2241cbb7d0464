import PatroliCore

/// The queue's JSON columns written with `JSONOutput` (the writer of `patroli scan`'s output),
/// without `JSONEncoder`'s boxing of every value: a batch stores thousands of items a second.
///
/// Keys are written in sorted order, as `QueueJSON.encode` writes them, and every value decodes
/// exactly as written (a randomized test holds them to it). Numbers are written losslessly, as
/// Swift prints them without a trailing `.0` (`3`, `-2.5`, `1e+20`); NaN and infinities, which
/// JSON cannot hold, throw as the encoder does.
extension QueueJSON {
    static func hits(_ hits: [QueueHit]) throws -> String {
        var out = JSONOutput(reservingCapacity: 64 + hits.count * 96)
        out.beginArray()
        for hit in hits {
            out.beginObject()
            out.field("category", hit.category)
            out.field("end", hit.end)
            out.key("points")
            try number(hit.points, into: &out)
            out.field("ruleID", hit.ruleID)
            out.field("start", hit.start)
            out.field("text", hit.text)
            out.endObject()
        }
        out.endArray()
        return String(decoding: out.bytes, as: UTF8.self)
    }

    static func strings(_ values: [String]) -> String {
        var out = JSONOutput(reservingCapacity: 16 + values.count * 24)
        out.beginArray()
        for value in values { out.string(value) }
        out.endArray()
        return String(decoding: out.bytes, as: UTF8.self)
    }

    static func metadata(_ fields: [MetadataField]) -> String {
        var out = JSONOutput(reservingCapacity: 16 + fields.count * 48)
        out.beginArray()
        for field in fields {
            out.beginObject()
            out.field("key", field.key)
            out.field("value", field.value)
            out.endObject()
        }
        out.endArray()
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// `Entities` in the fields of `StoredEntities` (absent optionals left out).
    static func entities(_ entities: Entities) throws -> String {
        var out = JSONOutput(reservingCapacity: 256)
        out.beginObject()
        out.key("ages")
        out.beginArray()
        for age in entities.ages {
            out.beginObject()
            out.field("end", age.end)
            if let max = age.max { out.field("max", max) }
            if let min = age.min { out.field("min", min) }
            out.field("start", age.start)
            out.field("text", age.text)
            out.endObject()
        }
        out.endArray()
        out.key("contacts")
        out.beginArray()
        for contact in entities.contacts {
            out.beginObject()
            out.field("end", contact.end)
            out.field("kind", contact.kind.rawValue)
            out.field("start", contact.start)
            out.field("text", contact.text)
            out.field("value", contact.value)
            out.endObject()
        }
        out.endArray()
        out.key("destinations")
        out.beginArray()
        for destination in entities.destinations {
            out.beginObject()
            out.field("country", destination.country)
            out.field("end", destination.end)
            out.field("name", destination.name)
            out.field("start", destination.start)
            out.field("text", destination.text)
            out.endObject()
        }
        out.endArray()
        out.key("money")
        out.beginArray()
        for money in entities.money {
            out.beginObject()
            out.key("amount")
            try number(money.amount, into: &out)
            out.field("currency", money.currency)
            out.field("end", money.end)
            if let max = money.maxAmount {
                out.key("max")
                try number(max, into: &out)
            }
            if let period = money.period { out.field("period", period) }
            out.field("start", money.start)
            out.field("text", money.text)
            out.endObject()
        }
        out.endArray()
        out.endObject()
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// A stored number: lossless (`JSONOutput.number` rounds to four decimals for display).
    private static func number(_ value: Double, into out: inout JSONOutput) throws {
        guard value.isFinite else { throw StoredJSONError.nonFiniteNumber(value) }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.raw(Array(text.utf8))
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
