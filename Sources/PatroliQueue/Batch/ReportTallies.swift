import Foundation
import PatroliCore

/// The batch report's counts over every queued item: by risk, hit category, source file and day,
/// and how many items each rule and each contact value appears in.
struct ReportTallies: Sendable {
    var risk: [String: Int] = [:]
    var category: [String: Int] = [:]
    var source: [String: Int] = [:]
    var days: [String: Int] = [:]
    var rules: [String: Int] = [:]
    var contacts: [String: Int] = [:]

    /// Counts an item's risk, source and day: the post's own timestamp's date when it has one,
    /// else the UTC day it was first seen.
    mutating func add(risk level: RiskLevel, file: String, postedAt: String?, firstSeen: Date, day: DateFormatter) {
        risk[level.rawValue, default: 0] += 1
        source[file, default: 0] += 1
        days[postedAt.map { String($0.prefix(10)) } ?? day.string(from: firstSeen), default: 0] += 1
    }

    static func dayFormatter() -> DateFormatter {
        let day = DateFormatter()
        day.dateFormat = "yyyy-MM-dd"
        day.timeZone = TimeZone(identifier: "UTC")
        return day
    }

    /// From full items (any store).
    init(_ items: [QueueItem]) {
        let day = Self.dayFormatter()
        for item in items {
            add(risk: item.risk, file: item.source.file, postedAt: item.source.postedAt, firstSeen: item.firstSeen, day: day)
            for name in Set(item.hits.map(\.category)) { category[name, default: 0] += 1 }
            for name in Set(item.hits.map(\.ruleID)) { rules[name, default: 0] += 1 }
            for contact in Set(item.entities.contacts.map(\.value)) { contacts[contact, default: 0] += 1 }
        }
    }

    init() {}
}

/// A store that counts the report's tallies more cheaply than through `export`.
protocol ReportTallying: ReviewStore {
    func reportTallies() async throws -> ReportTallies
}

extension ReviewStore {
    /// The report's tallies over every queued item.
    func allReportTallies() async throws -> ReportTallies {
        if let tallying = self as? any ReportTallying { return try await tallying.reportTallies() }
        var everything = ReviewFilter()
        everything.limit = nil
        return ReportTallies(try await export(everything).map(\.item))
    }
}
