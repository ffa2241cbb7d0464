import Foundation
import PatroliCore

/// The batch report's counts over every queued item: by risk, hit category, source file and day,
/// and how many items each rule and each contact value appears in.
struct ReportTallies: Sendable, Equatable {
    var risk: [String: Int] = [:]
    var category: [String: Int] = [:]
    var source: [String: Int] = [:]
    var days: [String: Int] = [:]
    var rules: [String: Int] = [:]
    var contacts: [String: Int] = [:]

    /// Counts an item's risk, source and day: the post's own timestamp's date when it has one,
    /// else the UTC day it was first seen.
    mutating func add(risk level: RiskLevel, file: String, postedAt: String?, firstSeen: Date, day: DayNames) {
        risk[level.rawValue, default: 0] += 1
        source[file, default: 0] += 1
        days[postedAt.map { String($0.prefix(10)) } ?? day.name(of: firstSeen), default: 0] += 1
    }

    /// From full items (any store).
    init(_ items: [QueueItem]) {
        let day = DayNames()
        for item in items {
            add(risk: item.risk, file: item.source.file, postedAt: item.source.postedAt, firstSeen: item.firstSeen, day: day)
            for name in Set(item.hits.map(\.category)) { category[name, default: 0] += 1 }
            for name in Set(item.hits.map(\.ruleID)) { rules[name, default: 0] += 1 }
            for contact in Set(item.entities.contacts.map(\.value)) { contacts[contact, default: 0] += 1 }
        }
    }

    init() {}
}

/// `yyyy-MM-dd` names of UTC days, formatted once per day: a queue's items fall on few days, and
/// a `DateFormatter` call per item would cost more than counting them.
final class DayNames {
    private let formatter: DateFormatter
    private var names: [Int64: String] = [:]

    init() {
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
    }

    func name(of date: Date) -> String {
        let day = Int64((date.timeIntervalSince1970 / 86_400).rounded(.down))
        if let name = names[day] { return name }
        let name = formatter.string(from: date)
        names[day] = name
        return name
    }
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
