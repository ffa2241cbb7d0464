import ArgumentParser
import Foundation
import PatroliCore

/// `patroli rules import`: turns a spreadsheet export of rules into a pack folder and checks it.
struct RulesImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a spreadsheet export (CSV or TSV) of rules into a rule-pack folder.",
        discussion: """
            Columns (header row): id, weight, kind (keyword, literal or regex), pattern; optional \
            category and description. CSV (comma or semicolon) or TSV, chosen by extension, else by \
            the header. A bad row is reported as file:line with a hint and skipped. The written pack \
            (pack.yaml with thresholds guessed from the weights, and rules.yaml) is then loaded and \
            compiled, and every diagnostic is reported.
            Exit codes: 0 imported cleanly (warnings allowed), 2 rows skipped or the pack has errors.
            """)

    @Argument(help: ArgumentHelp("The spreadsheet export (.csv, .tsv).", valueName: "file"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("Folder to write the pack into (created if needed).", valueName: "dir"))
    var output: String

    @Option(name: .long, help: "The pack's name (default: the file's name without extension).")
    var name: String?

    @Option(name: .customLong("category-default"), help: ArgumentHelp(
        "Category for rows without one.", valueName: "cat"))
    var categoryDefault: String = "imported"

    @Option(name: .customLong("literal-as"), help: ArgumentHelp(
        "What a `literal` row becomes: keyword (whole words, the pack's way) or regex (escaped, any substring, like the sheet).",
        valueName: "keyword|regex"))
    var literalAs: SpreadsheetImporter.LiteralImport = .keyword

    @Flag(name: .long, help: "Replace a pack already in the output folder.")
    var force = false

    func validate() throws {
        guard !categoryDefault.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--category-default must not be empty")
        }
        if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--name must not be empty")
        }
    }

    func run() throws {
        let options = SpreadsheetImporter.Options(packName: name, defaultCategory: categoryDefault, literalsAs: literalAs)
        let result = SpreadsheetImporter.read(path: file, options: options)
        for problem in result.problems { Console.error(problem.description) }
        guard !result.isFatal else {
            Console.error("nothing imported from \(file)")
            throw ExitCode(2)
        }
        let written: [String]
        do {
            written = try SpreadsheetImporter.write(result, to: output, overwrite: force)
        } catch {
            Console.error(error.description)
            throw ExitCode(2)
        }
        let out = OutputBuffer()
        out.write(summary(result, written: written))
        out.flush()

        let (checks, compiledRules) = SpreadsheetImporter.check(directory: output, result: result)
        let fileName = (file as NSString).lastPathComponent
        for check in checks {
            var text = check.diagnostic.description
            if let line = check.sourceLine { text += "\n  = row: \(fileName):\(line)" }
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
        let errors = checks.filter { $0.diagnostic.severity == .error }.count
        let warnings = checks.count - errors
        if let compiledRules {
            out.write("Check: the pack loads and compiles (\(compiledRules) rules, \(warnings) warning(s)).\n")
        } else {
            out.write("Check: the pack does NOT load: \(errors) error(s), \(warnings) warning(s); see above.\n")
        }
        out.flush()
        if errors > 0 || !result.problems.isEmpty { throw ExitCode(2) }
    }

    private func summary(_ result: SpreadsheetImporter.Result, written: [String]) -> String {
        let skipped = result.problems.filter { $0.line != nil }.count
        var text = "Imported \(result.rules.count) rule(s) from \(file) (\(result.format))"
        text += skipped > 0 ? "; \(skipped) row(s) skipped, see above.\n" : ".\n"
        text += "Wrote \(written.joined(separator: " and ")).\n"
        if result.literalsAsKeywords > 0 {
            text += "Note: \(result.literalsAsKeywords) `literal` row(s) became keywords. Keywords match whole words or "
                + "phrases on the normalized text, while the spreadsheet's literals matched any substring, so they "
                + "do not match the same posts. Pass --literal-as regex to keep substring matching.\n"
        }
        if result.literalsAsRegexes > 0 {
            text += "Note: \(result.literalsAsRegexes) `literal` row(s) became escaped regexes (substrings of the normalized text).\n"
        }
        let t = result.thresholds
        let number = PackYAMLWriter.number
        text += "Thresholds guessed from the weights: low \(number(t.low)), medium \(number(t.medium)), "
            + "high \(number(t.high)), review \(number(t.review)) (why: see the comment in pack.yaml).\n"
        text += "Categories: " + result.categories.map { "\($0.name) (\($0.rules))" }.joined(separator: ", ") + "\n"
        return text
    }
}

extension SpreadsheetImporter.LiteralImport: ExpressibleByArgument {}
