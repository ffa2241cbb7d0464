import Foundation
import Testing
import Yams
@testable import PatroliCore

/// Spreadsheet exports like the analysts' bench sheet, with the awkward cases in it.
enum SpreadsheetFixture {
    /// Tab-separated, no quoting: regexes with quotes, backslashes, `#`, `: ` and braces.
    static let tsv = [
        "id\tweight\tkind\tpattern",
        "L001\t4\tliteral\tkamboja",
        "L002\t3\tliteral\tphnom penh",
        "L003\t-2\tliteral\twaspada",
        "R001\t2\tregex\t(\\+?62|0)8\\d{8,11}",
        "R002\t3\tregex\tgaji\\s*:?\\s*(rp\\.?\\s*)?\\d{1,3}\\s*(jt|juta)",
        "R003\t2\tregex\t'kerja' di \"luar\" negeri",
        "R004\t1\tregex\tjob's\\s+it's #1: \\{ok\\}",
        "R005\t-3\tregex\t\\brp\\s*\\d+([.,]\\d+)?\\s*(triliun|miliar)",
        "R006\t2\tregex\t- gaji \\\\ \\d+ ''",
        "K001\t1.5\tkeyword\tgaji besar",
    ].joined(separator: "\n") + "\n"

    static let regexes: [String: String] = [
        "R001": "(\\+?62|0)8\\d{8,11}",
        "R002": "gaji\\s*:?\\s*(rp\\.?\\s*)?\\d{1,3}\\s*(jt|juta)",
        "R003": "'kerja' di \"luar\" negeri",
        "R004": "job's\\s+it's #1: \\{ok\\}",
        "R005": "\\brp\\s*\\d+([.,]\\d+)?\\s*(triliun|miliar)",
        "R006": "- gaji \\\\ \\d+ ''",
    ]
}

