import Foundation

/// A review-queue failure a user can act on: what failed and a hint.
public enum ReviewStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case itemNotFound(Int64)
    /// Someone else holds an unexpired lease on the item.
    case leasedByAnotherReviewer(itemID: Int64, reviewer: String, until: Date)
    case invalidArgument(String)
    /// `addAccount` with a name that is already taken.
    case accountExists(String)
    /// An account operation named an account that does not exist.
    case accountNotFound(String)
    /// The database failed; `operation` says what was being done.
    case database(operation: String, message: String)

    public var description: String {
        switch self {
        case .itemNotFound(let id):
            return "queue item \(id) does not exist (hint: `patroli review list` shows the ids)"
        case .leasedByAnotherReviewer(let id, let reviewer, let until):
            return "queue item \(id) is claimed by \(reviewer) until \(until) (hint: wait for the lease to expire or ask them to release it)"
        case .invalidArgument(let message):
            return message
        case .accountExists(let name):
            return "an account named `\(name)` already exists (hint: `patroli users add \(name) --replace` sets a new password)"
        case .accountNotFound(let name):
            return "no account named `\(name)` (hint: `patroli users list` shows the accounts)"
        case .database(let operation, let message):
            return "review queue database error while \(operation): \(message)"
        }
    }
}
