/// The channel a contact entity reaches.
public enum ContactKind: String, Sendable, Hashable, CaseIterable {
    case phone, whatsapp, telegram, line, email
}

/// A normalized contact found in a post: the join key investigators use to link posts.
///
/// `value` is the normalized form: E.164 (`+6281200001111`) for `phone` and `whatsapp`,
/// `@handle` lowercased for `telegram`, the lowercased ID for `line`, the lowercased address
/// for `email`. A number introduced by a WhatsApp word ("WA", "whatsapp", "w.a", "wasap") or
/// written as a `wa.me` / `api.whatsapp.com` link has kind `whatsapp`; any other number has kind
/// `phone`. Both carry the same E.164 value, so a number seen as a link in one post and as plain
/// text in another still joins on `value`.
/// `start`/`end` are code-point (Unicode scalar) offsets into the original text, end exclusive,
/// and `text` is exactly that slice.
public struct ContactEntity: Sendable, Hashable {
    public var kind: ContactKind
    public var value: String
    public var start: Int
    public var end: Int
    public var text: String

    public init(kind: ContactKind, value: String, start: Int, end: Int, text: String) {
        self.kind = kind
        self.value = value
        self.start = start
        self.end = end
        self.text = text
    }
}

/// An amount of money, possibly a range, with its ISO 4217 currency and pay period.
///
/// `amount` is the full value (`15jt` → 15 000 000); a range (`10-15 juta`) puts its upper bound
/// in `maxAmount`. `period` is one of `hour`, `day`, `week`, `month`, `year` when the post says
/// how often it is paid (`per bulan`, `/hari`, `sebulan`, or `gaji perbulan` before the amount).
/// When a period follows the amount its words are part of the span.
public struct MoneyEntity: Sendable, Hashable {
    public var amount: Double
    public var maxAmount: Double?
    public var currency: String
    public var period: String?
    public var start: Int
    public var end: Int
    public var text: String

    public init(amount: Double, maxAmount: Double?, currency: String, period: String?,
                start: Int, end: Int, text: String) {
        self.amount = amount
        self.maxAmount = maxAmount
        self.currency = currency
        self.period = period
        self.start = start
        self.end = end
        self.text = text
    }
}

/// A destination country or a known trafficking hub named in a post.
///
/// `country` is the ISO 3166 alpha-2 code of the country the post points the reader towards and
/// `name` the canonical place name (`Kamboja`, `Sihanoukville`). Border crossings are recorded
/// under the country they lead into, not the country they sit in: the West Kalimantan and North
/// Kalimantan crossings (Entikong, Badau, Jagoi Babang, Aruk, Nunukan) are `MY` because in a
/// recruitment post they mean "the route into Malaysia", and Mae Sot (Thailand) is `MM` because it
/// is the crossing into Myawaddy. Country names use their Indonesian form (`Tiongkok`, `Filipina`).
public struct DestinationEntity: Sendable, Hashable {
    public var country: String
    public var name: String
    public var start: Int
    public var end: Int
    public var text: String

    public init(country: String, name: String, start: Int, end: Int, text: String) {
        self.country = country
        self.name = name
        self.start = start
        self.end = end
        self.text = text
    }
}

/// An age requirement: `usia 18-35` gives min 18 and max 35, `min 18 th` only a min,
/// `usia 25` both 25.
public struct AgeEntity: Sendable, Hashable {
    public var min: Int?
    public var max: Int?
    public var start: Int
    public var end: Int
    public var text: String

    public init(min: Int?, max: Int?, start: Int, end: Int, text: String) {
        self.min = min
        self.max = max
        self.start = start
        self.end = end
        self.text = text
    }
}
