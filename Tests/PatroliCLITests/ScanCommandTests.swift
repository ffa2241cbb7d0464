import Foundation
import Testing

private func jsonl(_ posts: [(String, String)]) -> Data {
    Data(posts.map { id, text in
        let object = ["id": id, "text": text]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }.joined(separator: "\n").utf8 + [0x0A])
}

private let recruitment = "Loker K4mboja 🇰🇭 gaji 15jt, hub wa.me/6281200001111"
private let ordinary = "Dicari operator produksi di Bekasi, gaji UMR"
private let news = "Waspada loker Kamboja gaji 15jt, jangan tergiur kata polisi"

@Suite(.serialized) struct ScanCommandTests {
    @Test func flaggedPostsComeOutWithHitsPinnedToTheOriginalText() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let run = try CLI.run(["scan", "--rules", pack], stdin: jsonl([("p1", recruitment), ("p2", ordinary)]))
        #expect(run.status == 1, "exit 1 when something is flagged; stderr: \(run.stderr)")
        let results = run.results
        #expect(results.count == 1)
        let result = try #require(results.first)
        #expect(result["id"] as? String == "p1")
        #expect(result["flagged"] as? Bool == true)
        #expect(result["risk"] as? String == "high")
        #expect(result["score"] as? Double == 7)
        let hits = try #require(result["hits"] as? [[String: Any]])
        let scalars = Array(recruitment.unicodeScalars)
        var points = 0.0
        for hit in hits {
            let start = try #require(hit["start"] as? Int), end = try #require(hit["end"] as? Int)
            let slice = String(String.UnicodeScalarView(scalars[start..<end]))
            #expect(hit["text"] as? String == slice, "hit text is exactly the original slice")
            points += hit["points"] as? Double ?? 0
        }
        #expect(points == 7, "the hits' points add up to the score")
        let texts = Set(hits.compactMap { $0["text"] as? String })
        #expect(texts.contains("K4mboja"))
        #expect(texts.contains("🇰🇭"))
        #expect(texts.contains("gaji 15jt"))
        #expect(texts.contains("wa.me/6281200001111"))
        let entities = try #require(result["entities"] as? [String: Any])
        let contacts = try #require(entities["contacts"] as? [[String: Any]])
        #expect(contacts.contains { $0["value"] as? String == "+6281200001111" })
    }

    @Test func allPrintsEveryPostAndExitZeroWhenNothingFlagged() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let run = try CLI.run(["scan", "--all", "--rules", pack], stdin: jsonl([("a", ordinary), ("b", news)]))
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.results.map { $0["id"] as? String } == ["a", "b"])
        #expect(run.results.allSatisfy { $0["flagged"] as? Bool == false })
        #expect(run.results[1]["score"] as? Double == 2, "news warning subtracts 4 from 6")
    }

    @Test func victimPleasComeOutAsLeadsBelowTheReviewThreshold() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        try folder.write("pack/pack.yaml", TestPack.victimManifest)
        try folder.write("pack/victim.yaml", TestPack.victimRule)
        let plea = "Tolong anak saya disekap di Kamboja, paspornya ditahan"
        let run = try CLI.run(["scan", "--rules", pack], stdin: jsonl([("v", plea), ("o", ordinary)]))
        #expect(run.status == 1, "a lead counts as a finding")
        let result = try #require(run.results.first)
        #expect(run.results.count == 1)
        #expect(result["flagged"] as? Bool == false)
        #expect(result["leads"] as? [String] == ["victim"])
        #expect((result["hits"] as? [[String: Any]])?.contains { $0["text"] as? String == "disekap" } == true)
    }

    @Test func categoryCapLimitsKeywordStuffing() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let run = try CLI.run(["scan", "--all", "--rules", pack], stdin: jsonl([("s", "gaji besar gaji tinggi gaji 15jt")]))
        #expect(run.results.first?["score"] as? Double == 3)
        #expect(run.results.first?["risk"] as? String == "low")
    }

    @Test func jobsKeepInputOrder() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let posts = (0..<3000).map { ("id\($0)", $0 % 3 == 0 ? recruitment : ordinary + " \($0)") }
        let run = try CLI.run(["scan", "--all", "--jobs", "4", "--rules", pack], stdin: jsonl(posts))
        #expect(run.results.map { $0["id"] as? String ?? "" } == posts.map(\.0))
        let single = try CLI.run(["scan", "--all", "--jobs", "1", "--rules", pack], stdin: jsonl(posts))
        #expect(single.stdout == run.stdout, "one worker and four give the same output")
    }

    @Test func badInputGetsOneDiagnosticEachAndTheStreamGoesOn() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        var input = Data()
        input += Data("{\"id\":\"ok1\",\"text\":\"\(recruitment)\"}\n".utf8)      // 1
        input += Data("{not json\n".utf8)                                          // 2
        input += Data("{\"id\":\"bad-utf8\",\"text\":\"gaji 15jt kamboja ".utf8) + Data([0xFF]) + Data("\"}\n".utf8) // 3
        input += Data("{\"id\":\"no-text\",\"title\":\"x\"}\n".utf8)              // 4
        input += Data("{\"id\":\"num\",\"text\":42}\n".utf8)                       // 5
        input += Data("{\"id\":\"nul\",\"text\":\"a\u{0}b\"}\n".utf8)              // 6 raw NUL byte
        input += Data("\n".utf8)                                                   // 7 empty line
        input += Data("{\"id\":\"huge\",\"text\":\"".utf8) + Data(repeating: 0x61, count: 50 << 20) + Data("\"}\n".utf8) // 8
        input += Data("{\"id\":\"ok2\",\"text\":\"\(recruitment)\"}\n".utf8)      // 9
        let file = try folder.write("posts.jsonl", input)
        let run = try CLI.run(["scan", "--rules", pack, file])
        #expect(run.status == 2, "exit 2 when errors occurred")
        let ids = run.results.compactMap { $0["id"] as? String }
        #expect(ids.contains("ok1") && ids.contains("ok2"), "good posts before and after bad ones come out")
        #expect(ids.contains("bad-utf8"), "a post with invalid UTF-8 is repaired and still scanned")
        for line in [2, 3, 4, 5, 6, 7, 8] {
            let mentions = run.stderrLines.filter { $0.contains("posts.jsonl:\(line):") }
            #expect(mentions.count == 1, "one diagnostic for line \(line); stderr:\n\(run.stderr.prefix(2000))")
        }
    }

    @Test func strictStopsAtTheFirstBadInput() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let input = "{\"id\":\"a\",\"text\":\"\(recruitment)\"}\n{broken\n{\"id\":\"b\",\"text\":\"\(recruitment)\"}\n"
        let run = try CLI.run(["scan", "--strict", "--jobs", "1", "--rules", pack], stdin: Data(input.utf8))
        #expect(run.status == 2)
        #expect(run.results.map { $0["id"] as? String } == ["a"])
        #expect(run.stderrLines.count == 1)
    }

    @Test func gzipTextAndCsvInputsAreRead() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let plain = try folder.write("posts.jsonl", jsonl([("g1", recruitment)]))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", plain]
        try gzip.run()
        gzip.waitUntilExit()
        let gz = try CLI.run(["scan", "--rules", pack, plain + ".gz"])
        #expect(gz.results.first?["id"] as? String == "g1")

        let text = try folder.write("posts.txt", "\(ordinary)\n\(recruitment)\n")
        let textRun = try CLI.run(["scan", "--input", "text", "--rules", pack, text])
        #expect(textRun.results.map { $0["id"] as? String } == ["2"], "line numbers serve as ids")

        let csv = try folder.write("posts.csv", "post_id,body\nc1,\"\(ordinary)\"\nc2,\"\(recruitment), \"\"quoted\"\"\"\n")
        let csvRun = try CLI.run(["scan", "--input", "csv", "--id-field", "post_id", "--rules", pack, csv])
        #expect(csvRun.results.map { $0["id"] as? String } == ["c2"], "stderr: \(csvRun.stderr)")

        let custom = try folder.write("custom.jsonl", "{\"uid\":\"u1\",\"caption\":\"\(recruitment)\"}\n")
        let customRun = try CLI.run(["scan", "--text-field", "caption", "--id-field", "uid", "--rules", pack, custom])
        #expect(customRun.results.map { $0["id"] as? String } == ["u1"])
    }

    @Test func tsvAndTextOutputsNeverCarryTerminalEscapes() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let hostile = recruitment + " \u{1B}[2J\u{1B}]0;pwned\u{07} \u{202E}evil"
        let posts = jsonl([("x\u{1B}[31m\tid", hostile)])
        for format in ["tsv", "text"] {
            let run = try CLI.run(["scan", "--output", format, "--rules", pack], stdin: posts)
            #expect(run.status == 1)
            #expect(!run.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
            #expect(run.stdout.contains("kamboja") || run.stdout.contains("K4mboja") || run.stdout.contains("destination"))
        }
        let tsv = try CLI.run(["scan", "--output", "tsv", "--rules", pack], stdin: posts)
        #expect(tsv.stdoutLines.first?.hasPrefix("id\tsource\tline\tscore") == true)
        #expect(tsv.stdoutLines.dropFirst().allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 8 })
    }

    @Test(arguments: [1, 2])
    func resultsAreFlushedAsSoonAsEachPostIsScanned(jobs: Int) throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["scan", "--rules", pack, "--jobs", String(jobs)]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(jsonl([("live", recruitment)]))
        // Read one line while stdin is still open, as behind `tail -f`.
        var received = Data()
        let deadline = Date().addingTimeInterval(30)
        while !received.contains(0x0A) && Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            received += chunk
        }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(String(decoding: received, as: UTF8.self).contains("\"id\":\"live\""))
    }

    /// `patroli scan posts.jsonl -`: the file's results come out while stdin is still silent.
    @Test func aFilesResultsDoNotWaitForTheStdinAfterIt() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let file = try folder.write("first.jsonl", jsonl([("from-file", recruitment)]))
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["scan", "--rules", pack, "--jobs", "2", file, "-"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait (bounded) for the file's result while stdin stays silent; had it been held back,
        // the stdin post written after the timeout would release it.
        let firstLine = DispatchSemaphore(value: 0)
        let reading = Thread {
            var data = Data()
            while !data.contains(0x0A) {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                data += chunk
            }
            firstLine.signal()
        }
        reading.start()
        let inTime = firstLine.wait(timeout: .now() + 20) == .success
        input.fileHandleForWriting.write(jsonl([("from-stdin", recruitment)]))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(inTime, "the file's result waited for stdin")
    }

    @Test func aPathologicalRegexFailsThatRuleOnThatPostOnly() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder, slow: true)
        let evil = String(repeating: "kata ", count: 40) + "!"
        let run = try CLI.run(["scan", "--all", "--rules", pack], stdin: jsonl([("evil", evil), ("next", recruitment)]))
        #expect(run.status == 2)
        #expect(run.stderr.contains("slow.backtrack"))
        #expect(run.results.map { $0["id"] as? String } == ["evil", "next"])
        #expect(run.results.last?["flagged"] as? Bool == true)
    }

    @Test func aBrokenPackIsReportedWithFileLineAndColumn() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad/pack.yaml", TestPack.manifest)
        try folder.write("bad/rules.yaml", """
            rules:
              - id: broken.regex
                description: unbalanced
                category: salary
                weight: 1
                regex: 'gaji (15'
            """)
        let run = try CLI.run(["scan", "--rules", folder.path("bad")], stdin: jsonl([("a", ordinary)]))
        #expect(run.status == 2)
        #expect(run.stderr.contains("P204"))
        #expect(run.stderr.contains("rules.yaml:6:"))
    }

    @Test func unreadableFileIsReportedAndOthersStillScanned() throws {
        let folder = try TemporaryFolder()
        let pack = try TestPack.write(in: folder)
        let good = try folder.write("good.jsonl", jsonl([("g", recruitment)]))
        let run = try CLI.run(["scan", "--rules", pack, folder.path("missing.jsonl"), good])
        #expect(run.status == 2)
        #expect(run.stderr.contains("missing.jsonl"))
        #expect(run.results.map { $0["id"] as? String } == ["g"])
    }

    @Test func shippedPackIsFoundWithoutFlags() throws {
        let run = try CLI.run(["scan", "--all"], stdin: jsonl([("a", ordinary)]))
        #expect(run.status != 2, "stderr: \(run.stderr)")
        #expect(run.results.count == 1)
    }
}
