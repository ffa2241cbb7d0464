import Foundation
import GRDB

/// Accounts, sessions and login failures in the queue's SQLite file (see `AccountStore`).
extension SQLiteReviewStore: AccountStore {
    public func addAccount(_ account: Account) async throws {
        try await write("adding account \(account.name)") { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [account.name]) == true {
                throw ReviewStoreError.accountExists(account.name)
            }
            try db.execute(sql: """
                INSERT INTO account (name, role, password_hash, created_at_ms) VALUES (?, ?, ?, ?)
                """, arguments: [account.name, account.role.rawValue, account.passwordHash,
                                 QueueTime.milliseconds(account.createdAt)])
        }
    }

    public func updateAccount(name: String, role: AccountRole, passwordHash: String) async throws {
        try await write("updating account \(name)") { db in
            try db.execute(sql: "UPDATE account SET role = ?, password_hash = ? WHERE name = ?",
                           arguments: [role.rawValue, passwordHash, name])
            guard db.changesCount > 0 else { throw ReviewStoreError.accountNotFound(name) }
            try db.execute(sql: "DELETE FROM account_session WHERE account_name = ?", arguments: [name])
        }
    }

    public func removeAccount(name: String) async throws -> Bool {
        try await write("removing account \(name)") { db in
            try db.execute(sql: "DELETE FROM account_session WHERE account_name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM account WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    public func account(name: String) async throws -> Account? {
        try await read("reading account \(name)") { db in
            try Row.fetchOne(db, sql: "SELECT name, role, password_hash, created_at_ms FROM account WHERE name = ?",
                             arguments: [name]).map(SQLiteReviewStore.account)
        }
    }

    public func accounts() async throws -> [Account] {
        try await read("listing accounts") { db in
            try Row.fetchAll(db, sql: "SELECT name, role, password_hash, created_at_ms FROM account ORDER BY name")
                .map(SQLiteReviewStore.account)
        }
    }

    public func createSession(_ session: AccountSession) async throws {
        try await write("starting a session for \(session.account)") { db in
            try db.execute(sql: """
                INSERT INTO account_session (token_sha256, account_name, csrf_token, expires_at_ms) VALUES (?, ?, ?, ?)
                """, arguments: [session.tokenHash, session.account, session.csrfToken,
                                 QueueTime.milliseconds(session.expiresAt)])
        }
    }

    public func session(tokenHash: String, now: Date) async throws -> AccountSession? {
        try await read("reading a session") { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT s.token_sha256, s.account_name, s.csrf_token, s.expires_at_ms, a.role
                FROM account_session AS s JOIN account AS a ON a.name = s.account_name
                WHERE s.token_sha256 = ? AND s.expires_at_ms > ?
                """, arguments: [tokenHash, QueueTime.milliseconds(now)]) else { return nil }
            guard let role = AccountRole(rawValue: row["role"]) else { return nil }
            return AccountSession(tokenHash: row["token_sha256"], account: row["account_name"], role: role,
                                  csrfToken: row["csrf_token"], expiresAt: QueueTime.date(row["expires_at_ms"]))
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write("ending a session") { db in
            try db.execute(sql: "DELETE FROM account_session WHERE token_sha256 = ?", arguments: [tokenHash])
        }
    }

    public func deleteExpiredSessions(now: Date) async throws -> Int {
        try await write("removing expired sessions") { db in
            try db.execute(sql: "DELETE FROM account_session WHERE expires_at_ms <= ?",
                           arguments: [QueueTime.milliseconds(now)])
            return db.changesCount
        }
    }

    public func recordLoginFailure(key: String, at: Date) async throws {
        try await write("recording a failed sign-in") { db in
            try db.execute(sql: "INSERT INTO login_failure (failure_key, failed_at_ms) VALUES (?, ?)",
                           arguments: [key, QueueTime.milliseconds(at)])
        }
    }

    public func loginFailures(key: String, since: Date) async throws -> Int {
        try await read("counting failed sign-ins") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM login_failure WHERE failure_key = ? AND failed_at_ms >= ?",
                             arguments: [key, QueueTime.milliseconds(since)]) ?? 0
        }
    }

    public func clearLoginFailures(key: String, before: Date) async throws {
        try await write("clearing failed sign-ins") { db in
            try db.execute(sql: "DELETE FROM login_failure WHERE failure_key = ? OR failed_at_ms < ?",
                           arguments: [key, QueueTime.milliseconds(before)])
        }
    }

    private static func account(_ row: Row) throws -> Account {
        let name: String = row["name"]
        guard let role = AccountRole(rawValue: row["role"]) else {
            throw ReviewStoreError.database(operation: "reading account \(name)", message: "unknown role `\(row["role"] as String)`")
        }
        return Account(name: name, role: role, passwordHash: row["password_hash"], createdAt: QueueTime.date(row["created_at_ms"]))
    }
}
