import Foundation
import Hummingbird
import HummingbirdTesting
import PatroliCore
import PatroliQueue
import PatroliWeb
import Testing

@Suite struct ReviewPageTests {
    static let cambodia = "LOKER KAMBOJA admin online, gaji 15jt per bulan, tiket ditanggung. Hub WA 0812-0000-1101"
    static let myanmar = "Dicari operator Myawaddy lewat Mae Sot, usia 18-30, gaji 12jt. Japri WA 0812-0000-1101"
    static let lowRisk = "Info lowongan kerja pabrik di Bekasi, kirim lamaran ke kantor"

    @Test func theQueueListsPendingItemsByRiskThenFreshness() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("budi")
        let old = Date().addingTimeInterval(-86_400)
        let low = try await fixture.queue([(ReviewPageTests.lowRisk, ["pabrik"], .low, [])])
        let older = try await fixture.queue([(ReviewPageTests.cambodia, ["KAMBOJA"], .high, [])], seenAt: old)
        let newer = try await fixture.queue([("Kerja di Laos gaji dollar, semua biaya ditanggung perusahaan", ["Laos"], .high, [])])
        try await fixture.withClient { client async throws in
            try await client.signIn("budi")
            let html = try await client.get("/").text
            let positions = [newer[0], older[0], low[0]].map { id in
                html.range(of: "data-item-id=\"\(id)\"").map { html.distance(from: html.startIndex, to: $0.lowerBound) } ?? -1
            }
            #expect(positions.allSatisfy { $0 >= 0 })
            #expect(positions == positions.sorted(), "high risk before low, newer before older")
        }
    }

    @Test func theItemPageHighlightsHitsAtTheirSpansAndShowsBreakdownEntitiesAndLinkedPosts() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("budi")
        let ids = try await fixture.queue([
            (ReviewPageTests.cambodia, ["KAMBOJA", "gaji 15jt"], .high, []),
            (ReviewPageTests.myanmar, ["Myawaddy"], .high, []),
        ])
        try await fixture.withClient { client async throws in
            try await client.signIn("budi")
            let page = try await client.get("/items/\(ids[0])")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("LOKER <mark class=\"hit\" title=\"rule.0\">KAMBOJA</mark> admin online, <mark class=\"hit\" title=\"rule.1\">gaji 15jt</mark> per bulan"))
            #expect(html.contains("<td><code>rule.1</code></td><td>salary</td><td class=\"num\">2</td><td>gaji 15jt</td>"))
            #expect(html.contains("Contact (whatsapp): <code>+6281200001101</code>"))
            #expect(html.contains("Money: 15000000 IDR per month"))
            #expect(html.contains("Destination: Kamboja (KH)"))
            // The other post shares the WhatsApp number: linked through the contact and the cluster.
            #expect(html.contains("<a href=\"/items/\(ids[1])\">#\(ids[1])</a>"))
            for key in ["r", "v", "x", "u"] { #expect(html.contains("data-key=\"\(key)\"")) }
        }
    }

    @Test func aDecisionOnThePageLandsInTheAuditTrailUnderTheOfficersAccount() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("siti")
        let ids = try await fixture.queue([(ReviewPageTests.cambodia, ["KAMBOJA"], .high, [])])
        try await fixture.withClient { client async throws in
            try await client.signIn("siti")
            let csrf = try await client.csrfToken()
            let response = try await client.post("/items/\(ids[0])/decide", form: [
                ("csrf", csrf), ("verdict", "recruitment"), ("note", "agen lama, nomor sama"),
            ])
            #expect(response.status == .seeOther)
            #expect(try await client.get(try #require(response.location)).text.contains("Recorded recruitment on item \(ids[0])."))
        }
        let trail = try await fixture.store.auditTrail(itemID: ids[0])
        #expect(trail.count == 1)
        #expect(trail.first?.verdict == .recruitment)
        #expect(trail.first?.reviewer == "siti")
        #expect(trail.first?.note == "agen lama, nomor sama")
        #expect(try await fixture.store.item(id: ids[0], now: Date())?.status == .recruitment)
    }

    @Test func aPostWithoutTheSessionsFormTokenChangesNothing() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("siti")
        let ids = try await fixture.queue([(ReviewPageTests.cambodia, ["KAMBOJA"], .high, [])])
        try await fixture.withClient { client async throws in
            try await client.signIn("siti")
            for form in [[("verdict", "not-relevant")], [("csrf", "0000"), ("verdict", "not-relevant")]] {
                let response = try await client.post("/items/\(ids[0])/decide", form: form)
                #expect(response.status == .forbidden)
            }
            #expect(try await client.post("/next", form: [("csrf", "")]).status == .forbidden)
        }
        #expect(try await fixture.store.auditTrail(itemID: ids[0]).isEmpty)
        #expect(try await fixture.store.stats(now: Date()).leasedItems == 0)
    }

    @Test func reviewNextGivesTwoOfficersDifferentItems() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("budi")
        try await fixture.addAccount("siti")
        let ids = try await fixture.queue([
            ("Kerja di Laos gaji dollar, semua biaya ditanggung perusahaan", ["Laos"], .high, []),
            (ReviewPageTests.lowRisk, ["pabrik"], .low, []),
        ])
        let locations = try await withThrowingTaskGroup(of: String?.self) { group in
            for name in ["budi", "siti"] {
                group.addTask {
                    try await fixture.withClient { client async throws in
                        try await client.signIn(name)
                        return try await client.post("/next", form: [("csrf", try await client.csrfToken())]).location
                    }
                }
            }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(Set(locations.compactMap { $0 }) == Set(ids.map { "/items/\($0)" }))
        let leases = try await fixture.store.list(ReviewFilter(), now: Date()).compactMap { $0.lease?.reviewer }
        #expect(Set(leases) == ["budi", "siti"])
    }

    @Test func decidingAnItemClaimedByAnotherOfficerIsRefused() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("siti")
        let ids = try await fixture.queue([(ReviewPageTests.cambodia, ["KAMBOJA"], .high, [])])
        _ = try await fixture.store.claimNext(reviewer: "budi", lease: .seconds(600), now: Date())
        try await fixture.withClient { client async throws in
            try await client.signIn("siti")
            let response = try await client.post("/items/\(ids[0])/decide", form: [
                ("csrf", try await client.csrfToken()), ("verdict", "unsure"),
            ])
            #expect(response.status == .conflict)
            #expect(response.text.contains("claimed by budi"))
        }
        #expect(try await fixture.store.auditTrail(itemID: ids[0]).isEmpty)
    }

    @Test func onlyAnalystsAndAdminsMayExport() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("budi", role: .reviewer)
        try await fixture.addAccount("ana", role: .analyst)
        let ids = try await fixture.queue([(ReviewPageTests.cambodia, ["KAMBOJA"], .high, [])])
        _ = try await fixture.store.decide(itemID: ids[0], verdict: .recruitment, reviewer: "budi", note: nil,
                                           wholeCluster: false, now: Date())
        try await fixture.withClient { client async throws in
            try await client.signIn("budi")
            #expect(try await client.get("/export").status == .forbidden)
            #expect(!(try await client.get("/").text.contains("href=\"/export\"")))
        }
        try await fixture.withClient { client async throws in
            try await client.signIn("ana")
            let export = try await client.get("/export")
            #expect(export.status == .ok)
            #expect(export.headers[.contentDisposition]?.contains("attachment") == true)
            #expect(export.text.contains("\"status\":\"recruitment\""))
            #expect(export.text.contains("\"reviewer\":\"budi\""))
        }
    }
}

