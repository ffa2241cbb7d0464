import PatroliCore

/// Which items `list` and `export` return, and in what order. Empty sets and nil mean "any".
public struct ReviewFilter: Sendable, Hashable {
    public enum Sort: String, Sendable, Hashable, CaseIterable {
        /// Highest score first; ties by earliest first seen, then id.
        case score
        /// Most recently seen first; ties by id.
        case lastSeen = "last-seen"
        /// Oldest first seen first; ties by id.
        case firstSeen = "first-seen"
    }

    public var risks: Set<RiskLevel>
    /// Items with at least one hit in this category.
    public var category: String?
    public var statuses: Set<ReviewStatus>
    /// Items from this input file (exact match on `PostSource.file`).
    public var source: String?
    /// Items carrying this contact: a contact key (`phone:+6281200001111`, `telegram:@agen`,
    /// `line:agen01`) or a bare value (`+6281200001111`, `@agen`), see `Clustering.contactKeys(matching:)`.
    public var contact: String?
    public var clusterID: Int64?
    public var sort: Sort
    public var limit: Int?
    public var offset: Int

    public init(risks: Set<RiskLevel> = [], category: String? = nil, statuses: Set<ReviewStatus> = [],
                source: String? = nil, contact: String? = nil, clusterID: Int64? = nil,
                sort: Sort = .score, limit: Int? = nil, offset: Int = 0) {
        self.risks = risks
        self.category = category
        self.statuses = statuses
        self.source = source
        self.contact = contact
        self.clusterID = clusterID
        self.sort = sort
        self.limit = limit
        self.offset = offset
    }
}

/// Which clusters `clusters` returns: largest first, ties by id.
public struct ClusterFilter: Sendable, Hashable {
    /// Clusters with at least this many members (default 2: actual groups).
    public var minimumSize: Int
    /// Only clusters with at least one pending member.
    public var pendingOnly: Bool
    public var limit: Int?

    public init(minimumSize: Int = 2, pendingOnly: Bool = false, limit: Int? = nil) {
        self.minimumSize = minimumSize
        self.pendingOnly = pendingOnly
        self.limit = limit
    }
}
