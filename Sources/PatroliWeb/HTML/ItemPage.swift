import PatroliCore
import PatroliQueue

/// Everything on one item's page.
struct ItemPageData: Sendable {
    var item: QueueItem
    /// Other members of the item's cluster.
    var clusterMembers: [QueueItemSummary]
    /// For each of the item's contact keys, the other posts carrying it.
    var sharedContacts: [(key: String, items: [QueueItemSummary])]
    var auditTrail: [AuditEntry]
}

/// One item: the post with its hits highlighted, the score breakdown, the extracted entities, the
/// linked posts, the audit trail and the decision buttons.
enum ItemPage {
    static func render(_ data: ItemPageData, session: AccountSession) -> String {
        let item = data.item
        var body = "<section class=\"item\" id=\"item\" data-item-id=\"\(item.id)\">"
        body += "<h1>Item \(item.id) <span class=\"badge \(PageFormat.riskClass(item.risk))\">\(item.risk.rawValue)</span> "
        body += "<span class=\"status\" id=\"item-status\">\(item.status.rawValue)</span></h1>"
        body += facts(item, session: session)
        body += "<h2>Post</h2><pre class=\"post\" id=\"post-text\">\(PostHighlighter.html(item.text, hits: item.hits))</pre>"
        if session.role.mayDecide { body += ItemSections.decisionForm(item, session: session) }
        body += ItemSections.scoreBreakdown(item)
        body += ItemSections.entities(item.entities)
        body += ItemSections.linked(data)
        body += ItemSections.auditTrail(data.auditTrail)
        body += "</section>"
        return Pages.page(title: "Item \(item.id)", session: session, body: body, pageClass: "item-page")
    }

    private static func facts(_ item: QueueItem, session: AccountSession) -> String {
        var rows: [(String, String)] = [
            ("Score", PageFormat.number(item.score)),
            ("Source", Pages.text("\(item.source.file):\(item.source.line)")),
            ("Post id", Pages.text(item.source.postID)),
            ("First seen", PageFormat.time(item.firstSeen)),
            ("Last seen", PageFormat.time(item.lastSeen)),
            ("Copies", String(item.copyCount)),
            ("Cluster", String(item.clusterID)),
            ("SHA-256", "<code>\(Pages.text(item.textSHA256))</code>"),
        ]
        // The post's address is shown as text, never as a link: it is written by the poster and
        // may be a `javascript:` or look-alike URL.
        if let url = item.source.url { rows.insert(("Address", "<code class=\"url\">\(Pages.text(url))</code>"), at: 3) }
        if let author = item.source.author { rows.insert(("Author", Pages.text(author)), at: 3) }
        if let postedAt = item.source.postedAt { rows.insert(("Posted", Pages.text(postedAt)), at: 3) }
        if let lease = item.lease {
            let mine = lease.reviewer == session.account
            var claim = "\(mine ? "you" : Pages.text(lease.reviewer)) until \(PageFormat.time(lease.leasedUntil))"
            if mine {
                claim += """
                     <form method="post" action="/items/\(item.id)/release" class="inline">\(Pages.csrfField(session))\
                    <button type="submit" id="release">Give back</button></form>
                    """
            }
            rows.append(("Claimed by", claim))
        }
        return "<dl class=\"facts\">" + rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
    }
}
