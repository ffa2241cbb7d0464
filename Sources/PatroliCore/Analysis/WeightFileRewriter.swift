import Foundation
import Yams

/// Rewrites the `weight:` values of rules in their YAML files, leaving every other byte as it was:
/// comments, key order, quoting, blank lines, line endings, even the rest of the weight's line.
///
/// A rule is found from its location (the line of its `id`, recorded by the loader): the rule
/// mapping whose `id` is on that line, then that mapping's `weight` value, which must still read
/// as the old weight (so a file edited since it was loaded is never overwritten blindly).
public enum WeightFileRewriter {
    /// One weight to change.
    public struct Edit: Sendable, Hashable {
        public var ruleID: String
        /// The rule's location as the loader recorded it (the `id` value).
        public var ruleLocation: SourceLocation
        public var oldWeight: Double
        public var newWeight: Double

        public init(ruleID: String, ruleLocation: SourceLocation, oldWeight: Double, newWeight: Double) {
            self.ruleID = ruleID
            self.ruleLocation = ruleLocation
            self.oldWeight = oldWeight
            self.newWeight = newWeight
        }
    }

    /// Where a rule's weight value is written.
    public struct Site: Sendable, Hashable {
        /// The first character of the value (1-based line and column, in characters).
        public var location: SourceLocation
        /// The value as written (`3`, `-1.5`).
        public var text: String
    }

    /// A weight that cannot be rewritten, with where and why.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var location: SourceLocation?
        public var message: String
        public var hint: String?

