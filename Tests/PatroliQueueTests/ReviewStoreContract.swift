import Foundation
import PatroliCore
@testable import PatroliQueue
import Testing

/// The behaviour every `ReviewStore` must show, written once and run against each store.
///
/// Every check takes a freshly migrated, empty store (one database per check) and asserts with
/// swift-testing's `#expect`/`#require`, so a store's suite is one `@Test` per check:
///
///     @Test func reinsertingABatchChangesNothing() async throws {
///         try await ReviewStoreContract.reinsertingABatchChangesNothing(try await makeStore())
///     }
///
/// `ReviewStoreContract.checks` lists them all by name; each backend's suite runs every one as
/// the arguments of one parameterized test. Not covered here: claims from several OS processes (done by the CLI end-to-end
/// tests, which start several `patroli review next` processes on one database).
enum ReviewStoreContract {
    typealias Check = @Sendable (any ReviewStore) async throws -> Void

    /// Every single-store check, by name (the concurrency check taking several stores is
    /// `claimsFromSeveralStoresNeverOverlap`).
    /// Runs the check called `name` (a test argument from `checks`) on `store`.
    static func run(_ name: String, on store: any ReviewStore) async throws {
        let check = try #require(checks.first { $0.name == name }, "no review-store check named \(name)")
        try await check.run(store)
    }

    static let checks: [(name: String, run: Check)] = [
        ("reinsertingABatchChangesNothing", reinsertingABatchChangesNothing),
        ("copiesOfOneTextCountAndShareACluster", copiesOfOneTextCountAndShareACluster),
        ("nearDuplicatesShareAClusterAndUnrelatedPostsDoNot", nearDuplicatesShareAClusterAndUnrelatedPostsDoNot),
        ("sharedContactLinksPostsAndMergesClusters", sharedContactLinksPostsAndMergesClusters),
        ("itemKeepsThePostItsSourceAndItsScore", itemKeepsThePostItsSourceAndItsScore),
        ("listFiltersByRiskCategoryStatusSourceContactAndCluster", listFiltersByRiskCategoryStatusSourceContactAndCluster),
        ("listSortsByScoreAndTimeAndPages", listSortsByScoreAndTimeAndPages),
        ("claimNextTakesTheTopItemWithItsCluster", claimNextTakesTheTopItemWithItsCluster),
        ("concurrentClaimsNeverOverlap", concurrentClaimsNeverOverlap),
        ("expiredLeaseReturnsTheItem", expiredLeaseReturnsTheItem),
        ("releaseGivesBackOnlyTheReviewersOwnLeases", releaseGivesBackOnlyTheReviewersOwnLeases),
        ("decideAppendsToTheAuditTrailWithWhoAndWhen", decideAppendsToTheAuditTrailWithWhoAndWhen),
        ("decideRefusesAnItemLeasedByAnotherReviewer", decideRefusesAnItemLeasedByAnotherReviewer),
        ("decidingAWholeClusterDecidesEveryMember", decidingAWholeClusterDecidesEveryMember),
        ("exportCarriesOriginalTextHashSourceAndDecisions", exportCarriesOriginalTextHashSourceAndDecisions),
        ("statsCountStatusesRisksClustersLeasesAndDecisions", statsCountStatusesRisksClustersLeasesAndDecisions),
        ("clustersShowSizeMembersContactsAndTimes", clustersShowSizeMembersContactsAndTimes),
        ("ledgerRoundTripsAndUpdatesProgress", ledgerRoundTripsAndUpdatesProgress),
        ("reportTalliesCountedInTheStoreMatchTheItems", reportTalliesCountedInTheStoreMatchTheItems),
    ]

    // MARK: Insert, copies and clusters

    static func reinsertingABatchChangesNothing(_ store: any ReviewStore) async throws {
        let batch = [
            QueueFixtures.post(QueueFixtures.cambodiaAd, id: "1", line: 1),
            QueueFixtures.post(QueueFixtures.myanmarAd, id: "2", line: 2),
            QueueFixtures.post(QueueFixtures.malaysiaAd, id: "3", line: 3),
        ]
        let first = try await store.insert(batch)
        #expect(first.inserted == 3)
        #expect(first.duplicates == 0)
        #expect(Set(first.itemIDs).count == 3)

        var rerun = batch
        for index in rerun.indices { rerun[index].seenAt = QueueFixtures.at(seconds: 86_400) }
        let second = try await store.insert(rerun)
        #expect(second.inserted == 0)
        #expect(second.duplicates == 3)
        #expect(second.copies == 0)
        #expect(second.itemIDs == first.itemIDs)

        let items = try await store.list(ReviewFilter(), now: QueueFixtures.start)
        #expect(items.count == 3)
        for item in items {
            #expect(item.copyCount == 1)
            #expect(item.lastSeen == QueueFixtures.start, "a re-run must not touch the item")
        }
        // A duplicate inside one batch is caught as well.
        let within = try await store.insert([QueueFixtures.post(QueueFixtures.laosAd, id: "4"),
                                             QueueFixtures.post(QueueFixtures.laosAd, id: "4")])
        #expect(within.inserted == 1)
        #expect(within.duplicates == 1)
        #expect(within.itemIDs[0] == within.itemIDs[1])
    }

