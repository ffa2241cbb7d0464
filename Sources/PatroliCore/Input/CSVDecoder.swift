/// Decodes CSV with a header row and RFC 4180 quoting, quoted newlines included.
///
/// The text column is the first of `textFields` in the header (exact name first, then ignoring
/// case); the id column is `idField`, else `id`, else the record's line number. A record's line is
/// the line it starts on. Other non-empty columns become metadata. A row with the wrong number of
/// fields gives a problem and is skipped; invalid UTF-8 gives a problem and the row is kept with
/// U+FFFD in place of the bad bytes. Quoting is lenient where RFC 4180 is silent: a quote inside an
/// unquoted field is kept as a character, and text after a closing quote is appended.
struct CSVDecoder: RecordDecoding {
    private let source: String
    private let options: InputOptions
    private let problems: LineProblems
    private var header: [String]?
    private var textColumn = 0
    private var idColumn: Int?
    private var stopsInput = false

    // The record being read; it spans lines while a quoted field is open.
    private var inRecord = false
    private var recordLine = 0
    private var bytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var inQuotes = false
    private var atFieldStart = true
    private var overflowed = false
    private var nulLocation: (line: Int, column: Int)?
    private var invalidLocation: (line: Int, column: Int, byte: UInt8)?

    init(source: String, options: InputOptions) {
        self.source = source
        self.options = options
        problems = LineProblems(source: source, maxRecordBytes: options.maxRecordBytes)
    }

    mutating func consume(line: UnsafeBufferPointer<UInt8>, number: Int, into events: inout [InputEvent]) -> Bool {
        if !inRecord {
            if line.isEmpty { return true }
            inRecord = true
            recordLine = number
        }
        if nulLocation == nil, let offset = LineProblems.nulOffset(line) {
            nulLocation = (number, offset + 1)
        }
        if invalidLocation == nil, let offset = UTF8Repair.firstInvalidOffset(line) {
            invalidLocation = (number, offset + 1, line[offset])
        }
        scan(line)
        if overflowed || bytes.count > options.maxRecordBytes {
            overflowed = true
            bytes = []
        }
        if inQuotes {
            if !overflowed { bytes.append(0x0A) }
            return true
        }
        endField()
        finishRecord(into: &events)
        return !stopsInput
    }

    mutating func skipTooLongLine(number: Int, into events: inout [InputEvent]) {
        resetRecord()
        events.append(.problem(problems.tooLong(line: number)))
    }

    mutating func finish(into events: inout [InputEvent]) {
        guard inRecord else { return }
        events.append(.problem(InputProblem(
            source: source, line: recordLine,
            message: "quoted field is not closed before the end of the input; skipped the record",
            hint: "a stray `\"` opens a field that never ends; inside a quoted field write a quote as `\"\"`")))
        resetRecord()
    }

