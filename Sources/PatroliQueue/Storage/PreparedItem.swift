import Foundation

/// A new item with every derived key and JSON column computed once, outside the transaction;
/// shared by the stores so they write the same values.
struct PreparedItem: Sendable {
    var item: NewQueueItem
    var fingerprint: String
    var textSHA256: String
    var signature: ClusterSignature
    var categories: [String]
    var metadataJSON: String
    var hitsJSON: String
    var leadsJSON: String
    var entitiesJSON: String
    var categoriesJSON: String
    var contactKeysJSON: String

    init(_ item: NewQueueItem, clustering: Clustering) throws {
        self.item = item
        fingerprint = item.fingerprint
        textSHA256 = item.textSHA256
        signature = clustering.makeSignature(item)
        categories = item.categories
        metadataJSON = try QueueJSON.encode(item.source.metadata)
        hitsJSON = try QueueJSON.encode(item.hits)
        leadsJSON = try QueueJSON.encode(item.leads)
        entitiesJSON = try QueueJSON.encodeEntities(item.entities)
        categoriesJSON = try QueueJSON.encode(categories)
        contactKeysJSON = try QueueJSON.encode(signature.contactKeys)
    }
}

/// A store that can insert items prepared beforehand (off its writer path), with the same
/// semantics as `ReviewStore.insert`.
protocol PreparedInserting: ReviewStore {
    var clustering: Clustering { get }
    func insert(prepared: [PreparedItem]) async throws -> InsertSummary
}
