#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// File-scope wrappers: inside the types below, `open` and `read` name their own members.
private func openForReading(_ path: UnsafePointer<CChar>) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC)
}

private func readSystem(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ capacity: Int) -> Int {
    read(descriptor, buffer, capacity)
}

/// A stream of bytes: a file descriptor, or a decompressor in front of one.
protocol ByteSource: AnyObject {
    /// Reads up to `capacity` bytes into `buffer`; returns 0 only at the end of the stream.
    /// Returns as soon as some bytes are available (never waits to fill the buffer).
    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws(InputProblem) -> Int
    /// True when `read` never waits for a writer: the stream is a regular file (or a
    /// decompressor in front of one), whose bytes are all there already. False for pipes,
    /// terminals and sockets, where a read may block until someone writes.
    var neverWaits: Bool { get }
}

/// Reads a file descriptor with `read(2)`; closes it on deinit only when it owns it.
final class FileDescriptorSource: ByteSource {
    let fileDescriptor: Int32
    let sourceName: String
    private let ownsDescriptor: Bool
    let neverWaits: Bool

    init(fileDescriptor: Int32, sourceName: String, ownsDescriptor: Bool) {
        self.fileDescriptor = fileDescriptor
        self.sourceName = sourceName
        self.ownsDescriptor = ownsDescriptor
        var status = stat()
        neverWaits = fstat(fileDescriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    deinit {
        if ownsDescriptor { _ = close(fileDescriptor) }
    }

    /// Opens `path` for reading; a path that cannot be opened or is a directory throws.
    static func open(path: String) throws(InputProblem) -> FileDescriptorSource {
        let descriptor = path.withCString { openForReading($0) }
        if descriptor < 0 {
            let code = errno
            throw InputProblem(source: path, line: nil,
                               message: "cannot open: \(errorText(code))", hint: openHint(code))
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            _ = close(descriptor)
            throw InputProblem(source: path, line: nil, message: "is a directory, not a file",
                               hint: "pass the files inside it, e.g. `\(path)/*.jsonl`")
        }
        return FileDescriptorSource(fileDescriptor: descriptor, sourceName: path, ownsDescriptor: true)
    }

    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws(InputProblem) -> Int {
        while true {
            let count = readSystem(fileDescriptor, buffer, capacity)
            if count >= 0 { return count }
            let code = errno
            switch code {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                // A non-blocking descriptor (some shells hand those out): wait until readable.
                var request = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&request, 1, -1)
                continue
            case EISDIR:
                throw InputProblem(source: sourceName, line: nil, message: "is a directory, not a file",
                                   hint: "pass the files inside it instead")
            default:
                throw InputProblem(source: sourceName, line: nil,
                                   message: "read failed: \(Self.errorText(code))",
                                   hint: "the rest of this input was not read")
            }
        }
    }

    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    private static func openHint(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "check the path; use `-` to read standard input"
        case EACCES, EPERM: return "check the file's permissions"
        case ENOTDIR: return "a directory in the path is a file; check the path"
        case EMFILE, ENFILE: return "too many open files; raise the limit with `ulimit -n`"
        default: return "check that the path names a readable file"
        }
    }
}

/// Looks at the first bytes of a stream and decompresses it when they are the gzip magic
/// (`1f 8b`), whatever the file is called; otherwise passes the bytes through untouched.
final class SniffingSource: ByteSource {
    private let raw: FileDescriptorSource
    private var gzip: GzipSource?
    private var sniffed = false

    init(raw: FileDescriptorSource) {
        self.raw = raw
    }

    var neverWaits: Bool { raw.neverWaits }

    func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws(InputProblem) -> Int {
        if let gzip { return try gzip.read(into: buffer, capacity: capacity) }
        if sniffed { return try raw.read(into: buffer, capacity: capacity) }
        sniffed = true
        var count = try raw.read(into: buffer, capacity: capacity)
        // A lone 0x1f could be the start of the magic: wait for one more byte to decide.
        while count == 1, buffer[0] == 0x1F, capacity > 1 {
            let more = try raw.read(into: buffer + 1, capacity: capacity - 1)
            if more == 0 { break }
            count += more
        }
        guard count >= 2, buffer[0] == 0x1F, buffer[1] == 0x8B else { return count }
        let decompressor = try GzipSource(raw: raw, prefix: UnsafeBufferPointer(start: buffer, count: count))
        gzip = decompressor
        return try decompressor.read(into: buffer, capacity: capacity)
    }
}
