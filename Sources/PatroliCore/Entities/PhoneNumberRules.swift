/// Plausibility rules and E.164 normalization for the phone numbers recruiters post.
///
/// Countries checked in detail: Indonesia (+62), Malaysia (+60), Cambodia (+855), Myanmar (+95),
/// Thailand (+66), China (+86), and a handful of other destinations by length. Without a `+` or
/// `00` only Indonesian (`08…`, `628…`) and Malaysian (`01…`, `601…`) mobiles are accepted, because
/// a bare `855…` or `95…` is more often an amount or an ID than a phone number.
enum PhoneNumberRules {
    /// How the digits were written.
    enum Form: Sendable {
        /// After `+` or with a `00` prefix: the digits start with a country code.
        case international
        /// Inside a `wa.me/` or `phone=` link: a country code without `+`, or a local `0…` number.
        case link
        /// Plain text: a local number, or `62…`/`60…` written without `+`.
        case plain
    }

    private static let zero = UInt8(ascii: "0")

    /// The E.164 form (`+6281200001111`) of `digits` (ASCII digit bytes), or nil when the digits
    /// are not a plausible phone number. `allowLandline` accepts Indonesian fixed lines written
    /// locally (`021…`), which the caller allows only after a word like "telp".
    static func e164(_ digits: [UInt8], form: Form, allowLandline: Bool = false) -> String? {
        guard digits.count >= 7, digits.count <= 17, let first = digits.first else { return nil }
        if digits.count > 2, digits[0] == zero, digits[1] == zero {
            // "0062 812…": the international call prefix; only countries checked in detail.
            return international(Array(digits.dropFirst(2)), allowUnknownCountry: false)
        }
        switch form {
        case .international:
            return international(digits, allowUnknownCountry: true)
        case .link:
            return first == zero ? local(digits, allowLandline: true) : international(digits, allowUnknownCountry: true)
        case .plain:
            if first == zero { return local(digits, allowLandline: allowLandline) }
            if hasPrefix(digits, "628") { return international(digits, allowUnknownCountry: false) }
            if hasPrefix(digits, "601"), digits.count >= 11 { return international(digits, allowUnknownCountry: false) }
            return nil
        }
    }

    private static func hasPrefix(_ digits: [UInt8], _ prefix: String) -> Bool {
        let bytes = Array(prefix.utf8)
        return digits.count >= bytes.count && Array(digits[0..<bytes.count]) == bytes
    }

    private static func render(_ countryCode: String, _ national: ArraySlice<UInt8>) -> String {
        "+" + countryCode + String(decoding: national, as: UTF8.self)
    }

    /// A local number with its trunk `0`: Indonesian mobile `08…`, Malaysian mobile `01…`, or an
    /// Indonesian fixed line `0[2-7]…` when allowed.
    private static func local(_ digits: [UInt8], allowLandline: Bool) -> String? {
        guard digits.count >= 3, digits[0] == zero else { return nil }
        let national = digits[1...]
        switch digits[1] {
        case UInt8(ascii: "8"):
            return indonesian(national, allowLandline: false) ? render("62", national) : nil
        case UInt8(ascii: "1"):
            return malaysianMobile(national) ? render("60", national) : nil
        case UInt8(ascii: "2")...UInt8(ascii: "7"):
            return allowLandline && indonesian(national, allowLandline: true) ? render("62", national) : nil
        default:
            return nil
        }
    }

    private struct Country {
        let code: String
        let isValid: @Sendable (ArraySlice<UInt8>) -> Bool
    }

    private static let countries: [Country] = [
        // Three-digit codes first so that 855 is not read as 85 + 5….
        Country(code: "855") { (8...9).contains($0.count) },                 // Cambodia
        Country(code: "856") { (8...10).contains($0.count) },                // Laos
        Country(code: "852") { $0.count == 8 },                              // Hong Kong
        Country(code: "853") { $0.count == 8 },                              // Macau
        Country(code: "886") { (8...9).contains($0.count) },                 // Taiwan
        Country(code: "966") { (8...9).contains($0.count) },                 // Saudi Arabia
        Country(code: "971") { (8...9).contains($0.count) },                 // UAE
        Country(code: "974") { $0.count == 8 },                              // Qatar
        Country(code: "62") { indonesian($0, allowLandline: true) },         // Indonesia
        Country(code: "60") { malaysian($0) },                               // Malaysia
        Country(code: "95") { (7...10).contains($0.count) },                 // Myanmar
        Country(code: "66") { (8...9).contains($0.count) },                  // Thailand
        Country(code: "86") { chinese($0) },                                 // China
        Country(code: "65") { $0.count == 8 },                               // Singapore
        Country(code: "63") { (9...10).contains($0.count) },                 // Philippines
        Country(code: "84") { (9...10).contains($0.count) },                 // Vietnam
        Country(code: "81") { (9...10).contains($0.count) },                 // Japan
        Country(code: "82") { (8...10).contains($0.count) },                 // South Korea
        Country(code: "90") { $0.count == 10 },                              // Turkey
    ]

    /// Digits that begin with a country code. Codes not in `countries` are accepted by length
    /// alone only when `allowUnknownCountry` (a written `+`, or a link).
    private static func international(_ digits: [UInt8], allowUnknownCountry: Bool) -> String? {
        guard let first = digits.first, first != zero else { return nil }
        for country in countries where hasPrefix(digits, country.code) {
            var national = digits[country.code.utf8.count...]
            if national.first == zero { national = national.dropFirst() }  // "+62 (0)812…"
            guard let lead = national.first, lead != zero, country.isValid(national) else { return nil }
            return render(country.code, national)
        }
        // Other countries: E.164 allows at most 15 digits; below 8 is not a phone number.
        guard allowUnknownCountry, (8...15).contains(digits.count) else { return nil }
        return "+" + String(decoding: digits, as: UTF8.self)
    }

    /// Indonesian national significant number: mobile `8[1-9]…` of 9–12 digits, or a fixed line
    /// `[2-7]…` of 8–11 digits.
    private static func indonesian(_ national: ArraySlice<UInt8>, allowLandline: Bool) -> Bool {
        guard let lead = national.first else { return false }
        if lead == UInt8(ascii: "8") {
            let second = national.dropFirst().first ?? zero
            return second != zero && (9...12).contains(national.count)
        }
        guard allowLandline, (UInt8(ascii: "2")...UInt8(ascii: "7")).contains(lead) else { return false }
        return (8...11).contains(national.count)
    }

    /// Malaysian mobile `1x…`: 9 digits, or 10 for the `11` range; `15` is not mobile.
    private static func malaysianMobile(_ national: ArraySlice<UInt8>) -> Bool {
        guard national.first == UInt8(ascii: "1"), let second = national.dropFirst().first,
              second != UInt8(ascii: "5") else { return false }
        return national.count == 9 || (national.count == 10 && second == UInt8(ascii: "1"))
    }

    private static func malaysian(_ national: ArraySlice<UInt8>) -> Bool {
        if national.first == UInt8(ascii: "1") { return malaysianMobile(national) }
        return (8...9).contains(national.count)
    }

    /// Chinese mobile `1[3-9]…` of 11 digits, or a fixed line of 9–11 digits.
    private static func chinese(_ national: ArraySlice<UInt8>) -> Bool {
        if national.first == UInt8(ascii: "1") {
            let second = national.dropFirst().first ?? zero
            return national.count == 11 && second >= UInt8(ascii: "3")
        }
        return (9...11).contains(national.count)
    }
}
