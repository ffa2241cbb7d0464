import ArgumentParser
import Foundation
import PatroliCore
import PatroliQueue

/// `patroli review …`: officers work the queue from the terminal.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Work the review queue: list, claim, show, decide, export, stats.",
        subcommands: [ReviewListCommand.self, ReviewNextCommand.self, ReviewShowCommand.self, ReviewDecideCommand.self,
                      ReviewExportCommand.self, ReviewStatsCommand.self, ReviewClustersCommand.self])
}

/// `--queue`, shared by every review subcommand.
struct QueueOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The review queue: a SQLite file or postgres://user:pass@host:port/db.", valueName: "queue"))
    var queue: String = "patroli.db"

    func open() throws -> any ReviewAndAccountStore { try openReviewStore(queue) }
}

/// The reviewer's name: `--reviewer`, else $PATROLI_REVIEWER, else the login name.
struct ReviewerOption: ParsableArguments {
    @Option(name: .long, help: "Who is reviewing (default: $PATROLI_REVIEWER or the login name).")
    var reviewer: String?

    var name: String {
        reviewer ?? ProcessInfo.processInfo.environment["PATROLI_REVIEWER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "officer"
    }
}

extension RiskLevel: ExpressibleByArgument {}
extension ReviewStatus: ExpressibleByArgument {}
extension Verdict: ExpressibleByArgument {}
extension ReviewFilter.Sort: ExpressibleByArgument {}

struct ReviewListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List queue items, highest score first.")
    @OptionGroup var queue: QueueOptions
    @Option(name: .long, help: "Only this risk level (repeatable).") var risk: [RiskLevel] = []
    @Option(name: .long, help: "Only items with a hit in this category.") var category: String?
    @Option(name: .long, help: "Only this status (pending, recruitment, victim-lead, not-relevant, unsure; repeatable).") var status: [ReviewStatus] = []
    @Option(name: .long, help: "Only items from this input file.") var source: String?
    @Option(name: .long, help: "Only items carrying this contact (+62…, @handle, or a contact key).") var contact: String?
    @Option(name: .long, help: "Only this cluster.") var cluster: Int64?
    @Option(name: .long, help: "Sort: score, last-seen or first-seen.") var sort: ReviewFilter.Sort = .score
    @Option(name: .long, help: "At most this many items.") var limit: Int = 50

    func run() throws {
        let store = try queue.open()
        let filter = ReviewFilter(risks: Set(risk), category: category, statuses: Set(status), source: source, contact: contact,
                                  clusterID: cluster, sort: sort, limit: limit)
        let items = try blockingCall { try await store.list(filter, now: Date()) }
        print("id\tcluster\tscore\trisk\tstatus\tcopies\tsource\texcerpt")
        for item in items {
            print([String(item.id), String(item.clusterID), JSONOutput.format(item.score), item.risk.rawValue, item.status.rawValue,
                   String(item.copyCount), "\(item.file):\(item.line)", String(item.excerpt.prefix(80))]
                .map(TerminalSafe.clean).joined(separator: "\t"))
        }
    }
}

struct ReviewClustersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clusters", abstract: "List clusters of near-duplicate posts and shared contacts.")
    @OptionGroup var queue: QueueOptions
    @Option(name: .long, help: "Clusters with at least this many members.") var minimumSize: Int = 2
    @Option(name: .long, help: "At most this many clusters.") var limit: Int = 50

    func run() throws {
        let store = try queue.open()
        let clusters = try blockingCall { try await store.clusters(ClusterFilter(minimumSize: minimumSize, limit: limit)) }
        print("cluster\tsize\tpending\tmax score\tfirst seen\tlast seen\tcontacts")
        let format = ISO8601DateFormatter()
        for cluster in clusters {
            print([String(cluster.id), String(cluster.size), String(cluster.pendingCount), JSONOutput.format(cluster.maxScore),
                   format.string(from: cluster.firstSeen), format.string(from: cluster.lastSeen),
                   cluster.contactKeys.joined(separator: " ")].map(TerminalSafe.clean).joined(separator: "\t"))
        }
    }
}

