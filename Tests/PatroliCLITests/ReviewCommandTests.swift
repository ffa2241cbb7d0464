import Foundation
import Testing

/// `patroli review` on a SQLite queue; the same scenarios run on PostgreSQL in `PostgresCLITests`.
@Suite(.serialized) struct ReviewCommandTests {
    @Test func concurrentOfficersNeverGetTheSameItem() throws {
        let folder = try TemporaryFolder()
        try QueueScenarios.makeReviewQueue(folder.path("queue.db"), in: folder)
        try QueueScenarios.concurrentOfficersNeverGetTheSameItem(queue: folder.path("queue.db"))
    }

    @Test func decisionsAreAuditedShownAndExported() throws {
        let folder = try TemporaryFolder()
        try QueueScenarios.makeReviewQueue(folder.path("queue.db"), in: folder)
        try QueueScenarios.decisionsAreAuditedShownAndExported(queue: folder.path("queue.db"))
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
