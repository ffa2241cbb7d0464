/// How the posts in an input are laid out.
public enum InputFormat: String, Sendable, CaseIterable {
    /// JSON Lines: one JSON object per line.
    case jsonl
    /// Plain text: one post per line; the id is the line number.
    case text
    /// Comma-separated values with a header row (RFC 4180 quoting).
    case csv
    /// A Telegram Desktop chat export (`result.json`): one record per message with text.
    case telegram

    /// The format a file name suggests (`posts.csv.gz` → `.csv`), or `nil` when it says nothing.
    public static func guess(forPath path: String) -> InputFormat? {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix("result.json") { return .telegram }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") || name.hasSuffix(".json") { return .jsonl }
        if name.hasSuffix(".csv") { return .csv }
        if name.hasSuffix(".txt") { return .text }
        return nil
    }
}

/// Settings for reading one input, resolved once from the command line.
public struct InputOptions: Sendable {
    public var format: InputFormat
    /// Field (JSONL) or column (CSV) names that may hold the post's text; the first one present
    /// with a string value wins.
    public var textFields: [String]
    /// Field or column holding the post's id; `nil` means `id` when present, else the line number.
    public var idField: String?
    /// Lines (JSONL, text) and records (CSV) longer than this are skipped with a problem; they are
    /// read through without ever being held in memory whole.
    public var maxRecordBytes: Int

    public static let defaultTextFields = ["text", "content", "message", "body", "rawContent"]

    public init(
        format: InputFormat = .jsonl,
        textFields: [String] = InputOptions.defaultTextFields,
        idField: String? = nil,
        maxRecordBytes: Int = 16 << 20
    ) {
        self.format = format
        self.textFields = textFields
        self.idField = idField
        self.maxRecordBytes = maxRecordBytes
    }
}
