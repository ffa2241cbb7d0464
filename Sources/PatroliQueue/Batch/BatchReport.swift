import Foundation
import PatroliCore

/// The summary every batch writes: counts by risk, category, source and day, top rules, top
/// contacts and clusters, throughput, and what was skipped and why. JSON for tools, and one
/// self-contained HTML page (inline SVG bars, no external assets, every text escaped).
public struct BatchReport: Sendable {
    public var startedAt: Date
    public var seconds: Double
    public var pack: RulePackVersion
    public var queue: String
    public var shard: String
    public var files: [FileOutcome]
    public var skipped: [SkippedInput]
    public var byRisk: [(String, Int)]
    public var byCategory: [(String, Int)]
    public var bySource: [(String, Int)]
    public var byDay: [(String, Int)]
    public var topRules: [(String, Int)]
    public var topContacts: [(String, Int)]
    public var topClusters: [ClusterSummary]

    public var posts: Int { files.reduce(0) { $0 + $1.posts } }
    public var flagged: Int { files.reduce(0) { $0 + $1.flagged } }
    public var leads: Int { files.reduce(0) { $0 + $1.leads } }
    public var problems: Int { files.reduce(0) { $0 + $1.problems } }
    public var bytes: Int64 { files.filter { $0.state == .processed }.reduce(0) { $0 + $1.bytes } }

