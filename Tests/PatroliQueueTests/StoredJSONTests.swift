import Foundation
import PatroliCore
@testable import PatroliQueue
import PatroliTestSupport
import Testing

/// The directly written JSON of queue columns must decode to exactly the values written, as the
/// `JSONEncoder` output of older queue rows does, so readers see one format whichever wrote it.
@Suite struct StoredJSONTests {
    /// Strings built from the characters JSON escaping cares about, and a few it must leave alone.
    static let pieces: [String] = [
        "gaji 15jt", "\"", "\\", "/", "\u{0}", "\u{1}", "\u{8}", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{1f}", " ",
        "\u{7f}", "\u{2028}", "\u{202e}", "\u{200b}", "é", "Kаmbоja", "😀", "🇰🇭", "3️⃣", "<script>", "'", "ｇａｊｉ",
    ]

    static func text(_ random: inout SplitMix64) -> String {
        (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    static func number(_ random: inout SplitMix64) -> Double {
        [3, -2, 0, -0.0, 0.5, -2.5, 1.0 / 3.0, 0.1, 1e-7, 1e20, 15_000_000, 1_234_567.89, 9_007_199_254_740_992,
         Double.random(in: -100...100, using: &random)].randomElement(using: &random)!
    }

    /// How earlier versions wrote the columns, which queues written then still hold.
    static func encoded<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decoded<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try QueueJSON.decode(type, from: text, column: "test", itemID: 0)
    }

    @Test func hitsListsAndMetadataDecodeToWhatWasWritten() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let hits = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                QueueHit(ruleID: Self.text(&random), category: Self.text(&random), points: Self.number(&random),
                         start: Int.random(in: 0...5000, using: &random), end: Int.random(in: 0...5000, using: &random),
                         text: Self.text(&random))
            }
            #expect(try Self.decoded([QueueHit].self, QueueJSON.hits(hits)) == hits)
            #expect(try Self.decoded([QueueHit].self, Self.encoded(hits)) == hits, "older rows read the same")
            let strings = (0..<Int.random(in: 0...4, using: &random)).map { _ in Self.text(&random) }
            #expect(try Self.decoded([String].self, QueueJSON.strings(strings)) == strings)
            let metadata = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                MetadataField(key: Self.text(&random), value: Self.text(&random))
            }
            #expect(try Self.decoded([MetadataField].self, QueueJSON.metadata(metadata)) == metadata)
        }
    }

    @Test func entitiesDecodeToWhatWasWrittenWithAndWithoutOptionalFields() throws {
        var random = SplitMix64(seed: 11)
        for _ in 0..<300 {
            func maybe<T>(_ value: T) -> T? { Bool.random(using: &random) ? value : nil }
            let entities = Entities(
                contacts: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    ContactEntity(kind: ContactKind.allCases.randomElement(using: &random)!, value: Self.text(&random),
                                  start: 1, end: 9, text: Self.text(&random))
                },
                money: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    MoneyEntity(amount: Self.number(&random), maxAmount: maybe(Self.number(&random)),
                                currency: Self.text(&random), period: maybe(Self.text(&random)), start: 0, end: 4,
                                text: Self.text(&random))
                },
                destinations: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    DestinationEntity(country: Self.text(&random), name: Self.text(&random), start: 2, end: 3,
                                      text: Self.text(&random))
                },
                ages: (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    AgeEntity(min: maybe(Int.random(in: 0...99, using: &random)), max: maybe(Int.random(in: 0...99, using: &random)),
                              start: 5, end: 8, text: Self.text(&random))
                })
            #expect(try QueueJSON.decodeEntities(QueueJSON.entities(entities), itemID: 0) == entities)
            #expect(try QueueJSON.decodeEntities(Self.encoded(StoredEntities(entities)), itemID: 0) == entities)
        }
    }

    @Test func nonFiniteNumbersAreRefusedAsTheEncoderRefusesThem() {
        let hit = QueueHit(ruleID: "r", category: "c", points: .nan, start: 0, end: 1, text: "x")
        #expect(throws: (any Error).self) { try QueueJSON.hits([hit]) }
        #expect(throws: (any Error).self) { try Self.encoded([hit]) }
    }
}
