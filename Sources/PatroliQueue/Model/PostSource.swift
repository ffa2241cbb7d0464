/// One top-level field of the original record (url, author, timestamp, …), in input order.
public struct MetadataField: Sendable, Hashable, Codable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// Where a post came from: the input file and line, the post's own id, and its metadata.
public struct PostSource: Sendable, Hashable {
    /// The input it came from: a path as given, or `<stdin>`.
    public var file: String
    /// 1-based line where the record starts.
    public var line: Int
    /// The post's id as written in the input, or the line number.
    public var postID: String
    /// Every other top-level string or number field of the record, in input order.
    public var metadata: [MetadataField]

    public init(file: String, line: Int, postID: String, metadata: [MetadataField] = []) {
        self.file = file
        self.line = line
        self.postID = postID
        self.metadata = metadata
    }

    /// Keys tried, in order, for `url`, `author` and `postedAt`.
    public static let urlKeys = ["url", "link", "permalink", "post_url", "href"]
    public static let authorKeys = ["author", "username", "user", "screen_name", "account", "from", "sender"]
    public static let timestampKeys = ["timestamp", "created_at", "createdAt", "date", "time", "posted_at", "published"]

    /// The post's address when the record had one (`url`, `link`, `permalink`, …).
    public var url: String? { firstValue(PostSource.urlKeys) }
    /// The post's author when the record had one (`author`, `username`, `user`, …).
    public var author: String? { firstValue(PostSource.authorKeys) }
    /// The post's own timestamp as written in the record (`timestamp`, `created_at`, `date`, …).
    public var postedAt: String? { firstValue(PostSource.timestampKeys) }

    /// The value of the first metadata field named `key`.
    public func metadataValue(_ key: String) -> String? {
        metadata.first { $0.key == key }?.value
    }

    private func firstValue(_ keys: [String]) -> String? {
        for key in keys {
            if let value = metadataValue(key), !value.isEmpty { return value }
        }
        return nil
    }
}

/// The rule pack that scored a post.
public struct RulePackVersion: Sendable, Hashable, Codable {
    public var name: String
    public var version: String

    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }
}

/// One scored hit as stored with a queued post: rule, category, points and the span of the
/// original text (code-point offsets, end exclusive; `text` is exactly that slice).
public struct QueueHit: Sendable, Hashable, Codable {
    public var ruleID: String
    public var category: String
    public var points: Double
    public var start: Int
    public var end: Int
    public var text: String

    public init(ruleID: String, category: String, points: Double, start: Int, end: Int, text: String) {
        self.ruleID = ruleID
        self.category = category
        self.points = points
        self.start = start
        self.end = end
        self.text = text
    }
}
