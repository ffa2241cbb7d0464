import Foundation
import Testing
@testable import PatroliCore

@Suite struct LabelledCorpusTests {
    @Test func readsLabelKindSplitAndPlaceAndIgnoresUnknownFields() throws {
        let scratch = try AnalysisScratch()
        let file = try scratch.write("c.jsonl", AnalysisFixture.corpus)
        let loaded = try LabelledCorpus.load(path: file)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        #expect(loaded.posts.map(\.id) == ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"])
        let third = try #require(loaded.posts.first { $0.id == "p3" })
        #expect(third == LabelledPost(id: "p3", text: "gaji 20 juta, hubungi kami", label: .recruitment,
                                      kind: "wa_broadcast", split: "dev", source: file, line: 3))
        #expect(loaded.posts.filter { $0.label == .victimLead }.count == 2)
        #expect(loaded.posts.filter { $0.label == .notRecruitment }.count == 3)
    }

    @Test func splitKeepsOnlyThatSplit() throws {
        let scratch = try AnalysisScratch()
        let file = try scratch.write("c.jsonl", AnalysisFixture.corpus)
        let dev = try LabelledCorpus.load(path: file, split: "dev").posts
        #expect(dev.map(\.id) == ["p1", "p3", "p5", "p7"])
    }

    @Test func directoryReadsJsonlFilesInSortedOrderOnly() throws {
        let scratch = try AnalysisScratch()
        try scratch.write("corpus/b.jsonl", #"{"id": "b1", "text": "kedua", "label": "recruitment"}"# + "\n")
        try scratch.write("corpus/a.jsonl", #"{"id": "a1", "text": "pertama", "label": "not_recruitment"}"# + "\n")
        try scratch.write("corpus/README.md", "not a corpus\n")
        let loaded = try LabelledCorpus.load(path: scratch.path + "/corpus")
        #expect(loaded.posts.map(\.id) == ["a1", "b1"])
        #expect(loaded.posts.map(\.source) == [scratch.path + "/corpus/a.jsonl", scratch.path + "/corpus/b.jsonl"])
        #expect(loaded.posts[0].kind == nil && loaded.posts[0].split == nil)
    }

    @Test func badLinesAreProblemsNotCrashes() throws {
        let scratch = try AnalysisScratch()
        let file = try scratch.write("bad.jsonl", """
            {"id": "ok1", "text": "baik", "label": "recruitment"}
            {"id": "x1", "text": "broken
            {"id": "x2", "text": "no label"}
            {"id": "x3", "text": "odd label", "label": "spam"}
            {"id": "x4", "label": "recruitment"}
            {"id": "ok1", "text": "again", "label": "recruitment"}
            {"id": "ok2", "text": "baik juga", "label": "victim_lead"}

            """)
        let loaded = try LabelledCorpus.load(path: file)
        #expect(loaded.posts.map(\.id) == ["ok1", "ok2"])
        #expect(loaded.problems.compactMap(\.line) == [2, 3, 4, 5, 6])
        #expect(loaded.problems[2].message.contains("unknown label `spam`"))
        #expect(loaded.problems[4].message.contains("duplicate id `ok1`"))
    }

    @Test func missingPathOrEmptyFolderThrows() throws {
        let scratch = try AnalysisScratch()
        #expect(throws: InputProblem.self) { try LabelledCorpus.load(path: scratch.path + "/nowhere.jsonl") }
        try scratch.write("empty/notes.txt", "x")
        #expect(throws: InputProblem.self) { try LabelledCorpus.load(path: scratch.path + "/empty") }
    }
}
