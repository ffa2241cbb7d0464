import Foundation
import Testing
@testable import PatroliCore

/// A temporary pack folder on disk, removed when the value goes away.
final class RewriterFolder {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("patroli-rewriter-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        let file = path + "/" + name
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    func read(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)), as: UTF8.self)
    }
}

@Suite struct WeightFileRewriterTests {
    static let manifest = """
        name: rewrite-test
        version: 1.0.0
        thresholds: {low: 2, medium: 4, high: 8, review: 4}
        categories: {salary: pay, news: reporting, place: where}
        """

    /// Comments everywhere, a trailing comment on a weight line, `weight` before `id`, a flow
    /// mapping, a weight that looks like another rule's, and a Windows line ending.
    static let rules = """
        # Salary rules. weight: 3 in a comment must not change.
        rules:
          # first rule
          - id: salary.high
            description: "weight: 3 inside a string"
            category: salary
            weight: 3        # strong: rarely honest
            keywords: ["gaji besar"]

          - description: weight comes before the id here
            weight: 3
            category: salary
            id: salary.other
            keywords: ['gaji tinggi']\r
          - {id: news.warning, description: flow style, category: news, weight: -2, keywords: [waspada]}
          - id: place.far   # a trailing comment after the id
            description: destination
            category: place
            weight: 1.5
            keywords: ["kamboja"]

        """

    private func loadedPack(_ folder: RewriterFolder) throws -> RulePack {
        let loaded = PackLoader.load(directory: folder.path)
        return try #require(loaded.pack, "\(loaded.diagnostics)")
    }

    private func edit(_ pack: RulePack, _ id: String, to weight: Double) throws -> WeightFileRewriter.Edit {
        let rule = try #require(pack.rules.first { $0.id == id })
        return WeightFileRewriter.Edit(ruleID: id, ruleLocation: rule.location, oldWeight: rule.weight, newWeight: weight)
    }

    @Test func onlyTheWeightValuesChangeAndEveryOtherByteStays() throws {
        let folder = try RewriterFolder()
        try folder.write("pack.yaml", Self.manifest)
        try folder.write("rules.yaml", Self.rules)
        let pack = try loadedPack(folder)
        let edits = try [edit(pack, "salary.high", to: 2.5), edit(pack, "salary.other", to: 4),
                         edit(pack, "news.warning", to: -3.5), edit(pack, "place.far", to: 2)]
        let written = try WeightFileRewriter.apply(edits)
        #expect(written == [folder.path + "/rules.yaml"])

        let after = try folder.read("rules.yaml")
        // Lines split at LF scalars ("\r\n" is one Character, so splitting Characters would merge lines).
        let beforeLines = WeightFileRewriter.lines(of: Self.rules)
        let afterLines = WeightFileRewriter.lines(of: after)
        #expect(beforeLines.count == afterLines.count)
        let changed = zip(beforeLines, afterLines).enumerated().filter { $0.element.0 != $0.element.1 }.map { $0.offset + 1 }
        #expect(changed == [7, 11, 15, 19])
        #expect(afterLines[6] == "    weight: 2.5        # strong: rarely honest")
        #expect(afterLines[10] == "    weight: 4")
        #expect(afterLines[14] == "  - {id: news.warning, description: flow style, category: news, weight: -3.5, keywords: [waspada]}")
        #expect(afterLines[18] == "    weight: 2")
        #expect(after.hasPrefix("# Salary rules. weight: 3 in a comment must not change.\n"))
        #expect(after.contains("keywords: ['gaji tinggi']\r\n"), "the CR of a Windows line ending stays")

        let reloaded = try loadedPack(folder)
        #expect(reloaded.rules.map(\.weight) == [2.5, 4, -3.5, 2])
        #expect(try folder.read("pack.yaml") == Self.manifest, "files without edits are not touched")
    }

    @Test func locateFindsTheWeightLineFromTheRuleLocation() throws {
        let folder = try RewriterFolder()
        try folder.write("pack.yaml", Self.manifest)
        let file = try folder.write("rules.yaml", Self.rules)
        let pack = try loadedPack(folder)
        let sites = WeightFileRewriter.sites(for: try pack.rules.map { try edit(pack, $0.id, to: 0) })
        #expect(sites["salary.high"]?.location == SourceLocation(file: file, line: 7, column: 13))
        #expect(sites["salary.other"]?.location.line == 11, "found even though `weight` comes before `id`")
        #expect(sites["news.warning"]?.location.line == 15)
        #expect(sites["news.warning"]?.text == "-2")
        #expect(sites["place.far"]?.text == "1.5")
    }

    @Test func aFileChangedSinceLoadingIsLeftAlone() throws {
        let folder = try RewriterFolder()
        try folder.write("pack.yaml", Self.manifest)
        try folder.write("rules.yaml", Self.rules)
        try folder.write("more.yaml", """
            rules:
              - id: place.near
                description: nearby
                category: place
                weight: 1
                keywords: ["malaysia"]
            """)
        let pack = try loadedPack(folder)
        let edits = try [edit(pack, "place.near", to: 2), edit(pack, "salary.high", to: 1)]
        // Someone edits the weight after the pack was loaded.
        let edited = Self.rules.replacingOccurrences(of: "weight: 3        #", with: "weight: 5        #")
        try folder.write("rules.yaml", edited)
        #expect(throws: WeightFileRewriter.Problem.self) { try WeightFileRewriter.apply(edits) }
        do {
            try WeightFileRewriter.apply(edits)
        } catch {
            #expect(error.description.contains("rules.yaml:7:13"))
            #expect(error.description.contains("`5`"))
        }
        #expect(try folder.read("rules.yaml") == edited)
        #expect(try folder.read("more.yaml").contains("weight: 1\n"), "no file is written when one fails")
    }

    @Test func aRuleThatMovedIsReportedNotGuessed() throws {
        let folder = try RewriterFolder()
        try folder.write("pack.yaml", Self.manifest)
        try folder.write("rules.yaml", Self.rules)
        let pack = try loadedPack(folder)
        let stale = try edit(pack, "salary.high", to: 1)
        try folder.write("rules.yaml", "\n" + Self.rules)
        #expect(throws: WeightFileRewriter.Problem.self) { try WeightFileRewriter.apply([stale]) }
        #expect(try folder.read("rules.yaml") == "\n" + Self.rules)
    }

    @Test func rewriteKeepsTextWithoutEditsIdentical() throws {
        let same = try WeightFileRewriter.rewrite(Self.rules, edits: [])
        #expect(same == Self.rules)
    }
}
