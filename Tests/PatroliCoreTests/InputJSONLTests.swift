import Testing
@testable import PatroliCore

@Suite struct InputJSONLTests {
    @Test func recordsCarryTextIdLineAndSource() throws {
        let fixture = try InputFixture()
        let path = try fixture.file("posts.jsonl", """
            {"id": "a1", "text": "loker Jepang"}
            {"id": "a2", "text": "gaji besar"}

            """)
        let result = try readAll(path: path)
        #expect(result.problems.isEmpty)
        #expect(result.ids == ["a1", "a2"])
        #expect(result.texts == ["loker Jepang", "gaji besar"])
        #expect(result.recordLines == [1, 2])
        #expect(result.records.allSatisfy { $0.source == path })
    }

    @Test func finalLineWithoutNewlineIsRead() throws {
        let result = try readContent("{\"text\": \"one\"}\n{\"text\": \"two\"}")
        #expect(result.texts == ["one", "two"])
        #expect(result.problems.isEmpty)
    }

    @Test func crlfLineEndsAreTolerated() throws {
        let result = try readContent("{\"text\": \"one\"}\r\n{\"text\": \"two\"}\r\n")
        #expect(result.texts == ["one", "two"])
        #expect(result.problems.isEmpty)
    }

    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let result = try readContent(bytes: [0xEF, 0xBB, 0xBF] + Array("{\"text\": \"bom\"}\n".utf8))
        #expect(result.texts == ["bom"])
        #expect(result.problems.isEmpty)
    }

    @Test func unicodeEscapesAndSurrogatePairsAreDecoded() throws {
        let result = try readContent(#"""
            {"text": "caf\u00e9 \u20ac \ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t end"}
            {"text": "lone \ud800 high, lone \udc00 low, swapped \udc00\ud800, cut \ud83d\u0041"}

            """#)
        #expect(result.problems.isEmpty)
        #expect(result.texts.first == "café € 😀 \"q\" \\ / \u{08}\u{0C}\n\r\t end")
        #expect(result.texts.last == "lone \u{FFFD} high, lone \u{FFFD} low, swapped \u{FFFD}\u{FFFD}, cut \u{FFFD}A")
    }

    @Test func rawUTF8TextIsKeptAsIs() throws {
        let result = try readContent("{\"text\": \"kerja di 日本 🇯🇵 gaji 💰\"}\n")
        #expect(result.texts == ["kerja di 日本 🇯🇵 gaji 💰"])
    }

    @Test func numericIdsKeepTheirText() throws {
        let result = try readContent("""
            {"id": 1812, "text": "a"}
            {"id": -4.5e3, "text": "b"}
            {"id": 12345678901234567890123, "text": "c"}

            """)
        #expect(result.ids == ["1812", "-4.5e3", "12345678901234567890123"])
    }

    @Test func lineNumberIsTheIdWhenThereIsNone() throws {
        let result = try readContent("""
            {"text": "a"}
            {"text": "b", "id": null}
            {"text": "c"}

            """)
        #expect(result.ids == ["1", "2", "3"])
    }

    @Test func chosenIdFieldIsUsed() throws {
        let options = InputOptions(idField: "tweet_id")
        let result = try readContent("{\"id\": \"x\", \"tweet_id\": \"t9\", \"text\": \"a\"}\n", options: options)
        #expect(result.ids == ["t9"])
        #expect(result.records.first?.metadataValue("id") == "x")
    }

    @Test func missingChosenIdFieldIsReportedOnceAndLineNumbersAreUsed() throws {
        let options = InputOptions(idField: "post_id")
        let result = try readContent("{\"text\": \"a\"}\n{\"text\": \"b\"}\n", options: options)
        #expect(result.ids == ["1", "2"])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.message.contains("post_id") == true)
    }

    @Test func firstPresentTextFieldWins() throws {
        let result = try readContent("""
            {"body": "from body", "content": "from content"}
            {"rawContent": "raw", "message": "msg"}
            {"text": null, "content": "content beats null text"}

            """)
        #expect(result.texts == ["from content", "msg", "content beats null text"])
        #expect(result.problems.isEmpty)
    }

    @Test func chosenTextFieldIsUsed() throws {
        let options = InputOptions(textFields: ["caption"])
        let result = try readContent("{\"text\": \"no\", \"caption\": \"yes\"}\n", options: options)
        #expect(result.texts == ["yes"])
    }

    @Test func metadataKeepsTopLevelStringsAndNumbersInOrder() throws {
        let result = try readContent(#"""
            {"url": "https://x.test/p/1", "id": "p1", "likes": 42, "text": "t", "user": {"name": "n"}, "tags": ["a"], "verified": true, "date": "2024-05-01", "au\u0074hor": "budi"}

            """#)
        let record = try #require(result.records.first)
        #expect(record.metadata.map(\.key) == ["url", "likes", "date", "author"])
        #expect(record.metadataValue("likes") == "42")
        #expect(record.metadataValue("author") == "budi")
    }

    @Test func nestedValuesOfOtherFieldsAreSkipped() throws {
        let result = try readContent(#"""
            {"user": {"bio": "a \"}\" ] [ { tricky", "list": [1, [2, {"x": "}"}], [], {}], "n": null}, "text": "after nested"}
            {"a": [[[[[[[[[[]]]]]]]]]], "b": {"c": {"d": {"e": "text"}}}, "text": "deep"}

            """#)
        #expect(result.problems.isEmpty)
        #expect(result.texts == ["after nested", "deep"])
    }

    @Test func escapedKeysMatchTextField() throws {
        let result = try readContent(#"{"t\u0065xt": "escaped key"}"# + "\n")
        #expect(result.texts == ["escaped key"])
    }

    // MARK: bad lines: exactly one problem each, and the next line still comes through

    private func expectOneProblem(_ badLine: String, at line: Int = 2, saying fragment: String,
                                  hint: String? = nil) throws
    {
        let content = "{\"text\": \"before\"}\n\(badLine)\n{\"text\": \"after\"}\n"
        let result = try readContent(content)
        #expect(result.problems.count == 1, "\(result.problems)")
        let problem = try #require(result.problems.first)
        #expect(problem.line == line)
        #expect(problem.message.contains(fragment), "\(problem.message)")
        if let hint { #expect(problem.hint?.contains(hint) == true, "\(problem.hint ?? "no hint")") }
        #expect(result.texts == ["before", "after"])
        #expect(result.recordLines == [1, 3])
        #expect(problem.description.hasPrefix("\(problem.source):\(line): "))
    }

    @Test func invalidJSONNamesTheColumnAndWhatWasExpected() throws {
        try expectOneProblem(#"{"id": 1 "text": "x"}"#, saying: "invalid JSON at column 10: expected ',' or '}'")
        try expectOneProblem(#"{"text": "unterminated}"#, saying: "the string is not closed",
                             hint: "each object on one line")
        try expectOneProblem(#"{"text": "x",}"#, saying: "column 14: expected a field name")
        try expectOneProblem(#"{"text": tru}"#, saying: "column 10: expected a value")
        try expectOneProblem(#"{"text": "x", "n": 01}"#, saying: "column 21")
        try expectOneProblem(#"{"text": "bad \q escape"}"#, saying: "invalid escape")
        try expectOneProblem(#"{"text": "x"} trailing"#, saying: "column 15: expected the end of the line")
        try expectOneProblem("{\"text\": \"tab\there\"}", saying: "control character U+0009")
        try expectOneProblem("{", saying: "column 2")
        try expectOneProblem("plain words", saying: "column 1: expected '{', found 'p'", hint: "--format text")
    }

    @Test func topLevelValuesOtherThanObjectsAreReported() throws {
        try expectOneProblem(#"["text", "x"]"#, saying: "top-level value is an array, not an object",
                             hint: "jq -c")
        try expectOneProblem(#""just a string""#, saying: "top-level value is a string, not an object")
        try expectOneProblem("42", saying: "top-level value is a number, not an object")
        try expectOneProblem("null", saying: "top-level value is null, not an object")
    }

    @Test func missingTextFieldListsTheNamesTried() throws {
        try expectOneProblem(#"{"id": 7, "caption": "x"}"#,
                             saying: "no text field: tried `text`, `content`, `message`, `body`, `rawContent`",
                             hint: "--text-field")
        try expectOneProblem("{}", saying: "no text field")
    }

    @Test func textFieldOfAnotherTypeSaysWhichType() throws {
        try expectOneProblem(#"{"text": 12}"#, saying: "field `text` is a number, not a string")
        try expectOneProblem(#"{"text": {"body": "x"}}"#, saying: "field `text` is an object, not a string")
        try expectOneProblem(#"{"content": ["x"]}"#, saying: "field `content` is an array, not a string")
        try expectOneProblem(#"{"text": null}"#, saying: "field `text` is null, not a string")
        try expectOneProblem(#"{"text": false}"#, saying: "field `text` is a boolean, not a string")
    }

    @Test func nulByteSkipsTheLine() throws {
        try expectOneProblem("{\"text\": \"a\u{0}b\"}", saying: "NUL byte at column 12")
    }

    @Test func emptyAndWhitespaceLinesAreReported() throws {
        try expectOneProblem("", saying: "empty line")
        try expectOneProblem("   \t ", saying: "only whitespace")
    }

    @Test func deeplyNestedValueIsAProblemNotACrash() throws {
        let deep = String(repeating: "[", count: 100_000)
        try expectOneProblem("{\"x\": \(deep)}", saying: "nested more than")
    }

    @Test func invalidUTF8InTextGivesAProblemAndTheRepairedRecord() throws {
        var bytes = Array("{\"text\": \"ok\"}\n{\"id\": \"u\", \"text\": \"caf".utf8)
        bytes += [0xE9, 0x20, 0xE2, 0x82]  // Latin-1 é, then a truncated euro sign
        bytes += Array("\"}\n{\"text\": \"after\"}\n".utf8)
        let result = try readContent(bytes: bytes)
        #expect(result.problems.count == 1)
        let problem = try #require(result.problems.first)
        #expect(problem.line == 2)
        #expect(problem.message.contains("invalid UTF-8 at column 25 (in `text`), byte 0xE9"))
        #expect(result.texts == ["ok", "caf\u{FFFD} \u{FFFD}", "after"])
        #expect(result.ids == ["1", "u", "3"])
        #expect(result.records.allSatisfy { UTF8Repair.isValid($0.text) })
        // The problem comes first, then the record it describes.
        guard case .problem = result.events[1], case .record(let record) = result.events[2] else {
            Issue.record("expected the problem before the repaired record")
            return
        }
        #expect(record.line == 2)
    }

    @Test func invalidUTF8InOtherFieldsIsRepairedToo() throws {
        let bytes = Array("{\"author\": \"".utf8) + [0xFF] + Array("\", \"text\": \"t\"}\n".utf8)
        let result = try readContent(bytes: bytes)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.message.contains("(in `author`)") == true)
        #expect(result.records.first?.metadataValue("author") == "\u{FFFD}")
    }

    @Test func problemDescriptionReadsLikeACompilerMessage() {
        let problem = InputProblem(source: "posts.jsonl", line: 1812,
                                   message: "invalid JSON at column 40: expected ',' or '}'", hint: "fix it")
        #expect(problem.description == "posts.jsonl:1812: invalid JSON at column 40: expected ',' or '}' (hint: fix it)")
        let whole = InputProblem(source: "a.gz", line: nil, message: "corrupt")
        #expect(whole.description == "a.gz: corrupt")
    }
}
