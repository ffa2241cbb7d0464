/// Finds the parts of a text that token layers must leave alone: URLs and e-mail addresses.
///
/// A whitespace-delimited chunk is protected when it contains `://`, starts with `www.`,
/// contains a link-like domain (`wa.me/`, `t.me/`, `.com`, `.id/`…) or looks like an e-mail
/// address (`x@y.z`). Leetspeak, joining and letter-run collapsing would break them.
enum ProtectedSpans {
    static func find(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            while i < bytes.count && UTF8Scalars.isASCIIWhitespace(bytes[i]) { i += 1 }
            let start = i
            var hasMarker = false
            while i < bytes.count && !UTF8Scalars.isASCIIWhitespace(bytes[i]) {
                let byte = bytes[i]
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "@") || byte == UInt8(ascii: ".") { hasMarker = true }
                i += 1
            }
            if hasMarker && isProtected(bytes, start..<i) { spans.append(start..<i) }
        }
        return spans
    }

    private static let domainMarkers: [[UInt8]] = [
        "://", "www.", ".me/", ".com", ".co.", ".id/", ".net", ".org", ".ly/", ".gl/", ".link", ".io",
    ].map { Array($0.utf8) }

    private static func isProtected(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for marker in domainMarkers where contains(bytes, range, marker) { return true }
        // e-mail: letters@letters.letters
        if let at = range.first(where: { bytes[$0] == UInt8(ascii: "@") }), at > range.lowerBound,
           UTF8Scalars.isASCIIAlphanumeric(bytes[at - 1]),
           (at + 1..<range.upperBound).contains(where: { bytes[$0] == UInt8(ascii: ".") }) {
            return true
        }
        return false
    }

    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        guard range.count >= needle.count else { return false }
        var i = range.lowerBound
        while i + needle.count <= range.upperBound {
            var k = 0
            while k < needle.count && bytes[i + k] == needle[k] { k += 1 }
            if k == needle.count { return true }
            i += 1
        }
        return false
    }

    /// Whether `index` lies in one of the sorted `spans`, advancing `cursor` through them.
    @inline(__always)
    static func isInside(_ index: Int, _ spans: [Range<Int>], cursor: inout Int) -> Bool {
        while cursor < spans.count && spans[cursor].upperBound <= index { cursor += 1 }
        return cursor < spans.count && spans[cursor].contains(index)
    }
}
