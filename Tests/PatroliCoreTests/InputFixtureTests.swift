import Foundation
import Testing
@testable import PatroliCore

/// Real temporary files and helpers shared by the Input test suites.
struct InputFixture: ~Copyable {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("patroli-input-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `bytes` to a new file and returns its path.
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func file(_ name: String, _ text: String) throws -> String {
        try file(name, Array(text.utf8))
    }

    /// Compresses `path` with the system's `gzip` and returns the `.gz` path (the original stays).
    func gzip(_ path: String, as name: String) throws -> String {
        let output = directory.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", path]
        process.standardOutput = handle
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return output.path
    }
}

/// Everything a reader yields, split for assertions.
struct ReadResult {
    var records: [InputRecord] = []
    var problems: [InputProblem] = []
    var events: [InputEvent] = []

    var texts: [String] { records.map(\.textString) }
    var ids: [String] { records.map(\.id) }
    var recordLines: [Int] { records.map(\.line) }
    var problemLines: [Int?] { problems.map(\.line) }
}

func readAll(_ reader: RecordReader) -> ReadResult {
    var result = ReadResult()
    while let event = reader.next() {
        result.events.append(event)
        switch event {
        case .record(let record): result.records.append(record)
        case .problem(let problem): result.problems.append(problem)
        }
    }
    return result
}

func readAll(path: String, options: InputOptions = InputOptions()) throws -> ReadResult {
    readAll(try RecordReader(path: path, options: options))
}

/// Writes `content` to a fresh file and reads it back.
func readContent(_ content: String, options: InputOptions = InputOptions(), name: String = "posts.jsonl")
    throws -> ReadResult
{
    let fixture = try InputFixture()
    return try readAll(path: fixture.file(name, content), options: options)
}

func readContent(bytes: [UInt8], options: InputOptions = InputOptions(), name: String = "posts.jsonl")
    throws -> ReadResult
{
    let fixture = try InputFixture()
    return try readAll(path: fixture.file(name, bytes), options: options)
}

@Suite struct InputFixtureTests {
    @Test func fixtureFilesAreRealAndRemovedAfterwards() throws {
        var path = ""
        do {
            let fixture = try InputFixture()
            path = try fixture.file("a.txt", "hello\n")
            #expect(FileManager.default.fileExists(atPath: path))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
