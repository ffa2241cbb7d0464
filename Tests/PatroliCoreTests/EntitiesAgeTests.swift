import Testing
@testable import PatroliCore

/// Age requirements.
@Suite struct AgeEntityTests {
    let extractor = EntityExtractor()

    private func ages(_ text: String) -> [AgeEntity] { extractor.extract(from: text).ages }

    @Test func agePhrasesGiveMinAndMax() {
        let cases: [(String, Int?, Int?)] = [
            ("usia 18-35", 18, 35), ("Usia: 18 - 35 th", 18, 35), ("umur 18 s/d 35 thn", 18, 35),
            ("usia 18 sampai 35 tahun", 18, 35), ("usia 18 sampai dengan 35 tahun", 18, 35), ("umur 18 s.d 35", 18, 35),
            ("min 18 th", 18, nil), ("minimal 18 tahun", 18, nil), ("min. 18 thn", 18, nil), ("maks 30 tahun", nil, 30),
            ("maksimal 30 th", nil, 30), ("usia max 30", nil, 30), ("18-35 tahun", 18, 35), ("usia 17+", 17, nil),
            ("17+ tahun", 17, nil), ("18 tahun ke atas", 18, nil), ("usia 25 tahun", 25, 25),
            ("usia min 18 max 35", 18, 35), ("minimal 18 tahun, maksimal 35 tahun", 18, 35),
            ("minimal usia 18 tahun", 18, nil), ("usia di bawah 30", nil, 30), ("umur 20–30 thn", 20, 30),
        ]
        for (text, min, max) in cases {
            let found = ages(text)
            #expect(found.count == 1, "\(text)")
            #expect(found.first?.min == min, "\(text)")
            #expect(found.first?.max == max, "\(text)")
            #expect(found.first?.text == text, "\(text)")
        }
    }

    @Test func minorsAreCaughtAfterAnAgeWord() {
        let found = ages("cewek usia 15 tahun boleh")
        #expect(found.first?.min == 15)
        #expect(found.first?.max == 15)
    }

    @Test func rangeWithoutAgeContextIsNotAnAge() {
        #expect(ages("18-35").isEmpty)
        #expect(ages("lowongan 18-35 orang").isEmpty)
        #expect(ages("max 30").isEmpty)
        #expect(ages("max 30 orang").isEmpty)
    }

    @Test func experienceAndContractYearsAreNotAges() {
        #expect(ages("kontrak 2 tahun").isEmpty)
        #expect(ages("pengalaman min 3 tahun").isEmpty)
        #expect(ages("pengalaman kerja 15-20 tahun").isEmpty)
        #expect(ages("usia produktif").isEmpty)
        #expect(ages("tahun 2024").isEmpty)
    }

    @Test func agesOutsideAPlausibleRangeAreLeftAlone() {
        #expect(ages("usia 5 tahun").isEmpty)
        #expect(ages("usia 35-18").isEmpty)
        #expect(ages("min 99 th").isEmpty)
    }
}
