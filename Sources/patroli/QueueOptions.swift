import ArgumentParser
import Foundation
import PatroliCore
import PatroliQueue

/// Opens the review queue named on the command line: a SQLite file path (or `sqlite:PATH`), or a
/// `postgres://` / `postgresql://` URL.
func makeReviewStore(_ queue: String) throws -> any ReviewAndAccountStore {
    try ReviewStoreFactory.make(url: queue)
}

/// Opens and migrates the queue; on failure says which queue and why, and exits with 2.
func openReviewStore(_ queue: String) throws -> any ReviewAndAccountStore {
    do {
        let store = try makeReviewStore(queue)
        try blockingCall { try await store.migrate() }
        return store
    } catch {
        Console.error("\(redacted(queue)): cannot open the review queue: \(error)")
        throw ExitCode(2)
    }
}

/// Officers' verdicts in `queue` as labelled posts (`rules eval --queue`, `rules tune --queue`);
/// exits with 2 when the queue cannot be read.
func readReviewedPosts(_ queue: String) throws -> ReviewedPosts {
    let store = try openReviewStore(queue)
    let name = redacted(queue)
    do {
        return try blockingCall { try await store.reviewedPosts(queue: name) }
    } catch {
        Console.error("\(name): cannot read the reviewed items of the review queue: \(error)")
        throw ExitCode(2)
    }
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
