/// One post read from an input, ready for scanning.
public struct InputRecord: Sendable {
    /// The input it came from: a path as given, or `<stdin>`.
    public var source: String
    /// 1-based line where the record starts.
    public var line: Int
    /// The post's id as written (a JSON number keeps its text), or the line number.
    public var id: String
    /// The post's text; always valid UTF-8 (invalid bytes were replaced by U+FFFD).
    public var text: [UInt8]
    /// Other top-level string and number fields (url, author, timestamp, …), in input order.
    public var metadata: [(key: String, value: String)]

    public init(source: String, line: Int, id: String, text: [UInt8],
                metadata: [(key: String, value: String)] = []) {
        self.source = source
        self.line = line
        self.id = id
        self.text = text
        self.metadata = metadata
    }

    /// The text as a `String`, for output and tests (the hot path stays in bytes).
    public var textString: String { String(decoding: text, as: UTF8.self) }

    /// The value of the first metadata entry named `key`.
    public func metadataValue(_ key: String) -> String? {
        metadata.first { $0.key == key }?.value
    }
}

/// Something wrong with an input that the user can act on: what, where, and a hint.
///
/// Rendered as `posts.jsonl:1812: invalid JSON at column 40: expected ',' or '}' (hint: …)`.
public struct InputProblem: Error, Sendable, CustomStringConvertible, Equatable {
    public var source: String
    /// 1-based line, when the problem belongs to one.
    public var line: Int?
    public var message: String
    public var hint: String?

    public init(source: String, line: Int?, message: String, hint: String? = nil) {
        self.source = source
        self.line = line
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var text = source
        if let line { text += ":\(line)" }
        text += ": \(message)"
        if let hint { text += " (hint: \(hint))" }
        return text
    }
}

/// What a `RecordReader` hands out: a post, or a problem with the input.
public enum InputEvent: Sendable {
    case record(InputRecord)
    case problem(InputProblem)
}
