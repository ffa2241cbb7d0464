/// Small helpers for walking valid UTF-8 by code point without building `String`s.
enum UTF8Scalars {
    /// Length of the UTF-8 sequence that starts with `lead` (1 for continuation bytes, defensively).
    @inline(__always)
    static func sequenceLength(_ lead: UInt8) -> Int {
        if lead < 0x80 { return 1 }
        if lead >= 0xF0 { return 4 }
        if lead >= 0xE0 { return 3 }
        if lead >= 0xC0 { return 2 }
        return 1
    }

    /// Decodes the code point at `i` in valid UTF-8 `bytes`; returns it and its length.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
        let lead = bytes[i]
        let length = min(sequenceLength(lead), bytes.count - i)
        switch length {
        case 2: return ((UInt32(lead & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F), 2)
        case 3:
            return ((UInt32(lead & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F), 3)
        case 4:
            return ((UInt32(lead & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                        | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F), 4)
        default: return (UInt32(lead), 1)
        }
    }

    static func encode(_ scalar: UInt32) -> [UInt8] {
        guard let value = Unicode.Scalar(scalar) else { return [0xEF, 0xBF, 0xBD] }
        return Array(String(Character(value)).utf8)
    }

    /// Number of code points in `bytes[0..<end]` (continuation bytes are not counted).
    static func codePointCount(_ bytes: UnsafeBufferPointer<UInt8>, upTo end: Int) -> Int {
        var count = 0
        for i in 0..<min(end, bytes.count) where bytes[i] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    @inline(__always)
    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
    }

    @inline(__always)
    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
    }

    @inline(__always)
    static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    @inline(__always)
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
}
