import CPCRE2

/// A compiled PCRE2 pattern (JIT when available). Immutable and safe to share between threads;
/// matching needs a per-worker `PCRE2MatchScratch`.
public final class PCRE2Regex: @unchecked Sendable {
    let code: OpaquePointer
    public let pattern: String
    public let isJIT: Bool

    public struct CompileError: Error, Sendable, CustomStringConvertible {
        /// Byte offset in the pattern where PCRE2 stopped.
        public var offset: Int
        public var message: String
        public var description: String { "\(message) at offset \(offset)" }
    }

    /// Compiles `pattern` in UTF mode, case-insensitive, with JIT.
    public init(_ pattern: String, caseless: Bool = true) throws(CompileError) {
        self.pattern = pattern
        var errorCode: Int32 = 0
        var errorOffset = 0
        var options = UInt32(PCRE2_UTF) | UInt32(PCRE2_NO_UTF_CHECK)
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        let utf8 = Array(pattern.utf8)
        let compiled = utf8.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw CompileError(offset: errorOffset, message: PCRE2Regex.message(for: errorCode))
        }
        code = compiled
        isJIT = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
    }

    deinit { pcre2_code_free_8(code) }

    static func message(for errorCode: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(errorCode, $0.baseAddress, $0.count) }
        guard length > 0 else { return "PCRE2 error \(errorCode)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }
}

/// Per-worker scratch for matching: match data and a match context with resource limits.
///
/// The limits make a pathological analyst regex fail that rule on that post with an error
/// instead of hanging a nightly run.
public final class PCRE2MatchScratch: @unchecked Sendable {
    let matchData: OpaquePointer
    let context: OpaquePointer
    let jitStack: OpaquePointer?

    public struct Limits: Sendable, Hashable {
        public var match: UInt32 = 1_000_000
        public var depth: UInt32 = 10_000
        public var heapKiB: UInt32 = 20_000
        public init() {}
    }

    public init?(limits: Limits = Limits()) {
        guard let matchData = pcre2_match_data_create_8(32, nil) else { return nil }
        guard let context = pcre2_match_context_create_8(nil) else {
            pcre2_match_data_free_8(matchData)
            return nil
        }
        self.matchData = matchData
        self.context = context
        pcre2_set_match_limit_8(context, limits.match)
        pcre2_set_depth_limit_8(context, limits.depth)
        pcre2_set_heap_limit_8(context, limits.heapKiB)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
    }

    deinit {
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(context)
        pcre2_match_data_free_8(matchData)
    }

    public struct MatchError: Error, Sendable, CustomStringConvertible {
        public var code: Int32
        public var message: String
        public var description: String { message }
    }

    /// Every non-overlapping match of `regex` in `subject` (valid UTF-8), as byte ranges.
    public func matches(of regex: PCRE2Regex, in subject: UnsafeBufferPointer<UInt8>, limit: Int = 64)
        throws(MatchError) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var offset = 0
        guard let base = subject.baseAddress ?? UnsafePointer(bitPattern: 1) else { return [] }
        while offset <= subject.count && found.count < limit {
            let rc = pcre2_match_8(regex.code, base, subject.count, offset, UInt32(PCRE2_NO_UTF_CHECK), matchData, context)
            if rc == PCRE2_ERROR_NOMATCH { break }
            if rc < 0 { throw MatchError(code: rc, message: PCRE2Regex.message(for: rc)) }
            guard let ovector = pcre2_get_ovector_pointer_8(matchData) else { break }
            let start = ovector[0], end = ovector[1]
            guard start <= end, end <= subject.count else { break }
            found.append(start..<end)
            if end == start {
                // Empty match: step over one code point.
                var next = end + 1
                while next < subject.count && subject[next] & 0xC0 == 0x80 { next += 1 }
                offset = next
            } else {
                offset = end
            }
        }
        return found
    }
}
