import Fluent

/// The newest journal event's sequence and hash, kept in one row beside the journal. It reveals events
/// removed from the end of the chain, which the chain alone cannot show.
final class JournalHeadModel: Model, @unchecked Sendable {
    static let schema = "journal_head"
    static let singletonID = 1

    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "seq") var sequence: Int64
    @Field(key: "hash") var hash: String

    init() {}

    init(sequence: Int64, hash: String) {
        self.id = Self.singletonID
        self.sequence = sequence
        self.hash = hash
    }
}
