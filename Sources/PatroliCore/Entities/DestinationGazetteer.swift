/// The destination countries and trafficking hubs Patroli recognizes, compiled into a letter trie.
///
/// Patterns are lowercase ASCII letters with single spaces between words; a space matches any
/// short run of spaces, dots, dashes or nothing (`phnom penh`, `phnompenh`, `Phnom-Penh`).
/// Border crossings carry the country they lead into (see `DestinationEntity`).
struct DestinationGazetteer: Sendable {
    struct Place: Sendable, Hashable {
        let country: String
        let name: String
    }

    /// Edge index of a word break inside a multi-word name.
    static let breakEdge = 26
    private static let edgeCount = 27

    private var children: [Int32] = []
    private var terminals: [Int32] = []
    private(set) var places: [Place] = []

    static let shared = DestinationGazetteer(entries: DestinationGazetteer.entries)

    init(entries: [(country: String, name: String, patterns: [String])]) {
        appendNode()
        for entry in entries {
            let placeIndex = Int32(places.count)
            places.append(Place(country: entry.country, name: entry.name))
            for pattern in entry.patterns { insert(pattern, place: placeIndex) }
        }
    }

    private mutating func appendNode() {
        children.append(contentsOf: repeatElement(-1, count: DestinationGazetteer.edgeCount))
        terminals.append(-1)
    }

    private mutating func insert(_ pattern: String, place: Int32) {
        var node = 0
        var pendingBreak = false
        for byte in pattern.utf8 {
            if byte == UInt8(ascii: " ") {
                pendingBreak = node != 0
                continue
            }
            guard byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") else { continue }
            if pendingBreak {
                node = childOrNew(node, DestinationGazetteer.breakEdge)
                pendingBreak = false
            }
            node = childOrNew(node, Int(byte - UInt8(ascii: "a")))
        }
        if node != 0, terminals[node] < 0 { terminals[node] = place }
    }

    private mutating func childOrNew(_ node: Int, _ edge: Int) -> Int {
        let slot = node * DestinationGazetteer.edgeCount + edge
        if children[slot] >= 0 { return Int(children[slot]) }
        let created = terminals.count
        appendNode()
        children[slot] = Int32(created)
        return created
    }

    /// The node reached from `node` along `edge` (0–25 for `a`–`z`, `breakEdge`), if any.
    func child(_ node: Int, _ edge: Int) -> Int? {
        let value = children[node * DestinationGazetteer.edgeCount + edge]
        return value >= 0 ? Int(value) : nil
    }

    /// The place whose name ends at `node`, if any.
    func place(at node: Int) -> Place? {
        let index = terminals[node]
        return index >= 0 ? places[Int(index)] : nil
    }

    /// Country of a regional-indicator flag (`🇰🇭` → KH) with its Indonesian name.
    static let flags: [String: Place] = [
        "KH": Place(country: "KH", name: "Kamboja"), "MM": Place(country: "MM", name: "Myanmar"),
        "LA": Place(country: "LA", name: "Laos"), "TH": Place(country: "TH", name: "Thailand"),
        "PH": Place(country: "PH", name: "Filipina"), "MY": Place(country: "MY", name: "Malaysia"),
        "CN": Place(country: "CN", name: "Tiongkok"), "TW": Place(country: "TW", name: "Taiwan"),
        "HK": Place(country: "HK", name: "Hong Kong"), "SG": Place(country: "SG", name: "Singapura"),
        "SA": Place(country: "SA", name: "Arab Saudi"), "AE": Place(country: "AE", name: "Uni Emirat Arab"),
        "QA": Place(country: "QA", name: "Qatar"), "TR": Place(country: "TR", name: "Turki"),
        "KR": Place(country: "KR", name: "Korea Selatan"), "JP": Place(country: "JP", name: "Jepang"),
        "VN": Place(country: "VN", name: "Vietnam"),
    ]