    private mutating func scan(_ line: UnsafeBufferPointer<UInt8>) {
        var index = 0
        let count = line.count
        while index < count {
            let byte = line[index]
            index += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index < count && line[index] == UInt8(ascii: "\"") {
                        index += 1
                        append(byte)
                    } else {
                        inQuotes = false
                    }
                } else {
                    append(byte)
                }
            } else if byte == UInt8(ascii: ",") {
                endField()
            } else if byte == UInt8(ascii: "\"") && atFieldStart {
                inQuotes = true
                atFieldStart = false
            } else {
                atFieldStart = false
                append(byte)
            }
        }
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        if !overflowed { bytes.append(byte) }
    }

    private mutating func endField() {
        fieldEnds.append(bytes.count)
        atFieldStart = true
    }

    private mutating func finishRecord(into events: inout [InputEvent]) {
        defer { resetRecord() }
        if overflowed {
            events.append(.problem(problems.tooLong(line: recordLine, what: "record")))
            return
        }
        if let nulLocation {
            events.append(.problem(problems.nul(line: nulLocation.line, column: nulLocation.column)))
            return
        }
        guard let header else {
            readHeader(into: &events)
            return
        }
        guard fieldEnds.count == header.count else {
            events.append(.problem(InputProblem(
                source: source, line: recordLine,
                message: "row has \(fieldEnds.count) fields, but the header has \(header.count) columns; skipped it",
                hint: "a field holding a comma or a line break must be quoted: \"a, b\"")))
            return
        }
        if let invalidLocation {
            if !UTF8Repair.isValid(bytes) { repairFields() }
            events.append(.problem(InputProblem(
                source: source, line: invalidLocation.line,
                message: "invalid UTF-8 at column \(invalidLocation.column), byte 0x\(hex2(invalidLocation.byte));"
                    + " replaced invalid bytes with U+FFFD and kept the post",
                hint: "the input may be Latin-1 or Windows-1252: convert it with `iconv -t UTF-8`")))
        }
        var id = String(recordLine)
        if let idColumn, !fieldRange(idColumn).isEmpty { id = fieldString(idColumn) }
        var metadata: [(key: String, value: String)] = []
        for column in header.indices where column != textColumn && column != idColumn {
            if fieldRange(column).isEmpty { continue }
            metadata.append((key: header[column], value: fieldString(column)))
        }
        let text = Array(bytes[fieldRange(textColumn)])
        events.append(.record(InputRecord(source: source, line: recordLine, id: id, text: text, metadata: metadata)))
    }

    private mutating func readHeader(into events: inout [InputEvent]) {
        let names = fieldEnds.indices.map {
            fieldString($0).trimmed(of: " \t")
        }
        header = names
        let tried = options.textFields
        if let column = Self.column(named: tried, in: names) {
            textColumn = column
        } else {
            stopsInput = true
            events.append(.problem(InputProblem(
                source: source, line: recordLine,
                message: "no text column: tried " + tried.map { "`\($0)`" }.joined(separator: ", "),
                hint: "name the column that holds the post with --text-field; the header has "
                    + names.prefix(12).joined(separator: ", "))))
            return
        }
        if let idField = options.idField {
            idColumn = Self.column(named: [idField], in: names)
            if idColumn == nil {
                events.append(.problem(InputProblem(
                    source: source, line: recordLine,
                    message: "no `\(idField)` column; using line numbers as ids",
                    hint: "check the name given to --id-field; the header has " + names.prefix(12).joined(separator: ", "))))
            }
        } else {
            idColumn = Self.column(named: ["id"], in: names)
        }
        if idColumn == textColumn { idColumn = nil }
    }

    /// The first of `wanted` found in `names`: exact spelling first, then ignoring case.
    private static func column(named wanted: [String], in names: [String]) -> Int? {
        for name in wanted {
            if let index = names.firstIndex(of: name) { return index }
        }
        for name in wanted {
            let folded = name.lowercased()
            if let index = names.firstIndex(where: { $0.lowercased() == folded }) { return index }
        }
        return nil
    }

    private func fieldRange(_ column: Int) -> Range<Int> {
        guard column >= 0 && column < fieldEnds.count else { return 0..<0 }
        return (column == 0 ? 0 : fieldEnds[column - 1])..<fieldEnds[column]
    }

    private func fieldString(_ column: Int) -> String {
        String(decoding: bytes[fieldRange(column)], as: UTF8.self)
    }

    /// Replaces invalid UTF-8 field by field, so field boundaries stay right.
    private mutating func repairFields() {
        var rebuilt: [UInt8] = []
        var ends: [Int] = []
        rebuilt.reserveCapacity(bytes.count + 16)
        for column in fieldEnds.indices {
            let range = fieldRange(column)
            let field = Array(bytes[range])
            rebuilt.append(contentsOf: UTF8Repair.repaired(field) ?? field)
            ends.append(rebuilt.count)
        }
        bytes = rebuilt
        fieldEnds = ends
    }

    private mutating func resetRecord() {
        inRecord = false
        bytes.removeAll(keepingCapacity: bytes.capacity <= 1 << 20)
        fieldEnds.removeAll(keepingCapacity: true)
        inQuotes = false
        atFieldStart = true
        overflowed = false
        nulLocation = nil
        invalidLocation = nil
    }
}

private extension String {
    /// The string without leading and trailing characters from `set`.
    func trimmed(of set: String) -> String {
        let unwanted = Set(set)
        var view = self[...]
        while let first = view.first, unwanted.contains(first) { view.removeFirst() }
        while let last = view.last, unwanted.contains(last) { view.removeLast() }
        return String(view)
    }
}
