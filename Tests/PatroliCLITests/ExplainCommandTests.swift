import Foundation
import Testing

@Suite(.serialized) struct ExplainCommandTests {
    @Test func explainMarksHitsShowsNormalizedTextAndTheSum() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let run = try CLI.run(["explain", "--rules", pack, "Loker K4mboja gaji 15jt"])
        #expect(run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("[[K4mboja]]"), "plain markers when not on a terminal:\n\(run.stdout)")
        #expect(run.stdout.contains("[[gaji 15jt]]"))
        #expect(run.stdout.contains("loker kamboja gaji 15jt"), "the normalized text")
        #expect(run.stdout.contains("+2 destination.cambodia"))
        #expect(run.stdout.contains("+2 combo.salary_destination"))
        #expect(run.stdout.contains("= 6"))
        #expect(!run.stdout.contains("\u{1B}["), "no colour codes when stdout is not a terminal")
    }

    @Test func explainUsesColourWhenAsked() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let run = try CLI.run(["explain", "--color", "always", "--rules", pack, "kerja di kamboja"])
        #expect(run.stdout.contains("\u{1B}[1;31mkamboja\u{1B}[0m"))
    }

    @Test func explainReadsAFile() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let file = try folder.write("post.txt", "Waspada loker kamboja gaji 15jt")
        let run = try CLI.run(["explain", "--rules", pack, "--file", file])
        #expect(run.status == 0)
        #expect(run.stdout.contains("-4 news.warning"))
        #expect(run.stdout.contains("not flagged"))
    }
}
