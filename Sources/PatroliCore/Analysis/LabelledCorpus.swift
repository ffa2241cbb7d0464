import Foundation

/// What a labelled post is, as the corpus files write it.
public enum CorpusLabel: String, Sendable, Hashable, CaseIterable {
    /// The post recruits people into work or marriage with trafficking indicators.
    case recruitment
    /// A look-alike that must not be flagged (news, warnings, legal placement, …).
    case notRecruitment = "not_recruitment"
    /// A victim or family asking for help; listed separately, a negative for recruitment.
    case victimLead = "victim_lead"
}

/// One post of a labelled corpus (`corpus/*.jsonl`), with where it was read.
public struct LabelledPost: Sendable, Hashable {
    public var id: String
    public var text: String
    public var label: CorpusLabel
    /// The style or source (`fb_group`, `news`, `plea`, …), when given.
    public var kind: String?
    /// `dev` or `test`, when given.
    public var split: String?
    /// The file it came from, as given.
    public var source: String
    /// 1-based line in `source`.
    public var line: Int

    public init(id: String, text: String, label: CorpusLabel, kind: String? = nil, split: String? = nil,
                source: String = "", line: Int = 0) {
        self.id = id
        self.text = text
        self.label = label
        self.kind = kind
        self.split = split
        self.source = source
        self.line = line
    }
}

/// Reads labelled corpora: JSON Lines with `id`, `text`, `label`, and optional `kind`, `split`.
///
/// Unknown fields (`note`, `category`, `evasion`, `hard`, …) are ignored. A bad line — invalid
/// JSON, no text, a missing or unknown label, a duplicate id — is one problem and is skipped;
/// it never stops the load.
public enum LabelledCorpus {
    /// Loads `path`: one `.jsonl` file, or a directory whose `*.jsonl` files are read in sorted
    /// order (not recursively). With `split`, only posts whose `split` equals it are returned.
    ///
    /// Throws an `InputProblem` when the path cannot be read at all, or a directory holds no
    /// `.jsonl` file.
    public static func load(path: String, split: String? = nil) throws -> (posts: [LabelledPost], problems: [InputProblem]) {
        var posts: [LabelledPost] = []
        var problems: [InputProblem] = []
        var seen: [String: (source: String, line: Int)] = [:]
        for file in try files(at: path) {
            let reader = try RecordReader(path: file, options: InputOptions(format: .jsonl, textFields: ["text"]))
            for event in reader {
                switch event {
                case .problem(let problem):
                    problems.append(problem)
                case .record(let record):
                    guard let post = post(from: record, problems: &problems) else { continue }
                    if let first = seen[post.id] {
                        problems.append(InputProblem(
                            source: record.source, line: record.line,
                            message: "duplicate id `\(post.id)` (first at \(first.source):\(first.line)); skipped the post",
                            hint: "give every post a unique id"))
                        continue
                    }
                    seen[post.id] = (record.source, record.line)
                    if let split, post.split != split { continue }
                    posts.append(post)
                }
            }
        }
        return (posts, problems)
    }

    /// The `.jsonl` files `path` names: itself, or a directory's, sorted by name.
    static func files(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputProblem(source: path, line: nil, message: "no such file or directory",
                               hint: "pass a labelled .jsonl file or a folder of them, e.g. `corpus`")
        }
        guard isDirectory.boolValue else { return [path] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw InputProblem(source: path, line: nil, message: "cannot list the directory: \(error.localizedDescription)",
                               hint: "check the folder's permissions")
        }
        let jsonl = names.filter { $0.hasSuffix(".jsonl") }.sorted()
        guard !jsonl.isEmpty else {
            throw InputProblem(source: path, line: nil, message: "directory holds no .jsonl file",
                               hint: "a labelled corpus is one or more `*.jsonl` files")
        }
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        return jsonl.map { base + "/" + $0 }
    }

    private static func post(from record: InputRecord, problems: inout [InputProblem]) -> LabelledPost? {
        guard let labelText = record.metadataValue("label") else {
            problems.append(InputProblem(source: record.source, line: record.line,
                                         message: "post `\(record.id)` has no `label`; skipped it",
                                         hint: labelHint))
            return nil
        }
        guard let label = CorpusLabel(rawValue: labelText) else {
            problems.append(InputProblem(source: record.source, line: record.line,
                                         message: "post `\(record.id)` has unknown label `\(labelText)`; skipped it",
                                         hint: labelHint))
            return nil
        }
        return LabelledPost(id: record.id, text: record.textString, label: label,
                            kind: record.metadataValue("kind"), split: record.metadataValue("split"),
                            source: record.source, line: record.line)
    }

    private static let labelHint = "`label` is one of "
        + CorpusLabel.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
}
