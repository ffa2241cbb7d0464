import PatroliCore
import PatroliQueue
import Testing

@Suite struct ClusteringTests {
    let clustering = Clustering()
    let normalizer = Normalizer()

    private func simHash(_ text: String) -> UInt64 {
        clustering.simHash(normalizer.normalize(text).string)
    }

    @Test func defaultsAreTwoWordShinglesWithinTenBits() {
        #expect(clustering.shingleSize == 2)
        #expect(clustering.hammingThreshold == 10)
        #expect(clustering.minimumWords == 6)
    }

    @Test func simHashIsStableAcrossRunsAndMachines() {
        // A fixed value: FNV-1a + SplitMix64 never depends on Swift's per-process hash seed.
        let first = clustering.simHash("loker kamboja gaji 15jt tanpa pengalaman")
        #expect(first == clustering.simHash("loker kamboja gaji 15jt tanpa pengalaman"))
        #expect(first == Clustering().simHash("loker kamboja gaji 15jt tanpa pengalaman"))
        #expect(clustering.simHash("") == 0)
        #expect(clustering.simHash("!!! ... 🔥") == 0)
    }

    @Test func wordsAreRunsOfLettersAndDigits() {
        #expect(Clustering.words("loker: kamboja, gaji 15jt!! wa.me/62812").map(String.init)
                == ["loker", "kamboja", "gaji", "15jt", "wa", "me", "62812"])
        #expect(Clustering.words("").isEmpty)
        #expect(Clustering.words("kafé ☕ naïve").map(String.init) == ["kafé", "naïve"])
    }

    @Test func repostWithHashtagsAndEmojiIsANearDuplicate() {
        let original = QueueFixtures.laosAd
        let repost = "REPOST!! " + original + " 🔥🔥 #loker #kerjaluarnegeri"
        let distance = Clustering.hammingDistance(simHash(original), simHash(repost))
        #expect(distance <= clustering.hammingThreshold)
    }

    @Test func oneChangedWordIsANearDuplicate() {
        let original = QueueFixtures.cambodiaAd
        let edited = original.replacingOccurrences(of: "minggu ini", with: "bulan ini")
        #expect(clustering.isNearDuplicate(simHash(original), simHash(edited)))
    }

    @Test func differentAdsAreNotNearDuplicates() {
        let ads = [QueueFixtures.cambodiaAd, QueueFixtures.myanmarAd, QueueFixtures.malaysiaAd,
                   QueueFixtures.victimPlea, QueueFixtures.laosAd]
        for first in ads.indices {
            for second in ads.indices where second > first {
                let distance = Clustering.hammingDistance(simHash(ads[first]), simHash(ads[second]))
                #expect(distance > clustering.hammingThreshold + 4, "ads \(first) and \(second) are \(distance) bits apart")
            }
        }
    }

    @Test func shortPostsDoNotLinkByNearDuplicate() {
        let short = clustering.makeSignature(normalizedText: "hub wa sekarang", normalizedTextSHA256: "a", contactKeys: [])
        let long = clustering.makeSignature(normalizedText: "lowongan admin online gaji besar tanpa pengalaman",
                                            normalizedTextSHA256: "b", contactKeys: [])
        #expect(!short.nearDuplicateEligible)
        #expect(long.nearDuplicateEligible)
    }

    @Test func phoneAndWhatsAppNumbersShareOneKey() {
        let entities = EntityExtractor().extract(
            from: "WA 0812-0000-1101 atau wa.me/6281200001101, telegram @Agen_Kerja, Line: kerjacepat, email a@b.id")
        #expect(Clustering.contactKeys(entities) == ["line:kerjacepat", "phone:+6281200001101", "telegram:@agen_kerja"])
    }

    @Test func contactKeyOfEachKind() {
        #expect(Clustering.contactKey(kind: .whatsapp, value: "+6281200001101") == "phone:+6281200001101")
        #expect(Clustering.contactKey(kind: .phone, value: "+6281200001101") == "phone:+6281200001101")
        #expect(Clustering.contactKey(kind: .telegram, value: "agen") == "telegram:@agen")
        #expect(Clustering.contactKey(kind: .line, value: "KerjaCepat") == "line:kerjacepat")
        #expect(Clustering.contactKey(kind: .email, value: "a@b.id") == nil)
        #expect(Clustering.contactKey(kind: .phone, value: "  ") == nil)
    }

    @Test func filterTextMeansTheMatchingContactKeys() {
        #expect(Clustering.contactKeys(matching: "0812-0000-1101") == ["phone:+6281200001101"])
        #expect(Clustering.contactKeys(matching: "+62 812 0000 1101") == ["phone:+6281200001101"])
        #expect(Clustering.contactKeys(matching: "6281200001101") == ["phone:+6281200001101"])
        #expect(Clustering.contactKeys(matching: "812-0000-1101") == ["phone:+6281200001101"])
        #expect(Clustering.contactKeys(matching: "@Agen") == ["telegram:@agen"])
        #expect(Clustering.contactKeys(matching: "phone:+6281200001101") == ["phone:+6281200001101"])
        #expect(Clustering.contactKeys(matching: "kerjacepat") == ["line:kerjacepat", "phone:kerjacepat", "telegram:@kerjacepat"])
        #expect(Clustering.contactKeys(matching: "   ").isEmpty)
    }

    // MARK: ClusterIndex

    private func signature(_ text: String, contacts: [String] = [], eligible: Bool = true, hash: UInt64? = nil) -> ClusterSignature {
        ClusterSignature(simHash: hash ?? clustering.simHash(text), nearDuplicateEligible: eligible,
                         normalizedTextSHA256: SHA256.hexDigest(Array(text.utf8)), contactKeys: contacts)
    }

    @Test func unlinkedItemStartsItsOwnCluster() {
        var index = ClusterIndex(clustering: clustering)
        let assignment = index.assign(itemID: 1, signature: signature("a", eligible: false))
        #expect(assignment.clusterID == 1)
        #expect(assignment.mergedClusterIDs.isEmpty)
        #expect(index.assign(itemID: 2, signature: signature("b", eligible: false)).clusterID == 2)
    }

    @Test func sameTextLinksEvenWhenShort() {
        var index = ClusterIndex(clustering: clustering)
        _ = index.assign(itemID: 1, signature: signature("hub wa", eligible: false))
        #expect(index.assign(itemID: 2, signature: signature("hub wa", eligible: false)).clusterID == 1)
    }

    @Test func nearDuplicateLinksWithinTheThresholdOnly() {
        var index = ClusterIndex(clustering: clustering)
        _ = index.assign(itemID: 1, signature: signature("x", hash: 0))
        #expect(index.assign(itemID: 2, signature: signature("y", hash: 0b11_1111_1111)).clusterID == 1, "10 bits apart")
        #expect(index.assign(itemID: 3, signature: signature("z", hash: 0xFFFF_0000_0000_0000)).clusterID == 3, "16 bits apart")
        #expect(index.assign(itemID: 4, signature: signature("w", eligible: false, hash: 0)).clusterID == 4,
                "a short post does not link by SimHash")
    }

    @Test func bridgingItemMergesClustersUnderTheSmallestID() {
        var index = ClusterIndex(clustering: clustering)
        index.add(itemID: 3, clusterID: 3, signature: signature("a", contacts: ["phone:+62811"], eligible: false))
        index.add(itemID: 5, clusterID: 5, signature: signature("b", contacts: ["telegram:@x"], eligible: false))
        index.add(itemID: 8, clusterID: 5, signature: signature("c", contacts: ["line:y"], eligible: false))
        let bridge = index.assign(itemID: 9, signature: signature("d", contacts: ["line:y", "phone:+62811"], eligible: false))
        #expect(bridge.clusterID == 3)
        #expect(bridge.mergedClusterIDs == [5])
        // Later links to a merged cluster resolve to the surviving id.
        let later = index.assign(itemID: 10, signature: signature("e", contacts: ["telegram:@x"], eligible: false))
        #expect(later.clusterID == 3)
        #expect(later.mergedClusterIDs.isEmpty)
        #expect(index.find(5) == 3)
    }

    @Test func assignmentIsDeterministic() {
        func run() -> [Int64] {
            var index = ClusterIndex(clustering: clustering)
            let texts = [QueueFixtures.cambodiaAd, QueueFixtures.laosAd, "REPOST " + QueueFixtures.laosAd,
                         QueueFixtures.myanmarAd, QueueFixtures.cambodiaAd]
            return texts.enumerated().map { offset, text in
                index.assign(itemID: Int64(offset + 1), signature: signature(normalizer.normalize(text).string)).clusterID
            }
        }
        #expect(run() == run())
        #expect(run() == [1, 2, 2, 4, 1])
    }
}
