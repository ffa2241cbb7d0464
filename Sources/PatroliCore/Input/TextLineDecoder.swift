/// Decodes plain text: one post per line, the line number as its id; blank lines are skipped.
///
/// A line with a NUL byte gives a problem and is skipped. A line with invalid UTF-8 gives a
/// problem and is still returned, each invalid sequence replaced by U+FFFD.
struct TextLineDecoder: RecordDecoding {
    private let source: String
    private let problems: LineProblems

    init(source: String, options: InputOptions) {
        self.source = source
        problems = LineProblems(source: source, maxRecordBytes: options.maxRecordBytes)
    }

    mutating func consume(line: UnsafeBufferPointer<UInt8>, number: Int, into events: inout [InputEvent]) -> Bool {
        if LineProblems.isBlank(line) { return true }
        if let offset = LineProblems.nulOffset(line) {
            events.append(.problem(problems.nul(line: number, column: offset + 1)))
            return true
        }
        var text = Array(line)
        if let invalidOffset = UTF8Repair.firstInvalidOffset(line) {
            events.append(.problem(problems.invalidUTF8(line: number, column: invalidOffset + 1, field: nil,
                                                        bytes: line, offset: invalidOffset)))
            text = UTF8Repair.repaired(line) ?? text
        }
        events.append(.record(InputRecord(source: source, line: number, id: String(number), text: text)))
        return true
    }

    mutating func skipTooLongLine(number: Int, into events: inout [InputEvent]) {
        events.append(.problem(problems.tooLong(line: number)))
    }

    mutating func finish(into events: inout [InputEvent]) {}
}
