import Testing
@testable import PatroliCore

/// WhatsApp links, Telegram handles and Line IDs.
@Suite struct MessagingContactEntityTests {
    let extractor = EntityExtractor()

    private func contacts(_ text: String) -> [ContactEntity] { extractor.extract(from: text).contacts }

    @Test func waMeLinkGivesWhatsappContactInE164() {
        let found = contacts("Daftar: https://wa.me/6281200001111?text=halo")
        #expect(found.map(\.kind) == [.whatsapp])
        #expect(found.map(\.value) == ["+6281200001111"])
        #expect(found.first?.text == "wa.me/6281200001111")
    }

    @Test func waMeSpelledOrSpacedOutIsStillALink() {
        for text in ["wa dot me/6281200001111", "wa . me / 62 812 0000 1111", "wa(dot)me/6281200001111",
                     "WA.ME/+6281200001111", "wa [dot] me/6281200001111", "wa.me/081200001111"] {
            let found = contacts(text)
            #expect(found.map(\.kind) == [.whatsapp], "\(text)")
            #expect(found.map(\.value) == ["+6281200001111"], "\(text)")
        }
    }

    @Test func apiWhatsappSendLinkGivesWhatsappContact() {
        let found = contacts("klik https://api.whatsapp.com/send?phone=6281200001111&text=Saya%20minat")
        #expect(found.map(\.value) == ["+6281200001111"])
        #expect(found.first?.text == "api.whatsapp.com/send?phone=6281200001111")
        #expect(contacts("api.whatsapp.com/send?phone=%2B60123456789").map(\.value) == ["+60123456789"])
    }

    @Test func linkAndPlainNumberJoinOnTheSameValue() {
        let found = contacts("wa.me/6281200001111 atau telp 0812-0000-1111")
        #expect(found.map(\.kind) == [.whatsapp, .phone])
        #expect(Set(found.map(\.value)) == ["+6281200001111"])
    }

    @Test func whatsappGroupInvitesAndBusinessLinksAreLeftAlone() {
        #expect(contacts("chat.whatsapp.com/AbCdEf123").isEmpty)
        #expect(contacts("wa.me/message/ABCDEF123").isEmpty)
    }

    @Test func telegramLinksGiveLowercasedHandles() {
        #expect(contacts("gabung t.me/Kerja_Kamboja88").map(\.value) == ["@kerja_kamboja88"])
        #expect(contacts("https://telegram.me/LokerLN").map(\.value) == ["@lokerln"])
        #expect(contacts("t.me/s/infoloker_ln").map(\.value) == ["@infoloker_ln"])
        #expect(contacts("t dot me/rekrutmen_ln").map(\.value) == ["@rekrutmen_ln"])
        #expect(contacts("t.me/Kerja_Kamboja88").first?.text == "t.me/Kerja_Kamboja88")
        #expect(contacts("t.me/Kerja_Kamboja88").first?.kind == .telegram)
    }

    @Test func telegramInviteLinksAreLeftAlone() {
        #expect(contacts("t.me/joinchat/AAAAAEkq").isEmpty)
        #expect(contacts("t.me/+AbCdEfGh123").isEmpty)
    }

    @Test func atHandlesAndTelegramKeywordsGiveTelegramContacts() {
        #expect(contacts("join @LokerLN_2024 sekarang").map(\.value) == ["@lokerln_2024"])
        #expect(contacts("join @LokerLN_2024 sekarang").first?.text == "@LokerLN_2024")
        #expect(contacts("tele: rekrutmen_ln").map(\.value) == ["@rekrutmen_ln"])
        #expect(contacts("Telegram = AdminKerja").map(\.value) == ["@adminkerja"])
        #expect(contacts("TG @admin_kerja").map(\.value) == ["@admin_kerja"])
    }

    @Test func emailAtSignIsNotATelegramHandle() {
        let found = contacts("kirim ke hrd.kerja@gmail.com")
        #expect(found.map(\.kind) == [.email])
    }

    @Test func shortOrOtherPlatformHandlesAreLeftAlone() {
        #expect(contacts("cc @abc").isEmpty)
        #expect(contacts("follow IG @lokerjakarta").isEmpty)
        #expect(contacts("tiktok: @lokerjakarta").isEmpty)
        #expect(contacts("@12345abc").isEmpty)
        #expect(contacts("tele: 0812").allSatisfy { $0.kind != .telegram })
    }

    @Test func lineIDsAfterKeywordsAndInLinks() {
        #expect(contacts("line: kerja88").map(\.value) == ["kerja88"])
        #expect(contacts("ID LINE: Rekrut.LN").map(\.value) == ["rekrut.ln"])
        #expect(contacts("id line rekrut99").map(\.value) == ["rekrut99"])
        #expect(contacts("line @kerja88").map(\.value) == ["kerja88"])
        #expect(contacts("https://line.me/ti/p/~kerja88").map(\.value) == ["kerja88"])
        #expect(contacts("https://line.me/ti/p/~kerja88").first?.text == "line.me/ti/p/~kerja88")
        #expect(contacts("line: kerja88").map(\.kind) == [.line])
        #expect(contacts("line: kerja88").first?.text == "kerja88")
    }

    @Test func lineAsAnOrdinaryWordIsLeftAlone() {
        #expect(contacts("bekerja di line produksi").isEmpty)
        #expect(contacts("jualan online setiap hari").isEmpty)
        #expect(contacts("line: kami").isEmpty)
    }

    @Test func lineFollowedByAPhoneNumberIsAPhone() {
        let found = contacts("Line: 0812-0000-1111")
        #expect(found.map(\.kind) == [.phone])
        #expect(found.map(\.value) == ["+6281200001111"])
    }
}
