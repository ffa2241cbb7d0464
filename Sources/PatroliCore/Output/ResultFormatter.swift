/// Output formats of `patroli scan`.
public enum OutputFormat: String, Sendable, CaseIterable {
    case jsonl, tsv, text
}

/// Turns scan results into output lines. Post-derived text is always escaped for the format:
/// JSON-escaped in JSONL, control characters replaced in TSV and text (no terminal escapes).
public struct ResultFormatter: Sendable {
    public var format: OutputFormat
    public init(format: OutputFormat) { self.format = format }

    /// A header line, if the format has one.
    public var header: String? {
        format == .tsv ? "id\tsource\tline\tscore\trisk\tflagged\trules\tcontacts\n" : nil
    }

    public func line(record: InputRecord, result: ScanResult, entities: Entities?) -> [UInt8] {
        switch format {
        case .jsonl:
            var output = JSONOutput(reservingCapacity: 512)
            writeJSON(record: record, result: result, entities: entities, to: &output)
            var bytes = output.bytes
            bytes.append(0x0A)
            return bytes
        case .tsv:
            let rules = result.contributions.map(\.ruleID).joined(separator: ",")
            let contacts = (entities?.contacts ?? []).map(\.value).joined(separator: ",")
            let fields = [record.id, record.source, String(record.line), JSONOutput.format(result.score),
                          result.risk.rawValue, String(result.flagged), rules, contacts]
            return Array((fields.map(TerminalSafe.tsvField).joined(separator: "\t") + "\n").utf8)
        case .text:
            var text = "\(TerminalSafe.clean(record.id))  risk=\(result.risk.rawValue) score=\(JSONOutput.format(result.score))"
            text += result.flagged ? "  FLAGGED" : ""
            text += result.leads.isEmpty ? "" : "  LEAD: " + result.leads.joined(separator: ",")
            text += "  (\(TerminalSafe.clean(record.source)):\(record.line))\n"
            for contribution in result.contributions {
                let words = result.hits.filter { $0.ruleID == contribution.ruleID }.map { "\"\(TerminalSafe.clean($0.text))\"" }
                text += "    \(signed(contribution.points)) \(contribution.ruleID) [\(contribution.category)] \(words.prefix(3).joined(separator: ", "))\n"
            }
            if let contacts = entities?.contacts, !contacts.isEmpty {
                text += "    contacts: \(contacts.map { TerminalSafe.clean($0.value) }.joined(separator: ", "))\n"
            }
            return Array(text.utf8)
        }
    }

    /// Field names of a result, encoded once.
    private enum Keys {
        static let id = JSONOutput.encodedKey("id"), source = JSONOutput.encodedKey("source")
        static let line = JSONOutput.encodedKey("line"), score = JSONOutput.encodedKey("score")
        static let risk = JSONOutput.encodedKey("risk"), flagged = JSONOutput.encodedKey("flagged")
        static let leads = JSONOutput.encodedKey("leads"), hits = JSONOutput.encodedKey("hits")
        static let rule = JSONOutput.encodedKey("rule"), category = JSONOutput.encodedKey("category")
        static let weight = JSONOutput.encodedKey("weight"), points = JSONOutput.encodedKey("points")
        static let start = JSONOutput.encodedKey("start"), end = JSONOutput.encodedKey("end")
        static let text = JSONOutput.encodedKey("text"), entities = JSONOutput.encodedKey("entities")
        static let errors = JSONOutput.encodedKey("errors")
    }

    public func writeJSON(record: InputRecord, result: ScanResult, entities: Entities?, to output: inout JSONOutput) {
        output.beginObject()
        output.key(encoded: Keys.id); output.string(record.id)
        output.key(encoded: Keys.source); output.string(record.source)
        output.key(encoded: Keys.line); output.int(record.line)
        output.key(encoded: Keys.score); output.number(result.score)
        output.key(encoded: Keys.risk); output.string(result.risk.rawValue)
        output.key(encoded: Keys.flagged); output.bool(result.flagged)
        if !result.leads.isEmpty {
            output.key(encoded: Keys.leads)
            output.beginArray()
            for lead in result.leads { output.string(lead) }
            output.endArray()
        }
        output.key(encoded: Keys.hits)
        output.beginArray()
        for hit in result.hits {
            output.beginObject()
            output.key(encoded: Keys.rule); output.string(hit.ruleID)
            output.key(encoded: Keys.category); output.string(hit.category)
            output.key(encoded: Keys.weight); output.number(ruleWeight(hit.ruleID, result))
            output.key(encoded: Keys.points); output.number(hit.points)
            output.key(encoded: Keys.start); output.int(hit.start)
            output.key(encoded: Keys.end); output.int(hit.end)
            output.key(encoded: Keys.text); output.string(hit.text)
            output.endObject()
        }
        output.endArray()
        if let entities {
            output.key(encoded: Keys.entities)
            entities.writeJSON(to: &output)
        }
        if !result.failures.isEmpty {
            output.key(encoded: Keys.errors)
            output.beginArray()
            for failure in result.failures { output.string(failure.description) }
            output.endArray()
        }
        output.endObject()
    }

    private func ruleWeight(_ id: String, _ result: ScanResult) -> Double {
        result.contributions.first { $0.ruleID == id }?.weight ?? 0
    }

    private func signed(_ value: Double) -> String {
        let text = JSONOutput.format(value)
        return value >= 0 ? "+" + text : text
    }
}

/// Makes attacker-written text safe to print on a terminal or in a TSV cell.
public enum TerminalSafe {
    /// Replaces control characters (C0, DEL, C1, including ESC) and bidi/format controls with
    /// visible escapes, so post text can never move the cursor, recolour or reorder a terminal.
    public static func clean(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: result += "\\n"
            case 0x09: result += "\\t"
            case 0x0D: result += "\\r"
            case 0x00..<0x20, 0x7F..<0xA0:
                result += "\\u{\(String(scalar.value, radix: 16))}"
            default:
                if BidiControls.isBidiControl(scalar) {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    static func tsvField(_ text: String) -> String { clean(text) }
}
