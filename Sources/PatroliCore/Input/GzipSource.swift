import CZlib

/// Inflates gzip data read from a file descriptor, member after member.
///
/// Owns the zlib stream: `inflateInit2` in `init`, `inflateEnd` in `deinit`. The `z_stream` lives
/// at a fixed heap address because zlib keeps a pointer back to it. Concatenated members
/// (`cat a.gz b.gz`) are read as one stream; zero padding after the last member is ignored.
/// Corrupt or truncated data throws an `InputProblem`, after the bytes inflated before the damage
/// have been returned.
final class GzipSource: ByteSource {
    private static let inputCapacity = 64 << 10

    private let raw: FileDescriptorSource
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private let inputCapacity: Int
    private var initialized = false
    private var inputAtEnd = false
    private var memberEnded = false
    private var finished = false
    private var pendingProblem: InputProblem?

    /// Starts inflating; `prefix` holds bytes already read from `raw` (at least the magic).
    init(raw: FileDescriptorSource, prefix: UnsafeBufferPointer<UInt8>) throws(InputProblem) {
        self.raw = raw
        inputCapacity = max(Self.inputCapacity, prefix.count)
        input = UnsafeMutablePointer<UInt8>.allocate(capacity: inputCapacity)
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        if let prefixBase = prefix.baseAddress, prefix.count > 0 {
            input.update(from: prefixBase, count: prefix.count)
        }
        stream.pointee.next_in = input
        stream.pointee.avail_in = UInt32(prefix.count)
        let code = patroli_inflate_init_gzip(stream)
        guard code == Z_OK else {
            throw InputProblem(source: raw.sourceName, line: nil,
                               message: "cannot start gzip decompression (zlib error \(code))")
        }
        initialized = true
    }

    var neverWaits: Bool { raw.neverWaits }

    deinit {
        if initialized { _ = inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws(InputProblem) -> Int {
        let outputCapacity = UInt32(clamping: capacity)
        while true {
            if let problem = pendingProblem {
                pendingProblem = nil
                finished = true
                throw problem
            }
            if finished { return 0 }
            if stream.pointee.avail_in == 0 && !inputAtEnd {
                let count = try raw.read(into: input, capacity: inputCapacity)
                if count == 0 {
                    inputAtEnd = true
                } else {
                    stream.pointee.next_in = input
                    stream.pointee.avail_in = UInt32(count)
                }
            }
            if memberEnded {
                guard try startNextMember() else { continue }
            }
            if stream.pointee.avail_in == 0 && inputAtEnd {
                finished = true
                throw problem("gzip data ends early: the file is truncated; stopped reading it")
            }
            stream.pointee.next_out = buffer
            stream.pointee.avail_out = outputCapacity
            let code = inflate(stream, Z_NO_FLUSH)
            let produced = Int(outputCapacity - stream.pointee.avail_out)
            switch code {
            case Z_STREAM_END:
                memberEnded = true
            case Z_OK, Z_BUF_ERROR:
                break
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(code)"
                let failure = problem("gzip data is corrupt (\(detail)); stopped reading it")
                if produced > 0 {
                    pendingProblem = failure
                    return produced
                }
                finished = true
                throw failure
            }
            if produced > 0 { return produced }
        }
    }

    /// After a member's end: skips zero padding, then resets for the next member. Returns false
    /// when more input must be read first; sets `finished` at the clean end of the data.
    private func startNextMember() throws(InputProblem) -> Bool {
        while stream.pointee.avail_in > 0, let next = stream.pointee.next_in, next.pointee == 0 {
            stream.pointee.next_in = next + 1
            stream.pointee.avail_in -= 1
        }
        if stream.pointee.avail_in == 0 {
            if inputAtEnd { finished = true }
            return false
        }
        guard let next = stream.pointee.next_in, next.pointee == 0x1F else {
            finished = true
            throw problem("unexpected data after the end of the gzip data; ignored it",
                          hint: "the file may have something appended to it; check with `gzip -t`")
        }
        let code = inflateReset(stream)
        guard code == Z_OK else {
            finished = true
            throw problem("cannot restart gzip decompression (zlib error \(code))")
        }
        memberEnded = false
        return true
    }

    private func problem(_ message: String,
                         hint: String = "test the archive with `gzip -t`; the lines before this point were read")
        -> InputProblem
    {
        InputProblem(source: raw.sourceName, line: nil, message: message, hint: hint)
    }
}
