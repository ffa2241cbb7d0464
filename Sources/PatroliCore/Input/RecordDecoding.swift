#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the lines of one input into records and problems, for one `InputFormat`.
protocol RecordDecoding {
    /// Decodes one complete line; its bytes are only valid during the call. Returns false when
    /// nothing useful can be done with the rest of the input (a CSV header without a text column).
    mutating func consume(line: UnsafeBufferPointer<UInt8>, number: Int, into events: inout [InputEvent]) -> Bool
    /// A line over the limit was skipped.
    mutating func skipTooLongLine(number: Int, into events: inout [InputEvent])
    /// The input ended (or failed); flush whatever is pending.
    mutating func finish(into events: inout [InputEvent])
}

/// Problems shared by the line-based formats, worded the same everywhere.
struct LineProblems {
    let source: String
    let maxRecordBytes: Int

    func tooLong(line: Int, what: String = "line") -> InputProblem {
        InputProblem(source: source, line: line,
                     message: "\(what) is longer than \(maxRecordBytes) bytes; skipped it",
                     hint: "raise the limit with --max-record-bytes if such posts are real")
    }

    func nul(line: Int, column: Int) -> InputProblem {
        InputProblem(source: source, line: line,
                     message: "line contains a NUL byte at column \(column); skipped it",
                     hint: "the input may be binary, or UTF-16: convert it to UTF-8 text first")
    }

    func invalidUTF8(line: Int, column: Int, field: String?, bytes: UnsafeBufferPointer<UInt8>, offset: Int)
        -> InputProblem
    {
        var detail = "invalid UTF-8 at column \(column)"
        if let field { detail += " (in \(field))" }
        if offset < bytes.count { detail += ", byte 0x\(hex2(bytes[offset]))" }
        return InputProblem(source: source, line: line,
                            message: detail + "; replaced invalid bytes with U+FFFD and kept the post",
                            hint: "the input may be Latin-1 or Windows-1252: convert it with `iconv -t UTF-8`")
    }

    /// The offset of the first NUL byte, if any.
    static func nulOffset(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = line.baseAddress, line.count > 0,
              let found = memchr(base, 0, line.count)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    static func isBlank(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0B || $0 == 0x0C }
    }
}
