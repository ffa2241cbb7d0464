#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream into lines with one rolling buffer of bounded size.
///
/// Reads in 64 KiB chunks and hands out a line as soon as its newline has arrived, so a pipe fed
/// slowly (`tail -f`) yields each post without waiting for more. A trailing `\r` is dropped (CRLF),
/// and a final newline does not make an empty last line. A line longer than the limit is read
/// through without being kept: the buffer never grows past the limit plus one chunk.
final class LineBuffer {
    static let chunkSize = 64 << 10

    enum Line {
        /// A complete line (without its newline); the bytes are valid until the next call.
        case line(UnsafeBufferPointer<UInt8>, number: Int)
        /// A line longer than the limit, already skipped.
        case tooLong(number: Int)
        /// The input failed; nothing more will be read. The partial line, if any, is dropped.
        case failed(InputProblem)
        case end
    }

    private let source: any ByteSource
    private let maxLineBytes: Int
    private let maxCapacity: Int
    private var storage: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private var start = 0
    private var end = 0
    /// Where the search for the next newline resumes (bytes before it hold none).
    private var searchFrom = 0
    private(set) var lineNumber = 0
    private var atEnd = false
    private var pendingFailure: InputProblem?

    init(source: any ByteSource, maxLineBytes: Int) {
        self.source = source
        self.maxLineBytes = min(max(1, maxLineBytes), 1 << 40)
        // Room for the longest allowed line, its CR and LF, and one more chunk.
        maxCapacity = self.maxLineBytes + 2 + Self.chunkSize
        capacity = min(4 * Self.chunkSize, maxCapacity)
        storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    func next() -> Line {
        while true {
            if let newline = findNewline() {
                return takeLine(upTo: newline)
            }
            searchFrom = end
            if let failure = pendingFailure {
                pendingFailure = nil
                atEnd = true
                start = 0
                end = 0
                searchFrom = 0
                return .failed(failure)
            }
            if atEnd {
                guard start < end else { return .end }
                return takeLine(upTo: end)
            }
            if end - start > maxLineBytes + 1 {
                return skipLongLine()
            }
            makeRoomForChunk()
            do throws(InputProblem) {
                let count = try source.read(into: storage + end, capacity: min(Self.chunkSize, capacity - end))
                if count == 0 { atEnd = true }
                end += count
            } catch {
                pendingFailure = withLine(error)
            }
        }
    }

    /// True when `next()` can return without reading from a source that may wait: a complete
    /// line is buffered, the input has ended or failed, or the source never waits.
    var hasLineReady: Bool {
        atEnd || pendingFailure != nil || source.neverWaits || findNewline() != nil
    }

    private func findNewline() -> Int? {
        guard searchFrom < end,
              let found = memchr(storage + searchFrom, 0x0A, end - searchFrom)
        else { return nil }
        return storage.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Hands out `start..<lineEnd` (minus a trailing CR) and moves past the newline at `lineEnd`.
    private func takeLine(upTo lineEnd: Int) -> Line {
        lineNumber += 1
        var length = lineEnd - start
        if length > 0 && storage[start + length - 1] == 0x0D { length -= 1 }
        let lineStart = start
        start = min(lineEnd + 1, end)
        searchFrom = start
        if start == end {
            start = 0
            end = 0
            searchFrom = 0
        }
        if length > maxLineBytes { return .tooLong(number: lineNumber) }
        return .line(UnsafeBufferPointer(start: storage + lineStart, count: length), number: lineNumber)
    }

    /// Drops the buffered start of an over-long line and reads on to its newline, keeping nothing.
    private func skipLongLine() -> Line {
        lineNumber += 1
        let number = lineNumber
        start = 0
        end = 0
        searchFrom = 0
        while true {
            do throws(InputProblem) {
                let count = try source.read(into: storage, capacity: min(Self.chunkSize, capacity))
                if count == 0 {
                    atEnd = true
                    return .tooLong(number: number)
                }
                if let found = memchr(storage, 0x0A, count) {
                    start = storage.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                    end = count
                    searchFrom = start
                    return .tooLong(number: number)
                }
            } catch {
                pendingFailure = withLine(error)
                return .tooLong(number: number)
            }
        }
    }

    /// Ensures at least one chunk (or what the limit allows) fits after `end`: slides the partial
    /// line to the front, and doubles the buffer when the partial line alone fills it.
    private func makeRoomForChunk() {
        if capacity - end >= Self.chunkSize { return }
        if start > 0 {
            let pending = end - start
            if pending > 0 { memmove(storage, storage + start, pending) }
            searchFrom -= start
            end = pending
            start = 0
        }
        if capacity - end >= Self.chunkSize || capacity >= maxCapacity { return }
        let grown = min(max(capacity * 2, end + Self.chunkSize), maxCapacity)
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        newStorage.update(from: storage, count: end)
        storage.deallocate()
        storage = newStorage
        capacity = grown
    }

    /// Source failures carry the line that was being read when they happened.
    private func withLine(_ problem: InputProblem) -> InputProblem {
        var located = problem
        if located.line == nil { located.line = lineNumber + 1 }
        return located
    }
}
