#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes the body of a JSON string (already validated by `JSONScanner`) into UTF-8 bytes.
enum JSONStringDecoding {
    /// The decoded bytes of the string body `base[start..<end]`.
    ///
    /// Handles every JSON escape, `\uXXXX` included; a surrogate pair becomes one scalar and a lone
    /// surrogate becomes U+FFFD. Bytes outside escapes are copied as they are, so invalid UTF-8 in
    /// the input stays invalid here (repair it afterwards). Decoding never lengthens a string, so
    /// the result is written straight into an array of the body's size.
    static func decoded(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, escaped: Bool) -> [UInt8] {
        let length = end - start
        guard escaped else { return Array(UnsafeBufferPointer(start: base + start, count: length)) }
        return [UInt8](unsafeUninitializedCapacity: length) { buffer, initializedCount in
            guard let output = buffer.baseAddress else {
                initializedCount = 0
                return
            }
            initializedCount = decode(base, from: start, to: end, into: output)
        }
    }

    /// Writes the decoded body to `output` (room for `end - start` bytes); returns the count.
    private static func decode(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int,
                               into output: UnsafeMutablePointer<UInt8>) -> Int
    {
        var written = 0
        var index = start
        var runStart = start
        @inline(__always) func put(_ byte: UInt8) {
            output[written] = byte
            written += 1
        }
        while index < end {
            guard let found = memchr(base + index, 0x5C, end - index) else {
                index = end
                break
            }
            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            guard index + 1 < end else {
                index = end
                break
            }
            if index > runStart {
                (output + written).update(from: base + runStart, count: index - runStart)
                written += index - runStart
            }
            let kind = base[index + 1]
            index += 2
            switch kind {
            case UInt8(ascii: "b"): put(0x08)
            case UInt8(ascii: "f"): put(0x0C)
            case UInt8(ascii: "n"): put(0x0A)
            case UInt8(ascii: "r"): put(0x0D)
            case UInt8(ascii: "t"): put(0x09)
            case UInt8(ascii: "u"):
                guard let unit = hex4(base, at: index, end: end) else {
                    put(UInt8(ascii: "?"))
                    break
                }
                index += 4
                var scalar = unit
                if (0xD800...0xDBFF).contains(unit) {
                    if index + 6 <= end, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u"),
                       let low = hex4(base, at: index + 2, end: end), (0xDC00...0xDFFF).contains(low)
                    {
                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(unit) {
                    scalar = 0xFFFD
                }
                switch scalar {
                case 0..<0x80:
                    put(UInt8(scalar))
                case 0x80..<0x800:
                    put(UInt8(0xC0 | scalar >> 6))
                    put(UInt8(0x80 | scalar & 0x3F))
                case 0x800..<0x10000:
                    put(UInt8(0xE0 | scalar >> 12))
                    put(UInt8(0x80 | scalar >> 6 & 0x3F))
                    put(UInt8(0x80 | scalar & 0x3F))
                default:
                    put(UInt8(0xF0 | scalar >> 18))
                    put(UInt8(0x80 | scalar >> 12 & 0x3F))
                    put(UInt8(0x80 | scalar >> 6 & 0x3F))
                    put(UInt8(0x80 | scalar & 0x3F))
                }
            default:
                // `"`, `\` and `/` stand for themselves.
                put(kind)
            }
            runStart = index
        }
        if end > runStart {
            (output + written).update(from: base + runStart, count: end - runStart)
            written += end - runStart
        }
        return written
    }

    private static func hex4(_ base: UnsafePointer<UInt8>, at index: Int, end: Int) -> UInt32? {
        guard index + 4 <= end else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = JSONScanner.hexValue(base[index + offset]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }
}
