import Foundation
import Yams

/// What reading a rule pack produced: the pack when it is usable, and every diagnostic found.
public struct PackLoadResult: Sendable {
    /// The pack, when it has no errors (warnings are allowed); nil otherwise, so a broken pack is
    /// never compiled by mistake.
    public var pack: RulePack?
    /// Every problem found, in file order (manifest first, then rule files by path), then line and column.
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public init(pack: RulePack?, diagnostics: [Diagnostic]) {
        self.pack = pack
        self.diagnostics = diagnostics
    }
}

/// Reads a rule-pack folder (`pack.yaml` plus rule files, see docs/RULE_FORMAT.md) into a `RulePack`,
/// reporting every problem at once with its `file:line:col`, then runs `PackValidator`.
public enum PackLoader {
    /// The manifest's file name.
    public static let manifestFileName = "pack.yaml"

    /// Reads pack.yaml and every other *.yaml/*.yml under the folder (recursively, sorted by path).
    ///
    /// Hidden files and folders (`.git`, `.draft.yaml`) are skipped. Paths in diagnostics are the
    /// folder as given joined with the file's relative path (`rules/salary.yaml`).
    public static func load(directory: String) -> PackLoadResult {
        let manifestPath = joined(directory, manifestFileName)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            let problem = Diagnostic(.missingManifest, "rule pack folder `\(directory)` not found",
                                     at: SourceLocation(file: manifestPath, line: 1, column: 1),
                                     hint: "give the folder that holds the pack's `pack.yaml`")
            return PackLoadResult(pack: nil, diagnostics: [problem])
        }
        var files: [(path: String, contents: String)] = []
        var unreadable: [Diagnostic] = []
        for relative in yamlFiles(under: directory) {
            let path = joined(directory, relative)
            guard let data = FileManager.default.contents(atPath: path) else {
                unreadable.append(Diagnostic(.yamlSyntax, "cannot read `\(path)`",
                                             at: SourceLocation(file: path, line: 1, column: 1),
                                             hint: "check the file's permissions"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                unreadable.append(Diagnostic(.yamlSyntax, "`\(path)` is not UTF-8 text",
                                             at: firstInvalidUTF8(in: data, path: path),
                                             hint: "save the file as UTF-8"))
                continue
            }
            files.append((path, text))
        }
        return assemble(files, directory: directory, manifestPath: manifestPath, earlier: unreadable)
    }

    /// Same from in-memory files (path used in diagnostics, contents). Exactly one path must end in
    /// "pack.yaml".
    ///
    /// When several do, the one nearest the top (fewest folders) is the manifest and the others are
    /// reported.
    public static func load(files: [(path: String, contents: String)]) -> PackLoadResult {
        let manifest = files.filter { isManifest($0.path) }
            .min { (depth($0.path), $0.path) < (depth($1.path), $1.path) }
        return assemble(files, directory: nil, manifestPath: manifest?.path ?? manifestFileName, earlier: [])
    }

    // MARK: Assembly

    private static func assemble(_ files: [(path: String, contents: String)], directory: String?,
                                 manifestPath: String, earlier: [Diagnostic]) -> PackLoadResult {
        var diagnostics = earlier
        var sourceMap = PackSourceMap()

        let manifestFile = files.first { $0.path == manifestPath }
        var manifest = LoadedManifest.placeholder(location: nil)
        if let manifestFile {
            var reader = PackFileReader(path: manifestFile.path, contents: manifestFile.contents)
            let root = reader.parse(manifestFile.contents)
            if reader.diagnostics.isEmpty { manifest = reader.readManifest(root) }
            diagnostics += reader.diagnostics
        } else {
            sourceMap.manifestMissing = true
            diagnostics.append(Diagnostic(.missingManifest, "pack manifest `\(manifestPath)` not found",
                                          at: SourceLocation(file: manifestPath, line: 1, column: 1),
                                          hint: "a rule pack is a folder with a `pack.yaml` giving its name, version, thresholds and categories"))
        }
        sourceMap.manifestFields = manifest.fields
        sourceMap.manifestPlaceholders = manifest.placeholders

        let otherFiles = files.filter { $0.path != manifestPath }.sorted { $0.path < $1.path }
        var rules: [Rule] = []
        for file in otherFiles {
            if isManifest(file.path) {
                diagnostics.append(Diagnostic(.missingManifest,
                                              "`\(file.path)` is a second pack manifest; a pack has exactly one `pack.yaml`",
                                              at: SourceLocation(file: file.path, line: 1, column: 1),
                                              hint: "the manifest is `\(manifestPath)`; move the other pack to its own folder"))
                continue
            }
            var reader = PackFileReader(path: file.path, contents: file.contents)
            let root = reader.parse(file.contents)
            if reader.diagnostics.isEmpty {
                for loaded in reader.readRuleFile(root) {
                    let index = rules.count
                    rules.append(loaded.rule)
                    sourceMap.ruleFields[index] = loaded.fields
                    if !loaded.placeholders.isEmpty { sourceMap.rulePlaceholders[index] = loaded.placeholders }
                }
            }
            if reader.diagnostics.contains(where: { $0.severity == .error }) { sourceMap.rulesIncomplete = true }
            diagnostics += reader.diagnostics
        }

        let pack = RulePack(manifest: manifest.manifest, rules: rules, directory: directory)
        diagnostics += PackValidator.validate(pack, sourceMap: sourceMap)
        let order = [manifestPath] + otherFiles.map(\.path)
        let sorted = sortedByPlace(diagnostics, fileOrder: order)
        let hasErrors = sorted.contains { $0.severity == .error }
        return PackLoadResult(pack: hasErrors ? nil : pack, diagnostics: sorted)
    }

    /// Diagnostics in file order, then line and column; those without a place last.
    private static func sortedByPlace(_ diagnostics: [Diagnostic], fileOrder: [String]) -> [Diagnostic] {
        var rank: [String: Int] = [:]
        for (index, path) in fileOrder.enumerated() where rank[path] == nil { rank[path] = index }
        func key(_ diagnostic: Diagnostic) -> (Int, Int, Int) {
            guard let location = diagnostic.location else { return (Int.max, 0, 0) }
            return (rank[location.file] ?? fileOrder.count, location.line, location.column)
        }
        return diagnostics.enumerated()
            .sorted { lhs, rhs in
                let left = key(lhs.element), right = key(rhs.element)
                return left != right ? left < right : lhs.offset < rhs.offset
            }
            .map(\.element)
    }

    // MARK: Files

    /// Relative paths of the pack's YAML files, sorted, hidden entries skipped.
    private static func yamlFiles(under directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            let lowered = name.lowercased()
            guard lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: joined(directory, relative), isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            paths.append(relative)
        }
        return paths.sorted()
    }

    static func joined(_ directory: String, _ relative: String) -> String {
        if directory.isEmpty { return relative }
        return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }

    private static func isManifest(_ path: String) -> Bool {
        path == manifestFileName || path.hasSuffix("/" + manifestFileName)
    }

    private static func depth(_ path: String) -> Int {
        path.split(separator: "/").count
    }

    /// Where the first byte that is not UTF-8 sits, as line and column.
    private static func firstInvalidUTF8(in data: Data, path: String) -> SourceLocation {
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput:
                break decoding
            case .error:
                break decoding
            }
        }
        return SourceLocation(file: path, line: line, column: column)
    }
}
