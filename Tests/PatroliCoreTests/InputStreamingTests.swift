import Foundation
import Testing
@testable import PatroliCore

@Suite struct InputStreamingTests {
    @Test func fiftyMegabyteLineIsSkippedWithBoundedMemory() throws {
        let fixture = try InputFixture()
        let url = fixture.directory.appendingPathComponent("huge.jsonl")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        try handle.write(contentsOf: Data("{\"text\": \"before\"}\n{\"text\": \"".utf8))
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<50 { try handle.write(contentsOf: chunk) }
        try handle.write(contentsOf: Data("\"}\n{\"text\": \"after\"}\n".utf8))
        try handle.close()

        let options = InputOptions()
        let reader = try RecordReader(path: url.path, options: options)
        let result = readAll(reader)
        #expect(result.texts == ["before", "after"])
        #expect(result.recordLines == [1, 3])
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.line == 2)
        #expect(result.problems.first?.message == "line is longer than \(16 << 20) bytes; skipped it")
        #expect(reader.bufferCapacity <= options.maxRecordBytes + 2 + (64 << 10))
    }

    @Test func smallLimitKeepsTheBufferSmall() throws {
        let fixture = try InputFixture()
        let long = String(repeating: "b", count: 3 << 20)
        let path = try fixture.file("long.txt", "\(long)\nnext")
        let reader = try RecordReader(path: path, options: InputOptions(format: .text, maxRecordBytes: 1 << 10))
        let result = readAll(reader)
        #expect(result.texts == ["next"])
        #expect(result.problemLines == [1])
        #expect(reader.bufferCapacity <= 256 << 10)
    }

    @Test func overLongLastLineWithoutNewlineGivesOneProblem() throws {
        let long = String(repeating: "c", count: 300_000)
        let result = try readContent("ok\n\(long)", options: InputOptions(format: .text, maxRecordBytes: 1000),
                                     name: "posts.txt")
        #expect(result.texts == ["ok"])
        #expect(result.problemLines == [2])
    }

    @Test func linesSpanningManyReadChunksAreJoined() throws {
        let text = (0..<100_000).map { String($0) }.joined(separator: " ")
        let result = try readContent("{\"text\": \"\(text)\"}\n{\"text\": \"x\"}\n")
        #expect(result.texts == [text, "x"])
    }

    @Test func pipeDeliversARecordBeforeTheWriterCloses() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let (readEnd, writeEnd) = (descriptors[0], descriptors[1])
        defer { close(readEnd) }
        let firstRecordRead = DispatchSemaphore(value: 0)
        let writerDone = DispatchSemaphore(value: 0)
        let writerState = WriterState()
        let writer = Thread {
            let first = Array("{\"id\": 1, \"text\": \"first\"}\n{\"id\": 2, \"te".utf8)
            _ = first.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
            // Wait (bounded) until the reader has the first record, and only then finish.
            if firstRecordRead.wait(timeout: .now() + 20) == .timedOut { writerState.markTimedOut() }
            let rest = Array("xt\": \"second\"}\n".utf8)
            _ = rest.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
            close(writeEnd)
            writerDone.signal()
        }
        writer.start()

        let reader = RecordReader(fileDescriptor: readEnd, sourceName: "<pipe>", options: InputOptions())
        guard case .record(let first) = reader.next() else {
            Issue.record("expected the first record")
            return
        }
        firstRecordRead.signal()
        #expect(first.textString == "first")
        #expect(first.source == "<pipe>")
        let rest = readAll(reader)
        writerDone.wait()
        #expect(!writerState.timedOut, "the reader waited for the writer to close before returning a record")
        #expect(rest.texts == ["second"])
        #expect(rest.problems.isEmpty)
    }

    /// `hasEventReady` promises that `next()` returns at once. Buffered lines that give no event
    /// (a blank text line, the start of a quoted CSV field) must not count, or a trickling pipe
    /// would wait on them with a result held back.
    @Test(arguments: [(InputFormat.text, "first post\n\n", "second post\n", "second post"),
                      (.csv, "id,text\nc1,first post\nc2,\"second\n", "post\"\n", "second\npost")])
    func onAPipeOnlyDecodableLinesCountAsReady(format: InputFormat, buffered: String, rest: String,
                                               secondText: String) throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let (readEnd, writeEnd) = (descriptors[0], descriptors[1])
        defer { close(readEnd) }
        var options = InputOptions()
        options.format = format
        let reader = RecordReader(fileDescriptor: readEnd, sourceName: "<pipe>", options: options)
        let bytes = Array(buffered.utf8)
        _ = bytes.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
        guard case .record(let first) = reader.next() else {
            Issue.record("expected the first post")
            close(writeEnd)
            return
        }
        #expect(first.textString == "first post")
        #expect(!reader.hasEventReady, "what is buffered gives no post yet: next() would wait")
        #expect(!reader.isExhausted)
        let more = Array(rest.utf8)
        _ = more.withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
        close(writeEnd)
        let remaining = readAll(reader)
        #expect(remaining.texts == [secondText])
        #expect(reader.isExhausted && reader.hasEventReady, "at the end, next() returns nil at once")
    }

    @Test func utf16InputIsRefusedWithOneProblem() throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("{\"text\": \"x\"}\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let result = try readContent(bytes: bytes)
        #expect(result.records.isEmpty)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.message.contains("UTF-16") == true)
    }

    @Test func missingFileThrowsWithAHint() throws {
        let fixture = try InputFixture()
        let path = fixture.directory.appendingPathComponent("nope.jsonl").path
        #expect {
            _ = try RecordReader(path: path, options: InputOptions())
        } throws: { error in
            guard let problem = error as? InputProblem else { return false }
            return problem.source == path && problem.message.contains("cannot open: No such file")
                && problem.hint != nil && problem.line == nil
        }
    }

    @Test func directoryIsAProblem() throws {
        let fixture = try InputFixture()
        let path = fixture.directory.path
        #expect {
            _ = try RecordReader(path: path, options: InputOptions())
        } throws: { error in
            guard let problem = error as? InputProblem else { return false }
            return problem.message.contains("is a directory") && problem.hint != nil
        }
    }

    @Test func emptyFileHasNoEvents() throws {
        let result = try readContent("")
        #expect(result.events.isEmpty)
    }

    @Test func formatIsGuessedFromTheFileName() {
        #expect(InputFormat.guess(forPath: "a/posts.CSV.gz") == .csv)
        #expect(InputFormat.guess(forPath: "posts.ndjson") == .jsonl)
        #expect(InputFormat.guess(forPath: "notes.txt") == .text)
        #expect(InputFormat.guess(forPath: "-") == nil)
    }
}

/// Whether the pipe writer gave up waiting for the reader.
private final class WriterState: @unchecked Sendable {
    private let lock = NSLock()
    private var didTimeOut = false

    var timedOut: Bool { lock.withLock { didTimeOut } }
    func markTimedOut() { lock.withLock { didTimeOut = true } }
}
