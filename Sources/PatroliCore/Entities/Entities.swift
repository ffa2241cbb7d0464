/// Everything the entity extractor found in one post, each list ordered by `start`.
///
/// Every occurrence is kept (a number repeated three times gives three contacts) because
/// reviewers need each span; de-duplicate on `value` when joining.
public struct Entities: JSONWritable, Sendable, Hashable {
    public var contacts: [ContactEntity]
    public var money: [MoneyEntity]
    public var destinations: [DestinationEntity]
    public var ages: [AgeEntity]

    public init(contacts: [ContactEntity] = [], money: [MoneyEntity] = [],
                destinations: [DestinationEntity] = [], ages: [AgeEntity] = []) {
        self.contacts = contacts
        self.money = money
        self.destinations = destinations
        self.ages = ages
    }

    public var isEmpty: Bool {
        contacts.isEmpty && money.isEmpty && destinations.isEmpty && ages.isEmpty
    }

    /// Writes `{"contacts":[…],"money":[…],"destinations":[…],"ages":[…]}`.
    ///
    /// Optional fields (`max` and `period` of money, `min` and `max` of ages) are omitted when
    /// absent rather than written as `null`.
    public func writeJSON(to output: inout JSONOutput) { writeJSON(to: &output, exactNumbers: false) }

    /// `exactNumbers`: money amounts written exactly (for storage) instead of rounded for display.
    public func writeJSON(to output: inout JSONOutput, exactNumbers: Bool) {
        func amount(_ name: String, _ value: Double) {
            output.key(name)
            if exactNumbers { output.exactNumber(value) } else { output.number(value) }
        }
        output.beginObject()
        output.key("contacts")
        output.beginArray()
        for contact in contacts {
            output.beginObject()
            output.field("kind", contact.kind.rawValue)
            output.field("value", contact.value)
            output.field("start", contact.start)
            output.field("end", contact.end)
            output.field("text", contact.text)
            output.endObject()
        }
        output.endArray()
        output.key("money")
        output.beginArray()
        for item in money {
            output.beginObject()
            amount("amount", item.amount)
            if let maxAmount = item.maxAmount { amount("max", maxAmount) }
            output.field("currency", item.currency)
            if let period = item.period { output.field("period", period) }
            output.field("start", item.start)
            output.field("end", item.end)
            output.field("text", item.text)
            output.endObject()
        }
        output.endArray()
        output.key("destinations")
        output.beginArray()
        for destination in destinations {
            output.beginObject()
            output.field("country", destination.country)
            output.field("name", destination.name)
            output.field("start", destination.start)
            output.field("end", destination.end)
            output.field("text", destination.text)
            output.endObject()
        }
        output.endArray()
        output.key("ages")
        output.beginArray()
        for age in ages {
            output.beginObject()
            if let min = age.min { output.field("min", min) }
            if let max = age.max { output.field("max", max) }
            output.field("start", age.start)
            output.field("end", age.end)
            output.field("text", age.text)
            output.endObject()
        }
        output.endArray()
        output.endObject()
    }
}
