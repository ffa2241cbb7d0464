import PatroliTestSupport
import Testing
@testable import PatroliCore

/// The extractor as a whole: spans on messy posts, ordering, JSON, and hostile input.
@Suite struct EntityExtractorTests {
    let extractor = EntityExtractor()

    /// The code-point slice `[start, end)` of `text`, or nil when the span is out of range.
    private func slice(_ text: String, _ start: Int, _ end: Int) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard start >= 0, start < end, end <= scalars.count else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    private func spans(_ entities: Entities) -> [(start: Int, end: Int, text: String)] {
        entities.contacts.map { ($0.start, $0.end, $0.text) } + entities.money.map { ($0.start, $0.end, $0.text) }
            + entities.destinations.map { ($0.start, $0.end, $0.text) } + entities.ages.map { ($0.start, $0.end, $0.text) }
    }

    private func expectSpansMatch(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let entities = extractor.extract(from: text)
        for span in spans(entities) {
            #expect(slice(text, span.start, span.end) == span.text, sourceLocation: sourceLocation)
        }
    }

    static let messyPosts = [
        "🔥🔥LOKER LN🔥🔥\nDibutuhkan CS/admin ke 🇰🇭 K4MBOJA (Phnom Penh)!!\nGaji 15jt/bulan 💰 + bonus\n"
            + "Usia 18-35 thn, tanpa pengalaman\nWA 👉 0812🔥0000🔥1111 atau wa.me/6281355550101\nTele: @lokerln_2024",
        "𝐋𝐎𝐊𝐄𝐑 𝐊𝐀𝐌𝐁𝐎𝐉𝐀 gaji USD 1000-1200 perbulan, hub nol delapan satu dua 0000 satu satu satu satu 👩‍👩‍👧",
        "ｇａｊｉ Ｒｐ４．５００．０００ ／ｂｕｌａｎ ＷＡ ０８１２－００００－１１１１ 🇲🇾 Sarawak lewat Entikong",
        "Kam\u{200B}boja\u{200D} umur 18 s/d 30 thn, id line: Rekrut.LN, email HRD.ln [at] gmail [dot] com 🙏🏽",
        "٠٨١٣٥٥٥٥٠١٠١ 👉🏿 Myawaddy via Mae Sot 💵 $1.200 a month ✅ min 18 th ✅ t.me/Kerja_Kamboja88",
    ]

    @Test func everySpanIsTheCodePointSliceOfTheOriginalText() {
        for post in Self.messyPosts {
            let entities = extractor.extract(from: post)
            #expect(!entities.isEmpty)
            expectSpansMatch(post)
        }
    }

    @Test func messyRecruitmentPostYieldsEveryEntityKind() {
        let entities = extractor.extract(from: Self.messyPosts[0])
        #expect(entities.contacts.map(\.kind) == [.whatsapp, .whatsapp, .telegram])
        #expect(entities.contacts.map(\.value) == ["+6281200001111", "+6281355550101", "@lokerln_2024"])
        #expect(entities.money.map(\.amount) == [15_000_000])
        #expect(entities.money.first?.period == "month")
        #expect(entities.destinations.map(\.name) == ["Kamboja", "Kamboja", "Phnom Penh"])
        #expect(entities.ages.map(\.min) == [18])
        #expect(entities.ages.map(\.max) == [35])
    }

    @Test func fullwidthPostIsReadLikeAscii() {
        let entities = extractor.extract(from: Self.messyPosts[2])
        #expect(entities.money.map(\.amount) == [4_500_000])
        #expect(entities.money.first?.period == "month")
        #expect(entities.contacts.map(\.value) == ["+6281200001111"])
        #expect(entities.contacts.map(\.kind) == [.whatsapp])
        #expect(entities.destinations.map(\.name) == ["Malaysia", "Sarawak", "Entikong"])
    }

    @Test func repeatedEntitiesAreKeptAndOrderedByStart() {
        let entities = extractor.extract(from: "t.me/lokerln 0812-0000-1111 lalu 0812-0000-1111 dan a@b.co")
        #expect(entities.contacts.map(\.value) == ["@lokerln", "+6281200001111", "+6281200001111", "a@b.co"])
        #expect(entities.contacts.map(\.start) == entities.contacts.map(\.start).sorted())
    }

    @Test func postWithoutEntitiesIsEmpty() {
        #expect(extractor.extract(from: "").isEmpty)
        #expect(extractor.extract(from: "Selamat pagi, semoga sehat selalu").isEmpty)
        #expect(!extractor.extract(from: "ke Kamboja").isEmpty)
    }

    @Test func jsonListsEveryKindWithOptionalFieldsOmitted() {
        let entities = extractor.extract(from: "WA 0812-0000-1111 gaji 10-15jt ke Kamboja usia min 18 th")
        var output = JSONOutput()
        entities.writeJSON(to: &output)
        let json = String(decoding: output.bytes, as: UTF8.self)
        #expect(json == """
            {"contacts":[{"kind":"whatsapp","value":"+6281200001111","start":3,"end":17,"text":"0812-0000-1111"}],\
            "money":[{"amount":10000000,"max":15000000,"currency":"IDR","start":23,"end":30,"text":"10-15jt"}],\
            "destinations":[{"country":"KH","name":"Kamboja","start":34,"end":41,"text":"Kamboja"}],\
            "ages":[{"min":18,"start":42,"end":56,"text":"usia min 18 th"}]}
            """)
    }

    @Test func emptyEntitiesWriteEmptyArrays() {
        var output = JSONOutput()
        Entities().writeJSON(to: &output)
        #expect(String(decoding: output.bytes, as: UTF8.self) == #"{"contacts":[],"money":[],"destinations":[],"ages":[]}"#)
    }

    @Test func hostileInputFinishesQuicklyWithValidSpans() {
        let pieces = ["1 ", "@", "a.", "k a ", "0812 ", "nol ", "usia ", "🔥", "Rp ", "ka🔥", "\u{200B}", "-", "1.",
                      "wa.me/", "t.me/", "line: ", "(at)", "s/d ", "m4", "🇰", "x@y.", "18-", "per "]
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for piece in pieces {
                let text = String(repeating: piece, count: 20_000)
                let entities = extractor.extract(from: text)
                let count = text.unicodeScalars.count
                for span in spans(entities) {
                    #expect(span.start >= 0 && span.start < span.end && span.end <= count)
                }
            }
        }
        #expect(elapsed < .seconds(60))
    }

    @Test func randomTextNeverBreaksSpans() {
        var generator = SplitMix64(seed: 0x5EED)
        let alphabet = Array("0812 34.-/()+@_:,satu nol lapan Rp jt usia wa.me t.me line Kamboja 🔥🇰🇭\u{200B}０８𝟎٠ＫＡаx$¥"
            .unicodeScalars)
        for _ in 0..<300 {
            var view = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 120) {
                view.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
            }
            let text = String(view)
            expectSpansMatch(text)
        }
    }
}