    static func copiesOfOneTextCountAndShareACluster(_ store: any ReviewStore) async throws {
        let first = try await store.insert([
            QueueFixtures.post(QueueFixtures.victimPlea, id: "a1", file: "facebook.jsonl", seenAt: QueueFixtures.at(seconds: 0)),
        ])
        let later = QueueFixtures.at(seconds: 3_600)
        let second = try await store.insert([
            QueueFixtures.post(QueueFixtures.victimPlea, id: "t9", file: "twitter.jsonl", seenAt: later),
        ])
        #expect(second.inserted == 1)
        #expect(second.copies == 1)
        let original = try #require(try await store.item(id: first.itemIDs[0], now: later))
        let copy = try #require(try await store.item(id: second.itemIDs[0], now: later))
        #expect(original.copyCount == 2)
        #expect(copy.copyCount == 2)
        #expect(original.firstSeen == QueueFixtures.at(seconds: 0))
        #expect(original.lastSeen == later)
        #expect(copy.firstSeen == later)
        #expect(original.clusterID == original.id)
        #expect(copy.clusterID == original.id)
        #expect(original.fingerprint != copy.fingerprint)
        #expect(original.normalizedTextSHA256 == copy.normalizedTextSHA256)
        let cluster = try #require(try await store.cluster(id: original.id))
        #expect(cluster.size == 2)
        #expect(cluster.distinctTexts == 1)
    }

    static func nearDuplicatesShareAClusterAndUnrelatedPostsDoNot(_ store: any ReviewStore) async throws {
        let variant = "REPOST!! " + QueueFixtures.laosAd + " 🔥🔥 #loker #kerjaluarnegeri"
        let summary = try await store.insert([
            QueueFixtures.post(QueueFixtures.laosAd, id: "1", line: 1),
            QueueFixtures.post(QueueFixtures.victimPlea, id: "2", line: 2),
            QueueFixtures.post(variant, id: "3", line: 3),
        ])
        let now = QueueFixtures.start
        let original = try #require(try await store.item(id: summary.itemIDs[0], now: now))
        let unrelated = try #require(try await store.item(id: summary.itemIDs[1], now: now))
        let nearCopy = try #require(try await store.item(id: summary.itemIDs[2], now: now))
        #expect(nearCopy.clusterID == original.id)
        #expect(unrelated.clusterID == unrelated.id)
        #expect(nearCopy.copyCount == 1, "a near-duplicate is not a copy of the same text")
        let members = try await store.list(ReviewFilter(clusterID: original.id), now: now).map(\.id)
        #expect(Set(members) == [original.id, nearCopy.id])
    }

    static func sharedContactLinksPostsAndMergesClusters(_ store: any ReviewStore) async throws {
        let now = QueueFixtures.start
        // Two unrelated posts, two clusters.
        let first = try await store.insert([
            QueueFixtures.post(QueueFixtures.cambodiaAd, id: "1"),
            QueueFixtures.post(QueueFixtures.myanmarAd, id: "2"),
        ])
        let cambodia = first.itemIDs[0]
        let myanmar = first.itemIDs[1]
        #expect(try await store.item(id: myanmar, now: now)?.clusterID == myanmar)

        // A different text with the Cambodia ad's number, written another way, as a wa.me link.
        let sameNumber = try await store.insert([
            QueueFixtures.post("Butuh cepat! Pekerjaan packing di luar negeri, berangkat gratis, chat wa.me/6281200001101", id: "3"),
        ])
        let linked = try #require(try await store.item(id: sameNumber.itemIDs[0], now: now))
        #expect(linked.clusterID == cambodia)
        #expect(linked.contactKeys.contains("phone:+6281200001101"))

        // A post carrying both contacts merges the two clusters under the smaller id.
        let bridge = try await store.insert([
            QueueFixtures.post("Admin baru: hubungi 0812 0000 1101 atau telegram @agen_myawaddy untuk berkas", id: "4"),
        ])
        for id in [cambodia, myanmar, sameNumber.itemIDs[0], bridge.itemIDs[0]] {
            #expect(try await store.item(id: id, now: now)?.clusterID == min(cambodia, myanmar))
        }
        let cluster = try #require(try await store.cluster(id: min(cambodia, myanmar)))
        #expect(cluster.size == 4)
        #expect(cluster.contactKeys == ["phone:+6281200001101", "telegram:@agen_myawaddy"])
        #expect(try await store.cluster(id: max(cambodia, myanmar)) == nil, "the merged cluster id is gone")
    }

