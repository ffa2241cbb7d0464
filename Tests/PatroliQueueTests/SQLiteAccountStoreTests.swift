import Foundation
import PatroliQueue
import Testing

/// The `AccountStoreContract` against a real SQLite file.
@Suite struct SQLiteAccountStoreTests {
    let database: TemporaryDatabase

    init() throws {
        database = try TemporaryDatabase()
    }

    @Test("AccountStore contract", arguments: AccountStoreContract.checks.map(\.name))
    func contract(_ check: String) async throws {
        try await AccountStoreContract.run(check, on: try await database.makeStore())
    }

    @Test func accountsSurviveReopeningTheQueueFile() async throws {
        try await database.makeStore().addAccount(AccountStoreContract.account("budi"))
        let reopened = try await database.makeStore()
        #expect(try await reopened.account(name: "budi")?.name == "budi")
    }
}
