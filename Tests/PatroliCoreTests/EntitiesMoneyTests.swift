import Testing
@testable import PatroliCore

/// Money amounts, currencies, ranges and pay periods.
@Suite struct MoneyEntityTests {
    let extractor = EntityExtractor()

    private func money(_ text: String) -> [MoneyEntity] { extractor.extract(from: text).money }

    private func single(_ text: String) -> MoneyEntity? {
        let found = money(text)
        return found.count == 1 ? found[0] : nil
    }

    @Test func rupiahWithThousandsDotsIsRead() {
        let found = single("Gaji Rp 4.500.000 nett")
        #expect(found?.amount == 4_500_000)
        #expect(found?.currency == "IDR")
        #expect(found?.maxAmount == nil)
        #expect(found?.text == "Rp 4.500.000")
        #expect(single("Rp. 150.000")?.amount == 150_000)
        #expect(single("IDR 5.000.000")?.amount == 5_000_000)
    }

    @Test func decimalCommaAndMultipliersAreApplied() {
        #expect(single("Rp4,5 juta")?.amount == 4_500_000)
        #expect(single("gaji 15jt")?.amount == 15_000_000)
        #expect(single("gaji 15jt")?.currency == "IDR")
        #expect(single("15 juta")?.amount == 15_000_000)
        #expect(single("500rb")?.amount == 500_000)
        #expect(single("500 ribu")?.amount == 500_000)
        #expect(single("uang saku 750K")?.amount == 750_000)
        #expect(single("1.5 juta")?.amount == 1_500_000)
        #expect(single("Rp 1,2 M")?.amount == 1_200_000_000)
        #expect(money("jarak 5 m").isEmpty)
        #expect(single("mahar 1 miliar")?.amount == 1_000_000_000)
        #expect(single("Rp 4.500.000,50")?.amount == 4_500_000.5)
    }

    @Test func foreignCurrenciesBeforeOrAfterTheNumber() {
        let cases: [(String, Double, String)] = [
            ("USD 1000", 1000, "USD"), ("$1.200", 1200, "USD"), ("$1,200", 1200, "USD"), ("US$ 900", 900, "USD"),
            ("1000 dolar", 1000, "USD"), ("1000 dollar", 1000, "USD"), ("1.200 USD", 1200, "USD"),
            ("RM 3000", 3000, "MYR"), ("RM3.000", 3000, "MYR"), ("3000 ringgit", 3000, "MYR"),
            ("NT$ 30.000", 30000, "TWD"), ("30000 dolar Taiwan", 30000, "TWD"), ("5000 yuan", 5000, "CNY"),
            ("¥5000", 5000, "CNY"), ("2000 riyal", 2000, "SAR"), ("15000 baht", 15000, "THB"),
        ]
        for (text, amount, currency) in cases {
            let found = single(text)
            #expect(found?.amount == amount, "\(text)")
            #expect(found?.currency == currency, "\(text)")
            #expect(found?.text == text, "\(text)")
        }
    }

    @Test func rangesGiveAmountAndMaxAmount() {
        let juta = single("gaji 10-15 juta")
        #expect(juta?.amount == 10_000_000)
        #expect(juta?.maxAmount == 15_000_000)
        #expect(juta?.text == "10-15 juta")
        let dollars = single("gaji USD 1000-1200")
        #expect(dollars?.amount == 1000)
        #expect(dollars?.maxAmount == 1200)
        #expect(dollars?.currency == "USD")
        let both = single("$1000 - $1200")
        #expect(both?.maxAmount == 1200)
        let rupiah = single("Rp 4.500.000 s/d 6.000.000")
        #expect(rupiah?.amount == 4_500_000)
        #expect(rupiah?.maxAmount == 6_000_000)
        #expect(single("12jt sampai 15jt")?.maxAmount == 15_000_000)
        #expect(single("gaji 5.000.000 - 7.000.000 /bulan")?.maxAmount == 7_000_000)
        #expect(single("Rp 500rb - 1jt")?.maxAmount == 1_000_000)
    }

    @Test func periodAfterTheAmountIsRecordedAndSpanned() {
        let cases: [(String, String)] = [
            ("Rp 4.500.000 per bulan", "month"), ("15jt perbulan", "month"), ("15jt/bulan", "month"),
            ("15jt / bln", "month"), ("15 juta sebulan", "month"), ("500rb per hari", "day"),
            ("500rb/hari", "day"), ("500rb harian", "day"), ("2jt per minggu", "week"),
            ("180jt per tahun", "year"), ("USD 1000 a month", "month"),
        ]
        for (text, period) in cases {
            let found = single(text)
            #expect(found?.period == period, "\(text)")
            #expect(found?.text == text, "\(text)")
        }
    }

    @Test func periodBeforeTheAmountIsRecorded() {
        #expect(single("gaji perbulan: Rp 5.000.000")?.period == "month")
        #expect(single("gaji per bulan 15jt")?.period == "month")
        #expect(single("gaji 15jt")?.period == nil)
    }

    @Test func salaryWordMakesAPlainLargeNumberRupiah() {
        #expect(single("gaji 4.500.000")?.amount == 4_500_000)
        #expect(single("gaji: 5000000")?.currency == "IDR")
        #expect(money("gaji 1000").isEmpty)
    }

    @Test func implausibleRangeKeepsOnlyTheFirstAmount() {
        let found = extractor.extract(from: "gaji 15jt-62812 0000 1111")
        #expect(found.money.map(\.text) == ["15jt"])
        #expect(found.money.first?.maxAmount == nil)
    }

    @Test func numbersWithoutMoneyContextAreLeftAlone() {
        #expect(money("usia 18-35 tahun").isEmpty)
        #expect(money("tahun 2024").isEmpty)
        #expect(money("berat 15kg").isEmpty)
        #expect(money("3x UMR").isEmpty)
        #expect(money("hubungi 0812-0000-1111").isEmpty)
        #expect(money("kuota 1000 orang").isEmpty)
        #expect(money("18-35").isEmpty)
    }

    @Test func everyAmountIsKeptInOrder() {
        let found = money("gaji 15jt, bonus 15jt, uang saku 500rb")
        #expect(found.map(\.amount) == [15_000_000, 15_000_000, 500_000])
        #expect(found.map(\.start) == found.map(\.start).sorted())
    }
}
