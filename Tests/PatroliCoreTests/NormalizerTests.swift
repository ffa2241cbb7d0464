import Testing
@testable import PatroliCore

/// Normalizes with the starter lexicon entries used across these tests.
private let lexicon = Normalizer(lexicon: [
    LexiconEntry(from: "gj", to: "gaji"), LexiconEntry(from: "ln", to: "luar negeri"),
    LexiconEntry(from: "tnp pglmn", to: "tanpa pengalaman"), LexiconEntry(from: "tnp", to: "tanpa"),
    LexiconEntry(from: "cs", to: "customer service"), LexiconEntry(from: "jt", to: "juta"),
])
private let plain = Normalizer()

private func normalized(_ text: String, _ normalizer: Normalizer = plain) -> String {
    normalizer.normalize(text).string
}

/// The original slice behind the first occurrence of `needle` in the normalized text.
private func originalSlice(of needle: String, in text: String, _ normalizer: Normalizer = lexicon) -> String? {
    let result = normalizer.normalize(text)
    let bytes = result.bytes
    let needleBytes = Array(needle.utf8)
    guard needleBytes.count <= bytes.count else { return nil }
    for start in 0...(bytes.count - needleBytes.count) where Array(bytes[start..<(start + needleBytes.count)]) == needleBytes {
        let range = result.originalRange(of: start..<(start + needleBytes.count))
        return String(decoding: result.original[range], as: UTF8.self)
    }
    return nil
}

@Suite struct CaseFoldingTests {
    @Test func fullwidthAndFancyLettersBecomePlain() {
        #expect(normalized("Ｌｏｋｅｒ ＫＡＭＢＯＪＡ") == "loker kamboja")
        #expect(normalized("𝐤𝐞𝐫𝐣𝐚 𝓰𝓪𝓳𝓲") == "kerja gaji")
    }

    @Test func zeroWidthCharactersDisappear() {
        #expect(normalized("ker\u{200B}ja ga\u{200D}ji lo\u{00AD}ker") == "kerja gaji loker")
    }

    @Test func accentedWordsKeepTheirLetters() {
        #expect(normalized("Café MÜNCHEN") == "café münchen")
    }

    @Test func combiningMarkComposesWithTheLetterBefore() {
        let text = normalized("Cafe\u{0301}")
        #expect(text == "café")
    }
}

@Suite struct SymbolFoldingTests {
    @Test func emojiInsideAWordIsDropped() {
        #expect(normalized("ker🔥ja di kam💰boja") == "kerja di kamboja")
    }

    @Test func emojiBetweenWordsIsKept() {
        #expect(normalized("gaji 🔥 besar 🔥") == "gaji 🔥 besar 🔥")
    }

    @Test func keycapDigitsAreDigits() {
        #expect(normalized("butuh 3️⃣0️⃣ org gaji 2️⃣5️⃣ jt") == "butuh 30 org gaji 25 jt")
        #expect(normalized("proses 🔟 hari") == "proses 10 hari")
        #expect(normalized("0812 0000 6️⃣0️⃣2️⃣0️⃣") == "0812 0000 6020")
    }

    @Test func flagBecomesTheCountryWord() {
        #expect(normalized("kerja di 🇰🇭 gaji besar") == "kerja di kamboja gaji besar")
        #expect(normalized("🇲🇾🇹🇭") == " malaysia thailand ")
    }

    @Test func bidiOverrideIsDropped() {
        #expect(normalized("ker\u{202E}ja") == "kerja")
    }
}

@Suite struct ConfusableFoldingTests {
    @Test func cyrillicLookAlikesInsideLatinWordsFold() {
        // Cyrillic а (U+0430) and о (U+043E) inside a Latin word.
        #expect(normalized("K\u{0430}mb\u{043E}ja") == "kamboja")
        #expect(normalized("g\u{0430}ji b\u{0435}s\u{0430}r") == "gaji besar")
    }

    @Test func wordWhollyInLookAlikesFoldsInALatinPost() {
        // "раѕроrt" mostly Cyrillic look-alikes with Latin r and t, in a Latin sentence.
        #expect(normalized("urus \u{0440}\u{0430}\u{0455}\u{0440}\u{043E}rt cepat") == "urus paspor" + "t cepat")
    }

    @Test func capitalLookAlikesFoldAfterCaseFolding() {
        // Cyrillic capitals Т, М, В, К in Latin words: case folding makes them т, м, в, к, which no
        // longer look Latin, yet the word was written to read "Tiongkok", "Mahar", "ABK".
        #expect(normalized("pria \u{0422}\u{0456}\u{043E}ngk\u{043E}k") == "pria tiongkok")
        #expect(normalized("\u{041C}\u{0430}h\u{0430}r 60jt") == "mahar 60jt")
        #expect(normalized("\u{0410}\u{0412}\u{041A} kapal asing, gaji besar") == "abk kapal asing, gaji besar")
    }

    @Test func smallCapitalsFold() {
        #expect(normalized("ᴋᴇʀᴊᴀ") == "kerja")
    }

    @Test func genuineCyrillicTextStays() {
        #expect(normalized("Привет мир") == "привет мир")
    }

    @Test func accentedLatinLettersStay() {
        #expect(normalized("señor café") == "señor café")
    }
}