final class ImportFolder {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("patroli-import-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

@Suite struct SpreadsheetImporterTests {
    typealias F = SpreadsheetFixture

    private func importAndLoad(_ contents: String, source: String, options: SpreadsheetImporter.Options = .init())
        throws -> (result: SpreadsheetImporter.Result, pack: RulePack, folder: ImportFolder) {
        let folder = try ImportFolder()
        let result = SpreadsheetImporter.read(contents: contents, source: source, options: options)
        #expect(!result.isFatal, "\(result.problems)")
        try SpreadsheetImporter.write(result, to: folder.path)
        let loaded = PackLoader.load(directory: folder.path)
        let pack = try #require(loaded.pack, "\(loaded.diagnostics)\n\(result.rulesYAML)")
        return (result, pack, folder)
    }

    @Test func tsvImportLoadsCompilesAndKeepsEveryRegexExactly() throws {
        let (result, pack, folder) = try importAndLoad(F.tsv, source: "sheets/rules.tsv")
        #expect(result.format == "tsv")
        #expect(result.problems.isEmpty)
        #expect(pack.rules.count == 10)
        for (id, pattern) in F.regexes {
            let rule = try #require(pack.rules.first { $0.id == id })
            guard case .regex(let read, _, _) = rule.matcher else {
                Issue.record("\(id) is not a regex")
                continue
            }
            #expect(read == pattern, "\(id)")
        }
        #expect(result.rulesYAML.contains("regex: '''kerja'' di \"luar\" negeri'"), "single quotes doubled")
        #expect(result.rulesYAML.contains(#"regex: '(\+?62|0)8\d{8,11}'"#), "backslashes as they are")
        let literal = try #require(pack.rules.first { $0.id == "L001" })
        #expect(literal.matcher == .keywords(["kamboja"]))
        #expect(literal.references == ["rules.tsv:2"])
        #expect(pack.rules.first { $0.id == "K001" }?.weight == 1.5)
        #expect(pack.rules.allSatisfy { $0.category == "imported" })

        let (checks, compiled) = SpreadsheetImporter.check(directory: folder.path, result: result)
        #expect(compiled == 10)
        #expect(checks.allSatisfy { $0.diagnostic.severity == .warning })
        let phone = try #require(checks.first { $0.diagnostic.ruleID == "R001" }, "R001 has no required literal")
        #expect(phone.diagnostic.code == .regexWithoutLiteral)
        #expect(phone.sourceLine == 5)
        #expect(phone.diagnostic.location?.file == folder.path + "/rules.yaml")
    }

    @Test func csvWithQuotesSemicolonsAndCategoriesImports() throws {
        let csv = "\u{FEFF}ID,Weight,Kind,Pattern,Category,Description\r\n"
            + "S1,3,regex,\"gaji\\s*\\d+\\s*(jt|juta), \"\"bersih\"\"\",salary,\"Pay, quoted\"\r\n"
            + "S2,2,keyword,tanpa pengalaman,no_qualification,\r\n"
            + "S3,1,regex,\"multi\nline\",salary,wrapped cell\r\n"
            + "N1,-2,literal,waspada,,\r\n"
        let (result, pack, _) = try importAndLoad(csv, source: "export.csv", options: .init(defaultCategory: "misc"))
        #expect(result.format == "csv")
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(pack.rules.map(\.id) == ["S1", "S2", "S3", "N1"])
        #expect(pack.rules[0].matcher == .regex(pattern: "gaji\\s*\\d+\\s*(jt|juta), \"bersih\"", target: .normalized, literals: nil))
        #expect(pack.rules[0].description == "Pay, quoted")
        #expect(pack.rules[2].matcher == .regex(pattern: "multi\nline", target: .normalized, literals: nil))
        #expect(pack.rules[2].references == ["export.csv:4"])
        #expect(pack.rules[3].references == ["export.csv:6"], "the quoted line break moves later rows down")
        #expect(pack.rules[3].category == "misc")
        #expect(Set(pack.manifest.categories.keys) == ["salary", "no_qualification", "misc"])

        let semicolons = "id;weight;kind;pattern\nA;2,5;keyword;gaji besar\nB;-1;regex;a;b\n"
        let semicolonResult = SpreadsheetImporter.read(contents: semicolons, source: "export.txt")
        #expect(semicolonResult.format == "csv (semicolon-separated)")
        #expect(semicolonResult.rules.first?.weight == 2.5, "decimal comma")
        #expect(semicolonResult.problems.map(\.line) == [3], "an unquoted delimiter splits the pattern")
    }

    @Test func tsvWithWindowsLineEndingsSplitsIntoRows() throws {
        let tsv = F.tsv.replacingOccurrences(of: "\n", with: "\r\n")
        let (result, pack, _) = try importAndLoad(tsv, source: "export.tsv")
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(pack.rules.count == 10)
        #expect(pack.rules.first { $0.id == "R001" }?.matcher
            == .regex(pattern: "(\\+?62|0)8\\d{8,11}", target: .normalized, literals: nil), "no CR left on the pattern")
    }

    @Test func badRowsAreReportedWithFileAndLineAndSkipped() throws {
        let tsv = [
            "id\tweight\tkind\tpattern",
            "A1\t2\tliteral\tkamboja",
            "A2\tabc\tliteral\tmyanmar",
            "A3\t2\tregx\tgaji",
            "A4\t2\tregex\t   ",
            "A5\t2\tregex\tgaji (\\d+",
            "A1\t1\tliteral\tlaos",
            "bad id\t1\tliteral\tdubai",
            "A8\t1\tliteral",
            "\t1\tliteral\tbangkok",
            "A10\t\tkeyword\tthailand",
            "A11\t1\tkeyword\t\u{200B}\u{200B}",
            "",
            "A13\t1\tkeyword\tvietnam",
        ].joined(separator: "\n")
        let result = SpreadsheetImporter.read(contents: tsv, source: "in/rules.tsv")
        #expect(!result.isFatal)
        #expect(result.rules.map(\.id) == ["A1", "A13"])
        #expect(result.rules.map(\.line) == [2, 14])
        let byLine = Dictionary(result.problems.compactMap { problem in problem.line.map { ($0, problem) } }) { a, _ in a }
        #expect(byLine.keys.sorted() == [3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
        #expect(byLine[3]?.description.hasPrefix("in/rules.tsv:3: weight `abc` of rule `A2` is not a number") == true)
        #expect(byLine[4]?.message.contains("unknown kind `regx`") == true)
        #expect(byLine[4]?.hint?.contains("did you mean `regex`?") == true)
        #expect(byLine[5]?.message.contains("empty pattern") == true)
        #expect(byLine[6]?.message.contains("does not compile") == true)
        #expect(byLine[7]?.message.contains("duplicate id `A1`") == true)
        #expect(byLine[7]?.hint?.contains("line 2") == true)
        #expect(byLine[8]?.hint?.contains("bad_id") == true)
        #expect(byLine[9]?.message.contains("3 field(s)") == true)
        #expect(byLine[10]?.message.contains("empty id") == true)
        #expect(byLine[11]?.message.contains("no weight") == true)
        #expect(byLine[12]?.message.contains("nothing once normalized") == true)
        #expect(result.problems.allSatisfy { $0.hint != nil })
    }

    @Test func missingColumnStopsTheImportAtTheHeader() throws {
        let result = SpreadsheetImporter.read(contents: "id,weight,patern\nA,1,kamboja\n", source: "x.csv")
        #expect(result.isFatal)
        #expect(result.rules.isEmpty)
        let descriptions = result.problems.map(\.description)
        #expect(descriptions.contains { $0.hasPrefix("x.csv:1: missing column `kind`") })
        #expect(descriptions.contains { $0.hasPrefix("x.csv:1: missing column `pattern`") && $0.contains("did you mean `patern`?") })
    }

    @Test func literalsAsRegexesKeepSubstringMatching() throws {
        let tsv = "id\tweight\tkind\tpattern\nL1\t4\tliteral\tgaji\nL2\t1\tliteral\twa.me/\n"
        let asKeywords = try importAndLoad(tsv, source: "a.tsv")
        #expect(asKeywords.result.literalsAsKeywords == 2)
        #expect(asKeywords.result.rulesYAML.contains("became keywords"))
        let asRegexes = try importAndLoad(tsv, source: "a.tsv", options: .init(literalsAs: .regex))
        #expect(asRegexes.result.literalsAsRegexes == 2)
        #expect(asRegexes.pack.rules[1].matcher == .regex(pattern: "wa\\.me/", target: .normalized, literals: nil))

        let keywordScan = Scanner(pack: try CompiledPack.compile(asKeywords.pack)).scan("besok gajian")
        let regexScan = Scanner(pack: try CompiledPack.compile(asRegexes.pack)).scan("besok gajian")
        #expect(keywordScan.contributions.isEmpty, "keywords are whole words")
        #expect(regexScan.contributions.map(\.ruleID) == ["L1"], "the spreadsheet's substring semantics")
    }

    @Test func thresholdsAreGuessedFromTheStrongWeightsAndExplained() throws {
        let guess = SpreadsheetImporter.guessThresholds(weights: [1, 1, 2, 2, 3, 3, 3, 4, 4, 4, -3, 10])
        #expect(guess.thresholds == Thresholds(low: 4, medium: 8, high: 12, review: 8))
        #expect(guess.explanation.joined().contains("1 rule(s) weigh 8 or more"))
        let none = SpreadsheetImporter.guessThresholds(weights: [-1, -2])
        #expect(none.thresholds == Thresholds(low: 3, medium: 6, high: 10, review: 6))
        let result = SpreadsheetImporter.read(contents: F.tsv, source: "rules.tsv")
        #expect(result.manifestYAML.contains("# Guessed from the imported weights"))
        #expect(result.manifestYAML.contains("  review: 8\n"))
    }

    @Test func existingPackIsNotReplacedWithoutOverwrite() throws {
        let folder = try ImportFolder()
        let result = SpreadsheetImporter.read(contents: F.tsv, source: "rules.tsv")
        try SpreadsheetImporter.write(result, to: folder.path)
        #expect(throws: InputProblem.self) { try SpreadsheetImporter.write(result, to: folder.path) }
        try SpreadsheetImporter.write(result, to: folder.path, overwrite: true)
    }
}

@Suite struct PackYAMLWriterImportTests {
    static let awkward = [
        "plain", "it's", "''", "\"double\"", "back\\slash\\d+", "# not a comment", "key: value", "- dash", "[flow]",
        "{brace}", "*alias", "&anchor", "!tag", "|", ">", "%directive", "@at", "`tick`", "  leading space",
        "trailing space  ", "tab\there", "line\nbreak", "cr\rreturn", "bell\u{7}", "nul\u{0}", "nel\u{85}",
        "ls\u{2028}", "bom\u{FEFF}", "emoji 🔥", "yes", "no", "null", "~", "true", "3", "-1.5", "0x1F", ".inf", "",
    ]

