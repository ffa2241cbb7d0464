import Foundation

/// A post an officer decided in the review queue, as a labelled post for `rules eval` and
/// `rules tune`.
///
/// Verdicts map onto corpus labels: `recruitment` → `recruitment`, `not-relevant` →
/// `not_recruitment`, `victim-lead` → `victim_lead`. `unsure` and undecided items are not
/// labels; `ReviewedPosts` only counts them. The review queue (PatroliQueue) builds these; this
/// module never reads the queue itself.
public struct ReviewedPost: Sendable, Hashable {
    /// The split name queue-labelled posts carry, beside a corpus's `dev` and `test`.
    public static let split = "queue"

    /// The post with its label: `id` is `item N`, `split` is `queue`, `source`/`line` the input
    /// file and line the batch read it from.
    public var post: LabelledPost
    public var itemID: Int64
    /// The score the item was queued with (by the pack of that night).
    public var queuedScore: Double
    /// The latest decision: who, when, with what note, and whether it was made for the whole cluster.
    public var reviewer: String
    public var note: String?
    public var decidedAt: Date
    public var byClusterDecision: Bool

    public init(post: LabelledPost, itemID: Int64, queuedScore: Double, reviewer: String, note: String?,
                decidedAt: Date, byClusterDecision: Bool) {
        self.post = post
        self.itemID = itemID
        self.queuedScore = queuedScore
        self.reviewer = reviewer
        self.note = note
        self.decidedAt = decidedAt
        self.byClusterDecision = byClusterDecision
    }
}

/// Every labelled item of a review queue, and how many items were left out and why.
public struct ReviewedPosts: Sendable {
    /// What was read, for titles (a file path, or a URL without its password).
    public var queue: String
    /// One per decided item (each item once, with its latest verdict), by item id.
    public var posts: [ReviewedPost]
    /// Items whose latest verdict is `unsure`: not a label.
    public var unsure: Int
    /// Items nobody has decided yet.
    public var undecided: Int

    public init(queue: String, posts: [ReviewedPost], unsure: Int, undecided: Int) {
        self.queue = queue
        self.posts = posts
        self.unsure = unsure
        self.undecided = undecided
    }

    /// Labelled items decided through a whole-cluster decision.
    public var byClusterDecision: Int { posts.filter(\.byClusterDecision).count }

    /// The labelled posts, for `Evaluator` and `WeightTuner`.
    public var labelledPosts: [LabelledPost] { posts.map(\.post) }
}