struct ReviewNextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "next", abstract: "Claim the top unclaimed item or cluster, with a lease.")
    @OptionGroup var queue: QueueOptions
    @OptionGroup var reviewer: ReviewerOption
    @Option(name: .long, help: "Lease length in minutes; an expired lease returns the items to the queue.") var leaseMinutes: Int = 30

    func validate() throws {
        guard leaseMinutes >= 1 && leaseMinutes <= 24 * 60 else { throw ValidationError("--lease-minutes must be between 1 and 1440") }
    }

    func run() throws {
        let store = try queue.open()
        let name = reviewer.name
        let minutes = leaseMinutes
        guard let claim = try blockingCall({ try await store.claimNext(reviewer: name, lease: .seconds(minutes * 60), now: Date()) }) else {
            print("nothing left to claim")
            throw ExitCode(1)
        }
        print("claimed item \(claim.itemID) (cluster \(claim.clusterID), \(claim.itemIDs.count) item(s)) for \(TerminalSafe.clean(claim.reviewer)) until \(ISO8601DateFormatter().string(from: claim.leasedUntil))")
        print("items: \(claim.itemIDs.map(String.init).joined(separator: " "))")
    }
}

struct ReviewShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one item: highlighted text, hits, entities, cluster and linked posts.")
    @OptionGroup var queue: QueueOptions
    @Argument(help: "Item id.") var id: Int64
    @Option(name: .long, help: "Colour: auto, always or never.") var color: String = "auto"

    func run() throws {
        let store = try queue.open()
        let itemID = id
        guard let item = try blockingCall({ try await store.item(id: itemID, now: Date()) }) else {
            Console.error("no queue item \(itemID)")
            throw ExitCode(2)
        }
        let useColor = color == "always" || (color == "auto" && Console.stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        print("item \(item.id)  score \(JSONOutput.format(item.score))  risk \(item.risk.rawValue)  status \(item.status.rawValue)  cluster \(item.clusterID)  copies \(item.copyCount)")
        print("source: \(TerminalSafe.clean(item.source.file)):\(item.source.line)  post \(TerminalSafe.clean(item.source.postID))"
              + (item.source.url.map { "  url \(TerminalSafe.clean($0))" } ?? "") + (item.source.author.map { "  author \(TerminalSafe.clean($0))" } ?? ""))
        print("text sha256: \(item.textSHA256)   pack \(TerminalSafe.clean(item.pack.name)) \(TerminalSafe.clean(item.pack.version))")
        print("")
        print(highlight(item.text, item.hits.map { ($0.start, $0.end) }, color: useColor))
        print("")
        for hit in item.hits where hit.end > hit.start {
            print("  \(JSONOutput.format(hit.points).padding(toLength: 4, withPad: " ", startingAt: 0)) \(hit.ruleID) [\(hit.category)] \"\(TerminalSafe.clean(hit.text))\" @\(hit.start)-\(hit.end)")
        }
        for contact in item.entities.contacts { print("  contact \(contact.kind.rawValue): \(TerminalSafe.clean(contact.value))") }
        for money in item.entities.money { print("  money: \(JSONOutput.format(money.amount)) \(money.currency)") }
        for place in item.entities.destinations { print("  destination: \(place.name) (\(place.country))") }
        let cluster = item.clusterID
        if let summary = try blockingCall({ try await store.cluster(id: cluster) }), summary.size > 1 {
            print("cluster \(summary.id): \(summary.size) items (\(summary.memberIDs.prefix(20).map(String.init).joined(separator: " "))), contacts \(summary.contactKeys.joined(separator: " "))")
        }
        for key in item.contactKeys {
            let filter = ReviewFilter(contact: key, limit: 20)
            let linked = try blockingCall { try await store.list(filter, now: Date()) }.filter { $0.id != item.id }
            if !linked.isEmpty {
                print("also with \(TerminalSafe.clean(key)): \(linked.map { String($0.id) }.joined(separator: " "))")
            }
        }
        let trail = try blockingCall { try await store.auditTrail(itemID: itemID) }
        for entry in trail {
            print("decided \(entry.verdict.rawValue) by \(TerminalSafe.clean(entry.reviewer)) at \(ISO8601DateFormatter().string(from: entry.decidedAt))"
                  + (entry.note.map { ": \(TerminalSafe.clean($0))" } ?? ""))
        }
    }

    private func highlight(_ text: String, _ spans: [(Int, Int)], color: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var marks = [Int](repeating: 0, count: scalars.count + 1)
        for (start, end) in spans where start < end && end <= scalars.count {
            marks[start] += 1
            marks[end] -= 1
        }
        var depth = 0
        var out = ""
        for i in 0...scalars.count {
            let before = depth
            depth += marks[i]
            if before == 0 && depth > 0 { out += color ? "\u{1B}[1;31m" : "[[" }
            if before > 0 && depth == 0 { out += color ? "\u{1B}[0m" : "]]" }
            if i < scalars.count { out += TerminalSafe.clean(String(scalars[i])) }
        }
        return out
    }
}

