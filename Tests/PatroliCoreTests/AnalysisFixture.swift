import Foundation
@testable import PatroliCore

/// A folder under the temporary directory, removed when the value goes away.
final class AnalysisScratch {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("patroli-analysis-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `contents` to `name` (folders created) and returns the file's path.
    @discardableResult
    func write(_ name: String, _ contents: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }
}

/// A small pack and a hand-made corpus whose scores are worked out by hand in the tests.
///
/// Weights: salary.big 2, salary.amount 2 (salary capped at 3), destination.cambodia 2,
/// combo.pay_place 2 (salary and destination), news.warning -4, victim.plea 1. Review at 4.
enum AnalysisFixture {
    static let manifest = """
        name: eval-test
        version: 1.0.0
        thresholds: {low: 2, medium: 4, high: 6, review: 4}
        categories:
          salary: pay
          destination: place
          combination: both together
          news: reporting
          victim_lead: plea for help
        caps:
          salary: 3
        lexicon:
          gj: gaji
          yg: yang
          dgn: dengan
        examples:
          - text: "loker kamboja gaji 15jt"
            risk: high
        """

    static let rules = """
        rules:
          - id: salary.big
            description: big pay words
            category: salary
            weight: 2
            keywords: ["gaji besar"]
            examples:
              match: ["gaji besar menanti"]
              no_match: ["gaji kecil"]
          - id: salary.amount
            description: tens of millions
            category: salary
            weight: 2
            regex: 'gaji\\s*\\d{2}\\s*(?:jt|juta)'
          - id: destination.cambodia
            description: Cambodia
            category: destination
            weight: 2
            keywords: ["kamboja"]
          - id: combo.pay_place
            description: pay and place
            category: combination
            weight: 2
            all: ["category:salary", "category:destination"]
            examples:
              match: ["gj 15jt di kamboja"]
          - id: news.warning
            description: warning words
            category: news
            weight: -4
            keywords: ["waspada"]
          - id: victim.plea
            description: asking for help
            category: victim_lead
            weight: 1
            keywords: ["tolong"]
        """

    /// Scores (by hand): p1 6, p2 6, p3 2, p4 2, p5 7 (salary capped), p6 3, p7 7, p8 0.
    static let corpus = """
        {"id": "p1", "text": "loker kamboja gaji 15jt", "label": "recruitment", "kind": "fb_group", "split": "dev", "note": "x"}
        {"id": "p2", "text": "kerja kamboja gaji besar", "label": "recruitment", "kind": "fb_group", "split": "test"}
        {"id": "p3", "text": "gaji 20 juta, hubungi kami", "label": "recruitment", "kind": "wa_broadcast", "split": "dev", "category": "salary", "hard": true}
        {"id": "p4", "text": "waspada loker kamboja gaji 15jt", "label": "not_recruitment", "kind": "news", "split": "test"}
        {"id": "p5", "text": "wisata kamboja, gaji besar gaji 15jt", "label": "not_recruitment", "kind": "travel", "split": "dev"}
        {"id": "p6", "text": "tolong anak saya di kamboja", "label": "victim_lead", "kind": "plea", "split": "test"}
        {"id": "p7", "text": "tolong, anak saya dijanjikan gaji 15jt di kamboja", "label": "victim_lead", "kind": "plea", "split": "dev"}
        {"id": "p8", "text": "lowongan kasir yg jujur, gaji umr", "label": "not_recruitment", "kind": "domestic_ad", "split": "test"}

        """

    /// Writes the pack (`pack/pack.yaml`, `pack/rules.yaml`) and returns its folder.
    static func writePack(in scratch: AnalysisScratch, rules: String = AnalysisFixture.rules,
                          manifest: String = AnalysisFixture.manifest) throws -> String {
        try scratch.write("pack/pack.yaml", manifest)
        try scratch.write("pack/rules.yaml", rules)
        return scratch.path + "/pack"
    }

    static func compiledPack() throws -> CompiledPack {
        let loaded = PackLoader.load(files: [("pack.yaml", manifest), ("rules.yaml", rules)])
        guard let pack = loaded.pack else { throw PackError(loaded.diagnostics) }
        return try CompiledPack.compile(pack)
    }

    static func posts() throws -> [LabelledPost] {
        let scratch = try AnalysisScratch()
        let file = try scratch.write("corpus.jsonl", corpus)
        return try LabelledCorpus.load(path: file).posts
    }
}
