import Foundation
import Testing
@testable import PatroliCore

@Suite struct InputTelegramTests {
    private func read(_ json: String, name: String = "result.json") throws -> [InputEvent] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patroli-tg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        let reader = try RecordReader(path: path, options: InputOptions(format: InputFormat.guess(forPath: path) ?? .jsonl))
        var events: [InputEvent] = []
        while let event = reader.next() { events.append(event) }
        return events
    }

    private func records(_ events: [InputEvent]) -> [InputRecord] {
        events.compactMap { if case .record(let record) = $0 { return record } else { return nil } }
    }

    @Test func messagesWithStringOrEntityTextBecomeRecords() throws {
        let export = """
            {"name": "Info Loker Fiktif", "type": "public_channel", "id": 1,
             "messages": [
               {"id": 10, "type": "service", "action": "create_channel", "text": ""},
               {"id": 11, "type": "message", "date": "2026-11-20T21:00:00", "from": "Admin Demo", "from_id": "channel1",
                "text": "Loker Kamboja gaji 15jt"},
               {"id": 12, "type": "message", "date": "2026-11-20T21:05:00", "from": "Admin Demo",
                "text": ["Hubungi ", {"type": "link", "text": "wa.me/6281200001111"}, " sekarang"]},
               {"id": 13, "type": "message", "text": ""}
             ]}
            """
        let found = records(try read(export))
        #expect(found.map(\.id) == ["11", "12"])
        #expect(found.map(\.textString) == ["Loker Kamboja gaji 15jt", "Hubungi wa.me/6281200001111 sekarang"])
        #expect(found.first?.line == 2, "the message's position in the export")
        #expect(found.first?.metadataValue("author") == "Admin Demo")
        #expect(found.first?.metadataValue("chat") == "Info Loker Fiktif")
        #expect(found.first?.metadataValue("timestamp") == "2026-11-20T21:00:00")
    }

    @Test func resultJSONIsRecognisedByName() {
        #expect(InputFormat.guess(forPath: "exports/ChatExport_2026-11-22/result.json") == .telegram)
        #expect(InputFormat.guess(forPath: "posts.json") == .jsonl)
    }

    @Test func somethingElseIsOneProblemNamingTheFile() throws {
        let events = try read("{\"not\": \"an export\"}")
        #expect(events.count == 1)
        guard case .problem(let problem)? = events.first else { Issue.record("expected a problem"); return }
        #expect(problem.message.contains("no `messages` list"))
        #expect(problem.source.hasSuffix("result.json"))
        let broken = try read("{\"messages\": [")
        guard case .problem(let syntax)? = broken.first else { Issue.record("expected a problem"); return }
        #expect(syntax.message.contains("not a valid Telegram export"))
    }
}
