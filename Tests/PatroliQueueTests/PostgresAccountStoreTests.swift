import Foundation
import PatroliQueue
import PatroliTestSupport
import Testing

extension PostgresReviewStoreTests {
    /// The `AccountStoreContract` against a real PostgreSQL server: each check on its own new,
    /// migrated database.
    @Suite("Shared AccountStore contract", .serialized)
    struct Accounts {
        @Test("AccountStore contract", arguments: AccountStoreContract.checks.map(\.name))
        func contract(_ check: String) async throws {
            try await PostgresTestServer.required().withStore { store in
                try await AccountStoreContract.run(check, on: store)
            }
        }
    }
}
