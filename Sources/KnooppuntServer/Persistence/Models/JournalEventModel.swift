import Fluent
import Foundation
import KnooppuntCore

/// A stored journal event; see `JournalRecord` for the meaning of each field.
final class JournalEventModel: Model, @unchecked Sendable {
    static let schema = "journal"

    @ID(custom: "seq", generatedBy: .user) var id: Int64?
    @Field(key: "recorded_at") var recordedAt: String
    @Field(key: "actor") var actor: String
    @Field(key: "organisation") var organisation: String
    @Field(key: "kind") var kind: String
    @Field(key: "payload") var payload: String
    @Field(key: "prev_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}

    init(_ record: JournalRecord) {
        id = record.sequence
        recordedAt = record.recordedAt
        actor = record.actor
        organisation = record.organisation
        kind = record.kind
        payload = record.payload
        previousHash = record.previousHash
        hash = record.hash
    }

    var record: JournalRecord {
        JournalRecord(
            sequence: id ?? 0, recordedAt: recordedAt, actor: actor, organisation: organisation, kind: kind,
            payload: payload, previousHash: previousHash, hash: hash)
    }
}
