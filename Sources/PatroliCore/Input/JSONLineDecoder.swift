#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes JSON Lines: one object per line, text from the first `textFields` entry present.
///
/// Every bad line gives exactly one problem and the reader goes on with the next line. The one
/// exception to "problem means no record": invalid UTF-8 inside an otherwise good line gives a
/// problem *and* the record, with each invalid sequence replaced by U+FFFD, so no post is lost.
struct JSONLineDecoder: RecordDecoding {
    private let source: String
    private let problems: LineProblems
    private let textFieldNames: [String]
    private let idFieldName: String
    /// The text field names, then the id field name, as one byte array…
    private let fieldNameTable: [UInt8]
    /// …and where each name lies in it (the id field's is last).
    private let fieldNameRanges: [Range<Int>]
    private let idFieldIsExplicit: Bool
    private var reportedMissingID = false
    private var fields: [JSONFieldSpan] = []
    private var containers: [UInt8] = []

    init(source: String, options: InputOptions) {
        self.source = source
        problems = LineProblems(source: source, maxRecordBytes: options.maxRecordBytes)
        textFieldNames = options.textFields
        idFieldName = options.idField ?? "id"
        var table: [UInt8] = []
        var ranges: [Range<Int>] = []
        for name in options.textFields + [idFieldName] {
            let start = table.count
            table.append(contentsOf: name.utf8)
            ranges.append(start..<table.count)
        }
        fieldNameTable = table
        fieldNameRanges = ranges
        idFieldIsExplicit = options.idField != nil
    }

    mutating func skipTooLongLine(number: Int, into events: inout [InputEvent]) {
        events.append(.problem(problems.tooLong(line: number)))
    }

    mutating func finish(into events: inout [InputEvent]) {}

    mutating func consume(line: UnsafeBufferPointer<UInt8>, number: Int, into events: inout [InputEvent]) -> Bool {
        guard let base = line.baseAddress, !LineProblems.isBlank(line) else {
            events.append(.problem(problem(number, line.isEmpty ? "empty line" : "line holds only whitespace",
                                           hint: "blank lines are not JSON; remove them to silence this")))
            return true
        }
        if let offset = LineProblems.nulOffset(line) {
            events.append(.problem(problems.nul(line: number, column: offset + 1)))
            return true
        }
        var scanner = JSONScanner(base: base, count: line.count)
        scanner.skipWhitespace()
        guard let first = scanner.peek(), first == UInt8(ascii: "{") else {
            events.append(.problem(notAnObject(scanner, number)))
            return true
        }
        fields.removeAll(keepingCapacity: true)
        swap(&scanner.containers, &containers)
        var syntaxError: JSONSyntaxError?
        do throws(JSONSyntaxError) {
            try scanner.scanTopLevelObject(into: &fields)
        } catch {
            syntaxError = error
        }
        swap(&scanner.containers, &containers)
        if let syntaxError {
            let atEnd = syntaxError.offset >= line.count
            events.append(.problem(problem(
                number, "invalid JSON at column \(syntaxError.offset + 1): \(syntaxError.message)",
                hint: atEnd
                    ? "the line ends inside the object; JSON Lines needs each object on one line (`jq -c .` joins pretty-printed JSON)"
                    : "each line must be one complete JSON object")))
            return true
        }
        buildRecord(line, base, number, firstInvalidUTF8: scanner.firstInvalidUTF8, into: &events)
        return true
    }

    private mutating func buildRecord(_ line: UnsafeBufferPointer<UInt8>, _ base: UnsafePointer<UInt8>,
                                      _ number: Int, firstInvalidUTF8: Int?, into events: inout [InputEvent])
    {
        var textIndex: Int?
        var textPriority = Int.max
        var nonStringIndex: Int?
        var nonStringPriority = Int.max
        var idIndex: Int?
        // Locals, so the closures below capture these and not (a copy of) the whole decoder.
        let nameTable = fieldNameTable
        let nameRanges = fieldNameRanges
        for index in fields.indices {
            let field = fields[index]
            let (priority, isID) = Self.withKey(field, base) { Self.classify($0, nameTable, nameRanges) }
            if isID, idIndex == nil { idIndex = index }
            guard let priority else { continue }
            if field.kind == .string {
                if priority < textPriority { textIndex = index; textPriority = priority }
            } else if priority < nonStringPriority {
                nonStringIndex = index
                nonStringPriority = priority
            }
        }
        guard let textIndex else {
            if let nonStringIndex {
                events.append(.problem(problem(
                    number,
                    "field `\(textFieldNames[nonStringPriority])` is \(fields[nonStringIndex].kind.described), not a string",
                    hint: "posts without string text are skipped; choose the text field with --text-field")))
            } else {
                events.append(.problem(noTextField(base, number)))
            }
            return
        }
        let textField = fields[textIndex]
        var text = JSONStringDecoding.decoded(base, from: textField.valueStart, to: textField.valueEnd,
                                              escaped: textField.valueEscaped)
        if let invalidOffset = firstInvalidUTF8 {
            if let repaired = UTF8Repair.repaired(text) { text = repaired }
            let field = fieldName(containing: invalidOffset, base)
            events.append(.problem(problems.invalidUTF8(line: number, column: invalidOffset + 1, field: field,
                                                        bytes: line, offset: invalidOffset)))
        }
        var id: String?
        if let idIndex {
            let field = fields[idIndex]
            if field.kind == .string {
                id = String(decoding: JSONStringDecoding.decoded(base, from: field.valueStart, to: field.valueEnd,
                                                                 escaped: field.valueEscaped), as: UTF8.self)
            } else if field.kind == .number {
                id = String(decoding: UnsafeBufferPointer(start: base + field.valueStart,
                                                          count: field.valueEnd - field.valueStart), as: UTF8.self)
            }
        } else if idFieldIsExplicit && !reportedMissingID {
            reportedMissingID = true
            events.append(.problem(problem(
                number, "no `\(idFieldName)` field; using line numbers as ids (reported once per input)",
                hint: "check the name given to --id-field")))
        }
        var metadata: [(key: String, value: String)] = []
        for index in fields.indices where index != textIndex && index != idIndex {
            let field = fields[index]
            guard field.kind == .string || field.kind == .number else { continue }
            let key = Self.withKey(field, base) { String(decoding: $0, as: UTF8.self) }
            let value = field.kind == .string
                ? String(decoding: JSONStringDecoding.decoded(base, from: field.valueStart, to: field.valueEnd,
                                                              escaped: field.valueEscaped), as: UTF8.self)
                : String(decoding: UnsafeBufferPointer(start: base + field.valueStart,
                                                       count: field.valueEnd - field.valueStart), as: UTF8.self)
            metadata.append((key: key, value: value))
        }
        events.append(.record(InputRecord(source: source, line: number, id: id ?? String(number), text: text,
                                          metadata: metadata)))
    }

