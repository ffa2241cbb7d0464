import Foundation
import Hummingbird
import PatroliCore
import PatroliQueue

/// The queue, item pages, claims, decisions and export. Decisions go through the same
/// `ReviewStore.decide` as `patroli review decide`, so they land in the same audit trail; claims
/// go through `claimNext`, so two officers never hold the same item.
struct ReviewController: Sendable {
    let store: any ReviewStore
    let configuration: WebConfiguration
    let clock: @Sendable () -> Date

    func addRoutes(to router: Router<WebRequestContext>) {
        router.get("/") { request, context in try await queue(request, context: context) }
        router.post("/next") { _, context in try await claimNext(context: context) }
        router.get("/items/:id") { _, context in try await item(context: context) }
        router.post("/items/:id/decide") { request, context in try await decide(request, context: context) }
        router.post("/items/:id/release") { _, context in
            let session = try context.requireSession()
            _ = try await store.release(itemIDs: [try itemID(context)], reviewer: session.account)
            return Response.redirect(to: "/", type: .normal)
        }
        router.get("/export") { request, context in try await export(request, context: context) }
    }

    private func queue(_ request: Request, context: WebRequestContext) async throws -> Response {
        let session = try context.requireSession()
        let query = request.uri.queryParameters
        let view = query["view"].flatMap { QueuePage.View(rawValue: String($0)) } ?? .pending
        var notice: String?
        if let decided = query["decided"].flatMap({ Int64(String($0)) }),
           let verdict = query["verdict"].flatMap({ Verdict(rawValue: String($0)) }) {
            notice = "Recorded \(verdict.rawValue) on item \(decided)."
        } else if query["empty"] != nil {
            notice = "Nothing left to claim: every pending item is decided or claimed by another officer."
        }
        let filter = ReviewFilter(statuses: view.statuses, sort: .score, limit: configuration.queuePageSize)
        let items = QueuePage.ordered(try await store.list(filter, now: clock()))
        return Pages.response(QueuePage.render(items: items, view: view, notice: notice, session: session))
    }

    /// Sends the officer to an item they already hold (the rest of a claimed cluster) before
    /// claiming a new one: `claimNext` only hands out unleased items.
    private func claimNext(context: WebRequestContext) async throws -> Response {
        let session = try context.requireSession()
        let pending = try await store.list(ReviewFilter(statuses: [.pending], sort: .score,
                                                        limit: configuration.queuePageSize), now: clock())
        if let held = pending.first(where: { $0.lease?.reviewer == session.account }) {
            return Response.redirect(to: "/items/\(held.id)", type: .normal)
        }
        guard let claim = try await store.claimNext(reviewer: session.account, lease: configuration.leaseDuration,
                                                    now: clock()) else {
            return Response.redirect(to: "/?empty=1", type: .normal)
        }
        return Response.redirect(to: "/items/\(claim.itemID)", type: .normal)
    }

    private func item(context: WebRequestContext) async throws -> Response {
        let session = try context.requireSession()
        let id = try itemID(context)
        let now = clock()
        guard let item = try await store.item(id: id, now: now) else { throw ReviewStoreError.itemNotFound(id) }
        var members: [QueueItemSummary] = []
        if let cluster = try await store.cluster(id: item.clusterID), cluster.size > 1 {
            members = try await store.list(ReviewFilter(clusterID: item.clusterID, limit: 50), now: now)
                .filter { $0.id != id }
        }
        var shared: [(key: String, items: [QueueItemSummary])] = []
        for key in item.contactKeys {
            let linked = try await store.list(ReviewFilter(contact: key, limit: 20), now: now).filter { $0.id != id }
            if !linked.isEmpty { shared.append((key, linked)) }
        }
        let data = ItemPageData(item: item, clusterMembers: members, sharedContacts: shared,
                                auditTrail: try await store.auditTrail(itemID: id))
        return Pages.response(ItemPage.render(data, session: session))
    }

    private func decide(_ request: Request, context: WebRequestContext) async throws -> Response {
        let session = try context.requireSession()
        guard session.role.mayDecide else { throw HTTPError(.forbidden, message: "Your role may not record decisions.") }
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let id = try itemID(context)
        guard let verdict = form["verdict"].flatMap(Verdict.init(rawValue:)) else {
            throw HTTPError(.badRequest, message: "Choose recruitment, victim lead, not relevant or unsure.")
        }
        let note = form["note"].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        _ = try await store.decide(itemID: id, verdict: verdict, reviewer: session.account, note: note,
                                   wholeCluster: form["cluster"] == "on", now: clock())
        return Response.redirect(to: "/?decided=\(id)&verdict=\(verdict.rawValue)", type: .normal)
    }

    private func export(_ request: Request, context: WebRequestContext) async throws -> Response {
        let session = try context.requireSession()
        guard session.role.mayExport else {
            throw HTTPError(.forbidden, message: "Only analysts and admins may export case files.")
        }
        let csv = request.uri.queryParameters["format"] == "csv"
        let decided: Set<ReviewStatus> = [.recruitment, .victimLead, .notRelevant, .unsure]
        let rows = try await store.export(ReviewFilter(statuses: decided))
        let lines = csv ? [CaseFileExport.csvHeader] + rows.map(CaseFileExport.csvLine) : rows.map(CaseFileExport.jsonLine)
        let body = lines.map { $0 + "\n" }.joined()
        context.logger.notice("case file exported", metadata: ["account": "\(session.account)", "items": "\(rows.count)"])
        return Response(status: .ok, headers: [
            .contentType: csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
            .contentDisposition: "attachment; filename=\"patroli-export.\(csv ? "csv" : "jsonl")\"",
        ], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    private func itemID(_ context: WebRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw HTTPError(.notFound, message: "No such queue item.")
        }
        return id
    }
}
