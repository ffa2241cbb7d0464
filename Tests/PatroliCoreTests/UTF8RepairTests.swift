import PatroliTestSupport
import Testing
@testable import PatroliCore

@Suite struct UTF8RepairTests {
    @Test func validTextNeedsNoRepair() {
        for text in ["", "ascii only, quite long to cross the eight byte fast path", "café", "日本語", "😀🇮🇩", "\u{10FFFF}"] {
            let bytes = Array(text.utf8)
            #expect(UTF8Repair.isValid(bytes))
            #expect(UTF8Repair.repaired(bytes) == nil)
        }
    }

    @Test func eachMaximalInvalidSubpartBecomesOneReplacement() {
        let cases: [([UInt8], String)] = [
            ([0x61, 0x80, 0x62], "a\u{FFFD}b"),                  // stray continuation byte
            ([0xE2, 0x82, 0x41], "\u{FFFD}A"),                    // truncated 3-byte sequence: one U+FFFD
            ([0xF0, 0x9F, 0x98], "\u{FFFD}"),                     // truncated 4-byte sequence at the end
            ([0xC0, 0xAF], "\u{FFFD}\u{FFFD}"),                   // overlong: C0 is never valid
            ([0xE0, 0x80, 0xAF], "\u{FFFD}\u{FFFD}\u{FFFD}"),     // overlong 3-byte
            ([0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}"),     // encoded surrogate
            ([0xF4, 0x90, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),  // above U+10FFFF
            ([0xF5, 0x41], "\u{FFFD}A"),
            ([0xFF, 0xFE], "\u{FFFD}\u{FFFD}"),
            ([0xE9, 0x74, 0xE9], "\u{FFFD}t\u{FFFD}"),            // Latin-1 "été"
        ]
        for (bytes, expected) in cases {
            let repaired = UTF8Repair.repaired(bytes)
            #expect(repaired == Array(expected.utf8), "\(bytes)")
            #expect(!UTF8Repair.isValid(bytes))
        }
    }

    @Test func repairMatchesSwiftStringDecodingOnRandomBytes() {
        var generator = SplitMix64(seed: 0x5EED)
        let interesting: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF,
                                    0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF]
        for _ in 0..<5000 {
            let length = Int(generator.next() % 24)
            let bytes = (0..<length).map { _ in
                generator.next() % 3 == 0 ? UInt8(truncatingIfNeeded: generator.next())
                    : interesting[Int(generator.next() % UInt64(interesting.count))]
            }
            let expected = Array(String(decoding: bytes, as: UTF8.self).utf8)
            let actual = UTF8Repair.repaired(bytes) ?? bytes
            #expect(actual == expected, "\(bytes)")
            #expect(UTF8Repair.isValid(bytes) == (expected == bytes))
        }
    }

    @Test func firstInvalidOffsetPointsAtTheBadByte() {
        let bytes = Array("0123456789abcdef".utf8) + [0xC3] + Array("xyz".utf8)
        let offset = bytes.withUnsafeBufferPointer { UTF8Repair.firstInvalidOffset($0) }
        #expect(offset == 16)
    }
}
