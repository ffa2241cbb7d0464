import Foundation
import PatroliTestSupport
import Testing

/// The real `patroli` binary against a real PostgreSQL server (`PostgresTestServer`): the same
/// batch and review scenarios as on SQLite (`QueueScenarios`), and `rules eval --queue` on
/// officers' verdicts. Each test gets its own new database.
@Suite("patroli on a PostgreSQL queue", .serialized,
       .enabled(if: PostgresTestServer.shouldRun, PostgresTestServer.skipMessage), .postgresServer)
struct PostgresCLITests {
    /// The URL of a new, empty database on the suite's server.
    private func newQueue() async throws -> String {
        let server = try PostgresTestServer.required()
        return server.url(database: try await server.makeDatabase())
    }

    @Test func rerunningABatchQueuesNothingTwice() async throws {
        let folder = try TemporaryFolder()
        try await QueueScenarios.rerunningABatchQueuesNothingTwice(queue: try await newQueue(), in: folder)
    }

    @Test func aKilledBatchResumesWithNothingLostOrDuplicated() async throws {
        let folder = try TemporaryFolder()
        try await QueueScenarios.aKilledBatchResumesWithNothingLostOrDuplicated(
            clean: try await newQueue(), killed: try await newQueue(), in: folder)
    }

    @Test func concurrentOfficersNeverGetTheSameItem() async throws {
        let folder = try TemporaryFolder()
        let queue = try await newQueue()
        try QueueScenarios.makeReviewQueue(queue, in: folder)
        try QueueScenarios.concurrentOfficersNeverGetTheSameItem(queue: queue)
    }

    @Test func decisionsAreAuditedShownAndExported() async throws {
        let folder = try TemporaryFolder()
        let queue = try await newQueue()
        try QueueScenarios.makeReviewQueue(queue, in: folder)
        try QueueScenarios.decisionsAreAuditedShownAndExported(queue: queue)
    }

    @Test func rulesEvalUsesOfficersVerdictsFromThePostgresQueue() async throws {
        let folder = try TemporaryFolder()
        let queue = try await newQueue()
        let pack = try await FeedbackQueue.make(queue: queue, in: folder)
        let report = try FeedbackQueue.evaluateJSON(queue: queue, pack: pack)
        let labels = try #require(report["labels"] as? [String: Any])
        #expect(labels["labelled"] as? Int == FeedbackQueue.labelled)
        #expect(labels["by_cluster_decision"] as? Int == 2)
        #expect(report["queue_precision"] as? Double == 0.4286, "3 of 7, written with 4 decimals")
        #expect(try FeedbackQueue.rule("salary.words", in: report)["precision"] as? Double == 0.25)
        let shownQueue = try #require(report["queue"] as? String)
        #expect(!shownQueue.contains(try #require(URLComponents(string: queue)?.password)), "the password is not printed")
    }
}
