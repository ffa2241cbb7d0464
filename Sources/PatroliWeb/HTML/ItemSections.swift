import PatroliCore
import PatroliQueue

/// The sections of the item page below the post.
enum ItemSections {
    /// The four verdicts with their keyboard shortcuts (handled by /static/app.js).
    static let verdicts: [(verdict: Verdict, label: String, key: String)] = [
        (.recruitment, "Recruitment", "r"), (.victimLead, "Victim lead", "v"),
        (.notRelevant, "Not relevant", "x"), (.unsure, "Unsure", "u"),
    ]

    static func decisionForm(_ item: QueueItem, session: AccountSession) -> String {
        var form = """
            <form method="post" action="/items/\(item.id)/decide" class="decide" id="decide-form">\(Pages.csrfField(session))
            <label for="note">Note for the case file <kbd>e</kbd></label>
            <textarea id="note" name="note" rows="2" maxlength="2000"></textarea>
            <label class="check"><input type="checkbox" name="cluster" value="on" id="whole-cluster"> Decide the whole cluster</label>
            <div class="verdicts">
            """
        for choice in verdicts {
            form += """
                <button type="submit" name="verdict" value="\(choice.verdict.rawValue)" data-key="\(choice.key)" \
                id="verdict-\(choice.verdict.rawValue)" class="verdict \(choice.verdict.rawValue)">\(choice.label) <kbd>\(choice.key)</kbd></button>
                """
        }
        return form + "</div></form>"
    }

    static func scoreBreakdown(_ item: QueueItem) -> String {
        var html = "<h2>Score breakdown</h2><table class=\"hits\" id=\"hits\"><thead><tr><th>Rule</th><th>Category</th>"
            + "<th>Points</th><th>Matched text</th></tr></thead><tbody>"
        for hit in item.hits {
            html += "<tr><td><code>\(Pages.text(hit.ruleID))</code></td><td>\(Pages.text(hit.category))</td>"
                + "<td class=\"num\">\(PageFormat.number(hit.points))</td><td>\(Pages.text(hit.text))</td></tr>"
        }
        html += "</tbody><tfoot><tr><th colspan=\"2\">Total</th><th class=\"num\">\(PageFormat.number(item.score))</th><th></th></tr></tfoot></table>"
        if !item.leads.isEmpty {
            html += "<p class=\"leads\">Victim-lead signals: " + item.leads.map(Pages.text).joined(separator: ", ") + "</p>"
        }
        return html
    }

    static func entities(_ entities: Entities) -> String {
        var rows: [String] = []
        for contact in entities.contacts {
            rows.append("<li>Contact (\(Pages.text(contact.kind.rawValue))): <code>\(Pages.text(contact.value))</code></li>")
        }
        for money in entities.money {
            let range = money.maxAmount.map { "–" + PageFormat.number($0) } ?? ""
            let period = money.period.map { " per " + Pages.text($0) } ?? ""
            rows.append("<li>Money: \(PageFormat.number(money.amount))\(range) \(Pages.text(money.currency))\(period)"
                        + " (“\(Pages.text(money.text))”)</li>")
        }
        for place in entities.destinations {
            rows.append("<li>Destination: \(Pages.text(place.name)) (\(Pages.text(place.country)))</li>")
        }
        for age in entities.ages {
            let bounds = [age.min.map { "from \($0)" }, age.max.map { "to \($0)" }].compactMap { $0 }.joined(separator: " ")
            rows.append("<li>Age: \(Pages.text(bounds)) (“\(Pages.text(age.text))”)</li>")
        }
        let list = rows.isEmpty ? "<p>None found.</p>" : "<ul class=\"entities\" id=\"entities\">" + rows.joined() + "</ul>"
        return "<h2>Contacts, money, destinations, ages</h2>" + list
    }

    static func linked(_ data: ItemPageData) -> String {
        var html = "<h2>Same cluster</h2>"
        html += data.clusterMembers.isEmpty ? "<p>No other posts.</p>" : summaryList(data.clusterMembers, id: "cluster-members")
        html += "<h2>Sharing its contacts</h2>"
        if data.sharedContacts.isEmpty { return html + "<p>No other posts.</p>" }
        for (key, items) in data.sharedContacts {
            html += "<h3><code>\(Pages.text(key))</code></h3>" + summaryList(items, id: nil)
        }
        return html
    }

    static func summaryList(_ items: [QueueItemSummary], id: String?) -> String {
        let idAttribute = id.map { " id=\"\($0)\"" } ?? ""
        return "<ul class=\"linked\"\(idAttribute)>" + items.map { item in
            "<li><a href=\"/items/\(item.id)\">#\(item.id)</a> <span class=\"badge \(PageFormat.riskClass(item.risk))\">"
                + "\(item.risk.rawValue)</span> \(item.status.rawValue) — \(Pages.text(item.excerpt))</li>"
        }.joined() + "</ul>"
    }

    static func auditTrail(_ entries: [AuditEntry]) -> String {
        guard !entries.isEmpty else { return "<h2>Decisions</h2><p>None yet.</p>" }
        return "<h2>Decisions</h2><ol class=\"audit\" id=\"audit\">" + entries.map { entry in
            "<li>\(entry.verdict.rawValue) by \(Pages.text(entry.reviewer)) at \(PageFormat.time(entry.decidedAt))"
                + (entry.wholeCluster ? " (whole cluster)" : "")
                + (entry.note.map { ": " + Pages.text($0) } ?? "") + "</li>"
        }.joined() + "</ol>"
    }
}