extension ReviewPageTests {
    @Test func reviewNextReturnsToTheRestOfAClaimedClusterBeforeClaimingMore() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("budi")
        // Two posts sharing a WhatsApp number form one cluster; a third stands alone.
        let cluster = try await fixture.queue([
            (ReviewPageTests.cambodia, ["KAMBOJA"], .high, []),
            (ReviewPageTests.myanmar, ["Myawaddy"], .high, []),
        ])
        let loner = try await fixture.queue([(ReviewPageTests.lowRisk, ["pabrik"], .low, [])])
        try await fixture.withClient { client async throws in
            try await client.signIn("budi")
            var visited: [String] = []
            for _ in 0..<3 {
                let csrf = try await client.csrfToken()
                let location = try #require(try await client.post("/next", form: [("csrf", csrf)]).location)
                visited.append(location)
                let id = try #require(location.split(separator: "/").last)
                let page = try await client.get(location)
                #expect(page.text.contains("id=\"release\""), "the officer holds \(location)")
                _ = try await client.post("\(location)/decide", form: [("csrf", csrf), ("verdict", "unsure"),
                                                                     ("note", "cek ulang \(id)")])
            }
            #expect(visited == (cluster + loner).map { "/items/\($0)" })
        }
    }

    @Test func givingBackAClaimFreesTheItemForOthers() async throws {
        let fixture = try await WebFixture()
        try await fixture.addAccount("budi")
        let ids = try await fixture.queue([(ReviewPageTests.lowRisk, ["pabrik"], .low, [])])
        try await fixture.withClient { client async throws in
            try await client.signIn("budi")
            let csrf = try await client.csrfToken()
            #expect(try await client.post("/next", form: [("csrf", csrf)]).location == "/items/\(ids[0])")
            #expect(try await fixture.store.item(id: ids[0], now: Date())?.lease?.reviewer == "budi")
            #expect(try await client.post("/items/\(ids[0])/release", form: [("csrf", csrf)]).status == .seeOther)
            #expect(try await fixture.store.item(id: ids[0], now: Date())?.lease == nil)
        }
    }
}
