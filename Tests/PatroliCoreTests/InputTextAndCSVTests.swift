import Testing
@testable import PatroliCore

@Suite struct InputTextFormatTests {
    private let options = InputOptions(format: .text)

    @Test func eachLineIsAPostWithItsLineNumberAsId() throws {
        let result = try readContent("dicari TKW\n\n   \ngaji 15jt\r\nlast", options: options, name: "posts.txt")
        #expect(result.problems.isEmpty)
        #expect(result.texts == ["dicari TKW", "gaji 15jt", "last"])
        #expect(result.ids == ["1", "4", "5"])
        #expect(result.recordLines == [1, 4, 5])
    }

    @Test func nulByteSkipsTheLineWithOneProblem() throws {
        let result = try readContent("one\nt\u{0}wo\nthree\n", options: options, name: "posts.txt")
        #expect(result.texts == ["one", "three"])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 2)
        #expect(result.problems.first?.message.contains("NUL byte at column 2") == true)
    }

    @Test func invalidUTF8GivesAProblemAndTheRepairedPost() throws {
        let bytes = Array("one\nbad ".utf8) + [0xC3, 0x28] + Array(" end\nthree\n".utf8)
        let result = try readContent(bytes: bytes, options: options, name: "posts.txt")
        #expect(result.texts == ["one", "bad \u{FFFD}( end", "three"])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 2)
        #expect(result.problems.first?.message.contains("invalid UTF-8 at column 5, byte 0xC3") == true)
    }

    @Test func tooLongLineIsSkippedWithOneProblem() throws {
        let long = String(repeating: "x", count: 5000)
        let small = InputOptions(format: .text, maxRecordBytes: 1000)
        let result = try readContent("short\n\(long)\nnext\n", options: small, name: "posts.txt")
        #expect(result.texts == ["short", "next"])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 2)
        #expect(result.problems.first?.message == "line is longer than 1000 bytes; skipped it")
        #expect(result.problems.first?.hint?.contains("--max-record-bytes") == true)
    }

    @Test func lineOfExactlyTheLimitIsKept() throws {
        let exact = String(repeating: "y", count: 1000)
        let small = InputOptions(format: .text, maxRecordBytes: 1000)
        let result = try readContent("\(exact)\r\n\(exact)", options: small, name: "posts.txt")
        #expect(result.problems.isEmpty)
        #expect(result.records.map(\.text.count) == [1000, 1000])
    }
}

@Suite struct InputCSVTests {
    private let options = InputOptions(format: .csv)

    @Test func quotedCommasNewlinesAndQuotesAreRead() throws {
        let csv = """
            id,author,text,url
            p1,budi,"dicari, cepat",https://a.test/1
            p2,sari,"baris satu
            baris ""dua""
            baris tiga",https://a.test/2
            p3,,plain,

            """
        let result = try readContent(csv, options: options, name: "posts.csv")
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.ids == ["p1", "p2", "p3"])
        #expect(result.texts == ["dicari, cepat", "baris satu\nbaris \"dua\"\nbaris tiga", "plain"])
        #expect(result.recordLines == [2, 3, 6])
        #expect(result.records[0].metadata.map(\.key) == ["author", "url"])
        #expect(result.records[2].metadata.isEmpty)
    }

    @Test func crlfFilesWithAByteOrderMarkAreRead() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Text,ID\r\n\"a\r\nb\",7\r\nc,8\r\n".utf8)
        let result = try readContent(bytes: bytes, options: options, name: "posts.csv")
        #expect(result.problems.isEmpty)
        #expect(result.texts == ["a\nb", "c"])
        #expect(result.ids == ["7", "8"])
    }

    @Test func lineNumbersAreIdsWithoutAnIdColumn() throws {
        let result = try readContent("content,likes\nhalo,3\n\nlagi,4\n", options: options, name: "posts.csv")
        #expect(result.ids == ["2", "4"])
        #expect(result.records.first?.metadataValue("likes") == "3")
    }

    @Test func chosenTextAndIdColumnsAreUsed() throws {
        let chosen = InputOptions(format: .csv, textFields: ["caption"], idField: "post")
        let result = try readContent("text,caption,post\nno,yes,x9\n", options: chosen, name: "posts.csv")
        #expect(result.texts == ["yes"])
        #expect(result.ids == ["x9"])
    }

    @Test func rowWithTheWrongNumberOfFieldsIsSkippedWithOneProblem() throws {
        let result = try readContent("id,text\n1,ok\n2,too,many\n3\n4,fine\n", options: options, name: "posts.csv")
        #expect(result.ids == ["1", "4"])
        #expect(result.problemLines == [3, 4])
        #expect(result.problems.first?.message == "row has 3 fields, but the header has 2 columns; skipped it")
    }

    @Test func missingTextColumnStopsTheFileWithOneProblem() throws {
        let result = try readContent("id,caption\n1,x\n2,y\n", options: options, name: "posts.csv")
        #expect(result.records.isEmpty)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 1)
        #expect(result.problems.first?.message.contains("no text column: tried `text`") == true)
        #expect(result.problems.first?.hint?.contains("id, caption") == true)
    }

    @Test func unclosedQuoteAtTheEndIsOneProblem() throws {
        let result = try readContent("id,text\n1,ok\n2,\"never closed\n3,more\n", options: options, name: "posts.csv")
        #expect(result.ids == ["1"])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 3)
        #expect(result.problems.first?.message.contains("quoted field is not closed") == true)
    }

    @Test func nulAndInvalidUTF8InRows() throws {
        let bytes = Array("id,text\n1,a\u{0}b\n2,caf".utf8) + [0xE9] + Array("\n3,ok\n".utf8)
        let result = try readContent(bytes: bytes, options: options, name: "posts.csv")
        #expect(result.ids == ["2", "3"])
        #expect(result.texts == ["caf\u{FFFD}", "ok"])
        #expect(result.problemLines == [2, 3])
    }

    @Test func recordLongerThanTheLimitIsSkipped() throws {
        let limited = InputOptions(format: .csv, maxRecordBytes: 100)
        let longQuoted = "\"" + Array(repeating: String(repeating: "z", count: 60), count: 5).joined(separator: "\n") + "\""
        let result = try readContent("id,text\n1,\(longQuoted)\n2,after\n", options: limited, name: "posts.csv")
        #expect(result.ids == ["2"])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 2)
        #expect(result.problems.first?.message == "record is longer than 100 bytes; skipped it")
    }
}
