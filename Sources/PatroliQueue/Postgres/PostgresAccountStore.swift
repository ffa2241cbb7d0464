import Foundation
import PostgresNIO

/// Accounts, sessions and login failures in the shared PostgreSQL queue (see `AccountStore`).
/// Every value is a bound parameter.
extension PostgresReviewStore: AccountStore {
    public func addAccount(_ account: Account) async throws {
        let createdMS = QueueTime.milliseconds(account.createdAt)
        try await transaction("adding account \(account.name)") { connection, logger in
            let inserted = try await connection.query("""
                INSERT INTO account (name, role, password_hash, created_at_ms)
                VALUES (\(account.name), \(account.role.rawValue), \(account.passwordHash), \(createdMS))
                ON CONFLICT (name) DO NOTHING RETURNING name
                """, logger: logger).values()
            guard !inserted.isEmpty else { throw ReviewStoreError.accountExists(account.name) }
        }
    }

    public func updateAccount(name: String, role: AccountRole, passwordHash: String) async throws {
        try await transaction("updating account \(name)") { connection, logger in
            let updated = try await connection.query("""
                UPDATE account SET role = \(role.rawValue), password_hash = \(passwordHash) WHERE name = \(name)
                RETURNING name
                """, logger: logger).values()
            guard !updated.isEmpty else { throw ReviewStoreError.accountNotFound(name) }
            try await connection.query("DELETE FROM account_session WHERE account_name = \(name)", logger: logger)
        }
    }

    public func removeAccount(name: String) async throws -> Bool {
        try await transaction("removing account \(name)") { connection, logger in
            try await connection.query("DELETE FROM account_session WHERE account_name = \(name)", logger: logger)
            return !(try await connection.query("DELETE FROM account WHERE name = \(name) RETURNING name",
                                                logger: logger).values().isEmpty)
        }
    }

    public func account(name: String) async throws -> Account? {
        try await read("reading account \(name)") { connection, logger in
            try await connection.query("""
                SELECT name, role, password_hash, created_at_ms FROM account WHERE name = \(name)
                """, logger: logger).values().first.map(PostgresReviewStore.account)
        }
    }

    public func accounts() async throws -> [Account] {
        try await read("listing accounts") { connection, logger in
            try await connection.query("SELECT name, role, password_hash, created_at_ms FROM account ORDER BY name",
                                       logger: logger).values().map(PostgresReviewStore.account)
        }
    }

    public func createSession(_ session: AccountSession) async throws {
        let expiresMS = QueueTime.milliseconds(session.expiresAt)
        try await transaction("starting a session for \(session.account)") { connection, logger in
            try await connection.query("""
                INSERT INTO account_session (token_sha256, account_name, csrf_token, expires_at_ms)
                VALUES (\(session.tokenHash), \(session.account), \(session.csrfToken), \(expiresMS))
                """, logger: logger)
        }
    }

    public func session(tokenHash: String, now: Date) async throws -> AccountSession? {
        let nowMS = QueueTime.milliseconds(now)
        return try await read("reading a session") { connection, logger in
            guard let row = try await connection.query("""
                SELECT s.token_sha256, s.account_name, s.csrf_token, s.expires_at_ms, a.role
                FROM account_session AS s JOIN account AS a ON a.name = s.account_name
                WHERE s.token_sha256 = \(tokenHash) AND s.expires_at_ms > \(nowMS)
                """, logger: logger).values().first else { return nil }
            guard let role = AccountRole(rawValue: try row.decode("role")) else { return nil }
            return AccountSession(tokenHash: try row.decode("token_sha256"), account: try row.decode("account_name"),
                                  role: role, csrfToken: try row.decode("csrf_token"),
                                  expiresAt: QueueTime.date(try row.decode("expires_at_ms")))
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await transaction("ending a session") { connection, logger in
            try await connection.query("DELETE FROM account_session WHERE token_sha256 = \(tokenHash)", logger: logger)
        }
    }

    public func deleteExpiredSessions(now: Date) async throws -> Int {
        let nowMS = QueueTime.milliseconds(now)
        return try await transaction("removing expired sessions") { connection, logger in
            try await connection.query("DELETE FROM account_session WHERE expires_at_ms <= \(nowMS) RETURNING 1",
                                       logger: logger).values().count
        }
    }

    public func recordLoginFailure(key: String, at: Date) async throws {
        let atMS = QueueTime.milliseconds(at)
        try await transaction("recording a failed sign-in") { connection, logger in
            try await connection.query("INSERT INTO login_failure (failure_key, failed_at_ms) VALUES (\(key), \(atMS))",
                                       logger: logger)
        }
    }

    public func loginFailures(key: String, since: Date) async throws -> Int {
        let sinceMS = QueueTime.milliseconds(since)
        return try await read("counting failed sign-ins") { connection, logger in
            let rows = try await connection.query("""
                SELECT COUNT(*) AS failures FROM login_failure WHERE failure_key = \(key) AND failed_at_ms >= \(sinceMS)
                """, logger: logger).values()
            return Int(try rows.first?.decode("failures", as: Int64.self) ?? 0)
        }
    }

    public func clearLoginFailures(key: String, before: Date) async throws {
        let beforeMS = QueueTime.milliseconds(before)
        try await transaction("clearing failed sign-ins") { connection, logger in
            try await connection.query(
                "DELETE FROM login_failure WHERE failure_key = \(key) OR failed_at_ms < \(beforeMS)", logger: logger)
        }
    }

    private static func account(_ row: PostgresRowValues) throws -> Account {
        let name: String = try row.decode("name")
        let roleName: String = try row.decode("role")
        guard let role = AccountRole(rawValue: roleName) else {
            throw ReviewStoreError.database(operation: "reading account \(name)", message: "unknown role `\(roleName)`")
        }
        return Account(name: name, role: role, passwordHash: try row.decode("password_hash"),
                       createdAt: QueueTime.date(try row.decode("created_at_ms")))
    }
}
