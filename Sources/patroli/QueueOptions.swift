import Foundation
import PatroliQueue

/// Opens the review queue named on the command line: a SQLite file path (or `sqlite:PATH`), or a
/// `postgres://` / `postgresql://` URL.
func makeReviewStore(_ queue: String) throws -> any ReviewAndAccountStore {
    try ReviewStoreFactory.make(url: queue)
}

/// Runs an async store call from the CLI's (non-pool) thread and waits for it.
func blockingCall<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
    let box = CallResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await operation()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    guard let result = box.result else { throw CancellationError() }
    return try result.get()
}

/// Carries a store call's result back to the waiting thread.
private final class CallResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
