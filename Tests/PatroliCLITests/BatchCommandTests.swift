import Foundation
import PatroliQueue
import Testing

/// Batches into SQLite files; the same scenarios run on PostgreSQL in `PostgresCLITests`.
@Suite(.serialized) struct BatchCommandTests {
    @Test func rerunningABatchQueuesNothingTwice() async throws {
        let folder = try TemporaryFolder()
        try await QueueScenarios.rerunningABatchQueuesNothingTwice(queue: folder.path("queue.db"), in: folder)
    }

    @Test func aKilledBatchResumesWithNothingLostOrDuplicated() async throws {
        let folder = try TemporaryFolder()
        try await QueueScenarios.aKilledBatchResumesWithNothingLostOrDuplicated(
            clean: folder.path("clean.db"), killed: folder.path("killed.db"), in: folder)
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
        for n in 0..<12 { try folder.write("s/f\(n).jsonl", QueueScenarios.archive(posts: 3, offset: n * 3)) }
        let paths = (0..<12).map { folder.path("s/f\($0).jsonl") }
        let shards = (1...3).map { Shard(parsing: "\($0)/3")! }
        let taken = shards.map { shard in BatchInputFinder.find(arguments: [folder.path("s")], shard: shard).inputs.map(\.path) }
        #expect(Set(taken.flatMap { $0 }) == Set(paths))
        #expect(taken.map(\.count).reduce(0, +) == 12, "each file in exactly one shard")
        #expect(Shard(parsing: "0/3") == nil && Shard(parsing: "4/3") == nil && Shard(parsing: "x") == nil)
    }
}
