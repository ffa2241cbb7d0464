import Foundation
import PatroliQueue
import Testing

/// End-to-end scenarios of `patroli batch` and `patroli review` that must hold on every queue
/// backend. Each takes queue locations (a SQLite file path or a postgres:// URL), so the SQLite
/// suites (`BatchCommandTests`, `ReviewCommandTests`) and the PostgreSQL one (`PostgresCLITests`)
/// run the very same steps.
enum QueueScenarios {
    /// Posts for batch runs: every third one is a recruitment ad (flagged), each with its own id
    /// and its own contact so no two are the same post.
    static func archive(posts: Int, offset: Int = 0) -> Data {
        var lines: [String] = []
        for n in offset..<(offset + posts) {
            let text = n % 3 == 0
                ? "Loker K4mboja gaji \(10 + n % 20)jt, admin tanpa pengalaman, tiket ditanggung. Hub wa.me/62812000\(String(format: "%05d", n))"
                : "Dicari operator produksi di Bekasi nomor \(n), gaji UMR"
            let object = ["id": "p\(n)", "text": text]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            lines.append(String(decoding: data, as: UTF8.self))
        }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// Every queued item's fingerprint, sorted.
    static func fingerprints(_ queue: String) async throws -> [String] {
        try await FeedbackQueue.withStore(queue) { store in
            var filter = ReviewFilter()
            filter.limit = nil
            return try await store.export(filter).map(\.item.fingerprint).sorted()
        }
    }

    /// Runs `patroli batch` with the test pack `pack` on `inputs` into `queue`.
    static func batch(_ pack: String, queue: String, inputs: String, reports: String, extra: [String] = []) throws -> CLIRun {
        try CLI.run(["batch", "--rules", pack, "--queue", queue, "--report", reports] + extra + [inputs])
    }

    /// Batch the same archive twice: the second run skips every file and queues nothing new.
    static func rerunningABatchQueuesNothingTwice(queue: String, in folder: TemporaryFolder) async throws {
        let pack = try TestPack.write(in: folder)
        try folder.write("archive/day1/a.jsonl", archive(posts: 300))
        try folder.write("archive/day1/b.jsonl", archive(posts: 300, offset: 300))
        let first = try batch(pack, queue: queue, inputs: folder.path("archive"), reports: folder.path("reports"))
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("600 posts, 200 flagged"), "\(first.stdout)")
        #expect(first.stdout.contains("report: "))
        let once = try await fingerprints(queue)
        #expect(once.count == 200)
        let second = try batch(pack, queue: queue, inputs: folder.path("archive"), reports: folder.path("reports"))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("already done by an earlier run"))
        #expect(try await fingerprints(queue) == once)
        // The same files by another name: through a symbolic link and with `.` and `..`.
        try FileManager.default.createSymbolicLink(atPath: folder.path("same"), withDestinationPath: folder.path("archive"))
        let third = try batch(pack, queue: queue, inputs: folder.path("same/./day1/../day1"), reports: folder.path("reports"))
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stderr.contains("already done by an earlier run"), "\(third.stderr)")
        #expect(try await fingerprints(queue) == once)
        let reports = try FileManager.default.contentsOfDirectory(atPath: folder.path("reports"))
        #expect(reports.contains { $0.hasSuffix(".html") } && reports.contains { $0.hasSuffix(".json") })
    }

    /// Batch into `clean` for reference; batch into `killed`, `kill -9` it once it has committed
    /// something, run it again: `killed` ends with exactly the items of `clean`.
    static func aKilledBatchResumesWithNothingLostOrDuplicated(clean: String, killed: String,
                                                                in folder: TemporaryFolder) async throws {
        let pack = try TestPack.write(in: folder)
        try folder.write("archive/big.jsonl", archive(posts: 30000))
        try folder.write("archive/small.jsonl", archive(posts: 900, offset: 30000))
        let reference = try batch(pack, queue: clean, inputs: folder.path("archive"), reports: folder.path("r1"))
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try await fingerprints(clean)
        #expect(expected.count == 10300)

        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["batch", "--rules", pack, "--queue", killed, "--commit-every", "500", "--jobs", "1",
                             "--report", folder.path("r2"), folder.path("archive")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var partial = 0
        while Date() < deadline && process.isRunning {
            try await Task.sleep(nanoseconds: 100_000_000)
            partial = (try? await fingerprints(killed).count) ?? 0
            if partial > 0 { break }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(partial > 0 && partial < expected.count, "killed after \(partial) items")
        let resumed = try batch(pack, queue: killed, inputs: folder.path("archive"), reports: folder.path("r3"))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resumed after record"), "\(resumed.stderr)")
        #expect(try await fingerprints(killed) == expected, "every flagged post exactly once")
    }

    /// A queue with 30 distinct flagged posts, made by a real batch run.
    static func makeReviewQueue(_ queue: String, in folder: TemporaryFolder) throws {
        let pack = try TestPack.write(in: folder)
        var lines: [String] = []
        for n in 0..<30 {
            let text = "Loker K4mboja gaji \(10 + n)jt admin nomor \(n), hub wa.me/62813555\(String(format: "%05d", n))"
            let data = try JSONSerialization.data(withJSONObject: ["id": "q\(n)", "text": text, "url": "https://contoh.invalid/p/\(n)"])
            lines.append(String(decoding: data, as: UTF8.self))
        }
        try folder.write("in/posts.jsonl", lines.joined(separator: "\n") + "\n")
        let run = try batch(pack, queue: queue, inputs: folder.path("in"), reports: folder.path("r"))
        try #require(run.status == 0, "the batch that fills the review queue failed: \(run.stderr)")
    }

    /// Eight `review next` processes at the same moment: each gets something, none the same item.
    static func concurrentOfficersNeverGetTheSameItem(queue: String) throws {
        var processes: [(Process, Pipe)] = []
        for n in 0..<8 {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["review", "next", "--queue", queue, "--reviewer", "officer\(n)"]
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

    /// next → decide → show → export → stats → list, as an officer works the queue.
    static func decisionsAreAuditedShownAndExported(queue: String) throws {
        let next = try CLI.run(["review", "next", "--queue", queue, "--reviewer", "budi"])
        #expect(next.status == 0, "\(next.stderr)")
        let itemID = try #require(next.stdout.split(separator: " ").dropFirst(2).first.map(String.init))
        let decide = try CLI.run(["review", "decide", "--queue", queue, "--reviewer", "budi", itemID, "recruitment",
                                  "--note", "same number as case 12"])
        #expect(decide.status == 0, "\(decide.stderr)")
        #expect(decide.stdout.contains("recorded recruitment"))
        let show = try CLI.run(["review", "show", "--queue", queue, "--color", "never", itemID])
        #expect(show.stdout.contains("decided recruitment by budi"), "\(show.stdout)")
        #expect(show.stdout.contains("[[K4mboja]]"), "hits highlighted at their spans")
        #expect(show.stdout.contains("text sha256: "))
        let export = try CLI.run(["review", "export", "--queue", queue, "--status", "recruitment"])
        let rows = export.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(rows.count == 1)
        #expect((rows.first?["sha256"] as? String)?.count == 64)
        #expect((rows.first?["text"] as? String)?.contains("K4mboja") == true)
        #expect(rows.first?["url"] as? String != nil)
        #expect(((rows.first?["decisions"] as? [[String: Any]])?.first?["reviewer"]) as? String == "budi")
        let stats = try CLI.run(["review", "stats", "--queue", queue])
        #expect(stats.stdout.contains("items: 30"), "\(stats.stdout)")
        #expect(stats.stdout.contains("decisions: 1"))
        let list = try CLI.run(["review", "list", "--queue", queue, "--status", "pending", "--limit", "5"])
        #expect(list.stdout.split(separator: "\n").count == 6, "header and five items")
    }
}