    @Test func quotedTextReadsBackExactly() throws {
        for text in Self.awkward {
            let yaml = "value: \(PackYAMLWriter.quoted(text))\n"
            let node = try Yams.compose(yaml: yaml)
            #expect(node?["value"]?.string == text, "\(yaml)")
        }
    }

    @Test func namesArePlainOnlyWhenUnambiguous() throws {
        #expect(PackYAMLWriter.name("salary.high_idr") == "salary.high_idr")
        #expect(PackYAMLWriter.name("L001") == "L001")
        for text in ["yes", "No", "null", "1e3", "001", "a b", "x:y", "-a", ".5", ""] {
            let written = PackYAMLWriter.name(text)
            #expect(written.hasPrefix("'"), "\(text)")
            let node = try Yams.compose(yaml: "\(written): \(written)\n")
            let pair = try #require(node?.mapping?.first)
            #expect(pair.key.string == text && pair.value.string == text)
            #expect(pair.key.tag.description == "tag:yaml.org,2002:str", "read as text, not a number or boolean")
        }
    }

    @Test func numbersAreWrittenWithoutNeedlessDecimals() {
        #expect(PackYAMLWriter.number(3) == "3")
        #expect(PackYAMLWriter.number(-0.0) == "0")
        #expect(PackYAMLWriter.number(2.5) == "2.5")
        #expect(PackYAMLWriter.number(-1.5) == "-1.5")
    }
}
