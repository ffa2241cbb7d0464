/// The in-memory view of queued posts a store builds inside its insert transaction to assign
/// clusters: for each new post, the clusters it links to and the id they merge under.
///
/// Deterministic: the merged cluster's id is the smallest id among the linked clusters and the new
/// item, so the same inserts in the same order always give the same clusters. Near-duplicate search
/// is a linear scan of 64-bit fingerprints (XOR and popcount). Measured with `SQLiteReviewStore`
/// (release build): a batch of 1 000 posts into a queue of 50 000 takes about 1.5 s, index load
/// included; beyond a few million posts a banded (LSH) index would be the next step.
public struct ClusterIndex: Sendable {
    public let clustering: Clustering

    private var simHashes: [UInt64] = []
    private var simHashClusters: [Int64] = []
    private var clusterOfText: [String: Int64] = [:]
    private var clusterOfContact: [String: Int64] = [:]
    /// Cluster id → the cluster it was merged into (union-find parent; roots map to themselves).
    private var parent: [Int64: Int64] = [:]

    public init(clustering: Clustering) {
        self.clustering = clustering
    }

    /// Adds an already-queued item (in any order).
    public mutating func add(itemID: Int64, clusterID: Int64, signature: ClusterSignature) {
        let root = find(clusterID)
        if parent[root] == nil { parent[root] = root }
        if signature.nearDuplicateEligible {
            simHashes.append(signature.simHash)
            simHashClusters.append(root)
        }
        if clusterOfText[signature.normalizedTextSHA256] == nil { clusterOfText[signature.normalizedTextSHA256] = root }
        for key in signature.contactKeys where clusterOfContact[key] == nil { clusterOfContact[key] = root }
    }

    /// The outcome of placing one new item.
    public struct Assignment: Sendable, Hashable {
        /// The cluster the new item belongs to.
        public var clusterID: Int64
        /// Existing clusters (other than `clusterID`) whose members must move into `clusterID`.
        public var mergedClusterIDs: [Int64]
    }

    /// Places a new item with id `itemID` (larger than every id added so far) and records it.
    public mutating func assign(itemID: Int64, signature: ClusterSignature) -> Assignment {
        var linked = Set<Int64>()
        if let cluster = clusterOfText[signature.normalizedTextSHA256] { linked.insert(find(cluster)) }
        for key in signature.contactKeys {
            if let cluster = clusterOfContact[key] { linked.insert(find(cluster)) }
        }
        if signature.nearDuplicateEligible {
            for index in simHashes.indices where clustering.isNearDuplicate(simHashes[index], signature.simHash) {
                linked.insert(find(simHashClusters[index]))
            }
        }
        let target = linked.min().map { Swift.min($0, itemID) } ?? itemID
        parent[target] = target
        for cluster in linked where cluster != target { parent[cluster] = target }
        add(itemID: itemID, clusterID: target, signature: signature)
        return Assignment(clusterID: target, mergedClusterIDs: linked.filter { $0 != target }.sorted())
    }

    /// The current id of the cluster that `clusterID` was merged into.
    public func find(_ clusterID: Int64) -> Int64 {
        var current = clusterID
        while let next = parent[current], next != current { current = next }
        return current
    }
}
