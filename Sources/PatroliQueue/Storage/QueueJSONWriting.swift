import PatroliCore

/// The queue's JSON columns written with `JSONOutput` (the writer of `patroli scan`'s output),
/// without `JSONEncoder`'s boxing of every value: a batch stores thousands of items a second.
///
/// Every value decodes exactly as written (a randomized test holds them to it): numbers are
/// written exactly (`JSONOutput.exactNumber`), and NaN and infinities, which JSON cannot hold,
/// throw as the encoder does.
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

    /// `Entities` as `patroli scan` writes them (the fields of `StoredEntities`), amounts exact.
    static func entities(_ entities: Entities) throws -> String {
        for money in entities.money where !money.amount.isFinite || !(money.maxAmount ?? 0).isFinite {
            throw StoredJSONError.nonFiniteNumber(money.amount.isFinite ? money.maxAmount ?? 0 : money.amount)
        }
        var out = JSONOutput(reservingCapacity: 256)
        entities.writeJSON(to: &out, exactNumbers: true)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// A stored number, exact; NaN and infinities throw as `JSONEncoder` does.
    private static func number(_ value: Double, into out: inout JSONOutput) throws {
        guard value.isFinite else { throw StoredJSONError.nonFiniteNumber(value) }
        out.exactNumber(value)
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
