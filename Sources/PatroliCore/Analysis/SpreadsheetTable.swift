/// A spreadsheet export (CSV or TSV) read into rows, each with the line it starts on.
///
/// TSV follows the IANA text/tab-separated-values format: one row per line, fields split at tabs,
/// no quoting (so regexes with quotes and backslashes come through untouched). CSV follows RFC 4180:
/// fields split at the delimiter (comma, or semicolon as spreadsheets in Indonesian and other
/// decimal-comma locales write it), quoted fields may hold delimiters, doubled quotes and line breaks.
struct SpreadsheetTable: Sendable {
    enum Format: String, Sendable {
        case tsv, csv, semicolonCSV = "csv (semicolon-separated)"

        var delimiter: Unicode.Scalar {
            switch self {
            case .tsv: return "\t"
            case .csv: return ","
            case .semicolonCSV: return ";"
            }
        }
    }

    struct Row: Sendable {
        /// 1-based line the row starts on.
        var line: Int
        var fields: [String]
    }

    var format: Format
    /// Rows in file order, blank lines left out; the first is the header.
    var rows: [Row]
    /// Problems with the file's shape (an unterminated quote), each with its line.
    var problems: [(line: Int, message: String, hint: String)] = []

    /// Reads `text`; `fileName` picks the format by extension (`.tsv`, `.tab`, `.csv`), else the
    /// header line decides (the delimiter it holds most of, tab first).
    init(text: String, fileName: String) {
        var body = Substring(text)
        if body.unicodeScalars.first == "\u{FEFF}" { body = Substring(body.unicodeScalars.dropFirst()) }
        format = Self.sniff(body, fileName: fileName)
        rows = []
        if format == .tsv {
            readTSV(body)
        } else {
            readCSV(body)
        }
    }

    // MARK: Format

    private static func sniff(_ text: Substring, fileName: String) -> Format {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".tsv") || lowered.hasSuffix(".tab") { return .tsv }
        let header = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: true)
            .first { !$0.allSatisfy(\.properties.isWhitespace) } ?? Substring.UnicodeScalarView()
        var counts: [Unicode.Scalar: Int] = ["\t": 0, ",": 0, ";": 0]
        var quoted = false
        for scalar in header {
            if scalar == "\"" { quoted.toggle() }
            if !quoted, counts[scalar] != nil { counts[scalar, default: 0] += 1 }
        }
        let tabs = counts["\t"] ?? 0, commas = counts[","] ?? 0, semicolons = counts[";"] ?? 0
        if !lowered.hasSuffix(".csv"), tabs > 0, tabs >= commas, tabs >= semicolons { return .tsv }
        return semicolons > commas ? .semicolonCSV : .csv
    }

    // MARK: TSV

    private mutating func readTSV(_ text: Substring) {
        // Split at LF scalars: "\r\n" is a single `Character`, so splitting characters would not.
        for (index, rawLine) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            if line.allSatisfy(\.properties.isWhitespace) { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { String(String.UnicodeScalarView($0)) }
            rows.append(Row(line: index + 1, fields: fields))
        }
    }

    // MARK: CSV

    private mutating func readCSV(_ text: Substring) {
        let delimiter = format.delimiter
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var rowStart = 1
        var rowHasContent = false

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
        }
        func endRow() {
            endField()
            if rowHasContent || fields.contains(where: { !$0.allSatisfy(\.isWhitespace) }) {
                rows.append(Row(line: rowStart, fields: fields))
            }
            fields = []
            rowHasContent = false
        }

        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\"" && field.isEmpty {
                // A quoted field: up to the closing quote; `""` is one quote.
                let openedOn = line
                rowHasContent = true
                index += 1
                var closed = false
                while index < scalars.count {
                    let inner = scalars[index]
                    if inner == "\"" {
                        if index + 1 < scalars.count && scalars[index + 1] == "\"" {
                            field.append("\"")
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    if inner == "\n" { line += 1 }
                    field.append(inner)
                    index += 1
                }
                if !closed {
                    problems.append((openedOn, "the quoted field opened on this line never ends",
                                     "close the quote, and double any quote inside a quoted field (\"\")"))
                    fields = []
                    field = String.UnicodeScalarView()
                    rowHasContent = false
                    return
                }
                continue
            }
            switch scalar {
            case delimiter:
                endField()
                rowHasContent = true
            case "\n":
                if field.last == "\r" { field.removeLast() }
                endRow()
                line += 1
                rowStart = line
            default:
                field.append(scalar)
            }
            index += 1
        }
        if field.last == "\r" { field.removeLast() }
        if !field.isEmpty || !fields.isEmpty || rowHasContent { endRow() }
    }
}
