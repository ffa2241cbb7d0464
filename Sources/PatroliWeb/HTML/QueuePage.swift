import PatroliCore
import PatroliQueue

/// The queue: "Review next", a status filter, and the items by risk, then freshness.
enum QueuePage {
    /// Which items the queue page shows.
    enum View: String, CaseIterable, Sendable {
        case pending, unsure, decided, all

        var statuses: Set<ReviewStatus> {
            switch self {
            case .pending: return [.pending]
            case .unsure: return [.unsure]
            case .decided: return [.recruitment, .victimLead, .notRelevant]
            case .all: return []
            }
        }
    }

    /// Highest risk first, then most recently seen, then highest score, then id.
    static func ordered(_ items: [QueueItemSummary]) -> [QueueItemSummary] {
        items.sorted { a, b in
            if a.risk != b.risk { return a.risk > b.risk }
            if a.lastSeen != b.lastSeen { return a.lastSeen > b.lastSeen }
            if a.score != b.score { return a.score > b.score }
            return a.id < b.id
        }
    }

    static func render(items: [QueueItemSummary], view: View, notice: String?, session: AccountSession) -> String {
        var body = "<section class=\"queue\"><h1>Review queue</h1>"
        if let notice { body += "<p class=\"notice\" role=\"status\" id=\"notice\">\(Pages.text(notice))</p>" }
        body += """
            <form method="post" action="/next" class="inline">\(Pages.csrfField(session))\
            <button type="submit" id="review-next" data-key="n">Review next <kbd>n</kbd></button></form>
            """
        body += "<nav class=\"views\">" + View.allCases.map { option in
            let current = option == view ? " aria-current=\"page\"" : ""
            return "<a href=\"/?view=\(option.rawValue)\"\(current)>\(option.rawValue)</a>"
        }.joined(separator: " ") + "</nav>"
        guard !items.isEmpty else { return page(body + "<p id=\"queue-empty\">Nothing here.</p></section>", session) }
        body += """
            <table class="queue-items" id="queue-items"><thead><tr><th>Item</th><th>Risk</th><th>Score</th>\
            <th>Status</th><th>Last seen</th><th>Copies</th><th>Claimed</th><th>Post</th></tr></thead><tbody>
            """
        for item in items {
            let claimed = item.lease.map { $0.reviewer == session.account ? "you" : Pages.text($0.reviewer) } ?? ""
            body += """
                <tr data-item-id="\(item.id)"><td><a href="/items/\(item.id)">#\(item.id)</a></td>\
                <td><span class="badge \(PageFormat.riskClass(item.risk))">\(item.risk.rawValue)</span></td>\
                <td class="num">\(PageFormat.number(item.score))</td><td>\(item.status.rawValue)</td>\
                <td>\(PageFormat.time(item.lastSeen))</td><td class="num">\(item.copyCount)</td><td>\(claimed)</td>\
                <td class="excerpt">\(Pages.text(item.excerpt))</td></tr>
                """
        }
        return page(body + "</tbody></table></section>", session)
    }

    private static func page(_ body: String, _ session: AccountSession) -> String {
        Pages.page(title: "Review queue", session: session, body: body, pageClass: "queue-page")
    }
}