        public var description: String {
            var text = (location.map { "\($0): " } ?? "") + message
            if let hint { text += " (hint: \(hint))" }
            return text
        }
    }

    // MARK: Finding

    /// Where the weight of the rule whose `id` is on `ruleLocation.line` of `contents` is written.
    public static func locate(ruleID: String, ruleLocation: SourceLocation, in contents: String) throws(Problem) -> Site {
        let path = ruleLocation.file
        let root: Node?
        do {
            root = try Yams.compose(yaml: contents)
        } catch {
            throw Problem(location: SourceLocation(file: path, line: 1, column: 1),
                          message: "cannot read the file as YAML any more: \(error)", hint: "run `patroli rules lint`")
        }
        guard let root, let mapping = rule(id: ruleID, line: ruleLocation.line, in: root) else {
            throw Problem(location: ruleLocation, message: "rule `\(ruleID)` is no longer here",
                          hint: "the file changed since the pack was loaded; run the command again")
        }
        guard let weight = mapping["weight"], let scalar = weight.scalar, scalar.style == .plain, let mark = weight.mark else {
            throw Problem(location: ruleLocation, message: "rule `\(ruleID)` has no plain `weight:` value to rewrite",
                          hint: "write the weight as a plain number, e.g. `weight: 3`")
        }
        let location = SourceLocation(file: path, line: mark.line, column: mark.column)
        let lines = Self.lines(of: contents)
        guard mark.line >= 1, mark.line <= lines.count,
              let token = token(in: lines[mark.line - 1], column: mark.column), token == scalar.string else {
            throw Problem(location: location, message: "the weight of rule `\(ruleID)` is not where YAML says it is",
                          hint: "edit this weight by hand")
        }
        return Site(location: location, text: token)
    }

    /// The mapping of the rule whose `id` value is on `line`.
    private static func rule(id: String, line: Int, in root: Node) -> Node? {
        guard let rules = root["rules"], case .sequence(let items) = rules else { return nil }
        for item in items {
            guard let idNode = item["id"], idNode.scalar?.string == id, idNode.mark?.line == line else { continue }
            return item
        }
        return nil
    }

    /// The plain scalar starting at `column` (1-based, in characters) of `line`: up to a space, a
    /// tab, `,` `}` `]` (flow mappings) or `#`.
    private static func token(in line: String, column: Int) -> String? {
        let scalars = Array(line.unicodeScalars)
        guard column >= 1, column <= scalars.count else { return nil }
        var end = column - 1
        while end < scalars.count, !" \t\r,}]#".unicodeScalars.contains(scalars[end]) { end += 1 }
        guard end > column - 1 else { return nil }
        var token = String.UnicodeScalarView()
        token.append(contentsOf: scalars[(column - 1)..<end])
        return String(token)
    }

    /// The lines of `contents`, split at every LF (a CR before it stays on its line, as YAML
    /// counts lines; splitting by `Character` would not, since "\r\n" is one character).
    static func lines(of contents: String) -> [String] {
        contents.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }

    // MARK: Rewriting

    /// `contents` with the weights of `edits` (all in this file) replaced; nothing else changes.
    public static func rewrite(_ contents: String, edits: [Edit]) throws(Problem) -> String {
        var replacements: [(line: Int, column: Int, length: Int, text: String)] = []
        for edit in edits {
            let site = try locate(ruleID: edit.ruleID, ruleLocation: edit.ruleLocation, in: contents)
            guard let written = Double(site.text), written == edit.oldWeight else {
                throw Problem(location: site.location,
                              message: "the weight of rule `\(edit.ruleID)` is `\(site.text)` in the file, not \(PackYAMLWriter.number(edit.oldWeight)) as loaded",
                              hint: "the file changed since the pack was loaded; run the command again")
            }
            replacements.append((site.location.line, site.location.column, site.text.unicodeScalars.count,
                                 PackYAMLWriter.number(edit.newWeight)))
        }
        var lines = Self.lines(of: contents)
        // Right to left within a line, so earlier columns stay valid.
        for replacement in replacements.sorted(by: { ($0.line, -$0.column) < ($1.line, -$1.column) }) {
            var scalars = Array(lines[replacement.line - 1].unicodeScalars)
            let start = replacement.column - 1
            scalars.replaceSubrange(start..<(start + replacement.length), with: Array(replacement.text.unicodeScalars))
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            lines[replacement.line - 1] = String(view)
        }
        return lines.joined(separator: "\n")
    }

    /// Where each edit's weight is written, reading each file once. Edits whose file cannot be
    /// read or whose weight cannot be found are left out.
    public static func sites(for edits: [Edit]) -> [String: Site] {
        var sites: [String: Site] = [:]
        for (path, fileEdits) in Dictionary(grouping: edits, by: \.ruleLocation.file) {
            guard let data = FileManager.default.contents(atPath: path), let contents = String(data: data, encoding: .utf8) else {
                continue
            }
            for edit in fileEdits {
                if let site = try? locate(ruleID: edit.ruleID, ruleLocation: edit.ruleLocation, in: contents) {
                    sites[edit.ruleID] = site
                }
            }
        }
        return sites
    }

    /// Rewrites every file the edits touch. All files are checked before any is written, so a
    /// problem leaves every file as it was. Returns the paths written, sorted.
    @discardableResult
    public static func apply(_ edits: [Edit]) throws(Problem) -> [String] {
        var outputs: [(path: String, contents: String)] = []
        for (path, fileEdits) in Dictionary(grouping: edits, by: \.ruleLocation.file).sorted(by: { $0.key < $1.key }) {
            guard let data = FileManager.default.contents(atPath: path), let contents = String(data: data, encoding: .utf8) else {
                throw Problem(location: SourceLocation(file: path, line: 1, column: 1), message: "cannot read the file",
                              hint: "check that it exists and is UTF-8 text")
            }
            let rewritten = try rewrite(contents, edits: fileEdits)
            if rewritten != contents { outputs.append((path, rewritten)) }
        }
        for output in outputs {
            do {
                try Data(output.contents.utf8).write(to: URL(fileURLWithPath: output.path), options: .atomic)
            } catch {
                throw Problem(location: SourceLocation(file: output.path, line: 1, column: 1),
                              message: "cannot write the file: \(error.localizedDescription)",
                              hint: "check that the file and its folder are writable")
            }
        }
        return outputs.map(\.path)
    }
}
