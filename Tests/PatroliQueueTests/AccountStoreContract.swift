import Foundation
import PatroliQueue
import Testing

/// The behaviour every `AccountStore` must show, run against SQLite and PostgreSQL. Each check
/// takes a freshly migrated, empty store.
enum AccountStoreContract {
    typealias Check = @Sendable (any ReviewAndAccountStore) async throws -> Void

    static let checks: [(name: String, run: Check)] = [
        ("addedAccountsReadBackAndNamesAreUnique", addedAccountsReadBackAndNamesAreUnique),
        ("updatingAnAccountReplacesHashAndRoleAndEndsItsSessions", updatingAnAccountReplacesHashAndRoleAndEndsItsSessions),
        ("sessionsAreFoundByTokenHashUntilTheyExpire", sessionsAreFoundByTokenHashUntilTheyExpire),
        ("signOutAndRemovingTheAccountEndSessions", signOutAndRemovingTheAccountEndSessions),
        ("loginFailuresAreCountedPerKeyWithinTheWindow", loginFailuresAreCountedPerKeyWithinTheWindow),
    ]

    /// Runs the check named `name` (one of `checks`) on `store`.
    static func run(_ name: String, on store: any ReviewAndAccountStore) async throws {
        let check = try #require(checks.first { $0.name == name }, "no account-store check named \(name)")
        try await check.run(store)
    }

    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    static func account(_ name: String, role: AccountRole = .reviewer, hash: String = "$2b$04$hash") -> Account {
        Account(name: name, role: role, passwordHash: hash, createdAt: start)
    }

    static func session(_ tokenHash: String, account: String, expires: TimeInterval = 3600) -> AccountSession {
        AccountSession(tokenHash: tokenHash, account: account, role: .reviewer, csrfToken: "csrf-" + tokenHash,
                       expiresAt: start.addingTimeInterval(expires))
    }

    static func addedAccountsReadBackAndNamesAreUnique(_ store: any ReviewAndAccountStore) async throws {
        try await store.addAccount(account("siti", role: .analyst, hash: "$2b$04$siti"))
        try await store.addAccount(account("budi"))
        let siti = try #require(try await store.account(name: "siti"))
        #expect(siti == account("siti", role: .analyst, hash: "$2b$04$siti"))
        #expect(try await store.account(name: "SITI") == nil, "names are compared exactly")
        #expect(try await store.accounts().map(\.name) == ["budi", "siti"])
        await #expect(throws: ReviewStoreError.accountExists("siti")) {
            try await store.addAccount(account("siti", role: .admin))
        }
        #expect(try await store.account(name: "siti")?.role == .analyst, "a refused add changes nothing")
    }

    static func updatingAnAccountReplacesHashAndRoleAndEndsItsSessions(_ store: any ReviewAndAccountStore) async throws {
        try await store.addAccount(account("budi"))
        try await store.createSession(session("t1", account: "budi"))
        try await store.updateAccount(name: "budi", role: .admin, passwordHash: "$2b$04$new")
        let budi = try #require(try await store.account(name: "budi"))
        #expect(budi.role == .admin)
        #expect(budi.passwordHash == "$2b$04$new")
        #expect(try await store.session(tokenHash: "t1", now: start) == nil, "a new password signs the account out")
        await #expect(throws: ReviewStoreError.accountNotFound("nobody")) {
            try await store.updateAccount(name: "nobody", role: .reviewer, passwordHash: "x")
        }
    }

    static func sessionsAreFoundByTokenHashUntilTheyExpire(_ store: any ReviewAndAccountStore) async throws {
        try await store.addAccount(account("siti", role: .analyst))
        try await store.createSession(session("hash-a", account: "siti", expires: 600))
        let found = try #require(try await store.session(tokenHash: "hash-a", now: start))
        #expect(found.account == "siti")
        #expect(found.role == .analyst, "the session carries the account's current role")
        #expect(found.csrfToken == "csrf-hash-a")
        #expect(found.expiresAt == start.addingTimeInterval(600))
        #expect(try await store.session(tokenHash: "hash-b", now: start) == nil)
        #expect(try await store.session(tokenHash: "hash-a", now: start.addingTimeInterval(599)) != nil)
        #expect(try await store.session(tokenHash: "hash-a", now: start.addingTimeInterval(600)) == nil)
        try await store.createSession(session("hash-c", account: "siti", expires: 7200))
        #expect(try await store.deleteExpiredSessions(now: start.addingTimeInterval(3600)) == 1)
        #expect(try await store.session(tokenHash: "hash-c", now: start.addingTimeInterval(3600)) != nil)
    }

    static func signOutAndRemovingTheAccountEndSessions(_ store: any ReviewAndAccountStore) async throws {
        try await store.addAccount(account("budi"))
        try await store.createSession(session("s1", account: "budi"))
        try await store.createSession(session("s2", account: "budi"))
        try await store.deleteSession(tokenHash: "s1")
        #expect(try await store.session(tokenHash: "s1", now: start) == nil)
        #expect(try await store.session(tokenHash: "s2", now: start) != nil, "signing out ends only that browser's session")
        #expect(try await store.removeAccount(name: "budi"))
        #expect(try await store.session(tokenHash: "s2", now: start) == nil)
        #expect(try await store.account(name: "budi") == nil)
        #expect(try await store.removeAccount(name: "budi") == false)
    }

    static func loginFailuresAreCountedPerKeyWithinTheWindow(_ store: any ReviewAndAccountStore) async throws {
        for offset in [0.0, 60, 120] {
            try await store.recordLoginFailure(key: "account:budi", at: start.addingTimeInterval(offset))
        }
        try await store.recordLoginFailure(key: "address:127.0.0.1", at: start)
        #expect(try await store.loginFailures(key: "account:budi", since: start) == 3)
        #expect(try await store.loginFailures(key: "account:budi", since: start.addingTimeInterval(60)) == 2)
        #expect(try await store.loginFailures(key: "account:siti", since: start) == 0)
        try await store.clearLoginFailures(key: "account:budi", before: start)
        #expect(try await store.loginFailures(key: "account:budi", since: start) == 0)
        #expect(try await store.loginFailures(key: "address:127.0.0.1", since: start) == 1,
                "clearing one key keeps the others' recent failures")
        try await store.clearLoginFailures(key: "account:other", before: start.addingTimeInterval(1))
        #expect(try await store.loginFailures(key: "address:127.0.0.1", since: .distantPast) == 0,
                "failures older than the window are tidied away")
    }
}
