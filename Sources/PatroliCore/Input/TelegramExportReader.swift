import Foundation

/// Reads a Telegram Desktop chat export (`result.json`): one record per message with text.
///
/// A message's `text` is either a string or a list mixing strings and entity objects
/// (`{"type": "link", "text": "wa.me/…"}`); the pieces are joined in order. Service messages
/// and messages without text are skipped. The record id is the message id, its "line" is the
/// message's position in the export (1-based), and the chat name, sender, sender id and date are
/// kept as metadata. An export is one JSON document, so it is read whole, up to `maximumBytes`.
final class TelegramExportCore: RecordReaderCore {
    static let maximumBytes = 1 << 30

    private var events: [InputEvent] = []
    private var index = 0

    init(source: any ByteSource, sourceName: String) {
        events = Self.read(source: source, sourceName: sourceName)
    }

    func next() -> InputEvent? {
        guard index < events.count else { return nil }
        defer { index += 1 }
        return events[index]
    }

    var bufferCapacity: Int { 0 }

    /// The whole export is read and decoded when the reader opens.
    var hasEventReady: Bool { true }

    var isExhausted: Bool { index >= events.count }

    private static func read(source: any ByteSource, sourceName: String) -> [InputEvent] {
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        do {
            while true {
                let count = try chunk.withUnsafeMutableBufferPointer { buffer throws(InputProblem) -> Int in
                    try source.read(into: buffer.baseAddress!, capacity: buffer.count)
                }
                if count <= 0 { break }
                data.append(contentsOf: chunk[0..<count])
                if data.count > maximumBytes {
                    return [.problem(InputProblem(source: sourceName, line: nil,
                                                  message: "Telegram export is larger than \(maximumBytes >> 20) MiB; stopped reading it",
                                                  hint: "split the chat export, or convert it to JSONL first"))]
                }
            }
        } catch {
            return [.problem(error)]
        }
        let document: Any
        do {
            document = try JSONSerialization.jsonObject(with: Data(data))
        } catch {
            return [.problem(InputProblem(source: sourceName, line: nil,
                                          message: "not a valid Telegram export: the file is not one JSON document",
                                          hint: "export the chat from Telegram Desktop as JSON (result.json), or use --input jsonl"))]
        }
        guard let root = document as? [String: Any], let messages = root["messages"] as? [Any] else {
            return [.problem(InputProblem(source: sourceName, line: nil,
                                          message: "not a Telegram export: no `messages` list at the top level",
                                          hint: "export the chat from Telegram Desktop as JSON (result.json)"))]
        }
        let chat = root["name"] as? String
        var events: [InputEvent] = []
        for (position, element) in messages.enumerated() {
            guard let message = element as? [String: Any] else {
                events.append(.problem(InputProblem(source: sourceName, line: position + 1,
                                                    message: "message \(position + 1) is not a JSON object; skipped it")))
                continue
            }
            guard (message["type"] as? String ?? "message") == "message" else { continue }
            let text = joinedText(message["text"])
            guard !text.isEmpty else { continue }
            let id = (message["id"] as? NSNumber)?.stringValue ?? (message["id"] as? String) ?? String(position + 1)
            var metadata: [(key: String, value: String)] = []
            if let chat { metadata.append(("chat", chat)) }
            if let from = message["from"] as? String { metadata.append(("author", from)) }
            if let fromID = message["from_id"] as? String { metadata.append(("author_id", fromID)) }
            if let date = message["date"] as? String { metadata.append(("timestamp", date)) }
            var bytes = Array(text.utf8)
            if let repaired = UTF8Repair.repaired(bytes) { bytes = repaired }
            events.append(.record(InputRecord(source: sourceName, line: position + 1, id: id, text: bytes, metadata: metadata)))
        }
        return events
    }

    /// `"text"` as a string, or a list of strings and `{"text": …}` entities, joined.
    static func joinedText(_ value: Any?) -> String {
        if let string = value as? String { return string }
        guard let parts = value as? [Any] else { return "" }
        var text = ""
        for part in parts {
            if let string = part as? String {
                text += string
            } else if let entity = part as? [String: Any], let string = entity["text"] as? String {
                text += string
            }
        }
        return text
    }
}
