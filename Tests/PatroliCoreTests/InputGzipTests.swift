import Foundation
import Testing
@testable import PatroliCore

@Suite struct InputGzipTests {
    private static let posts = (1...2000).map { "{\"id\": \($0), \"text\": \"post number \($0) 🚢\"}\n" }.joined()

    @Test func gzipFileIsReadTransparently() throws {
        let fixture = try InputFixture()
        let plain = try fixture.file("posts.jsonl", Self.posts)
        let gz = try fixture.gzip(plain, as: "posts.jsonl.gz")
        let result = try readAll(path: gz)
        #expect(result.problems.isEmpty)
        #expect(result.records.count == 2000)
        #expect(result.records.last?.textString == "post number 2000 🚢")
        #expect(result.records.last?.line == 2000)
        #expect(result.records.first?.source == gz)
    }

    @Test func gzipIsDetectedByMagicNotByName() throws {
        let fixture = try InputFixture()
        let plain = try fixture.file("posts.jsonl", Self.posts)
        let disguised = try fixture.gzip(plain, as: "posts-without-suffix.jsonl")
        #expect(try readAll(path: disguised).records.count == 2000)
        // And a `.gz` name on plain text is read as plain text.
        let misnamed = try fixture.file("plain.jsonl.gz", "{\"text\": \"not compressed\"}\n")
        #expect(try readAll(path: misnamed).texts == ["not compressed"])
    }

    @Test func multiMemberGzipIsReadWhole() throws {
        let fixture = try InputFixture()
        let first = try fixture.gzip(try fixture.file("a.jsonl", "{\"text\": \"from a\"}\n"), as: "a.gz")
        let second = try fixture.gzip(try fixture.file("b.jsonl", "{\"text\": \"from b\"}\n"), as: "b.gz")
        let joined = try Data(contentsOf: URL(fileURLWithPath: first)) + Data(contentsOf: URL(fileURLWithPath: second))
        let path = try fixture.file("ab.jsonl.gz", Array(joined))
        let result = try readAll(path: path)
        #expect(result.texts == ["from a", "from b"])
        #expect(result.problems.isEmpty)
    }

    @Test func truncatedGzipGivesOneProblemNamingTheFileAndStops() throws {
        let fixture = try InputFixture()
        let gz = try fixture.gzip(try fixture.file("posts.jsonl", Self.posts), as: "posts.jsonl.gz")
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: gz)))
        let truncated = try fixture.file("cut.jsonl.gz", Array(bytes.prefix(bytes.count / 2)))
        let result = try readAll(path: truncated)
        #expect(result.problems.count == 1)
        let problem = try #require(result.problems.first)
        #expect(problem.source == truncated)
        #expect(problem.message.contains("truncated"))
        #expect(problem.description.hasPrefix(truncated + ":"))
        #expect(result.records.count > 0 && result.records.count < 2000)
        // Records before the damage are whole and in order.
        #expect(result.ids == (1...result.records.count).map(String.init))
    }

    @Test func corruptGzipGivesOneProblemAndStops() throws {
        let fixture = try InputFixture()
        let gz = try fixture.gzip(try fixture.file("posts.jsonl", Self.posts), as: "posts.jsonl.gz")
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: gz)))
        for index in 20..<60 { bytes[index] ^= 0xA5 }
        let corrupt = try fixture.file("bad.jsonl.gz", bytes)
        let result = try readAll(path: corrupt)
        let gzipProblems = result.problems.filter { $0.message.contains("gzip") }
        #expect(gzipProblems.count == 1)
        #expect(gzipProblems.first?.source == corrupt)
        #expect(gzipProblems.first?.hint?.contains("gzip -t") == true)
        guard case .problem(let last) = result.events.last else {
            Issue.record("the gzip problem must be the last event")
            return
        }
        #expect(last.message.contains("gzip"))
    }

    @Test func gzipOfCSVAndTextWorks() throws {
        let fixture = try InputFixture()
        let csv = try fixture.gzip(try fixture.file("p.csv", "id,text\n1,\"a,\nb\"\n"), as: "p.csv.gz")
        #expect(try readAll(path: csv, options: InputOptions(format: .csv)).texts == ["a,\nb"])
        let text = try fixture.gzip(try fixture.file("p.txt", "x\ny\n"), as: "p.txt.gz")
        #expect(try readAll(path: text, options: InputOptions(format: .text)).texts == ["x", "y"])
    }

    @Test func trailingZeroPaddingAfterGzipIsIgnored() throws {
        let fixture = try InputFixture()
        let gz = try fixture.gzip(try fixture.file("a.jsonl", "{\"text\": \"padded\"}\n"), as: "a.gz")
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: gz))) + [UInt8](repeating: 0, count: 512)
        let result = try readAll(path: try fixture.file("padded.gz", bytes))
        #expect(result.texts == ["padded"])
        #expect(result.problems.isEmpty)
    }

    @Test func gzipArrivingByteByByteThroughAPipeIsRead() throws {
        let fixture = try InputFixture()
        let posts = (1...50).map { "{\"id\": \($0), \"text\": \"pesan \($0)\"}\n" }.joined()
        let gz = try fixture.gzip(try fixture.file("posts.jsonl", posts), as: "posts.jsonl.gz")
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: gz)))
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let (readEnd, writeEnd) = (descriptors[0], descriptors[1])
        defer { close(readEnd) }
        let writer = Thread {
            for byte in bytes {
                var single = byte
                _ = write(writeEnd, &single, 1)
            }
            close(writeEnd)
        }
        writer.start()
        let result = readAll(RecordReader(fileDescriptor: readEnd, sourceName: "<pipe>", options: InputOptions()))
        #expect(result.problems.isEmpty)
        #expect(result.ids == (1...50).map(String.init))
        #expect(result.texts.last == "pesan 50")
    }
}
