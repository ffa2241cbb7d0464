import Testing
@testable import PatroliCore

/// Destination countries, hubs and route crossings.
@Suite struct DestinationEntityTests {
    let extractor = EntityExtractor()

    private func places(_ text: String) -> [DestinationEntity] { extractor.extract(from: text).destinations }

    @Test func countriesAndHubsGiveCountryAndCanonicalName() {
        let cases: [(String, String, String)] = [
            ("kerja di Kamboja", "KH", "Kamboja"), ("Cambodia", "KH", "Kamboja"), ("PHNOM PENH", "KH", "Phnom Penh"),
            ("phnompenh", "KH", "Phnom Penh"), ("Sihanoukville", "KH", "Sihanoukville"), ("Bavet", "KH", "Bavet"),
            ("Poipet", "KH", "Poipet"), ("Myanmar", "MM", "Myanmar"), ("Myawaddy", "MM", "Myawaddy"),
            ("via Mae Sot", "MM", "Mae Sot"), ("KK Park", "MM", "KK Park"), ("Laos", "LA", "Laos"),
            ("Golden Triangle", "LA", "Golden Triangle"), ("segitiga emas", "LA", "Golden Triangle"),
            ("Thailand", "TH", "Thailand"), ("Bangkok", "TH", "Bangkok"), ("Filipina", "PH", "Filipina"),
            ("Philippines", "PH", "Filipina"), ("Manila", "PH", "Manila"), ("Malaysia", "MY", "Malaysia"),
            ("Sarawak", "MY", "Sarawak"), ("Kuching", "MY", "Kuching"), ("Kuala Lumpur", "MY", "Kuala Lumpur"),
            ("Johor", "MY", "Johor"), ("Sabah", "MY", "Sabah"), ("China", "CN", "Tiongkok"),
            ("Tiongkok", "CN", "Tiongkok"), ("Taiwan", "TW", "Taiwan"), ("Hong Kong", "HK", "Hong Kong"),
            ("Hongkong", "HK", "Hong Kong"), ("Singapura", "SG", "Singapura"), ("Arab Saudi", "SA", "Arab Saudi"),
            ("Saudi Arabia", "SA", "Arab Saudi"), ("Dubai", "AE", "Dubai"), ("UEA", "AE", "Uni Emirat Arab"),
            ("Qatar", "QA", "Qatar"), ("Turki", "TR", "Turki"), ("Korea", "KR", "Korea Selatan"),
            ("Korea Selatan", "KR", "Korea Selatan"), ("Jepang", "JP", "Jepang"), ("Japan", "JP", "Jepang"),
        ]
        for (text, country, name) in cases {
            let found = places(text)
            #expect(found.map(\.country) == [country], "\(text)")
            #expect(found.map(\.name) == [name], "\(text)")
        }
    }

    @Test func kalimantanBorderCrossingsAreRecordedAsTheRouteIntoMalaysia() {
        for text in ["lewat Entikong", "jalur Badau", "Jagoi Babang", "via Nunukan"] {
            #expect(places(text).map(\.country) == ["MY"], "\(text)")
        }
        #expect(places("lewat Entikong").first?.name == "Entikong")
    }

    @Test func longestNameWins() {
        #expect(places("Arab Saudi").count == 1)
        #expect(places("Korea Selatan").first?.text == "Korea Selatan")
        #expect(places("Johor Bahru").first?.text == "Johor Bahru")
    }

    @Test func leetspeakMisspellingsAndLookAlikesAreCaught() {
        for text in ["k4mboja", "kamboj4", "KAMB0JA", "Kambodia", "kemboja", "Kamboja", "𝐊𝐚𝐦𝐛𝐨𝐣𝐚", "ＫＡＭＢＯＪＡ",
                     "Кamboja", "Kam\u{200B}boja", "Kam🔥boja", "Kam-boja", "K A M B O J A", "K.A.M.B.O.J.A",
                     "Kambojaaa", "KAMMBOJA"] {
            #expect(places(text).map(\.country) == ["KH"], "\(text)")
        }
        #expect(places("m4l4ysia").map(\.country) == ["MY"])
    }

    @Test func flagEmojiGiveTheirCountry() {
        let found = places("🇰🇭 🇲🇲 🇹🇭 🇲🇾 🇱🇦 🇵🇭 🇨🇳 🇹🇼")
        #expect(found.map(\.country) == ["KH", "MM", "TH", "MY", "LA", "PH", "CN", "TW"])
        #expect(found.first?.text == "🇰🇭")
        #expect(places("🇮🇩").isEmpty)
    }

    @Test func ordinaryWordsAreNotDestinations() {
        for text in ["operator produksi", "tanpa pengalaman", "cinta", "Koreana", "orang Malaysian", "bahasa Arab",
                     "Thai tea", "kelaosan", "makanan", "sabahat", "1234", "4444"] {
            #expect(places(text).isEmpty, "\(text)")
        }
    }

    @Test func namesInsideContactsAreLeftToTheContacts() {
        #expect(places("kamboja.kerja@gmail.com").isEmpty)
        #expect(places("t.me/kerja_kamboja").isEmpty)
        #expect(places("@kerjamalaysia").isEmpty)
    }

    @Test func currencyCountryIsAlsoADestination() {
        #expect(places("gaji 30000 dolar Taiwan").map(\.country) == ["TW"])
    }

    @Test func everyMentionIsKeptInOrder() {
        let found = places("Kamboja, lalu Kamboja lagi, lalu Myanmar")
        #expect(found.map(\.name) == ["Kamboja", "Kamboja", "Myanmar"])
        #expect(found.map(\.start) == [0, 14, 33])
    }
}
