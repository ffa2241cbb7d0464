import Foundation
import PatroliCore

/// JSON columns shared by every store: hits, leads, entities, metadata and string lists.
///
/// Written by `QueueJSONWriting.swift` (deterministically, so equal values give equal text) and
/// read back through `decode`, which also reads rows written by earlier versions with
/// `JSONEncoder`. Entities use the same fields as `patroli scan` output.
enum QueueJSON {
    static func decode<T: Decodable>(_ type: T.Type, from text: String, column: String, itemID: Int64) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw ReviewStoreError.database(operation: "reading column `\(column)` of queue item \(itemID)",
                                            message: "stored JSON does not decode: \(error)")
        }
    }

    static func decodeEntities(_ text: String, itemID: Int64) throws -> Entities {
        try decode(StoredEntities.self, from: text, column: "entities_json", itemID: itemID).entities
    }
}

/// `Entities` as stored: the same fields as `patroli scan --output jsonl` writes.
struct StoredEntities: Codable {
    struct Contact: Codable {
        var kind: String
        var value: String
        var start: Int
        var end: Int
        var text: String
    }

    struct Money: Codable {
        var amount: Double
        var max: Double?
        var currency: String
        var period: String?
        var start: Int
        var end: Int
        var text: String
    }

    struct Destination: Codable {
        var country: String
        var name: String
        var start: Int
        var end: Int
        var text: String
    }

    struct Age: Codable {
        var min: Int?
        var max: Int?
        var start: Int
        var end: Int
        var text: String
    }

    var contacts: [Contact]
    var money: [Money]
    var destinations: [Destination]
    var ages: [Age]

    init(_ entities: Entities) {
        contacts = entities.contacts.map {
            Contact(kind: $0.kind.rawValue, value: $0.value, start: $0.start, end: $0.end, text: $0.text)
        }
        money = entities.money.map {
            Money(amount: $0.amount, max: $0.maxAmount, currency: $0.currency, period: $0.period,
                  start: $0.start, end: $0.end, text: $0.text)
        }
        destinations = entities.destinations.map {
            Destination(country: $0.country, name: $0.name, start: $0.start, end: $0.end, text: $0.text)
        }
        ages = entities.ages.map { Age(min: $0.min, max: $0.max, start: $0.start, end: $0.end, text: $0.text) }
    }

    var entities: Entities {
        Entities(
            contacts: contacts.compactMap { contact in
                ContactKind(rawValue: contact.kind).map {
                    ContactEntity(kind: $0, value: contact.value, start: contact.start, end: contact.end, text: contact.text)
                }
            },
            money: money.map {
                MoneyEntity(amount: $0.amount, maxAmount: $0.max, currency: $0.currency, period: $0.period,
                            start: $0.start, end: $0.end, text: $0.text)
            },
            destinations: destinations.map {
                DestinationEntity(country: $0.country, name: $0.name, start: $0.start, end: $0.end, text: $0.text)
            },
            ages: ages.map { AgeEntity(min: $0.min, max: $0.max, start: $0.start, end: $0.end, text: $0.text) })
    }
}

/// Millisecond timestamps, the unit every store keeps times in.
enum QueueTime {
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// A lease length in milliseconds (at least 1).
    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(1, seconds &* 1000 &+ attoseconds / 1_000_000_000_000_000)
    }
}

extension RiskLevel {
    /// 0 for none … 3 for high; stored beside the name so SQL can take the maximum.
    var rank: Int { RiskLevel.allCases.firstIndex(of: self) ?? 0 }

    init(rank: Int) {
        let levels = RiskLevel.allCases
        self = levels[Swift.min(Swift.max(rank, 0), levels.count - 1)]
    }
}
