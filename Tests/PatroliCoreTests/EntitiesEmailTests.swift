import Testing
@testable import PatroliCore

/// E-mail addresses.
@Suite struct EmailEntityTests {
    let extractor = EntityExtractor()

    private func emails(_ text: String) -> [ContactEntity] {
        extractor.extract(from: text).contacts.filter { $0.kind == .email }
    }

    @Test func addressIsLowercased() {
        let found = emails("CV ke HRD.Kerja@Gmail.COM segera")
        #expect(found.map(\.value) == ["hrd.kerja@gmail.com"])
        #expect(found.first?.text == "HRD.Kerja@Gmail.COM")
    }

    @Test func bracketedAtAndDotAreRead() {
        let found = emails("email: hrd.kerja [at] gmail [dot] com")
        #expect(found.map(\.value) == ["hrd.kerja@gmail.com"])
        #expect(found.first?.text == "hrd.kerja [at] gmail [dot] com")
        #expect(emails("rekrut(at)yahoo(dot)co(dot)id").map(\.value) == ["rekrut@yahoo.co.id"])
    }

    @Test func fullwidthAddressIsFolded() {
        #expect(emails("ｈｒｄ＠ｇｍａｉｌ．ｃｏｍ").map(\.value) == ["hrd@gmail.com"])
    }

    @Test func trailingSentencePunctuationIsNotPartOfTheAddress() {
        let found = emails("Kirim CV ke hrd@kerja.co.id.")
        #expect(found.map(\.value) == ["hrd@kerja.co.id"])
        #expect(found.first?.text == "hrd@kerja.co.id")
    }

    @Test func phoneNumberAsLocalPartStaysOneEmail() {
        let found = extractor.extract(from: "081200001111@gmail.com").contacts
        #expect(found.map(\.kind) == [.email])
    }

    @Test func thingsWithoutADomainAreNotAddresses() {
        #expect(emails("harga @ 5000").isEmpty)
        #expect(emails("a@b").isEmpty)
        #expect(emails("user@localhost").isEmpty)
        #expect(emails("@lokerln").isEmpty)
    }
}