    /// Builds the report from the run's outcomes and the queue's items first seen in this run.
    public static func make(startedAt: Date, seconds: Double, pack: RulePackVersion, queue: String, shard: Shard,
                            files: [FileOutcome], skipped: [SkippedInput], store: any ReviewStore) throws -> BatchReport {
        let tallies = try blocking { try await store.allReportTallies() }
        let risk = tallies.risk, category = tallies.category, source = tallies.source
        let days = tallies.days, rules = tallies.rules, contacts = tallies.contacts
        func top(_ counts: [String: Int], _ limit: Int = 15) -> [(String, Int)] {
            Array(counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit))
        }
        let clusters = try blocking { try await store.clusters(ClusterFilter(minimumSize: 2, pendingOnly: false, limit: 10)) }
        return BatchReport(startedAt: startedAt, seconds: seconds, pack: pack, queue: queue, shard: shard.description,
                           files: files, skipped: skipped,
                           byRisk: RiskLevel.allCases.reversed().map { ($0.rawValue, risk[$0.rawValue] ?? 0) },
                           byCategory: top(category, 30), bySource: top(source, 30), byDay: days.sorted { $0.key < $1.key },
                           topRules: top(rules), topContacts: top(contacts), topClusters: clusters)
    }

    public func json() -> String {
        var out = JSONOutput()
        out.beginObject()
        out.field("started_at", ISO8601DateFormatter().string(from: startedAt))
        out.field("seconds", seconds)
        out.field("pack", "\(pack.name) \(pack.version)")
        out.field("queue", queue)
        out.field("shard", shard)
        out.field("posts", posts)
        out.field("flagged", flagged)
        out.field("leads", leads)
        out.field("problems", problems)
        out.field("mb_per_second", seconds > 0 ? Double(bytes) / 1e6 / seconds : 0)
        out.field("posts_per_second", seconds > 0 ? Double(posts) / seconds : 0)
        out.key("files")
        out.beginArray()
        for file in files {
            out.beginObject()
            out.field("path", file.path)
            out.field("state", file.state.rawValue)
            out.field("reason", file.reason)
            out.field("resumed_after", Int(file.resumedAfter))
            out.field("posts", file.posts)
            out.field("flagged", file.flagged)
            out.field("leads", file.leads)
            out.field("problems", file.problems)
            out.field("inserted", file.inserted)
            out.field("duplicates", file.duplicates)
            out.endObject()
        }
        out.endArray()
        out.key("skipped")
        out.beginArray()
        for skip in skipped {
            out.beginObject()
            out.field("path", skip.path)
            out.field("reason", skip.reason)
            out.endObject()
        }
        out.endArray()
        for (name, counts) in [("by_risk", byRisk), ("by_category", byCategory), ("by_source", bySource), ("by_day", byDay),
                               ("top_rules", topRules), ("top_contacts", topContacts)] {
            out.key(name)
            out.beginObject()
            for (key, value) in counts { out.field(key, value) }
            out.endObject()
        }
        out.key("top_clusters")
        out.beginArray()
        for cluster in topClusters {
            out.beginObject()
            out.field("id", Int(cluster.id))
            out.field("size", cluster.size)
            out.field("contacts", cluster.contactKeys.joined(separator: " "))
            out.field("max_score", cluster.maxScore)
            out.endObject()
        }
        out.endArray()
        out.endObject()
        return String(decoding: out.bytes, as: UTF8.self) + "\n"
    }

    public func html() -> String {
        let esc = HTMLEscaping.escape
        func bars(_ title: String, _ counts: [(String, Int)]) -> String {
            guard !counts.isEmpty else { return "<h2>\(esc(title))</h2><p>none</p>" }
            let maximum = max(1, counts.map(\.1).max() ?? 1)
            let rowHeight = 22
            var svg = "<svg role=\"img\" aria-label=\"\(esc(title))\" width=\"720\" height=\"\(counts.count * rowHeight + 4)\" xmlns=\"http://www.w3.org/2000/svg\">"
            for (row, (label, value)) in counts.enumerated() {
                let y = row * rowHeight
                let width = Int(400.0 * Double(value) / Double(maximum))
                svg += "<text x=\"0\" y=\"\(y + 15)\" font-size=\"12\">\(esc(String(label.prefix(40))))</text>"
                svg += "<rect x=\"260\" y=\"\(y + 3)\" width=\"\(max(width, 1))\" height=\"16\" fill=\"#36c\"></rect>"
                svg += "<text x=\"\(266 + width)\" y=\"\(y + 15)\" font-size=\"12\">\(value)</text>"
            }
            return "<h2>\(esc(title))</h2>" + svg + "</svg>"
        }
        var page = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>Patroli batch report</title>
            <style>body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}</style>
            </head><body>
            """
        page += "<h1>Patroli batch report</h1>"
        page += "<p>Started \(esc(ISO8601DateFormatter().string(from: startedAt))), \(String(format: "%.1f", seconds)) s; pack \(esc(pack.name)) \(esc(pack.version)); queue \(esc(queue)); shard \(esc(shard)).</p>"
        page += "<p><strong>\(posts)</strong> posts, <strong>\(flagged)</strong> flagged, \(leads) leads, \(problems) bad records; "
        page += String(format: "%.1f MB/s, %.0f posts/s.</p>", seconds > 0 ? Double(bytes) / 1e6 / seconds : 0, seconds > 0 ? Double(posts) / seconds : 0)
        page += bars("Queue items by risk", byRisk) + bars("By category", byCategory) + bars("By source", bySource)
        page += bars("By day", byDay) + bars("Top rules", topRules) + bars("Top contacts", topContacts)
        page += "<h2>Top clusters</h2><table><tr><th>cluster</th><th>size</th><th>max score</th><th>contacts</th></tr>"
        for cluster in topClusters {
            page += "<tr><td>\(cluster.id)</td><td>\(cluster.size)</td><td>\(esc(JSONOutput.format(cluster.maxScore)))</td><td>\(esc(cluster.contactKeys.joined(separator: ", ")))</td></tr>"
        }
        page += "</table><h2>Files</h2><table><tr><th>file</th><th>state</th><th>posts</th><th>flagged</th><th>bad records</th><th>new items</th></tr>"
        for file in files {
            page += "<tr><td>\(esc(file.path))</td><td>\(esc(file.state.rawValue + (file.reason.map { ": " + $0 } ?? "")))</td><td>\(file.posts)</td><td>\(file.flagged)</td><td>\(file.problems)</td><td>\(file.inserted)</td></tr>"
        }
        page += "</table><h2>Skipped</h2>"
        page += skipped.isEmpty ? "<p>nothing</p>" : "<ul>" + skipped.map { "<li>\(esc($0.path)): \(esc($0.reason))</li>" }.joined() + "</ul>"
        return page + "</body></html>\n"
    }
}
