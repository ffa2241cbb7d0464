import Foundation
import PatroliQueue
import PatroliTestSupport
import Testing

extension PostgresReviewStoreTests {
    /// The `ReviewStoreContract` against a real PostgreSQL server: each check on its own new,
    /// migrated database.
    @Suite("Shared ReviewStore contract", .serialized)
    struct Contract {
        private func run(_ check: ReviewStoreContract.Check) async throws {
            try await PostgresTestServer.required().withStore { store in try await check(store) }
        }

        @Test func reinsertingABatchChangesNothing() async throws { try await run(ReviewStoreContract.reinsertingABatchChangesNothing) }
        @Test func copiesOfOneTextCountAndShareACluster() async throws { try await run(ReviewStoreContract.copiesOfOneTextCountAndShareACluster) }
        @Test func nearDuplicatesShareAClusterAndUnrelatedPostsDoNot() async throws { try await run(ReviewStoreContract.nearDuplicatesShareAClusterAndUnrelatedPostsDoNot) }
        @Test func sharedContactLinksPostsAndMergesClusters() async throws { try await run(ReviewStoreContract.sharedContactLinksPostsAndMergesClusters) }
        @Test func itemKeepsThePostItsSourceAndItsScore() async throws { try await run(ReviewStoreContract.itemKeepsThePostItsSourceAndItsScore) }
        @Test func listFiltersByRiskCategoryStatusSourceContactAndCluster() async throws { try await run(ReviewStoreContract.listFiltersByRiskCategoryStatusSourceContactAndCluster) }
        @Test func listSortsByScoreAndTimeAndPages() async throws { try await run(ReviewStoreContract.listSortsByScoreAndTimeAndPages) }
        @Test func claimNextTakesTheTopItemWithItsCluster() async throws { try await run(ReviewStoreContract.claimNextTakesTheTopItemWithItsCluster) }
        @Test func concurrentClaimsNeverOverlap() async throws { try await run(ReviewStoreContract.concurrentClaimsNeverOverlap) }
        @Test func expiredLeaseReturnsTheItem() async throws { try await run(ReviewStoreContract.expiredLeaseReturnsTheItem) }
        @Test func releaseGivesBackOnlyTheReviewersOwnLeases() async throws { try await run(ReviewStoreContract.releaseGivesBackOnlyTheReviewersOwnLeases) }
        @Test func decideAppendsToTheAuditTrailWithWhoAndWhen() async throws { try await run(ReviewStoreContract.decideAppendsToTheAuditTrailWithWhoAndWhen) }
        @Test func decideRefusesAnItemLeasedByAnotherReviewer() async throws { try await run(ReviewStoreContract.decideRefusesAnItemLeasedByAnotherReviewer) }
        @Test func decidingAWholeClusterDecidesEveryMember() async throws { try await run(ReviewStoreContract.decidingAWholeClusterDecidesEveryMember) }
        @Test func exportCarriesOriginalTextHashSourceAndDecisions() async throws { try await run(ReviewStoreContract.exportCarriesOriginalTextHashSourceAndDecisions) }
        @Test func statsCountStatusesRisksClustersLeasesAndDecisions() async throws { try await run(ReviewStoreContract.statsCountStatusesRisksClustersLeasesAndDecisions) }
        @Test func clustersShowSizeMembersContactsAndTimes() async throws { try await run(ReviewStoreContract.clustersShowSizeMembersContactsAndTimes) }
        @Test func ledgerRoundTripsAndUpdatesProgress() async throws { try await run(ReviewStoreContract.ledgerRoundTripsAndUpdatesProgress) }

        @Test func everyContractCheckHasATestHere() throws {
            let source = try String(contentsOfFile: #filePath, encoding: .utf8)
            for check in ReviewStoreContract.checks {
                #expect(source.contains("ReviewStoreContract.\(check.name))"), "PostgreSQL suite does not run \(check.name)")
            }
        }

        @Test func claimsFromSeveralConnectionPoolsNeverOverlap() async throws {
            // Four stores = four independent connection pools on one database, as four machines
            // would have; only the database's row locks keep their claims apart.
            let server = try PostgresTestServer.required()
            let url = server.url(database: try await server.makeDatabase())
            let stores = try (0..<4).map { _ in try PostgresReviewStore(url: url) }
            try await stores[0].migrate()
            do {
                try await ReviewStoreContract.claimsFromSeveralStoresNeverOverlap(stores, items: 60, tasks: 16)
            } catch {
                for store in stores { await store.close() }
                throw error
            }
            for store in stores { await store.close() }
        }
    }
}