struct ReviewDecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "decide", abstract: "Record a decision (append-only audit trail).")
    @OptionGroup var queue: QueueOptions
    @OptionGroup var reviewer: ReviewerOption
    @Argument(help: "Item id.") var id: Int64
    @Argument(help: "recruitment, victim-lead, not-relevant or unsure.") var verdict: Verdict
    @Option(name: .long, help: "A note for the case file.") var note: String?
    @Flag(name: .long, help: "Apply the decision to every item of the item's cluster.") var cluster = false

    func run() throws {
        let store = try queue.open()
        let (itemID, verdict, name, note, whole) = (id, self.verdict, reviewer.name, self.note, cluster)
        do {
            let entries = try blockingCall {
                try await store.decide(itemID: itemID, verdict: verdict, reviewer: name, note: note, wholeCluster: whole, now: Date())
            }
            print("recorded \(verdict.rawValue) on \(entries.count) item(s): \(entries.map { String($0.itemID) }.joined(separator: " "))")
        } catch let error as ReviewStoreError {
            Console.error("\(error)")
            throw ExitCode(2)
        }
    }
}

struct ReviewExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export items for a case file (original text, SHA-256, source, decisions).")
    @OptionGroup var queue: QueueOptions
    @Option(name: .long, help: "jsonl or csv.") var format: String = "jsonl"
    @Option(name: .long, help: "Only this status (repeatable).") var status: [ReviewStatus] = []
    @Option(name: .long, help: "Only this cluster.") var cluster: Int64?

    func validate() throws {
        guard ["jsonl", "csv"].contains(format) else { throw ValidationError("--format must be jsonl or csv (got \(format))") }
    }

    func run() throws {
        let store = try queue.open()
        let filter = ReviewFilter(statuses: Set(status), clusterID: cluster)
        let rows = try blockingCall { try await store.export(filter) }
        if format == "csv" {
            print(CaseFileExport.csvHeader)
        }
        for row in rows {
            print(format == "csv" ? CaseFileExport.csvLine(row) : CaseFileExport.jsonLine(row))
        }
    }
}

struct ReviewStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Counts over the queue.")
    @OptionGroup var queue: QueueOptions

    func run() throws {
        let store = try queue.open()
        let stats = try blockingCall { try await store.stats(now: Date()) }
        print("items: \(stats.totalItems)")
        print("by status: " + ReviewStatus.allCases.map { "\($0.rawValue) \(stats.byStatus[$0] ?? 0)" }.joined(separator: ", "))
        print("by risk: " + RiskLevel.allCases.reversed().map { "\($0.rawValue) \(stats.byRisk[$0] ?? 0)" }.joined(separator: ", "))
        print("clusters with 2+ items: \(stats.multiMemberClusters) (\(stats.clusteredItems) items)")
        print("leased now: \(stats.leasedItems)   decisions: \(stats.decisions)")
    }
}
