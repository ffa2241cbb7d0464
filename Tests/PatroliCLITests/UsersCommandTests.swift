import Foundation
import PatroliQueue
import Testing

@Suite(.serialized) struct UsersCommandTests {
    @Test func addingAnAccountFromStandardInputStoresOnlyASlowSaltedHash() async throws {
        let folder = try TemporaryFolder()
        let database = folder.path("queue.db")
        let password = "kata-sandi-rahasia-01"
        let run = try CLI.run(["users", "add", "siti", "--role", "analyst", "--password-stdin", "--queue", database],
                              stdin: Data((password + "\n").utf8))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("account siti (analyst) added"))
        let store = try SQLiteReviewStore(path: database)
        try await store.migrate()
        let account = try #require(try await store.account(name: "siti"))
        #expect(account.role == .analyst)
        #expect(account.passwordHash.hasPrefix("$2b$12$"), "bcrypt at cost 12: \(account.passwordHash.prefix(7))")
        #expect(!account.passwordHash.contains(password))
        let list = try CLI.run(["users", "list", "--queue", database])
        #expect(list.stdoutLines.dropFirst().first?.hasPrefix("siti\tanalyst\t") == true)
    }

    @Test func aTakenNameIsRefusedUnlessReplaced() async throws {
        let folder = try TemporaryFolder()
        let database = folder.path("queue.db")
        let first = try CLI.run(["users", "add", "budi", "--queue", database], stdin: Data("password-satu-1\n".utf8))
        #expect(first.status == 0, "\(first.stderr)")
        let again = try CLI.run(["users", "add", "budi", "--queue", database], stdin: Data("password-dua-22\n".utf8))
        #expect(again.status == 2)
        #expect(again.stderr.contains("an account named `budi` already exists"))
        #expect(again.stderr.contains("--replace"))
        let replaced = try CLI.run(["users", "add", "budi", "--role", "admin", "--replace", "--queue", database],
                                   stdin: Data("password-dua-22\n".utf8))
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let store = try SQLiteReviewStore(path: database)
        try await store.migrate()
        #expect(try await store.account(name: "budi")?.role == .admin)
    }

    @Test func shortPasswordsAndOddNamesAreRefusedBeforeAnythingIsStored() throws {
        let folder = try TemporaryFolder()
        let database = folder.path("queue.db")
        let short = try CLI.run(["users", "add", "budi", "--queue", database], stdin: Data("pendek\n".utf8))
        #expect(short.status == 2)
        #expect(short.stderr.contains("at least 10 characters"))
        let odd = try CLI.run(["users", "add", "budi <b>", "--queue", database], stdin: Data("password-panjang\n".utf8))
        #expect(odd.status != 0)
        #expect(odd.stderr.contains("account names use letters, digits"))
        let list = try CLI.run(["users", "list", "--queue", database])
        #expect(list.stdoutLines == ["name\trole\tcreated"])
    }
}