    static let entries: [(country: String, name: String, patterns: [String])] = [
        // Cambodia
        ("KH", "Kamboja", ["kamboja", "kambodja", "kambodia", "kamboza", "kemboja", "cambodia", "cambodja",
                           "kampuchea", "kamboca", "kmboja", "kambja"]),
        ("KH", "Phnom Penh", ["phnom penh", "pnom penh", "phnom pen", "phenom penh", "pnom pen", "nom penh"]),
        ("KH", "Sihanoukville", ["sihanoukville", "sihanouk ville", "sihanoukvile", "sihanouk", "shihanoukville",
                                 "sihanukville", "sihanuk", "preah sihanouk"]),
        ("KH", "Bavet", ["bavet", "bavit"]),
        ("KH", "Poipet", ["poipet", "poi pet", "poypet"]),
        ("KH", "Koh Kong", ["koh kong"]),
        // Myanmar and the Mae Sot crossing into Myawaddy
        ("MM", "Myanmar", ["myanmar", "myanmmar", "miyanmar", "myanma", "mianmar", "burma", "birma"]),
        ("MM", "Myawaddy", ["myawaddy", "myawadi", "myawady", "myawaddi", "miyawadi", "myawadee"]),
        ("MM", "Mae Sot", ["mae sot", "mae sod", "maesot"]),
        ("MM", "KK Park", ["kk park"]),
        ("MM", "Shwe Kokko", ["shwe kokko", "shwe koko"]),
        // Laos
        ("LA", "Laos", ["laos", "lao pdr"]),
        ("LA", "Golden Triangle", ["golden triangle", "segitiga emas"]),
        ("LA", "Bokeo", ["bokeo"]),
        ("LA", "Vientiane", ["vientiane"]),
        // Thailand
        ("TH", "Thailand", ["thailand", "thailan", "tailand", "muang thai"]),
        ("TH", "Bangkok", ["bangkok", "bangkoc"]),
        // Philippines
        ("PH", "Filipina", ["filipina", "philippines", "philipina", "pilipina", "filipin", "philippine", "phillipines",
                            "philipines", "filipinas"]),
        ("PH", "Manila", ["manila"]),
        ("PH", "Pampanga", ["pampanga"]),
        // Malaysia, and the Kalimantan crossings into it
        ("MY", "Malaysia", ["malaysia", "malaisia", "malesia", "malaysya", "mlaysia", "malaysa"]),
        ("MY", "Sarawak", ["sarawak", "serawak"]),
        ("MY", "Kuching", ["kuching"]),
        ("MY", "Kuala Lumpur", ["kuala lumpur"]),
        ("MY", "Johor", ["johor", "johor bahru", "johor baru", "johore"]),
        ("MY", "Sabah", ["sabah"]),
        ("MY", "Tawau", ["tawau"]),
        ("MY", "Kota Kinabalu", ["kota kinabalu"]),
        ("MY", "Penang", ["penang", "pulau pinang"]),
        ("MY", "Selangor", ["selangor"]),
        ("MY", "Bintulu", ["bintulu"]),
        ("MY", "Entikong", ["entikong"]),
        ("MY", "Badau", ["badau"]),
        ("MY", "Jagoi Babang", ["jagoi babang", "jagoi"]),
        ("MY", "Aruk", ["aruk"]),
        ("MY", "Nunukan", ["nunukan"]),
        ("MY", "Tebedu", ["tebedu"]),
        // China, Taiwan, Hong Kong
        ("CN", "Tiongkok", ["tiongkok", "tiongkong", "china", "cina", "rrc", "rrt"]),
        ("CN", "Guangzhou", ["guangzhou"]),
        ("CN", "Shenzhen", ["shenzhen"]),
        ("CN", "Shanghai", ["shanghai"]),
        ("CN", "Beijing", ["beijing"]),
        ("TW", "Taiwan", ["taiwan"]),
        ("TW", "Taipei", ["taipei"]),
        ("TW", "Kaohsiung", ["kaohsiung"]),
        ("HK", "Hong Kong", ["hong kong"]),
        ("SG", "Singapura", ["singapura", "singapore", "singapur"]),
        // Middle East
        ("SA", "Arab Saudi", ["arab saudi", "saudi arabia", "saudi", "saudia"]),
        ("SA", "Riyadh", ["riyadh", "riyad"]),
        ("SA", "Jeddah", ["jeddah", "jedah", "jiddah"]),
        ("AE", "Uni Emirat Arab", ["uni emirat arab", "emirat arab", "uea", "uae", "united arab emirates"]),
        ("AE", "Dubai", ["dubai"]),
        ("AE", "Abu Dhabi", ["abu dhabi"]),
        ("QA", "Qatar", ["qatar", "katar"]),
        ("QA", "Doha", ["doha"]),
        ("TR", "Turki", ["turki", "turkey", "turkiye"]),
        ("TR", "Istanbul", ["istanbul"]),
        // East Asia
        ("KR", "Korea Selatan", ["korea", "korea selatan", "korsel", "south korea"]),
        ("KR", "Seoul", ["seoul"]),
        ("JP", "Jepang", ["jepang", "japan"]),
        ("JP", "Tokyo", ["tokyo"]),
        ("JP", "Osaka", ["osaka"]),
        ("VN", "Vietnam", ["vietnam", "viet nam"]),
    ]
}