    /// Lends the decoded name of `field` to `body`.
    @inline(__always)
    private static func withKey<Result>(_ field: JSONFieldSpan, _ base: UnsafePointer<UInt8>,
                                 _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result
    {
        guard field.keyEscaped else {
            return body(UnsafeBufferPointer(start: base + field.keyStart, count: field.keyEnd - field.keyStart))
        }
        let key = JSONStringDecoding.decoded(base, from: field.keyStart, to: field.keyEnd, escaped: true)
        return key.withUnsafeBufferPointer(body)
    }

    /// Which text field (by priority) the name `key` is, and whether it is the id field.
    private static func classify(_ key: UnsafeBufferPointer<UInt8>, _ fieldNameTable: [UInt8],
                                 _ fieldNameRanges: [Range<Int>]) -> (priority: Int?, isID: Bool)
    {
        guard let keyBase = key.baseAddress else { return (nil, false) }
        return fieldNameTable.withUnsafeBufferPointer { table -> (priority: Int?, isID: Bool) in
            guard let tableBase = table.baseAddress else { return (nil, false) }
            var priority: Int?
            var isID = false
            for (slot, range) in fieldNameRanges.enumerated() where range.count == key.count {
                guard memcmp(keyBase, tableBase + range.lowerBound, key.count) == 0 else { continue }
                if slot == fieldNameRanges.count - 1 {
                    isID = true
                } else if priority == nil {
                    priority = slot
                }
            }
            return (priority, isID)
        }
    }

    /// Says where `offset` lies ("`text`", "a field name"), for the invalid-UTF-8 message.
    private func fieldName(containing offset: Int, _ base: UnsafePointer<UInt8>) -> String? {
        for field in fields {
            if offset >= field.keyStart && offset < field.keyEnd { return "a field name" }
            if offset >= field.valueStart && offset < field.valueEnd {
                return "`" + Self.withKey(field, base) { String(decoding: $0, as: UTF8.self) } + "`"
            }
        }
        return "a nested value"
    }

    private func noTextField(_ base: UnsafePointer<UInt8>, _ number: Int) -> InputProblem {
        let tried = textFieldNames.map { "`\($0)`" }.joined(separator: ", ")
        var present: [String] = []
        for field in fields.prefix(12) {
            present.append(Self.withKey(field, base) { String(decoding: $0, as: UTF8.self) })
        }
        let has = present.isEmpty ? "the object is empty" : "this line has " + present.joined(separator: ", ")
        return problem(number, "no text field: tried \(tried)",
                       hint: "name the field that holds the post with --text-field; \(has)")
    }

    private func notAnObject(_ scanner: JSONScanner, _ number: Int) -> InputProblem {
        let kind: String
        switch scanner.peek() ?? 0 {
        case UInt8(ascii: "["): kind = "an array"
        case UInt8(ascii: "\""): kind = "a string"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): kind = "a boolean"
        case UInt8(ascii: "n"): kind = "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = "a number"
        default:
            let failure = scanner.failure("expected '{'")
            return problem(number, "invalid JSON at column \(failure.offset + 1): \(failure.message)",
                           hint: "for plain text use --format text, for CSV --format csv")
        }
        let hint = kind == "an array"
            ? "each line must be one JSON object; a JSON array file converts with `jq -c '.[]'`"
            : "each line must be one JSON object such as {\"id\": 1, \"text\": \"…\"}"
        return problem(number, "top-level value is \(kind), not an object", hint: hint)
    }

    private func problem(_ line: Int, _ message: String, hint: String?) -> InputProblem {
        InputProblem(source: source, line: line, message: message, hint: hint)
    }
}
