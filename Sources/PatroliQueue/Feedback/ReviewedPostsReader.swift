import Foundation
import PatroliCore

extension ReviewStore {
    /// Officers' verdicts as labelled posts, for `rules eval --queue` and `rules tune --queue`.
    ///
    /// Each decided item counts once, with its latest verdict (its `status`): a cluster decision
    /// appends one audit entry per member, and a changed mind appends another, but the item is
    /// still one post. `recruitment`, `not-relevant` and `victim-lead` become labels (see
    /// `ReviewedPost`); `unsure` and undecided items are only counted. `queue` names the queue in
    /// reports (pass it without a password).
    public func reviewedPosts(queue: String, now: Date = Date()) async throws -> ReviewedPosts {
        let labels: [ReviewStatus: CorpusLabel] = [
            .recruitment: .recruitment, .notRelevant: .notRecruitment, .victimLead: .victimLead,
        ]
        var filter = ReviewFilter(statuses: Set(labels.keys))
        filter.limit = nil
        let rows = try await export(filter).sorted { $0.item.id < $1.item.id }
        let posts = rows.compactMap { row -> ReviewedPost? in
            guard let label = labels[row.item.status] else { return nil }
            let latest = row.decisions.last
            let item = row.item
            let post = LabelledPost(id: "item \(item.id)", text: item.text, label: label, kind: nil,
                                    split: ReviewedPost.split, source: item.source.file, line: item.source.line)
            return ReviewedPost(post: post, itemID: item.id, queuedScore: item.score, reviewer: latest?.reviewer ?? "",
                                note: latest?.note, decidedAt: latest?.decidedAt ?? item.lastSeen,
                                byClusterDecision: latest?.wholeCluster ?? false)
        }
        let stats = try await stats(now: now)
        return ReviewedPosts(queue: queue, posts: posts, unsure: stats.byStatus[.unsure] ?? 0,
                             undecided: stats.byStatus[.pending] ?? 0)
    }
}
