import Testing
@testable import PatroliCore

/// Phone numbers in plain text: normalization, obfuscation, and what must be left alone.
@Suite struct PhoneEntityTests {
    let extractor = EntityExtractor()

    private func phones(_ text: String) -> [ContactEntity] {
        extractor.extract(from: text).contacts.filter { $0.kind == .phone || $0.kind == .whatsapp }
    }

    private func values(_ text: String) -> [String] { phones(text).map(\.value) }

    @Test func localIndonesianMobileNormalizesToE164() {
        let found = phones("Info lanjut 0812-0000-1111 ya")
        #expect(found.map(\.value) == ["+6281200001111"])
        #expect(found.first?.kind == .phone)
        #expect(found.first?.text == "0812-0000-1111")
    }

    @Test func numbersBrokenBySpacesDotsDashesSlashesBracketsAndEmojiJoin() {
        for text in ["0812 0000 1111", "0812.0000.1111", "0812-0000-1111", "0812/0000/1111", "(0812) 0000 1111",
                     "0812🔥0000🔥1111", "0812 🔥 0000 👉 1111", "0812\u{200B}0000\u{200B}1111", "0812 - 0000 - 1111",
                     "0 8 1 2 0 0 0 0 1 1 1 1", "0️⃣8️⃣1️⃣2️⃣0️⃣0️⃣0️⃣0️⃣1️⃣1️⃣1️⃣1️⃣"] {
            #expect(values(text) == ["+6281200001111"], "\(text)")
        }
    }

    @Test func countryCodeFormsNormalizeToTheSameValue() {
        for text in ["+62 812 0000 1111", "+62812-0000-1111", "62812 0000 1111", "(+62) 812.0000.1111",
                     "+62 (0)812 0000 1111", "+62 0812 0000 1111", "0062 812 0000 1111", "＋６２８１２００００１１１１"] {
            #expect(values(text) == ["+6281200001111"], "\(text)")
        }
    }

    @Test func digitsFromOtherScriptsAreRead() {
        #expect(values("０８１２−００００−１１１１") == ["+6281200001111"])
        #expect(values("٠٨١٣٥٥٥٥٠١٠١") == ["+6281355550101"])
        #expect(values("𝟎𝟖𝟏𝟑 𝟓𝟓𝟓𝟓 𝟎𝟏𝟎𝟏") == ["+6281355550101"])
        #expect(values("۰۸۱۲ 0000 ১১১১") == ["+6281200001111"])
    }

    @Test func spelledOutDigitsInIndonesianMalayAndEnglishAreRead() {
        #expect(values("nol delapan satu dua 0000 satu satu satu satu") == ["+6281200001111"])
        #expect(values("kosong lapan satu tiga lima lima lima lima kosong satu kosong satu") == ["+6281355550101"])
        #expect(values("sifar lapan satu tiga lima lima lima lima sifar satu sifar satu") == ["+6281355550101"])
        #expect(values("zero eight one three five five five five zero one zero one") == ["+6281355550101"])
        #expect(values("Nol Delapan 12-0000-1111") == ["+6281200001111"])
        #expect(values("O812 OOOO 1111") == ["+6281200001111"])
    }

    @Test func regionalNumbersNormalizeWithTheirCountryCode() {
        #expect(values("+60 12-345 6789") == ["+60123456789"])
        #expect(values("hubungi 012-345 6789 (Sarawak)") == ["+60123456789"])
        #expect(values("011-1234 5678") == ["+601112345678"])
        #expect(values("+855 12 345 678") == ["+85512345678"])
        #expect(values("+95 9 1234 5678") == ["+95912345678"])
        #expect(values("+66 81 234 5678") == ["+66812345678"])
        #expect(values("+86 138 0000 1111") == ["+8613800001111"])
    }

    @Test func severalNumbersOnOneLineAreSplit() {
        #expect(values("0812-0000-1111 / 0813-5555-0101") == ["+6281200001111", "+6281355550101"])
        #expect(values("0812 0000 1111 0813 5555 0101") == ["+6281200001111", "+6281355550101"])
        #expect(values("0812-0000-1111, 0813-5555-0101") == ["+6281200001111", "+6281355550101"])
    }

    @Test func whatsappWordBeforeANumberMakesItAWhatsappContact() {
        #expect(phones("WA: 0812-0000-1111").map(\.kind) == [.whatsapp])
        #expect(phones("hubungi wa 0812 0000 1111").map(\.kind) == [.whatsapp])
        #expect(phones("W.A 0812 0000 1111").map(\.kind) == [.whatsapp])
        #expect(phones("WA081200001111").map(\.kind) == [.whatsapp])
        #expect(phones("WA 0812-0000-1111 / 0813-5555-0101").map(\.kind) == [.whatsapp, .whatsapp])
        #expect(phones("Telp 0812-0000-1111").map(\.kind) == [.phone])
        #expect(phones("WA admin\n0812-0000-1111").map(\.kind) == [.phone])
    }

    @Test func fixedLineNeedsAPhoneWordOrCountryCode() {
        #expect(values("Telp kantor (021) 5550 1111") == ["+622155501111"])
        #expect(phones("Telp kantor (021) 5550 1111").first?.text == "(021) 5550 1111")
        #expect(values("+62 21 5550 1111") == ["+622155501111"])
        #expect(values("kode 021 5550 1111") == [])
    }

    @Test func moneyIsNotTakenAsAPhone() {
        #expect(values("gaji Rp 4.500.000 per bulan") == [])
        #expect(values("gaji 15jt, bonus 500rb") == [])
        #expect(values("Rp 081.200.001") == [])
        #expect(values("gaji 150000000") == [])
    }

    @Test func yearsDatesAndTimesAreNotPhones() {
        #expect(values("tahun 2024 dan 2025") == [])
        #expect(values("berangkat 01/02/2024 08:00") == [])
        #expect(values("tanggal 01-12-2024 10 orang") == [])
        #expect(values("jam kerja 08.00-17.00 senin") == [])
        #expect(values("01 02 2024 08") == [])
    }

    @Test func identityAndAccountNumbersAreNotPhones() {
        #expect(values("NIK 6271031234560001") == [])
        #expect(values("No. Rek 1234567890") == [])
        #expect(values("kode 081") == [])
        #expect(values("0812000011112222333") == [])
        #expect(values("ID0812000011111") == [])
        #expect(values("081200001111kg") == [])
    }

    @Test func agesAndSpelledWordsInSentencesAreNotPhones() {
        #expect(values("usia 18-35 tahun") == [])
        #expect(values("satu dua tiga empat lima, ayo berangkat") == [])
        #expect(values("dibutuhkan dua orang, lima hari kerja") == [])
    }

    @Test func callPrefixZeroZeroCountsOnlyWhenWrittenAsOneGroup() {
        #expect(values("nol 0812 0000 1111") == ["+6281200001111"])
        #expect(values("00 17 0008 1200") == [])
        #expect(values("00855 12 345 678") == ["+85512345678"])
    }

    @Test func completeNumberDoesNotTakeAFollowingSpelledDigit() {
        #expect(values("hubungi 0812 0000 1111 satu-satunya admin") == ["+6281200001111"])
    }
}
