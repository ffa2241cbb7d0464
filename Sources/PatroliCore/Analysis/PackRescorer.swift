/// Re-scores a scanned post as if some rules were removed from the pack, without scanning again.
///
/// Works from the post's `contributions` (the rules that fired and their weights): the removed
/// rules are dropped, `near` rules lose a reference that no longer fired, combination rules are
/// evaluated again in dependency order, and category caps are applied again in pack order, as
/// the scanner does. It is an estimate in two places: a `near` rule whose reference still fires
/// is kept although the removed rule's words may have been the only ones near it, and a
/// combination that newly holds (through `not`) counts its weight once.
public struct PackRescorer: Sendable {
    private let rules: [Rule]
    private let indexByID: [String: Int]
    private let byCategory: [String: [Int]]
    private let combinationOrder: [Int]
    private let caps: [String: Double]

    public init(pack: CompiledPack) {
        rules = pack.rules.map(\.rule)
        caps = pack.manifest.caps
        var indexByID: [String: Int] = [:]
        var byCategory: [String: [Int]] = [:]
        for (index, rule) in rules.enumerated() {
            indexByID[rule.id] = index
            byCategory[rule.category, default: []].append(index)
        }
        self.indexByID = indexByID
        self.byCategory = byCategory
        combinationOrder = Self.dependencyOrder(rules, indexByID: indexByID, byCategory: byCategory)
    }

    /// The score the post would get with the rules in `removed` taken out of the pack.
    public func score(_ contributions: [Contribution], removing removed: Set<String>) -> Double {
        var fired = [Bool](repeating: false, count: rules.count)
        var weights = [Double?](repeating: nil, count: rules.count)
        for contribution in contributions {
            guard let index = indexByID[contribution.ruleID], !removed.contains(contribution.ruleID) else { continue }
            fired[index] = true
            weights[index] = contribution.weight
        }
        // `near` runs before combinations in the scanner: only plain rules can be near targets.
        for index in rules.indices where fired[index] && !isCombination(index) {
            guard let near = rules[index].near else { continue }
            let targets = indexes(of: near.reference.reference, excluding: index)
            if !targets.contains(where: { fired[$0] && !isCombination($0) }) { fired[index] = false }
        }
        for index in combinationOrder {
            guard case .combination(let combination) = rules[index].matcher else { continue }
            fired[index] = !removed.contains(rules[index].id) && holds(combination, own: index, fired: fired)
        }
        var total = 0.0
        var used: [String: Double] = [:]
        for index in rules.indices where fired[index] {
            let rule = rules[index]
            let weight = weights[index] ?? rule.weight
            var points = weight
            if weight > 0, let cap = caps[rule.category] {
                let spent = used[rule.category, default: 0]
                points = max(0, min(weight, cap - spent))
                used[rule.category] = spent + points
            }
            total += points
        }
        return total
    }

    private func isCombination(_ index: Int) -> Bool {
        if case .combination = rules[index].matcher { return true }
        return false
    }

    private func indexes(of reference: RuleReference, excluding own: Int) -> [Int] {
        switch reference {
        case .rule(let id): return indexByID[id].map { [$0] } ?? []
        case .category(let name): return (byCategory[name] ?? []).filter { $0 != own }
        }
    }

    private func holds(_ combination: Combination, own: Int, fired: [Bool]) -> Bool {
        func anyFired(_ reference: LocatedReference) -> Bool {
            indexes(of: reference.reference, excluding: own).contains { fired[$0] }
        }
        guard combination.all.allSatisfy(anyFired) else { return false }
        if !combination.any.isEmpty && !combination.any.contains(where: anyFired) { return false }
        if combination.not.contains(where: anyFired) { return false }
        if let count = combination.atLeastCount, combination.atLeastOf.filter(anyFired).count < count { return false }
        return true
    }

    /// Combination rules, each after the combinations it depends on (the pack has no cycles).
    private static func dependencyOrder(_ rules: [Rule], indexByID: [String: Int], byCategory: [String: [Int]]) -> [Int] {
        var state = [UInt8](repeating: 0, count: rules.count)  // 0 new, 1 visiting, 2 done
        var order: [Int] = []
        func visit(_ index: Int) {
            guard state[index] == 0 else { return }
            state[index] = 1
            if case .combination(let combination) = rules[index].matcher {
                for reference in combination.references {
                    switch reference.reference {
                    case .rule(let id): if let target = indexByID[id] { visit(target) }
                    case .category(let name): for target in byCategory[name] ?? [] where target != index { visit(target) }
                    }
                }
                order.append(index)
            }
            state[index] = 2
        }
        for index in rules.indices { visit(index) }
        return order
    }
}