    // MARK: Reading

    static func itemKeepsThePostItsSourceAndItsScore(_ store: any ReviewStore) async throws {
        let metadata = [MetadataField(key: "url", value: "https://facebook.example/groups/loker/posts/77"),
                        MetadataField(key: "author", value: "Agen Resmi"),
                        MetadataField(key: "timestamp", value: "2025-06-14T08:30:00+07:00"),
                        MetadataField(key: "likes", value: "12")]
        let new = QueueFixtures.post(QueueFixtures.cambodiaAd, id: "post-77", file: "fb/2025-06-14.jsonl", line: 812,
                                     score: 7.5, risk: .high, categories: ["salary", "destination"],
                                     metadata: metadata, seenAt: QueueFixtures.at(seconds: 5))
        let summary = try await store.insert([new])
        let item = try #require(try await store.item(id: summary.itemIDs[0], now: QueueFixtures.start))
        #expect(item.text == QueueFixtures.cambodiaAd)
        #expect(item.normalizedText == new.normalizedText)
        #expect(item.textSHA256 == SHA256.hexDigest(Array(QueueFixtures.cambodiaAd.utf8)))
        #expect(item.textSHA256.count == 64)
        #expect(item.fingerprint == QueueKeys.fingerprint(source: "fb/2025-06-14.jsonl", postID: "post-77",
                                                          normalizedText: new.normalizedText))
        #expect(item.source == new.source)
        #expect(item.source.url == "https://facebook.example/groups/loker/posts/77")
        #expect(item.source.author == "Agen Resmi")
        #expect(item.source.postedAt == "2025-06-14T08:30:00+07:00")
        #expect(item.score == 7.5)
        #expect(item.risk == .high)
        #expect(item.hits == new.hits)
        #expect(item.entities == new.entities)
        #expect(!item.entities.contacts.isEmpty)
        #expect(item.categories == ["destination", "salary"])
        #expect(item.pack == QueueFixtures.pack)
        #expect(item.firstSeen == QueueFixtures.at(seconds: 5))
        #expect(item.lastSeen == QueueFixtures.at(seconds: 5))
        #expect(item.status == .pending)
        #expect(item.lease == nil)
        #expect(try await store.item(id: item.id + 1000, now: QueueFixtures.start) == nil)
    }

    static func listFiltersByRiskCategoryStatusSourceContactAndCluster(_ store: any ReviewStore) async throws {
        let now = QueueFixtures.start
        let summary = try await store.insert([
            QueueFixtures.post(QueueFixtures.cambodiaAd, id: "1", file: "a.jsonl", score: 9, risk: .high, categories: ["salary", "destination"]),
            QueueFixtures.post(QueueFixtures.myanmarAd, id: "2", file: "a.jsonl", score: 4, risk: .medium, categories: ["visa"]),
            QueueFixtures.post(QueueFixtures.malaysiaAd, id: "3", file: "b.jsonl", score: 2, risk: .low, categories: ["route"]),
            QueueFixtures.post(QueueFixtures.victimPlea, id: "4", file: "b.jsonl", score: 3, risk: .low, categories: ["victim_lead"]),
        ])
        let ids = summary.itemIDs
        func listed(_ filter: ReviewFilter) async throws -> Set<Int64> {
            Set(try await store.list(filter, now: now).map(\.id))
        }
        #expect(try await listed(ReviewFilter()) == Set(ids))
        #expect(try await listed(ReviewFilter(risks: [.low])) == [ids[2], ids[3]])
        #expect(try await listed(ReviewFilter(risks: [.high, .medium])) == [ids[0], ids[1]])
        #expect(try await listed(ReviewFilter(category: "destination")) == [ids[0]])
        #expect(try await listed(ReviewFilter(category: "victim_lead")) == [ids[3]])
        #expect(try await listed(ReviewFilter(source: "b.jsonl")) == [ids[2], ids[3]])
        #expect(try await listed(ReviewFilter(contact: "0812-0000-1101")) == [ids[0]])
        #expect(try await listed(ReviewFilter(contact: "phone:+6281200001101")) == [ids[0]])
        #expect(try await listed(ReviewFilter(contact: "@agen_myawaddy")) == [ids[1]])
        #expect(try await listed(ReviewFilter(contact: "kebunsawit88")) == [ids[2]])
        #expect(try await listed(ReviewFilter(contact: "0899-9999-9999")).isEmpty)
        #expect(try await listed(ReviewFilter(clusterID: ids[1])) == [ids[1]])
        #expect(try await listed(ReviewFilter(risks: [.low], source: "a.jsonl")).isEmpty)

        _ = try await store.decide(itemID: ids[3], verdict: .victimLead, reviewer: "bripka.sari", note: nil,
                                   wholeCluster: false, now: now)
        #expect(try await listed(ReviewFilter(statuses: [.pending])) == [ids[0], ids[1], ids[2]])
        #expect(try await listed(ReviewFilter(statuses: [.victimLead])) == [ids[3]])
        #expect(try await listed(ReviewFilter(statuses: [.recruitment, .notRelevant])).isEmpty)

        let row = try #require(try await store.list(ReviewFilter(category: "destination"), now: now).first)
        #expect(row.file == "a.jsonl")
        #expect(row.postID == "1")
        #expect(row.score == 9)
        #expect(row.risk == .high)
        #expect(row.categories == ["destination", "salary"])
        #expect(row.excerpt.hasPrefix("LOKER KAMBOJA"))
        #expect(row.excerpt.count <= QueueItemSummary.excerptLength + 1)
    }

    static func listSortsByScoreAndTimeAndPages(_ store: any ReviewStore) async throws {
        let now = QueueFixtures.start
        let summary = try await store.insert([
            QueueFixtures.post(QueueFixtures.cambodiaAd, id: "1", score: 3, seenAt: QueueFixtures.at(seconds: 20)),
            QueueFixtures.post(QueueFixtures.myanmarAd, id: "2", score: 8, seenAt: QueueFixtures.at(seconds: 10)),
            QueueFixtures.post(QueueFixtures.malaysiaAd, id: "3", score: 5, seenAt: QueueFixtures.at(seconds: 30)),
            QueueFixtures.post(QueueFixtures.laosAd, id: "4", score: 8, seenAt: QueueFixtures.at(seconds: 5)),
        ])
        let ids = summary.itemIDs
        #expect(try await store.list(ReviewFilter(sort: .score), now: now).map(\.id) == [ids[3], ids[1], ids[2], ids[0]])
        #expect(try await store.list(ReviewFilter(sort: .firstSeen), now: now).map(\.id) == [ids[3], ids[1], ids[0], ids[2]])
        #expect(try await store.list(ReviewFilter(sort: .lastSeen), now: now).map(\.id) == [ids[2], ids[0], ids[1], ids[3]])
        #expect(try await store.list(ReviewFilter(sort: .score, limit: 2), now: now).map(\.id) == [ids[3], ids[1]])
        #expect(try await store.list(ReviewFilter(sort: .score, limit: 2, offset: 2), now: now).map(\.id) == [ids[2], ids[0]])
        #expect(try await store.list(ReviewFilter(sort: .score, offset: 3), now: now).map(\.id) == [ids[0]])
    }

    // MARK: Claims and leases

    static func claimNextTakesTheTopItemWithItsCluster(_ store: any ReviewStore) async throws {
        let now = QueueFixtures.start
        let summary = try await store.insert([
            QueueFixtures.post(QueueFixtures.cambodiaAd, id: "1", score: 6),
            QueueFixtures.post(QueueFixtures.myanmarAd, id: "2", score: 9),
            QueueFixtures.post("Ada yang mau kerja di luar? gaji besar, hubungi Telegram @agen_myawaddy", id: "3", score: 2),
        ])
        let ids = summary.itemIDs
        let claim = try #require(try await store.claimNext(reviewer: "bripka.sari", lease: .seconds(600), now: now))
        #expect(claim.itemID == ids[1])
        #expect(claim.clusterID == ids[1])
        #expect(claim.itemIDs == [ids[1], ids[2]])
        #expect(claim.reviewer == "bripka.sari")
        #expect(claim.leasedUntil == QueueFixtures.at(seconds: 600))
        let held = try #require(try await store.item(id: ids[2], now: now))
        #expect(held.lease == Lease(reviewer: "bripka.sari", leasedUntil: QueueFixtures.at(seconds: 600)))
        #expect(try await store.list(ReviewFilter(), now: now).first { $0.id == ids[1] }?.lease?.reviewer == "bripka.sari")

        let second = try #require(try await store.claimNext(reviewer: "aiptu.budi", lease: .seconds(600), now: now))
        #expect(second.itemIDs == [ids[0]])
        #expect(try await store.claimNext(reviewer: "brigadir.rina", lease: .seconds(600), now: now) == nil)

        // A new post joining a claimed cluster is not handed to someone else.
        _ = try await store.insert([QueueFixtures.post("Berkas lengkap kirim ke telegram @agen_myawaddy segera", id: "5", score: 10)])
        #expect(try await store.claimNext(reviewer: "brigadir.rina", lease: .seconds(600), now: now) == nil)

        await #expect(throws: ReviewStoreError.self) {
            _ = try await store.claimNext(reviewer: "bripka.sari", lease: .zero, now: now)
        }
    }

    static func concurrentClaimsNeverOverlap(_ store: any ReviewStore) async throws {
        try await claimsFromSeveralStoresNeverOverlap([store])
    }

    /// Many concurrent tasks claim from `stores` (handles on one queue) until nothing is left:
    /// every item is claimed exactly once.
    static func claimsFromSeveralStoresNeverOverlap(_ stores: [any ReviewStore], items: Int = 40,
                                                    tasks: Int = 16) async throws {
        let first = try #require(stores.first)
        let summary = try await first.insert(QueueFixtures.loners(items))
        #expect(summary.inserted == items)
        let now = QueueFixtures.start
        let claimed = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for worker in 0..<tasks {
                let store = stores[worker % stores.count]
                group.addTask {
                    var mine: [Int64] = []
                    while let claim = try await store.claimNext(reviewer: "officer\(worker)", lease: .seconds(900), now: now) {
                        mine += claim.itemIDs
                    }
                    return mine
                }
            }
            var all: [Int64] = []
            for try await mine in group { all += mine }
            return all
        }
        #expect(claimed.count == items, "every item claimed exactly once")
        #expect(Set(claimed) == Set(summary.itemIDs))
        #expect(try await first.stats(now: now).leasedItems == items)
    }

    static func expiredLeaseReturnsTheItem(_ store: any ReviewStore) async throws {
        let summary = try await store.insert(QueueFixtures.loners(1))
        let start = QueueFixtures.start
        let claim = try #require(try await store.claimNext(reviewer: "bripka.sari", lease: .seconds(60), now: start))
        #expect(claim.itemIDs == summary.itemIDs)
        #expect(try await store.claimNext(reviewer: "aiptu.budi", lease: .seconds(60), now: QueueFixtures.at(seconds: 59)) == nil)
        #expect(try await store.item(id: claim.itemID, now: QueueFixtures.at(seconds: 61))?.lease == nil)

        let reclaimed = try #require(try await store.claimNext(reviewer: "aiptu.budi", lease: .seconds(60),
                                                               now: QueueFixtures.at(seconds: 60)))
        #expect(reclaimed.itemID == claim.itemID)
        #expect(reclaimed.leasedUntil == QueueFixtures.at(seconds: 120))
        #expect(try await store.releaseExpiredLeases(now: QueueFixtures.at(seconds: 90)) == 0)
        #expect(try await store.releaseExpiredLeases(now: QueueFixtures.at(seconds: 120)) == 1)
        #expect(try await store.stats(now: QueueFixtures.at(seconds: 100)).leasedItems == 0)
    }

    static func releaseGivesBackOnlyTheReviewersOwnLeases(_ store: any ReviewStore) async throws {
        let now = QueueFixtures.start
        _ = try await store.insert(QueueFixtures.loners(2))
        let sari = try #require(try await store.claimNext(reviewer: "bripka.sari", lease: .seconds(600), now: now))
        let budi = try #require(try await store.claimNext(reviewer: "aiptu.budi", lease: .seconds(600), now: now))
        #expect(try await store.release(itemIDs: [sari.itemID, budi.itemID], reviewer: "bripka.sari") == 1)
        #expect(try await store.item(id: budi.itemID, now: now)?.lease?.reviewer == "aiptu.budi")
        let again = try #require(try await store.claimNext(reviewer: "brigadir.rina", lease: .seconds(600), now: now))
        #expect(again.itemID == sari.itemID)
        #expect(try await store.release(itemIDs: [], reviewer: "aiptu.budi") == 0)
    }

    // MARK: Decisions and audit

    static func decideAppendsToTheAuditTrailWithWhoAndWhen(_ store: any ReviewStore) async throws {
        let summary = try await store.insert([QueueFixtures.post(QueueFixtures.cambodiaAd, id: "1")])
        let id = summary.itemIDs[0]
        let claim = try #require(try await store.claimNext(reviewer: "bripka.sari", lease: .seconds(600), now: QueueFixtures.start))
        #expect(claim.itemID == id)

        let decidedAt = QueueFixtures.at(seconds: 42)
        let entries = try await store.decide(itemID: id, verdict: .unsure, reviewer: "bripka.sari",
                                             note: "nomor perlu dicek ke operator", wholeCluster: false, now: decidedAt)
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.itemID == id)
        #expect(entry.verdict == .unsure)
        #expect(entry.reviewer == "bripka.sari")
        #expect(entry.note == "nomor perlu dicek ke operator")
        #expect(entry.decidedAt == decidedAt)
        #expect(!entry.wholeCluster)
        let decided = try #require(try await store.item(id: id, now: decidedAt))
        #expect(decided.status == .unsure)
        #expect(decided.lease == nil, "deciding releases the lease")

        _ = try await store.decide(itemID: id, verdict: .recruitment, reviewer: "kompol.dewi", note: nil,
                                   wholeCluster: false, now: QueueFixtures.at(seconds: 100))
        let trail = try await store.auditTrail(itemID: id)
        #expect(trail.map(\.verdict) == [.unsure, .recruitment])
        #expect(trail.map(\.reviewer) == ["bripka.sari", "kompol.dewi"])
        #expect(trail.map(\.decidedAt) == [decidedAt, QueueFixtures.at(seconds: 100)])
        #expect(trail[1].note == nil)
        #expect(trail[0].id < trail[1].id)
        #expect(try await store.item(id: id, now: decidedAt)?.status == .recruitment)
        #expect(try await store.claimNext(reviewer: "aiptu.budi", lease: .seconds(60), now: decidedAt) == nil,
                "decided items are not handed out again")

        await #expect(throws: ReviewStoreError.itemNotFound(id + 1000)) {
            _ = try await store.decide(itemID: id + 1000, verdict: .notRelevant, reviewer: "bripka.sari",
                                       note: nil, wholeCluster: false, now: decidedAt)
        }
        #expect(try await store.auditTrail(itemID: id + 1000).isEmpty)
    }

    static func decideRefusesAnItemLeasedByAnotherReviewer(_ store: any ReviewStore) async throws {
        let summary = try await store.insert(QueueFixtures.loners(1))
        let id = summary.itemIDs[0]
        _ = try #require(try await store.claimNext(reviewer: "bripka.sari", lease: .seconds(60), now: QueueFixtures.start))
        await #expect(throws: ReviewStoreError.leasedByAnotherReviewer(itemID: id, reviewer: "bripka.sari",
                                                                       until: QueueFixtures.at(seconds: 60))) {
            _ = try await store.decide(itemID: id, verdict: .notRelevant, reviewer: "aiptu.budi", note: nil,
                                       wholeCluster: false, now: QueueFixtures.at(seconds: 30))
        }
        #expect(try await store.auditTrail(itemID: id).isEmpty)
        // Once the lease has expired anyone may decide.
        let entries = try await store.decide(itemID: id, verdict: .notRelevant, reviewer: "aiptu.budi", note: nil,
                                             wholeCluster: false, now: QueueFixtures.at(seconds: 60))
        #expect(entries.map(\.reviewer) == ["aiptu.budi"])
    }

    static func decidingAWholeClusterDecidesEveryMember(_ store: any ReviewStore) async throws {
        let summary = try await store.insert([
            QueueFixtures.post(QueueFixtures.cambodiaAd, id: "1"),
            QueueFixtures.post("Lowongan packing, gaji besar, hubungi WA 0812-0000-1101", id: "2"),
            QueueFixtures.post("Info kerja luar negeri: wa.me/6281200001101", id: "3"),
            QueueFixtures.post(QueueFixtures.malaysiaAd, id: "4"),
        ])
        let ids = summary.itemIDs
        let now = QueueFixtures.at(seconds: 10)
        let entries = try await store.decide(itemID: ids[1], verdict: .recruitment, reviewer: "kompol.dewi",
                                             note: "jaringan yang sama", wholeCluster: true, now: now)
        #expect(entries.map(\.itemID) == [ids[0], ids[1], ids[2]])
        #expect(entries.allSatisfy { $0.wholeCluster && $0.clusterID == ids[0] && $0.note == "jaringan yang sama" })
        for id in ids.prefix(3) {
            #expect(try await store.item(id: id, now: now)?.status == .recruitment)
            #expect(try await store.auditTrail(itemID: id).count == 1)
        }
        #expect(try await store.item(id: ids[3], now: now)?.status == .pending)
        #expect(try await store.cluster(id: ids[0])?.pendingCount == 0)
    }

    // MARK: Reports

    static func exportCarriesOriginalTextHashSourceAndDecisions(_ store: any ReviewStore) async throws {
        let metadata = [MetadataField(key: "url", value: "https://t.example/loker/991")]
        let summary = try await store.insert([
            QueueFixtures.post(QueueFixtures.myanmarAd, id: "991", file: "telegram.jsonl", line: 7, metadata: metadata),
            QueueFixtures.post(QueueFixtures.laosAd, id: "992", file: "telegram.jsonl", line: 8, score: 1, risk: .low),
        ])
        _ = try await store.decide(itemID: summary.itemIDs[0], verdict: .recruitment, reviewer: "bripka.sari",
                                   note: "akun agen", wholeCluster: false, now: QueueFixtures.at(seconds: 9))
        let rows = try await store.export(ReviewFilter(statuses: [.recruitment]))
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.item.text == QueueFixtures.myanmarAd)
        #expect(row.item.textSHA256 == SHA256.hexDigest(Array(QueueFixtures.myanmarAd.utf8)))
        #expect(row.item.source.file == "telegram.jsonl")
        #expect(row.item.source.line == 7)
        #expect(row.item.source.postID == "991")
        #expect(row.item.source.url == "https://t.example/loker/991")
        #expect(row.decisions.map(\.verdict) == [.recruitment])
        #expect(row.decisions.first?.reviewer == "bripka.sari")
        #expect(row.decisions.first?.note == "akun agen")
        #expect(try await store.export(ReviewFilter()).count == 2)
        #expect(try await store.export(ReviewFilter(risks: [.low])).map(\.item.id) == [summary.itemIDs[1]])
    }

    static func statsCountStatusesRisksClustersLeasesAndDecisions(_ store: any ReviewStore) async throws {
        let empty = try await store.stats(now: QueueFixtures.start)
        #expect(empty.totalItems == 0)
        #expect(empty.byStatus[.pending] == 0)
        #expect(empty.byRisk[.high] == 0)

        let summary = try await store.insert([
            QueueFixtures.post(QueueFixtures.cambodiaAd, id: "1", risk: .high),
            QueueFixtures.post("Lowongan packing, gaji besar, hubungi WA 0812-0000-1101", id: "2", risk: .medium),
            QueueFixtures.post(QueueFixtures.malaysiaAd, id: "3", risk: .medium),
            QueueFixtures.post(QueueFixtures.victimPlea, id: "4", risk: .low),
        ])
        _ = try await store.decide(itemID: summary.itemIDs[3], verdict: .victimLead, reviewer: "bripka.sari",
                                   note: nil, wholeCluster: false, now: QueueFixtures.start)
        _ = try await store.claimNext(reviewer: "aiptu.budi", lease: .seconds(60), now: QueueFixtures.start)
        try await store.recordProgress(LedgerEntry(path: "a.jsonl", size: 10, modifiedAt: QueueFixtures.start,
                                                   contentSHA256: SHA256.hexDigest([]), bytesProcessed: 10,
                                                   recordsProcessed: 1, completed: true, updatedAt: QueueFixtures.start))
        let stats = try await store.stats(now: QueueFixtures.at(seconds: 1))
        #expect(stats.totalItems == 4)
        #expect(stats.byStatus[.pending] == 3)
        #expect(stats.byStatus[.victimLead] == 1)
        #expect(stats.byStatus[.recruitment] == 0)
        #expect(stats.byRisk == [.none: 0, .low: 1, .medium: 2, .high: 1])
        #expect(stats.multiMemberClusters == 1)
        #expect(stats.clusteredItems == 2)
        #expect(stats.leasedItems == 2, "the claim took the top item and its cluster")
        #expect(stats.decisions == 1)
        #expect(stats.ledgerFiles == 1)
        #expect(try await store.stats(now: QueueFixtures.at(seconds: 60)).leasedItems == 0)
    }

    /// The batch report's counts, taken by the store in SQL, are what counting the exported items
    /// gives: per risk, category, rule, contact, source file and day.
    static func reportTalliesCountedInTheStoreMatchTheItems(_ store: any ReviewStore) async throws {
        _ = try await store.insert([
            QueueFixtures.post(QueueFixtures.cambodiaAd, id: "1", file: "a.jsonl", risk: .high),
            QueueFixtures.post(QueueFixtures.cambodiaAd + " 🙏", id: "2", file: "b.jsonl", risk: .high,
                               seenAt: QueueFixtures.at(seconds: 86_400)),
            QueueFixtures.post(QueueFixtures.myanmarAd, id: "3", file: "a.jsonl", risk: .medium,
                               categories: ["salary", "destination"]),
            QueueFixtures.post(QueueFixtures.malaysiaAd, id: "4", file: "b.jsonl", risk: .medium),
            QueueFixtures.post(QueueFixtures.victimPlea, id: "5", file: "a.jsonl", risk: .low, categories: ["victim_lead"]),
        ])
        var everything = ReviewFilter()
        everything.limit = nil
        let expected = ReportTallies(try await store.export(everything).map(\.item))
        let counted = try await store.allReportTallies()
        #expect(counted == expected)
        #expect(counted.risk == ["high": 2, "medium": 2, "low": 1])
        #expect(counted.source == ["a.jsonl": 3, "b.jsonl": 2])
        #expect(counted.days.count == 2, "two days of first sightings")
        #expect(counted.rules == ["salary.rule0": 4, "destination.rule1": 1, "victim_lead.rule0": 1])
        #expect(counted.category == ["salary": 4, "destination": 1, "victim_lead": 1])
        #expect(counted.contacts.values.contains(2), "the two Cambodia posts share one WhatsApp number")
    }

    static func clustersShowSizeMembersContactsAndTimes(_ store: any ReviewStore) async throws {
        let summary = try await store.insert([
            QueueFixtures.post(QueueFixtures.cambodiaAd, id: "1", score: 4, risk: .medium, seenAt: QueueFixtures.at(seconds: 10)),
            QueueFixtures.post(QueueFixtures.myanmarAd, id: "2", seenAt: QueueFixtures.at(seconds: 20)),
            QueueFixtures.post("Lowongan packing, gaji besar, hubungi WA 0812-0000-1101", id: "3", score: 6,
                               risk: .high, seenAt: QueueFixtures.at(seconds: 30)),
            QueueFixtures.post("Info kerja luar negeri: wa.me/6281200001101 atau Line: kerjacepat", id: "4", score: 2,
                               risk: .low, seenAt: QueueFixtures.at(seconds: 40)),
        ])
        let ids = summary.itemIDs
        let groups = try await store.clusters(ClusterFilter())
        #expect(groups.count == 1)
        let cluster = try #require(groups.first)
        #expect(cluster.id == ids[0])
        #expect(cluster.size == 3)
        #expect(cluster.memberIDs == [ids[0], ids[2], ids[3]])
        #expect(cluster.contactKeys == ["line:kerjacepat", "phone:+6281200001101"])
        #expect(cluster.distinctTexts == 3)
        #expect(cluster.maxScore == 6)
        #expect(cluster.maxRisk == .high)
        #expect(cluster.pendingCount == 3)
        #expect(cluster.firstSeen == QueueFixtures.at(seconds: 10))
        #expect(cluster.lastSeen == QueueFixtures.at(seconds: 40))

        let all = try await store.clusters(ClusterFilter(minimumSize: 1))
        #expect(all.map(\.id) == [ids[0], ids[1]], "largest first")
        #expect(try await store.clusters(ClusterFilter(minimumSize: 1, limit: 1)).map(\.id) == [ids[0]])
        let lone = try #require(try await store.cluster(id: ids[1]))
        #expect(lone.size == 1)
        #expect(lone.contactKeys == ["telegram:@agen_myawaddy"])
        _ = try await store.decide(itemID: ids[0], verdict: .recruitment, reviewer: "kompol.dewi", note: nil,
                                   wholeCluster: true, now: QueueFixtures.at(seconds: 50))
        #expect(try await store.clusters(ClusterFilter(pendingOnly: true)).isEmpty)
        #expect(try await store.cluster(id: 999_999) == nil)
    }

    // MARK: Run ledger

    static func ledgerRoundTripsAndUpdatesProgress(_ store: any ReviewStore) async throws {
        #expect(try await store.ledgerEntry(path: "/data/2025-06-14.jsonl.gz") == nil)
        var entry = LedgerEntry(path: "/data/2025-06-14.jsonl.gz", size: 1_234_567_890,
                                modifiedAt: QueueFixtures.at(seconds: -3_600),
                                contentSHA256: SHA256.hexDigest(Array("isi file".utf8)),
                                bytesProcessed: 65_536, recordsProcessed: 120, completed: false,
                                updatedAt: QueueFixtures.start)
        try await store.recordProgress(entry)
        #expect(try await store.ledgerEntry(path: entry.path) == entry)

        entry.bytesProcessed = entry.size
        entry.recordsProcessed = 4_321
        entry.completed = true
        entry.updatedAt = QueueFixtures.at(seconds: 900)
        try await store.recordProgress(entry)
        #expect(try await store.ledgerEntry(path: entry.path) == entry)
        #expect(try await store.ledgerEntry(path: "/data/other.jsonl") == nil)
        #expect(try await store.stats(now: QueueFixtures.start).ledgerFiles == 1)
    }
}
