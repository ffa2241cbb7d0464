import Foundation
import Testing
@testable import PatroliCore

@Suite struct JSONOutputTests {
    private func roundTrip(_ text: String) throws -> String? {
        var output = JSONOutput()
        output.beginObject()
        output.field("t", text)
        output.endObject()
        let object = try JSONSerialization.jsonObject(with: Data(output.bytes)) as? [String: Any]
        return object?["t"] as? String
    }

    @Test func hostileTextStaysOneJSONString() throws {
        let hostile = "a\"b\\c\n\r\t\u{0}\u{1B}[31m\u{7F} </script> \u{2028}\u{2029} emoji 🔥 é \"},{\"x\":1"
        #expect(try roundTrip(hostile) == hostile)
        var output = JSONOutput()
        output.string(hostile)
        let raw = String(decoding: output.bytes, as: UTF8.self)
        #expect(!raw.contains("\u{2028}") && !raw.contains("\u{1B}") && !raw.contains("\n"))
        #expect(raw.contains("\\u2028") && raw.contains("\\u001b"))
    }

    @Test func plainTextIsCopiedAsIs() throws {
        var output = JSONOutput()
        output.string("gaji 15jt di Kamboja")
        #expect(String(decoding: output.bytes, as: UTF8.self) == "\"gaji 15jt di Kamboja\"")
    }

    @Test func numbersAreWrittenWithoutNeedlessFractions() {
        #expect(JSONOutput.format(3) == "3")
        #expect(JSONOutput.format(-2) == "-2")
        #expect(JSONOutput.format(1.5) == "1.5")
        #expect(JSONOutput.format(.nan) == "0")
    }
}
