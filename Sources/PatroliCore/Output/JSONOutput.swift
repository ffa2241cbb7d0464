/// A small, fast JSON writer that appends UTF-8 to a byte buffer.
///
/// Used on the hot output path instead of `JSONEncoder`. Commas are inserted automatically;
/// callers only say where objects and arrays begin and end. Strings are escaped so that any
/// attacker-written text stays a JSON string: quotes, backslashes, all control characters,
/// and U+2028/U+2029 are escaped.
public struct JSONOutput: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init(reservingCapacity capacity: Int = 512) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        needsComma.removeAll(keepingCapacity: true)
    }

    private mutating func separate() {
        if let last = needsComma.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            needsComma[needsComma.count - 1] = true
        }
    }

    public mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"name":`; the next value written belongs to it.
    public mutating func key(_ name: String) {
        separate()
        appendEscaped(name)
        bytes.append(UInt8(ascii: ":"))
        if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
    }

    /// Writes a key already encoded as `"name":` (see `JSONOutput.encodedKey`), for hot paths.
    public mutating func key(encoded: [UInt8]) {
        separate()
        bytes.append(contentsOf: encoded)
        if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
    }

    /// `"name":` as bytes, to be computed once and passed to `key(encoded:)`.
    public static func encodedKey(_ name: String) -> [UInt8] {
        var output = JSONOutput()
        output.key(name)
        return output.bytes
    }

    public mutating func string(_ value: String) { separate(); appendEscaped(value) }
    public mutating func string<C: Collection>(utf8 value: C) where C.Element == UInt8 { separate(); appendEscaped(utf8: value) }
    public mutating func int(_ value: Int) { separate(); bytes.append(contentsOf: String(value).utf8) }
    public mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }
    public mutating func null() { separate(); bytes.append(contentsOf: "null".utf8) }

    /// Writes a number; integral values are written without a fraction, others with up to 4 decimals.
    public mutating func number(_ value: Double) {
        separate()
        bytes.append(contentsOf: JSONOutput.format(value).utf8)
    }

    /// Writes a number exactly: the shortest form that reads back as the same `Double` (as Swift
    /// prints it, without a trailing `.0`: `3`, `-2.5`, `1e+20`). For stored data, where
    /// `number` would round it for display. JSON has no NaN or infinity: those are written as 0,
    /// so callers that store data check for them first.
    public mutating func exactNumber(_ value: Double) {
        separate()
        guard value.isFinite else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// Pastes an already-encoded JSON value verbatim (the caller guarantees it is valid JSON).
    public mutating func raw(_ json: [UInt8]) { separate(); bytes.append(contentsOf: json) }

    public mutating func field(_ name: String, _ value: String) { key(name); string(value) }
    public mutating func field(_ name: String, _ value: Int) { key(name); int(value) }
    public mutating func field(_ name: String, _ value: Double) { key(name); number(value) }
    public mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }
    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    /// Formats a score or weight the way every output of Patroli shows it: `3`, `-2`, `1.5`.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format4: value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    private mutating func appendEscaped(_ value: String) {
        var value = value
        value.withUTF8 { appendEscaped(buffer: $0) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendEscaped<C: Collection>(utf8 value: C) where C.Element == UInt8 {
        if let done = value.withContiguousStorageIfAvailable({ appendEscaped(buffer: $0) }) { return done }
        let copy = Array(value)
        copy.withUnsafeBufferPointer { appendEscaped(buffer: $0) }
    }

    /// Appends `value` as a JSON string: safe runs are copied in bulk, and quotes, backslashes,
    /// control characters and U+2028/U+2029 (E2 80 A8/A9) are escaped.
    private mutating func appendEscaped(buffer value: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        var i = 0
        let count = value.count
        while i < count {
            let byte = value[i]
            let needsEscape = byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F
                || (byte == 0xE2 && i + 2 < count && value[i + 1] == 0x80 && (value[i + 2] == 0xA8 || value[i + 2] == 0xA9))
            if !needsEscape {
                i += 1
                continue
            }
            if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart..<i])) }
            switch byte {
            case 0x22, 0x5C: bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0xE2:
                bytes.append(contentsOf: Array("\\u202".utf8))
                bytes.append(value[i + 2] == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9"))
                i += 3
                runStart = i
                continue
            default:
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          JSONOutput.hex[Int(byte >> 4)], JSONOutput.hex[Int(byte & 0xF)]])
            }
            i += 1
            runStart = i
        }
        if runStart < count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart..<count])) }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Values that can write themselves into a `JSONOutput`.
public protocol JSONWritable {
    func writeJSON(to output: inout JSONOutput)
}

extension String {
    /// Fixed 4-decimal formatting without Foundation.
    init(format4 value: Double) {
        let negative = value < 0
        let scaled = (abs(value) * 10_000).rounded()
        let whole = Int(scaled / 10_000)
        let fraction = Int(scaled) - whole * 10_000
        var digits = String(fraction)
        while digits.count < 4 { digits = "0" + digits }
        self = (negative ? "-" : "") + String(whole) + "." + digits
    }
}
