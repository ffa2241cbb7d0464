/// Where a JSON line stops being valid, and what was expected there.
struct JSONSyntaxError: Error {
    /// 0-based byte offset in the line.
    var offset: Int
    var message: String
}

/// The kind of a JSON value, as named in messages ("a number, not a string").
enum JSONValueKind {
    case string, number, object, array, boolean, null

    var described: String {
        switch self {
        case .string: return "a string"
        case .number: return "a number"
        case .object: return "an object"
        case .array: return "an array"
        case .boolean: return "a boolean"
        case .null: return "null"
        }
    }
}

/// One top-level field of a JSON object, as byte offsets into its line.
///
/// For strings the value span excludes the quotes; `escaped` says whether it holds backslash
/// escapes that must be decoded before use.
struct JSONFieldSpan {
    var keyStart: Int
    var keyEnd: Int
    var keyEscaped: Bool
    var kind: JSONValueKind
    var valueStart: Int
    var valueEnd: Int
    var valueEscaped: Bool
}

/// A validating JSON scanner over the bytes of one line; keeps spans, builds nothing.
///
/// Strings are skipped eight bytes at a time until a quote, a backslash, a control character or
/// a non-ASCII byte; non-ASCII sequences are checked for valid UTF-8 on the way (`firstInvalidUTF8`);
/// nested values are skipped with an explicit stack, never recursion, so a hostile line cannot
/// overflow the call stack.
struct JSONScanner {
    static let maxDepth = 512

    let base: UnsafePointer<UInt8>
    let count: Int
    var position = 0
    /// Open containers while skipping a nested value: `{` or `[`.
    var containers: [UInt8] = []
    /// Offset of the first byte of invalid UTF-8 seen inside a string, if any.
    var firstInvalidUTF8: Int?

