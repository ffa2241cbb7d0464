import Foundation
import PatroliCore
import PatroliQueue

/// Realistic queue items for tests: the text goes through Patroli's real normalizer and entity
/// extractor, so contacts and normalized text are what a scan would store.
enum QueueFixtures {
    /// A fixed, whole-second clock start (stores keep milliseconds).
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    static let pack = RulePackVersion(name: "tppo-id", version: "2025.06.1")

    static func at(seconds: Int) -> Date {
        start.addingTimeInterval(TimeInterval(seconds))
    }

    /// An item whose hits cover the first words of `text`, one hit per category.
    static func post(_ text: String, id: String, file: String = "posts.jsonl", line: Int = 1,
                     score: Double = 5, risk: RiskLevel = .high, categories: [String] = ["salary"],
                     metadata: [MetadataField] = [], seenAt: Date = start) -> NewQueueItem {
        let normalized = Normalizer().normalize(text).string
        let scalars = Array(text.unicodeScalars)
        let end = min(scalars.count, 6)
        let spanText = String(String.UnicodeScalarView(scalars[0..<end]))
        let hits = categories.enumerated().map { index, category in
            QueueHit(ruleID: "\(category).rule\(index)", category: category,
                     points: score / Double(max(1, categories.count)), start: 0, end: end, text: spanText)
        }
        return NewQueueItem(
            source: PostSource(file: file, line: line, postID: id, metadata: metadata),
            text: text, normalizedText: normalized, score: score, risk: risk, hits: hits,
            leads: categories.contains("victim_lead") ? ["victim_lead"] : [],
            entities: EntityExtractor().extract(from: text), pack: pack, seenAt: seenAt)
    }

    /// Short posts (under `Clustering.minimumWords` words), each with a different text and no
    /// contact: every one stays its own cluster.
    static func loners(_ count: Int, file: String = "loners.jsonl", seenAt: Date = start) -> [NewQueueItem] {
        (0..<count).map { index in
            post("lowongan kode \(index)", id: "L\(index)", file: file, line: index + 1,
                 score: Double(100 - index), seenAt: seenAt)
        }
    }

    // Unrelated recruitment-style posts: different words, different contacts.
    static let cambodiaAd = "LOKER KAMBOJA admin dan CS online untuk perusahaan di Phnom Penh, gaji 15jt per bulan, tanpa pengalaman, tiket pesawat dan mess ditanggung, langsung berangkat minggu ini. Minat hubungi WA 0812-0000-1101"
    static let myanmarAd = "Dicari operator komputer penempatan Myawaddy lewat Mae Sot, visa turis diurus agen, usia 18-30, potong gaji untuk biaya proses. Japri Telegram @agen_myawaddy"
    static let malaysiaAd = "Kerja kebun sawit di Sabah Malaysia tanpa paspor, berangkat lewat Nunukan jalur belakang, dijemput di pelabuhan, makan tidur gratis. Info Line: kebunsawit88"
    static let victimPlea = "Tolong bantu adik saya, sudah tiga bulan di Sihanoukville tidak boleh pulang, paspornya ditahan bos, disuruh scam orang tiap hari dan dipukul kalau target tidak tercapai"
    static let laosAd = "Lowongan marketing game online di Laos zona ekonomi khusus, gaji dollar, bonus besar, syarat hanya bisa mengetik cepat, semua biaya ditanggung perusahaan"
}
