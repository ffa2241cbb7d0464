import ArgumentParser
import Foundation
import PatroliCore

/// `--rules DIR`, shared by every command that needs a rule pack.
struct PackOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Rule-pack folder (default: $PATROLI_RULES, else the shipped pack).", valueName: "dir"))
    var rules: String?

    /// The folder to read: the flag, the environment, then the pack shipped beside the binary
    /// (`share/patroli/rules` after `make install`, or `rules/` of the source tree).
    func resolvedDirectory() throws -> String {
        if let rules { return rules }
        if let fromEnvironment = ProcessInfo.processInfo.environment["PATROLI_RULES"], !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        for _ in 0..<6 {
            for candidate in ["share/patroli/rules", "rules"] {
                let path = folder.appendingPathComponent(candidate).path
                if FileManager.default.fileExists(atPath: path + "/pack.yaml") { return path }
            }
            folder = folder.deletingLastPathComponent()
        }
        if FileManager.default.fileExists(atPath: "rules/pack.yaml") { return "rules" }
        throw ValidationError("no rule pack found: pass --rules DIR or set PATROLI_RULES (looked beside the binary and in ./rules)")
    }

    /// Loads and compiles the pack, printing every diagnostic on failure.
    func loadPack() throws -> CompiledPack {
        let directory = try resolvedDirectory()
        do {
            return try CompiledPack.load(directory: directory)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
    }
}

/// Where the CLI writes: buffered stdout, unbuffered stderr.
enum Console {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("patroli: " + message + "\n").utf8))
    }

    /// A plain log line on stderr (what cron mails): `patroli: message`.
    static func info(_ message: String) {
        FileHandle.standardError.write(Data(("patroli: " + message + "\n").utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}

/// A buffered writer on a file descriptor using write(2).
final class OutputBuffer {
    private var buffer: [UInt8] = []
    private let descriptor: Int32
    private let limit: Int

    init(descriptor: Int32 = STDOUT_FILENO, limit: Int = 64 << 10) {
        self.descriptor = descriptor
        self.limit = limit
        buffer.reserveCapacity(limit * 2)
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    func flush() {
        var offset = 0
        buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    // The reader went away (EPIPE): stop quietly like other Unix filters.
                    exit(errno == EPIPE ? 0 : 2)
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
