import Foundation

/// The fields of an `application/x-www-form-urlencoded` body (or query string): `+` is a space,
/// `%XX` a byte; a field given twice keeps its first value; undecodable fields are dropped.
struct FormFields: Sendable {
    private var values: [String: String] = [:]

    init(_ encoded: String) {
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = FormFields.decode(parts[0]) else { continue }
            let value = parts.count > 1 ? FormFields.decode(parts[1]) : ""
            if let value, values[name] == nil { values[name] = value }
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    private static func decode(_ part: Substring) -> String? {
        part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
