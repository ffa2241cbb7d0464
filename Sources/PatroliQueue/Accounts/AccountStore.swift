import Foundation

/// What an account may do on the review page.
///
/// Every role may read the queue and decide items; analysts and admins may also export case
/// files; admins may also manage accounts.
public enum AccountRole: String, Sendable, Hashable, CaseIterable, Codable {
    case reviewer
    case analyst
    case admin

    /// Reviewers and above record decisions.
    public var mayDecide: Bool { true }
    /// Analysts and admins export case files.
    public var mayExport: Bool { self == .analyst || self == .admin }
}

/// An officer's account: name, role and the salted slow hash of the password (never the password).
public struct Account: Sendable, Hashable {
    public var name: String
    public var role: AccountRole
    /// A bcrypt hash (`$2b$…`), salt and cost included.
    public var passwordHash: String
    public var createdAt: Date

    public init(name: String, role: AccountRole, passwordHash: String, createdAt: Date) {
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

/// A signed-in browser. The store keeps only the SHA-256 of the cookie's token, so a copy of the
/// database does not let anyone take over a session.
public struct AccountSession: Sendable, Hashable {
    /// SHA-256 (hex) of the session token the browser holds.
    public var tokenHash: String
    public var account: String
    public var role: AccountRole
    /// The token every form of this session must send back (CSRF protection).
    public var csrfToken: String
    public var expiresAt: Date

    public init(tokenHash: String, account: String, role: AccountRole, csrfToken: String, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.account = account
        self.role = role
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}

/// Officers' accounts, their sessions and failed sign-ins, kept in the review queue's database
/// (SQLite or PostgreSQL) so that every `patroli serve` on one queue shares them. `migrate()`
/// (from `ReviewStore`) creates the tables. All SQL is parameterized.
///
/// Rules every store follows (checked by `AccountStoreContract` against both):
/// - Names are unique and compared exactly; `addAccount` throws `.accountExists` for a taken name.
/// - `session(tokenHash:now:)` returns nil for an unknown, expired or deleted session, and for a
///   session whose account was removed; it carries the account's current role.
/// - Login failures are counted per key (e.g. `account:NAME`, `ip:ADDRESS`) since a given time.
public protocol AccountStore: Sendable {
    /// Creates the account; throws `ReviewStoreError.accountExists` when the name is taken.
    func addAccount(_ account: Account) async throws
    /// Replaces the password hash and role of an existing account and ends its sessions; throws
    /// `ReviewStoreError.accountNotFound` for an unknown name.
    func updateAccount(name: String, role: AccountRole, passwordHash: String) async throws
    /// Removes the account and its sessions; returns false when there was no such account.
    func removeAccount(name: String) async throws -> Bool
    func account(name: String) async throws -> Account?
    /// Every account, by name.
    func accounts() async throws -> [Account]

    /// Stores a new session for `session.account`.
    func createSession(_ session: AccountSession) async throws
    /// The live session with this token hash at `now`, or nil.
    func session(tokenHash: String, now: Date) async throws -> AccountSession?
    /// Ends the session (sign-out). Unknown hashes are ignored.
    func deleteSession(tokenHash: String) async throws
    /// Removes sessions expired at `now`; returns how many.
    func deleteExpiredSessions(now: Date) async throws -> Int

    /// Records one failed sign-in for `key` at `at`.
    func recordLoginFailure(key: String, at: Date) async throws
    /// Failed sign-ins for `key` at or after `since`.
    func loginFailures(key: String, since: Date) async throws -> Int
    /// Forgets `key`'s failures (after a successful sign-in) and every failure older than `before`.
    func clearLoginFailures(key: String, before: Date) async throws
}

/// A review queue that also keeps accounts: what `patroli serve` and `patroli users` open.
public typealias ReviewAndAccountStore = AccountStore & ReviewStore
