import Foundation
import PatroliCore

/// One input file of a batch, with the format it will be read as.
public struct BatchInput: Sendable, Hashable {
    public var path: String
    public var format: InputFormat

    public init(path: String, format: InputFormat) {
        self.path = path
        self.format = format
    }
}

/// A file that was given but cannot be read as posts, and why.
public struct SkippedInput: Sendable, Hashable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// `--shard i/n`: this machine takes the inputs whose path hashes to `index` modulo `count`.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    /// Parses `i/n` with 1 <= i <= n (as people count); nil when malformed.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else { return nil }
        index = i - 1
        count = n
    }

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    public var description: String { "\(index + 1)/\(count)" }

    /// Stable across machines and runs: depends only on the path string.
    public func contains(_ path: String) -> Bool {
        guard count > 1 else { return true }
        let digest = SHA256.digest(Array(path.utf8))
        let value = digest.prefix(8).reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        return Int(value % UInt64(count)) == index
    }
}

/// Finds the files of a batch: directories recursively, globs, and file lists.
public enum BatchInputFinder {
    /// Extensions read by default when walking a directory (`.gz` of them too).
    static let postExtensions = [".jsonl", ".ndjson", ".json", ".csv", ".txt"]

    /// Expands `arguments` (files, directories, glob patterns) and `listed` paths into inputs,
    /// sorted by path, keeping only this machine's `shard`. `format` overrides detection.
    ///
    /// Each input is named by its canonical absolute path (symbolic links, `.` and `..`
    /// resolved): the run ledger and the queue items' source identify a file by it, so the same
    /// archive given as `day1/a.jsonl` one night and `/archives/day1/a.jsonl` the next is
    /// recognised as done, and its posts are not queued a second time under another name. The
    /// shard is still chosen from the path as given, so machines that mount the archive in
    /// different places split it the same way.
    public static func find(arguments: [String], listed: [String] = [], format: InputFormat? = nil,
                            shard: Shard = Shard(index: 0, count: 1)) -> (inputs: [BatchInput], skipped: [SkippedInput]) {
        var paths: [String] = []
        var skipped: [SkippedInput] = []
        let fileManager = FileManager.default
        for argument in arguments + listed {
            let expanded = argument.contains(where: { "*?[".contains($0) }) ? glob(argument) : [argument]
            if expanded.isEmpty {
                skipped.append(SkippedInput(path: argument, reason: "no file matches this pattern"))
            }
            for path in expanded {
                var isDirectory: ObjCBool = false
                guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    skipped.append(SkippedInput(path: path, reason: "no such file or directory"))
                    continue
                }
                if isDirectory.boolValue {
                    paths += walk(path)
                } else {
                    paths.append(path)
                }
            }
        }
        var seen = Set<String>()
        var inputs: [BatchInput] = []
        let chosen = paths.filter { shard.contains($0) }.map(canonical).sorted()
        for path in chosen where seen.insert(path).inserted {
            if let detected = format ?? detect(path) {
                inputs.append(BatchInput(path: path, format: detected))
            } else {
                skipped.append(SkippedInput(path: path, reason: "unknown format (not JSONL, CSV, text or a Telegram export); use --input"))
            }
        }
        return (inputs, skipped)
    }

    /// The canonical absolute path of an existing file (`realpath(3)`); the path itself when it
    /// cannot be resolved.
    static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Format from the name, else from the first bytes: `{` JSON Lines, otherwise nil.
    public static func detect(_ path: String) -> InputFormat? {
        if let byName = InputFormat.guess(forPath: path) {
            if byName == .jsonl && path.lowercased().hasSuffix(".json") && looksLikeTelegramExport(path) { return .telegram }
            return byName
        }
        return nil
    }

    private static func looksLikeTelegramExport(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self)
        return head.contains("\"messages\"") || (head.contains("\"name\"") && head.contains("\"type\"") && !head.contains("\n{"))
    }

    private static func walk(_ directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = relative.lowercased()
            let bare = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
            guard postExtensions.contains(where: { bare.hasSuffix($0) }) else { continue }
            let path = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(path)
            }
        }
        return found
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            if let path = result.gl_pathv[index] { paths.append(String(cString: path)) }
        }
        return paths
    }
}
