/// Finds cycles among combination rules (P203).
///
/// The graph: each combination rule has an edge to every rule it references; `category:X` is a node
/// with an edge to every rule of category X except the rule that wrote the reference (as the scanner
/// reads it: "any other rule of X fired"). Each cycle found is reported once, as a path that starts
/// at its earliest rule: `combo.a -> category:combo -> combo.b -> category:combo -> combo.a`.
struct PackCycleFinder {
    let pack: RulePack
    let sourceMap: PackSourceMap

    private struct Edge {
        var target: Int
        var location: SourceLocation?
    }

    private struct CategoryNodeKey: Hashable {
        var referrer: Int
        var category: String
    }

    func cycleDiagnostics() -> [Diagnostic] {
        let (names, edges) = graph()
        let ruleCount = pack.rules.count
        var state = [UInt8](repeating: 0, count: names.count)  // 0 unseen, 1 on the path, 2 done
        var reported: Set<[Int]> = []
        var diagnostics: [Diagnostic] = []

        for root in 0..<ruleCount where state[root] == 0 {
            var path: [(node: Int, nextEdge: Int)] = [(root, 0)]
            state[root] = 1
            while let top = path.last {
                guard top.nextEdge < edges[top.node].count else {
                    state[top.node] = 2
                    path.removeLast()
                    continue
                }
                path[path.count - 1].nextEdge += 1
                let target = edges[top.node][top.nextEdge].target
                if state[target] == 0 {
                    state[target] = 1
                    path.append((target, 0))
                } else if state[target] == 1, let start = path.lastIndex(where: { $0.node == target }) {
                    let cycle = canonical(path[start...].map(\.node))
                    if reported.insert(cycle).inserted {
                        diagnostics.append(diagnostic(for: cycle, names: names, edges: edges))
                    }
                }
            }
        }
        return diagnostics
    }

    /// The cycle rotated to start at its earliest node (always a rule: category nodes come after rules).
    private func canonical(_ cycle: [Int]) -> [Int] {
        guard let smallest = cycle.indices.min(by: { cycle[$0] < cycle[$1] }) else { return cycle }
        return Array(cycle[smallest...] + cycle[..<smallest])
    }

    private func diagnostic(for cycle: [Int], names: [String], edges: [[Edge]]) -> Diagnostic {
        let start = cycle[0]
        let next = cycle.count > 1 ? cycle[1] : start
        let rule = pack.rules[start]
        let place = edges[start].first { $0.target == next }?.location ?? rule.location
        let path = (cycle + [start]).map { names[$0] }.joined(separator: " -> ")
        return Diagnostic(.combinationCycle, "cycle among combination rules: \(path)", at: place,
                          hint: "a combination rule cannot depend on itself; remove one reference of the cycle",
                          rule: rule.id)
    }

    /// Node names (rule ids, then `category:X`) and each node's outgoing edges.
    private func graph() -> (names: [String], edges: [[Edge]]) {
        var names = pack.rules.map(\.id)
        var edges = [[Edge]](repeating: [], count: pack.rules.count)
        var rulesByID: [String: [Int]] = [:]
        var rulesByCategory: [String: [Int]] = [:]
        for (index, rule) in pack.rules.enumerated() {
            if !sourceMap.isPlaceholder(.id, rule: index) { rulesByID[rule.id, default: []].append(index) }
            if !sourceMap.isPlaceholder(.category, rule: index) {
                rulesByCategory[rule.category, default: []].append(index)
            }
        }
        // One `category:X` node per referring rule, since each excludes its own rule.
        var categoryNodes: [CategoryNodeKey: Int] = [:]
        for (index, rule) in pack.rules.enumerated() {
            guard case .combination(let combination) = rule.matcher,
                  !sourceMap.isPlaceholder(.matcher, rule: index) else { continue }
            for reference in combination.references {
                switch reference.reference {
                case .rule(let id):
                    for target in rulesByID[id] ?? [] {
                        edges[index].append(Edge(target: target, location: reference.location))
                    }
                case .category(let name):
                    let node: Int
                    let key = CategoryNodeKey(referrer: index, category: name)
                    if let existing = categoryNodes[key] {
                        node = existing
                    } else {
                        node = names.count
                        categoryNodes[key] = node
                        names.append(reference.reference.description)
                        edges.append((rulesByCategory[name] ?? []).filter { $0 != index }
                            .map { Edge(target: $0, location: nil) })
                    }
                    edges[index].append(Edge(target: node, location: reference.location))
                }
            }
        }
        return (names, edges)
    }
}
