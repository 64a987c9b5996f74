import Fluent
import Foundation

/// An incident's identity: what never changes. Its content lives in `IncidentVersionModel`.
final class IncidentModel: Model, @unchecked Sendable {
    static let schema = "incidents"

    @ID(key: .id) var id: UUID?
    /// Human reference, e.g. "VR13-2026-0007".
    @Field(key: "reference") var reference: String
    @Field(key: "exercise") var exercise: Bool
    @Field(key: "created_at_us") var createdAt: Int64
    @Field(key: "created_by") var createdBy: String
    @Field(key: "created_by_org") var createdByOrganisation: String

    init() {}

    init(id: UUID, reference: String, exercise: Bool, createdAt: Int64, createdBy: String, organisation: String) {
        self.id = id
        self.reference = reference
        self.exercise = exercise
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.createdByOrganisation = organisation
    }
}

/// One version of an incident's changing state. The state is kept whole as JSON; the columns beside it
/// are copies for filtering lists.
final class IncidentVersionModel: Model, @unchecked Sendable {
    static let schema = "incident_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "valid_from") var validFrom: Int64
    @OptionalField(key: "valid_to") var validTo: Int64?
    @Field(key: "author") var author: String
    @Field(key: "author_org") var authorOrganisation: String
    @Field(key: "state") var state: String
    @Field(key: "title") var title: String
    @Field(key: "status") var status: String
    @Field(key: "grip") var grip: Int
    @Field(key: "phase") var phase: String
    @Field(key: "lead_region") var leadRegion: String
    /// ",VR12,VR13," so a region filter is a LIKE on ",VR13,".
    @Field(key: "regions") var regions: String

    init() {}
}

/// An entry's identity within an incident.
final class EntryModel: Model, @unchecked Sendable {
    static let schema = "entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "created_at_us") var createdAt: Int64
    @Field(key: "author") var author: String
    @Field(key: "author_org") var authorOrganisation: String
    /// The id in the partner's own netcentric picture, for imported entries.
    @OptionalField(key: "external_id") var externalID: String?

    init() {}

    init(id: UUID, incidentID: UUID, createdAt: Int64, author: String, organisation: String) {
        self.id = id
        self.incidentID = incidentID
        self.createdAt = createdAt
        self.author = author
        self.authorOrganisation = organisation
    }
}

/// One version of an entry.
final class EntryVersionModel: Model, SupersedableVersion, @unchecked Sendable {
    static let schema = "entry_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "entry_id") var entryID: UUID
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "valid_from") var validFrom: Int64
    @OptionalField(key: "valid_to") var validTo: Int64?
    @Field(key: "author") var author: String
    @Field(key: "author_org") var authorOrganisation: String
    @Field(key: "theme") var theme: String
    @Field(key: "text") var text: String
    @Field(key: "source") var source: String
    @Field(key: "observed_at_us") var observedAt: Int64
    @Field(key: "priority") var priority: String
    @OptionalField(key: "location") var location: String?
    @Field(key: "verification") var verification: String
    @OptionalField(key: "verified_by") var verifiedBy: String?
    @OptionalField(key: "verified_at_us") var verifiedAt: Int64?
    /// Set while the entry is admitted into the shared summary by the region's IM.
    @OptionalField(key: "admitted_by") var admittedBy: String?
    @OptionalField(key: "admitted_at_us") var admittedAt: Int64?
    /// public, internal or confidential.
    @Field(key: "classification") var classification: String
    /// Entered under structurele samenwerking: seen by the region and its author until the IM admits it.
    @Field(key: "awaiting_admission") var awaitingAdmission: Bool
    /// The partner a liaison or HIN entered this for ("via liaison").
    @OptionalField(key: "on_behalf_of") var onBehalfOf: String?

    init() {}

    /// A copy to become the next version.
    func successor(version: Int, validFrom: Int64, author: String, organisation: String) -> EntryVersionModel {
        let next = EntryVersionModel()
        next.entryID = entryID
        next.incidentID = incidentID
        next.version = version
        next.validFrom = validFrom
        next.author = author
        next.authorOrganisation = organisation
        next.theme = theme
        next.text = text
        next.source = source
        next.observedAt = observedAt
        next.priority = priority
        next.location = location
        next.verification = verification
        next.verifiedBy = verifiedBy
        next.verifiedAt = verifiedAt
        next.admittedBy = admittedBy
        next.admittedAt = admittedAt
        next.classification = classification
        next.awaitingAdmission = awaitingAdmission
        next.onBehalfOf = onBehalfOf
        return next
    }
}

/// A decision or an action: identity plus versions, like entries.
final class RecordModel: Model, @unchecked Sendable {
    static let schema = "picture_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "created_at_us") var createdAt: Int64
    @Field(key: "author") var author: String

    init() {}

    init(id: UUID, incidentID: UUID, kind: String, createdAt: Int64, author: String) {
        self.id = id
        self.incidentID = incidentID
        self.kind = kind
        self.createdAt = createdAt
        self.author = author
    }
}

final class RecordVersionModel: Model, @unchecked Sendable {
    static let schema = "picture_record_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "record_id") var recordID: UUID
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "version") var version: Int
    @Field(key: "valid_from") var validFrom: Int64
    @OptionalField(key: "valid_to") var validTo: Int64?
    @Field(key: "author") var author: String
    @Field(key: "author_org") var authorOrganisation: String
    /// The typed body (`DecisionBody`, `ActionBody`) as canonical JSON.
    @Field(key: "body") var body: String

    init() {}
}

/// Two entries marked as contradicting each other; open until the IM resolves it.
final class ConflictModel: Model, @unchecked Sendable {
    static let schema = "entry_conflicts"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "entry_a") var entryA: UUID
    @Field(key: "entry_b") var entryB: UUID
    @Field(key: "note") var note: String
    @Field(key: "marked_by") var markedBy: String
    @Field(key: "marked_at_us") var markedAt: Int64
    @OptionalField(key: "resolved_by") var resolvedBy: String?
    @OptionalField(key: "resolved_at_us") var resolvedAt: Int64?
    @OptionalField(key: "resolution") var resolution: String?

    init() {}
}
