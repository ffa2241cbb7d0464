import Foundation
import Testing

/// A queue with 30 distinct flagged posts, made by a real batch run.
private func makeQueue(in folder: TemporaryFolder) throws -> (pack: String, database: String) {
    let pack = try TestPack.write(in: folder)
    var lines: [String] = []
    for n in 0..<30 {
        let text = "Loker K4mboja gaji \(10 + n)jt admin nomor \(n), hub wa.me/62813555\(String(format: "%05d", n))"
        let data = try JSONSerialization.data(withJSONObject: ["id": "q\(n)", "text": text, "url": "https://contoh.invalid/p/\(n)"])
        lines.append(String(decoding: data, as: UTF8.self))
    }
    try folder.write("in/posts.jsonl", lines.joined(separator: "\n") + "\n")
    let database = folder.path("queue.db")
    let run = try CLI.run(["batch", "--rules", pack, "--queue", database, "--report", folder.path("r"), folder.path("in")])
    #expect(run.status == 0, "\(run.stderr)")
    return (pack, database)
}

@Suite(.serialized) struct ReviewCommandTests {
    @Test func concurrentOfficersNeverGetTheSameItem() throws {
        let folder = try TemporaryFolder()
        let (_, database) = try makeQueue(in: folder)
        // Eight processes claim at the same moment, twice each.
        var processes: [(Process, Pipe)] = []
        for n in 0..<8 {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["review", "next", "--queue", database, "--reviewer", "officer\(n)"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            processes.append((process, pipe))
        }
        for (process, _) in processes { try process.run() }
        var claimed: [String] = []
        for (process, pipe) in processes {
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            for line in output.split(separator: "\n") where line.hasPrefix("items: ") {
                claimed += line.dropFirst("items: ".count).split(separator: " ").map(String.init)
            }
        }
        #expect(claimed.count >= 8, "every officer got something: \(claimed)")
        #expect(Set(claimed).count == claimed.count, "no item claimed twice: \(claimed.sorted())")
    }

    @Test func decisionsAreAuditedShownAndExported() throws {
        let folder = try TemporaryFolder()
        let (_, database) = try makeQueue(in: folder)
        let next = try CLI.run(["review", "next", "--queue", database, "--reviewer", "budi"])
        #expect(next.status == 0, "\(next.stderr)")
        let itemID = try #require(next.stdout.split(separator: " ").dropFirst(2).first.map(String.init))
        let decide = try CLI.run(["review", "decide", "--queue", database, "--reviewer", "budi", itemID, "recruitment",
                                  "--note", "same number as case 12"])
        #expect(decide.status == 0, "\(decide.stderr)")
        #expect(decide.stdout.contains("recorded recruitment"))
        let show = try CLI.run(["review", "show", "--queue", database, "--color", "never", itemID])
        #expect(show.stdout.contains("decided recruitment by budi"), "\(show.stdout)")
        #expect(show.stdout.contains("[[K4mboja]]"), "hits highlighted at their spans")
        #expect(show.stdout.contains("text sha256: "))
        let export = try CLI.run(["review", "export", "--queue", database, "--status", "recruitment"])
        let rows = export.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(rows.count == 1)
        #expect((rows.first?["sha256"] as? String)?.count == 64)
        #expect((rows.first?["text"] as? String)?.contains("K4mboja") == true)
        #expect(rows.first?["url"] as? String != nil)
        #expect(((rows.first?["decisions"] as? [[String: Any]])?.first?["reviewer"]) as? String == "budi")
        let stats = try CLI.run(["review", "stats", "--queue", database])
        #expect(stats.stdout.contains("items: 30"), "\(stats.stdout)")
        #expect(stats.stdout.contains("decisions: 1"))
        let list = try CLI.run(["review", "list", "--queue", database, "--status", "pending", "--limit", "5"])
        #expect(list.stdout.split(separator: "\n").count == 6, "header and five items")
    }

    @Test func csvExportNeverLetsPostTextRunAsAFormula() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        try folder.write("in/p.jsonl", "{\"id\":\"f1\",\"text\":\"=HYPERLINK(\\\"http://x\\\") loker kamboja gaji 15jt\"}\n")
        let database = folder.path("q.db")
        _ = try CLI.run(["batch", "--rules", pack, "--queue", database, "--report", folder.path("r"), folder.path("in")])
        let export = try CLI.run(["review", "export", "--queue", database, "--format", "csv"])
        #expect(export.stdout.contains("\"'=HYPERLINK(\"\"http://x\"\")"), "\(export.stdout)")
    }
}
