import Dispatch
import HummingbirdBcrypt

/// bcrypt password hashing, off the async executors (a hash takes a quarter of a second at the
/// default cost, on purpose).
public struct PasswordHasher: Sendable {
    /// The production cost (2^12 rounds). Never lower than `minimumProductionCost` outside tests.
    public static let defaultCost: UInt8 = 12
    public static let minimumProductionCost: UInt8 = 10

    public let cost: UInt8
    private static let queue = DispatchQueue(label: "patroli.password-hashing", attributes: .concurrent)

    /// A hasher at `defaultCost`.
    public init() {
        cost = PasswordHasher.defaultCost
    }

    /// A hasher at `cost` (4…31). Only tests should go below `minimumProductionCost`, to run fast.
    public init(cost: UInt8) {
        precondition((4...31).contains(cost), "bcrypt cost must be between 4 and 31")
        self.cost = cost
    }

    /// A new salted hash of `password`.
    public func hash(_ password: String) async -> String {
        let cost = self.cost
        return await PasswordHasher.offload { Bcrypt.hash(password, cost: cost) }
    }

    /// True when `password` matches `hash` (which carries its own salt and cost).
    public func verify(_ password: String, hash: String) async -> Bool {
        await PasswordHasher.offload { Bcrypt.verify(password, hash: hash) }
    }

    private static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