    init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    /// Scans `{ "key": value, … }` from `position` (at the `{`) to the end of the line.
    mutating func scanTopLevelObject(into fields: inout [JSONFieldSpan]) throws(JSONSyntaxError) {
        position += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                guard peek() == UInt8(ascii: "\"") else {
                    throw failure("expected a field name in double quotes")
                }
                position += 1
                let keyStart = position
                let keyEscaped = try scanStringBody()
                let keyEnd = position - 1
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { throw failure("expected ':' after the field name") }
                position += 1
                skipWhitespace()
                let field = try scanValue(keyStart: keyStart, keyEnd: keyEnd, keyEscaped: keyEscaped)
                fields.append(field)
                skipWhitespace()
                let next = peek()
                if next == UInt8(ascii: ",") {
                    position += 1
                    skipWhitespace()
                    continue
                }
                if next == UInt8(ascii: "}") {
                    position += 1
                    break
                }
                throw failure("expected ',' or '}'")
            }
        }
        skipWhitespace()
        if position < count { throw failure("expected the end of the line after the object") }
    }

    private mutating func scanValue(keyStart: Int, keyEnd: Int, keyEscaped: Bool)
        throws(JSONSyntaxError) -> JSONFieldSpan
    {
        let valueStart = position
        var field = JSONFieldSpan(keyStart: keyStart, keyEnd: keyEnd, keyEscaped: keyEscaped, kind: .null,
                                  valueStart: valueStart, valueEnd: valueStart, valueEscaped: false)
        switch peek() ?? 0 {
        case UInt8(ascii: "\""):
            position += 1
            field.kind = .string
            field.valueStart = position
            field.valueEscaped = try scanStringBody()
            field.valueEnd = position - 1
            return field
        case UInt8(ascii: "{"):
            field.kind = .object
        case UInt8(ascii: "["):
            field.kind = .array
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            field.kind = .boolean
        case UInt8(ascii: "n"):
            field.kind = .null
        default:
            field.kind = .number
        }
        try skipValue()
        field.valueEnd = position
        return field
    }

    /// Skips one value of any kind, validating it, without recursion.
    mutating func skipValue() throws(JSONSyntaxError) {
        containers.removeAll(keepingCapacity: true)
        while true {
            // A value starts here.
            skipWhitespace()
            switch peek() ?? 0 {
            case UInt8(ascii: "{"):
                position += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "}") {
                    position += 1
                } else {
                    try push(UInt8(ascii: "{"))
                    try scanMemberName()
                    continue
                }
            case UInt8(ascii: "["):
                position += 1
                skipWhitespace()
                if peek() == UInt8(ascii: "]") {
                    position += 1
                } else {
                    try push(UInt8(ascii: "["))
                    continue
                }
            case UInt8(ascii: "\""):
                position += 1
                _ = try scanStringBody()
            case UInt8(ascii: "t"):
                try scanLiteral("true")
            case UInt8(ascii: "f"):
                try scanLiteral("false")
            case UInt8(ascii: "n"):
                try scanLiteral("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try scanNumber()
            default:
                throw failure("expected a value")
            }
            // A value ended: close containers until one continues with another element.
            var continues = false
            while let open = containers.last {
                skipWhitespace()
                let next = peek()
                if next == UInt8(ascii: ",") {
                    position += 1
                    if open == UInt8(ascii: "{") {
                        skipWhitespace()
                        try scanMemberName()
                    }
                    continues = true
                    break
                }
                let close = open == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard next == close else {
                    throw failure(open == UInt8(ascii: "{") ? "expected ',' or '}'" : "expected ',' or ']'")
                }
                position += 1
                containers.removeLast()
            }
            if !continues { return }
        }
    }

    /// `"name"` and the `:` after it, inside a nested object.
    private mutating func scanMemberName() throws(JSONSyntaxError) {
        guard peek() == UInt8(ascii: "\"") else { throw failure("expected a field name in double quotes") }
        position += 1
        _ = try scanStringBody()
        skipWhitespace()
        guard peek() == UInt8(ascii: ":") else { throw failure("expected ':' after the field name") }
        position += 1
    }

    private mutating func push(_ container: UInt8) throws(JSONSyntaxError) {
        guard containers.count < Self.maxDepth else {
            throw failure("values nested more than \(Self.maxDepth) deep")
        }
        containers.append(container)
    }

    /// Scans from just after an opening quote to just after the closing one; returns whether the
    /// string holds escapes. Escapes are validated here so decoding them cannot fail later.
    @inline(__always)
    mutating func scanStringBody() throws(JSONSyntaxError) -> Bool {
        var escaped = false
        let raw = UnsafeRawPointer(base)
        while true {
            while position + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)
                if Self.hasSpecialStringByte(word) { break }
                position += 8
            }
            guard position < count else { throw failure("the string is not closed", at: count) }
            let byte = base[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return escaped
            }
            if byte >= 0x80 {
                // Validate UTF-8 here, in the same pass: outside strings JSON is all ASCII.
                let sequence = UTF8Repair.sequenceLength(base, position, count)
                if !sequence.valid && firstInvalidUTF8 == nil { firstInvalidUTF8 = position }
                position += sequence.length
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
                try scanEscape()
            } else if byte < 0x20 {
                throw JSONSyntaxError(offset: position,
                                      message: "control character U+00\(hex2(byte)) must be escaped inside a string")
            } else {
                position += 1
            }
        }
    }

    /// Whether any byte of `word` is `"`, `\`, below 0x20 or above 0x7F.
    @inline(__always)
    static func hasSpecialStringByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let zeroInQuote = (quote &- ones) & ~quote
        let zeroInBackslash = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroInQuote | zeroInBackslash | control | word) & highs != 0
    }

    private mutating func scanEscape() throws(JSONSyntaxError) {
        guard position + 1 < count else { throw failure("the string is not closed", at: count) }
        switch base[position + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            for offset in 2..<6 {
                guard position + offset < count, Self.hexValue(base[position + offset]) != nil else {
                    throw failure("expected four hex digits after \\u", at: min(position + offset, count))
                }
            }
            position += 6
        default:
            throw failure("invalid escape in a string", at: position + 1)
        }
    }

    private mutating func scanLiteral(_ word: StaticString) throws(JSONSyntaxError) {
        let length = word.utf8CodeUnitCount
        let expected = word.utf8Start
        for index in 0..<length where position + index >= count || base[position + index] != expected[index] {
            throw failure("expected a value (did you mean `\(word)`?)")
        }
        position += length
    }

    private mutating func scanNumber() throws(JSONSyntaxError) {
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), Self.isDigit(first) else { throw failure("expected a digit") }
        position += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard let digit = peek(), Self.isDigit(digit) else { throw failure("expected a digit after '.'") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard let digit = peek(), Self.isDigit(digit) else { throw failure("expected a digit in the exponent") }
            skipDigits()
        }
    }

    private mutating func skipDigits() {
        while position < count, Self.isDigit(base[position]) { position += 1 }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < count {
            let byte = base[position]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else { return }
            position += 1
        }
    }

    @inline(__always)
    func peek() -> UInt8? {
        position < count ? base[position] : nil
    }

    /// An error at `offset` (default: the current position), naming what was found there.
    func failure(_ expected: String, at offset: Int? = nil) -> JSONSyntaxError {
        let where_ = offset ?? position
        return JSONSyntaxError(offset: where_, message: "\(expected), found \(describeByte(at: where_))")
    }

    private func describeByte(at offset: Int) -> String {
        guard offset < count else { return "the end of the line" }
        let byte = base[offset]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte == 0x20 { return "a space" }
        return "byte 0x\(hex2(byte))"
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - 0x61 + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - 0x41 + 10)
        default: return nil
        }
    }
}

/// Two upper-case hex digits: `0A`.
func hex2(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
}