@Suite struct LeetFoldingTests {
    @Test func digitsInsideWordsFold() {
        #expect(normalized("g4ji l0ker k3rj4 kamboj4 4dmin") == "gaji loker kerja kamboja admin")
        #expect(normalized("g4j1 p3l4t1h4n") == "gaji pelatihan")
        #expect(normalized("g@ji $ihanoukville") == "gaji $ihanoukville")
    }

    @Test func quantitiesAndNumbersStay() {
        #expect(normalized("gaji 15jt bonus 5jt usia 18th kerja2 covid19 s1 d3 mp3") ==
                "gaji 15jt bonus 5jt usia 18th kerja2 covid19 s1 d3 mp3")
        #expect(normalized("hub 0812-0000-1111 rp 4.500.000") == "hub 0812-0000-1111 rp 4.500.000")
    }

    @Test func urlsAndEmailsStay() {
        #expect(normalized("https://wa.me/6281200001111 budi99@mail.com") == "https://wa.me/6281200001111 budi99@mail.com")
    }
}

@Suite struct SpacedLetterJoiningTests {
    @Test func spacedAndDottedLettersJoin() {
        #expect(normalized("k e r j a di L.N") == "kerja di ln")
        #expect(normalized("T-K-W tanpa b.i.a.y.a") == "tkw tanpa biaya")
    }

    @Test func ordinaryWordsAndNumbersStay() {
        #expect(normalized("operator produksi") == "operator produksi")
        #expect(normalized("0 8 1 2 dan a b") == "0 8 1 2 dan a b")
        #expect(normalized("a.n. budi") == "an. budi")  // an abbreviation joins; harmless
    }

    @Test func emailsAreNotJoined() {
        #expect(normalized("a.b@c.id") == "a.b@c.id")
    }
}

@Suite struct RunCollapsingTests {
    @Test func letterRunsCollapse() {
        #expect(normalized("gajiii besaaar bangetttt") == "gaji besar banget")
    }

    @Test func doubleLettersDigitsAndUrlsStay() {
        #expect(normalized("maaf saat tinggi 0000 www.contoh.com") == "maaf saat tinggi 0000 www.contoh.com")
    }

    @Test func whitespaceRunsBecomeOneSpace() {
        #expect(normalized("gaji\n\n  besar\t\tsekali") == "gaji besar sekali")
    }
}

@Suite struct LexiconTests {
    @Test func abbreviationsExpandToWholeWords() {
        #expect(normalized("gj gede krj di LN tnp pglmn", lexicon) == "gaji gede krj di luar negeri tanpa pengalaman")
    }

    @Test func longestPhraseWins() {
        #expect(normalized("tnp pglmn", lexicon) == "tanpa pengalaman")
        #expect(normalized("tnp biaya", lexicon) == "tanpa biaya")
    }

    @Test func tokensWithDigitsAndPartsOfWordsStay() {
        #expect(normalized("gaji 15jt jtk lngkp", lexicon) == "gaji 15jt jtk lngkp")
        #expect(normalized("wa.me/cs jt@mail.com", lexicon) == "wa.me/cs jt@mail.com")
    }

    @Test func domainLexiconWinsOverGenericSlang() {
        // `cs` is customer service here, not "rekan" as a generic slang list would have it.
        #expect(normalized("dicari CS", lexicon) == "dicari customer service")
    }
}

@Suite struct OffsetMapTests {
    @Test func everyLayerMapsBackToWhatTheOfficerSaw() {
        #expect(originalSlice(of: "gaji", in: "Dapat g4jiii 🔥 besar") == "g4jiii")
        #expect(originalSlice(of: "kerja", in: "mau k e r j a?") == "k e r j a")
        #expect(originalSlice(of: "kerja", in: "mau ker🔥ja?") == "ker🔥ja")
        #expect(originalSlice(of: "loker", in: "info Ｌｏｋｅｒ!") == "Ｌｏｋｅｒ")
        #expect(originalSlice(of: "kamboja", in: "ke K\u{0430}mb\u{043E}ja") == "K\u{0430}mb\u{043E}ja")
        #expect(originalSlice(of: "luar negeri", in: "kerja di L.N") == "L.N")
        #expect(originalSlice(of: "tanpa pengalaman", in: "Tnp   Pglmn ok") == "Tnp   Pglmn")
        #expect(originalSlice(of: "kamboja", in: "ke 🇰🇭 yuk") == "🇰🇭")
    }

    @Test func aFlagWhoseCountryWordHasItsByteLengthStillMapsToTheWholeFlag() {
        // " taiwan " and " jepang " are 8 bytes, as long as the two regional indicators: a
        // same-length replacement is not a byte-for-byte one.
        #expect(originalSlice(of: "taiwan", in: "kerja di 🇹🇼 gaji 20jt") == "🇹🇼")
        #expect(originalSlice(of: "jepang", in: "ke 🇯🇵 yuk") == "🇯🇵")
        #expect(originalSlice(of: "brunei", in: "🇧🇳 kebun") == "🇧🇳")
    }

    @Test func invalidUTF8IsRepairedNotFatal() {
        let result = plain.normalize(utf8: [0x67, 0xFF, 0x61, 0x6A, 0x69, 0xC3])
        #expect(result.originalString == "g\u{FFFD}aji\u{FFFD}")
    }
}
