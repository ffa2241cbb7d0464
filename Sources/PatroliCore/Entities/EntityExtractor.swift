/// Extracts contacts, money, destinations and ages from the original text of a post.
///
/// Scanners run in a fixed order and each claims the code points it used, so a later scanner
/// never reads them again: e-mail addresses, then links and handles (`wa.me/…`, `t.me/…`,
/// `line: …`, `@handle`), then money (so `Rp 4.500.000` and `15jt` are never phone numbers), then
/// ages, then phone numbers. Destinations skip only e-mail addresses, links and handles, so
/// `30000 dolar Taiwan` is both money and a destination. Every scanner is a hand-written single
/// pass over code points or tokens with bounded look-around, so the time is linear in the length
/// of the post whatever an attacker writes.
public struct EntityExtractor: Sendable {
    public init() {}

    public func extract(from text: String) -> Entities {
        let view = EntityText(text)
        var claims = EntityClaims(count: view.count)
        var contacts = EmailEntityScanner.scan(view, claims: &claims)
        contacts += ContactLinkScanner.scan(view, claims: &claims)
        let contactClaims = claims
        let money = MoneyEntityScanner.scan(view, claims: &claims)
        let ages = AgeEntityScanner.scan(view, claims: &claims)
        contacts += PhoneEntityScanner.scan(view, claims: &claims)
        let destinations = DestinationEntityScanner.scan(view, claims: contactClaims)
        return Entities(
            contacts: contacts.sorted { ($0.start, $0.end) < ($1.start, $1.end) },
            money: money.sorted { ($0.start, $0.end) < ($1.start, $1.end) },
            destinations: destinations.sorted { ($0.start, $0.end) < ($1.start, $1.end) },
            ages: ages.sorted { ($0.start, $0.end) < ($1.start, $1.end) })
    }
}
