import Foundation
import PatroliQueue
import PatroliTestSupport
import Testing

extension PostgresReviewStoreTests {
    /// The `ReviewStoreContract` against a real PostgreSQL server: each check on its own new,
    /// migrated database.
    @Suite("Shared ReviewStore contract", .serialized)
    struct Contract {
        @Test("ReviewStore contract", arguments: ReviewStoreContract.checks.map(\.name))
        func contract(_ check: String) async throws {
            try await PostgresTestServer.required().withStore { store in
                try await ReviewStoreContract.run(check, on: store)
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
