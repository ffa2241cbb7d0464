import Foundation
import PatroliQueue
import Testing

/// Posts for batch runs: every third one is a recruitment ad (flagged), each with its own id and
/// its own contact so no two are the same post.
private func archive(posts: Int, offset: Int = 0) -> Data {
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

private func fingerprints(_ database: String) async throws -> [String] {
    let store = try SQLiteReviewStore(path: database)
    var filter = ReviewFilter()
    filter.limit = nil
    return try await store.export(filter).map(\.item.fingerprint).sorted()
}

@Suite(.serialized) struct BatchCommandTests {
    @Test func rerunningABatchQueuesNothingTwice() async throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        try folder.write("archive/day1/a.jsonl", archive(posts: 300))
        try folder.write("archive/day1/b.jsonl", archive(posts: 300, offset: 300))
        let database = folder.path("queue.db")
        let first = try CLI.run(["batch", "--rules", pack, "--queue", database, "--report", folder.path("reports"), folder.path("archive")])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("600 posts, 200 flagged"), "\(first.stdout)")
        #expect(first.stdout.contains("report: "))
        let once = try await fingerprints(database)
        #expect(once.count == 200)
        let second = try CLI.run(["batch", "--rules", pack, "--queue", database, "--report", folder.path("reports"), folder.path("archive")])
        #expect(second.status == 0)
        #expect(second.stderr.contains("already done by an earlier run"))
        #expect(try await fingerprints(database) == once)
        let reports = try FileManager.default.contentsOfDirectory(atPath: folder.path("reports"))
        #expect(reports.contains { $0.hasSuffix(".html") } && reports.contains { $0.hasSuffix(".json") })
    }

    @Test func aKilledBatchResumesWithNothingLostOrDuplicated() async throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        try folder.write("archive/big.jsonl", archive(posts: 30000))
        try folder.write("archive/small.jsonl", archive(posts: 900, offset: 30000))
        let clean = folder.path("clean.db")
        let reference = try CLI.run(["batch", "--rules", pack, "--queue", clean, "--report", folder.path("r1"), folder.path("archive")])
        #expect(reference.status == 0, "\(reference.stderr)")
        let expected = try await fingerprints(clean)
        #expect(expected.count == 10300)

        // Start the same batch, kill -9 it once it has committed something, then run it again.
        let killed = folder.path("killed.db")
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
        let resumed = try CLI.run(["batch", "--rules", pack, "--queue", killed, "--report", folder.path("r3"), folder.path("archive")])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resumed after record"), "\(resumed.stderr)")
        #expect(try await fingerprints(killed) == expected, "every flagged post exactly once")
    }

    @Test func everyInputFormatIsReadAndBadFilesAreSkippedWithAReason() async throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let ad = "Loker K4mboja gaji 15jt, hub wa.me/6281200009999"
        try folder.write("in/posts.jsonl", "{\"id\":\"j1\",\"text\":\"\(ad)\"}\n")
        try folder.write("in/posts.csv", "id,text\nc1,\"\(ad) csv\"\n")
        try folder.write("in/posts.txt", "\(ad) text\n")
        try folder.write("in/ChatExport/result.json", """
            {"name": "Kanal Fiktif", "messages": [{"id": 7, "type": "message", "from": "Demo",
             "text": ["Loker K4mboja gaji 15jt ", {"type": "link", "text": "wa.me/6281200008888"}]}]}
            """)
        try folder.write("in/broken.json", "{\"messages\": [")
        let gz = try folder.write("in/more.jsonl", "{\"id\":\"g1\",\"text\":\"\(ad) gz\"}\n")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [gz]
        try gzip.run()
        gzip.waitUntilExit()
        let database = folder.path("q.db")
        let run = try CLI.run(["batch", "--rules", pack, "--queue", database, "--report", folder.path("r"), folder.path("in")])
        #expect(run.status == 1, "bad input makes the exit code 1; stderr: \(run.stderr)")
        #expect(run.stderr.contains("broken.json"), "the malformed file is named")
        let store = try SQLiteReviewStore(path: database)
        var filter = ReviewFilter()
        filter.limit = nil
        let ids = try await store.export(filter).map(\.item.source.postID).sorted()
        #expect(ids == ["1", "7", "c1", "g1", "j1"], "jsonl, csv, text, telegram and gzip all queued")
    }

    @Test func shardsSplitTheInputsWithoutOverlap() throws {
        let folder = try TemporaryFolder()
        for n in 0..<12 { try folder.write("s/f\(n).jsonl", archive(posts: 3, offset: n * 3)) }
        let paths = (0..<12).map { folder.path("s/f\($0).jsonl") }
        let shards = (1...3).map { Shard(parsing: "\($0)/3")! }
        let taken = shards.map { shard in BatchInputFinder.find(arguments: [folder.path("s")], shard: shard).inputs.map(\.path) }
        #expect(Set(taken.flatMap { $0 }) == Set(paths))
        #expect(taken.map(\.count).reduce(0, +) == 12, "each file in exactly one shard")
        #expect(Shard(parsing: "0/3") == nil && Shard(parsing: "4/3") == nil && Shard(parsing: "x") == nil)
    }
}
