/// Reads the posts of one input — a file, a gzip file, or standard input — one event at a time.
///
/// Streaming with bounded memory: the input is read in 64 KiB chunks into one rolling buffer, and
/// a record is returned as soon as its line is complete, so `tail -f posts.jsonl | patroli scan`
/// scans each post as it arrives. gzip input is recognised by its magic bytes, whatever its name.
/// A UTF-8 byte-order mark is skipped; UTF-16 input is refused with one problem.
///
/// Bad input never stops the reader: each bad line or row gives one `.problem` and reading goes
/// on with the next. Only a failure of the input itself (a read error, corrupt or truncated gzip
/// data, UTF-16 input, a CSV file without a text column) ends it, after one problem naming the file.
///
/// Invalid UTF-8 is the one problem that does not cost the post: the reader yields the problem
/// *and then* the record, with each invalid sequence replaced by U+FFFD, so nothing is lost and
/// `InputRecord.text` is always valid UTF-8.
///
/// Not `Sendable`: use one reader per input, from one thread at a time.
public final class RecordReader {
    public let sourceName: String
    private let core: any RecordReaderCore

    /// Opens `path` (`-` means standard input).
    ///
    /// Throws when the file cannot be opened or is a directory, with a hint.
    public init(path: String, options: InputOptions) throws(InputProblem) {
        let raw: FileDescriptorSource
        if path == "-" {
            raw = FileDescriptorSource(fileDescriptor: 0, sourceName: "<stdin>", ownsDescriptor: false)
        } else {
            raw = try FileDescriptorSource.open(path: path)
        }
        sourceName = raw.sourceName
        core = Self.makeCore(raw: raw, options: options)
    }

    /// Reads an already open descriptor, which stays open: the caller owns it.
    public init(fileDescriptor: Int32, sourceName: String, options: InputOptions) {
        let raw = FileDescriptorSource(fileDescriptor: fileDescriptor, sourceName: sourceName, ownsDescriptor: false)
        self.sourceName = sourceName
        core = Self.makeCore(raw: raw, options: options)
    }

    /// The next record or problem; `nil` at the end of the input.
    ///
    /// Blocks only while the current line is incomplete and the input has nothing more yet.
    public func next() -> InputEvent? {
        core.next()
    }

    /// True when `next()` will return without waiting for more input: an event is already decoded
    /// or its line is buffered, the input has ended, or it is a regular file. False when the next
    /// call may block on a pipe or terminal until someone writes (`tail -f`, a scraper's stdout).
    public var hasEventReady: Bool { core.hasEventReady }

    /// True once `next()` has nothing more to return: the input has ended and every event has
    /// been handed out.
    public var isExhausted: Bool { core.isExhausted }

    /// Capacity of the line buffer, to check that memory stays bounded.
    var bufferCapacity: Int { core.bufferCapacity }

    private static func makeCore(raw: FileDescriptorSource, options: InputOptions) -> any RecordReaderCore {
        let source = raw.sourceName
        guard options.format != .telegram else { return TelegramExportCore(source: SniffingSource(raw: raw), sourceName: source) }
        let lines = LineBuffer(source: SniffingSource(raw: raw), maxLineBytes: options.maxRecordBytes)
        switch options.format {
        case .telegram: return TelegramExportCore(source: SniffingSource(raw: raw), sourceName: source)  // handled above
        case .jsonl: return DecodingCore(lines, JSONLineDecoder(source: source, options: options), source)
        case .text: return DecodingCore(lines, TextLineDecoder(source: source, options: options), source)
        case .csv: return DecodingCore(lines, CSVDecoder(source: source, options: options), source)
        }
    }
}

/// The reader's engine, behind a class protocol so that each format's decoder is a concrete,
/// specialised value (a protocol-typed struct would be copied on every call).
protocol RecordReaderCore: AnyObject {
    func next() -> InputEvent?
    var hasEventReady: Bool { get }
    var isExhausted: Bool { get }
    var bufferCapacity: Int { get }
}

private final class DecodingCore<Decoder: RecordDecoding>: RecordReaderCore {
    private let lines: LineBuffer
    private var decoder: Decoder
    private let sourceName: String
    private var pending: [InputEvent] = []
    private var pendingIndex = 0
    private var finished = false

    init(_ lines: LineBuffer, _ decoder: Decoder, _ sourceName: String) {
        self.lines = lines
        self.decoder = decoder
        self.sourceName = sourceName
    }

    var bufferCapacity: Int { lines.capacity }

    /// Decodes the buffered lines until one gives an event, since some give none (a blank text
    /// line, a CSV header or a line inside a quoted field): answering from the lines alone would
    /// promise an event that then waits for the next line. `readMore` does not block while a
    /// line is ready.
    var hasEventReady: Bool {
        while pendingIndex == pending.count && !finished && lines.hasLineReady { readMore() }
        return pendingIndex < pending.count || finished
    }

    var isExhausted: Bool { finished && pendingIndex == pending.count }

    func next() -> InputEvent? {
        while true {
            if pendingIndex < pending.count {
                let event = pending[pendingIndex]
                pendingIndex += 1
                if pendingIndex == pending.count {
                    pending.removeAll(keepingCapacity: true)
                    pendingIndex = 0
                }
                return event
            }
            if finished { return nil }
            readMore()
        }
    }

    private func readMore() {
        switch lines.next() {
        case .line(var line, let number):
            if number == 1 {
                if Self.startsWithUTF16ByteOrderMark(line) {
                    pending.append(.problem(InputProblem(
                        source: sourceName, line: nil,
                        message: "input looks like UTF-16 (it starts with a UTF-16 byte-order mark); skipped it",
                        hint: "convert it to UTF-8 first: `iconv -f UTF-16 -t UTF-8`")))
                    finished = true
                    return
                }
                line = Self.droppingUTF8ByteOrderMark(line)
            }
            if !decoder.consume(line: line, number: number, into: &pending) { finished = true }
        case .tooLong(let number):
            decoder.skipTooLongLine(number: number, into: &pending)
        case .failed(let problem):
            decoder.finish(into: &pending)
            pending.append(.problem(problem))
            finished = true
        case .end:
            decoder.finish(into: &pending)
            finished = true
        }
    }

    private static func startsWithUTF16ByteOrderMark(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.count >= 2 && ((line[0] == 0xFF && line[1] == 0xFE) || (line[0] == 0xFE && line[1] == 0xFF))
    }

    private static func droppingUTF8ByteOrderMark(_ line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF else { return line }
        return UnsafeBufferPointer(rebasing: line[3...])
    }
}

@available(*, unavailable)
extension RecordReader: Sendable {}

extension RecordReader: Sequence, IteratorProtocol {
    public typealias Element = InputEvent
}
