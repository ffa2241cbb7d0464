import Foundation

/// Runs the built `patroli` binary and captures what it prints.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String

    var stdoutLines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }

    /// The JSON objects printed on stdout, one per line.
    var results: [[String: Any]] {
        stdoutLines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }
}

enum CLI {
    /// The `patroli` executable next to the test bundle (the same build folder).
    static var binary: URL {
        if let explicit = ProcessInfo.processInfo.environment["PATROLI_BIN"] { return URL(fileURLWithPath: explicit) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("patroli")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/patroli")
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func run(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:]) throws -> CLIRun {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "PATROLI_RULES")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // stdin and stderr go through temporary files: no threads, no pipe deadlocks.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("patroli-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inputFile = scratch.appendingPathComponent("stdin"), errorFile = scratch.appendingPathComponent("stderr")
        try (stdin ?? Data()).write(to: inputFile)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = (try? Data(contentsOf: errorFile)) ?? Data()
        return CLIRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A temporary folder removed when the value goes away.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("patroli-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        try write(name, Data(contents.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file.path
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// A small pack whose weights the CLI tests know, independent of the shipped pack's tuning.
enum TestPack {
    static let manifest = """
        name: cli-test
        version: 1.0.0
        thresholds: {low: 2, medium: 4, high: 6, review: 4}
        categories:
          salary: pay
          destination: place
          contact: private contact
          combination: co-occurrence
          news: reporting
          slow: a deliberately slow regex
        caps:
          salary: 3
        lexicon:
          gj: gaji
          ln: luar negeri
        """

    static let rules = """
        rules:
          - id: salary.words
            description: pay words
            category: salary
            weight: 2
            keywords: ["gaji besar", "gaji tinggi"]
          - id: salary.amount
            description: millions per month
            category: salary
            weight: 2
            regex: 'gaji\\s*\\d{2}\\s*(?:jt|juta)'
          - id: destination.cambodia
            description: Cambodia
            category: destination
            weight: 2
            keywords: ["kamboja", "phnom penh"]
          - id: contact.wa
            description: WhatsApp link on the raw text
            category: contact
            weight: 1
            regex: 'wa\\.me/\\d+'
            target: raw
          - id: combo.salary_destination
            description: pay and place together
            category: combination
            weight: 2
            all: ["category:salary", "category:destination"]
          - id: news.warning
            description: warning language
            category: news
            weight: -4
            keywords: ["waspada", "jangan tergiur"]
        """

    static let slowRule = """
        rules:
          - id: slow.backtrack
            description: catastrophic backtracking
            category: slow
            weight: 1
            regex: '^(\\w+\\s?)+$'
        """

    /// A lead category (victim pleas) added to the test pack, for the lead tests.
    static let victimManifest = manifest.replacingOccurrences(
        of: "  slow: a deliberately slow regex", with: "  slow: a deliberately slow regex\n  victim: victim or family plea")
        + "\nleads: [victim]\n"
    static let victimRule = """
        rules:
          - id: victim.plea
            description: a family asks for help
            category: victim
            weight: 1
            keywords: ["disekap", "tolong anak saya"]
        """

    /// Writes the pack into `folder/name` and returns its path.
    static func write(in folder: TemporaryFolder, name: String = "pack", slow: Bool = false) throws -> String {
        try folder.write("\(name)/pack.yaml", manifest)
        try folder.write("\(name)/rules.yaml", rules)
        if slow { try folder.write("\(name)/slow.yaml", slowRule) }
        return folder.path(name)
    }
}
