import Foundation
import PatroliCore

/// Case-file lines for exported items, shared by `patroli review export` and the review page's
/// export: JSON Lines (one object per item) or CSV (RFC 4180, spreadsheet-safe).
public enum CaseFileExport {
    public static let csvHeader = "id,post_id,source,line,url,author,score,risk,status,sha256,text,decisions"

    /// One JSON object (no newline) with the item's text, hash, source and decisions.
    public static func jsonLine(_ row: ExportRow) -> String {
        let item = row.item
        let iso = ISO8601DateFormatter()
        var out = JSONOutput()
        out.beginObject()
        out.field("id", Int(item.id))
        out.field("post_id", item.source.postID)
        out.field("source", item.source.file)
        out.field("line", item.source.line)
        out.field("url", item.source.url)
        out.field("author", item.source.author)
        out.field("score", item.score)
        out.field("risk", item.risk.rawValue)
        out.field("status", item.status.rawValue)
        out.field("cluster", Int(item.clusterID))
        out.field("text", item.text)
        out.field("sha256", item.textSHA256)
        out.field("pack", "\(item.pack.name) \(item.pack.version)")
        out.field("first_seen", iso.string(from: item.firstSeen))
        out.field("last_seen", iso.string(from: item.lastSeen))
        out.key("decisions")
        out.beginArray()
        for entry in row.decisions {
            out.beginObject()
            out.field("verdict", entry.verdict.rawValue)
            out.field("reviewer", entry.reviewer)
            out.field("note", entry.note)
            out.field("at", iso.string(from: entry.decidedAt))
            out.endObject()
        }
        out.endArray()
        out.endObject()
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// One CSV record (no newline) under `csvHeader`.
    public static func csvLine(_ row: ExportRow) -> String {
        let item = row.item
        let iso = ISO8601DateFormatter()
        let decisions = row.decisions.map {
            "\($0.verdict.rawValue) by \($0.reviewer) at \(iso.string(from: $0.decidedAt))" + ($0.note.map { ": \($0)" } ?? "")
        }
        let fields = [String(item.id), item.source.postID, item.source.file, String(item.source.line), item.source.url ?? "",
                      item.source.author ?? "", JSONOutput.format(item.score), item.risk.rawValue, item.status.rawValue,
                      item.textSHA256, item.text, decisions.joined(separator: "; ")]
        return fields.map(csvField).joined(separator: ",")
    }

    /// RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets never run post text as a formula.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
