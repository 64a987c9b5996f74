import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

struct CreateIncidentInput: StrictDecodable {
    var title: String
    var category: IncidentCategory
    var location: JSONValue?
    var startedAt: Date?
    var classification: CrisisClassification?
    var vitalInterests: [VitalInterest]?
    var grip: GRIPLevel?
    var gripReason: String?
    var phase: IncidentPhase?
    var involvedRegions: [RegionCode]?
    var exercise: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, category, location, startedAt, classification, vitalInterests, grip, gripReason, phase
        case involvedRegions, exercise
    }

    func validate() throws {
        try location.map(LocationField.check)
        try PhaseField.check(phase)
    }
}

struct UpdateIncidentInput: StrictDecodable {
    var baseVersion: Int
    var title: String?
    var category: IncidentCategory?
    var location: JSONValue?
    var startedAt: Date?
    var classification: CrisisClassification?
    var vitalInterests: [VitalInterest]?
    var grip: GRIPLevel?
    var gripReason: String?
    var phase: IncidentPhase?
    var involvedRegions: [RegionCode]?
    var leadRegion: RegionCode?
    var status: IncidentStatus?
    /// Partner themes linked to the region's picture; only the IM or HIN may change this.
    var linkedPartners: [String]?
    /// The recorded facts of bestuurlijk gezag (decision 0020) and why they were set.
    var significance: CrisisSignificance?
    var stage: CrisisStage?
    var declaration: CrisisDeclaration?
    var authorityReason: String?
    var reviewIntervalHours: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case baseVersion, title, category, location, startedAt, classification, vitalInterests, grip, gripReason
        case phase, involvedRegions, leadRegion, status, linkedPartners
        case significance, stage, declaration, authorityReason, reviewIntervalHours
    }

    func validate() throws {
        try location.map(LocationField.check)
        try PhaseField.check(phase)
    }

    func apply(to state: inout IncidentState) {
        if let title { state.title = title.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let category { state.category = category }
        if let location { state.location = location.jsonText }
        if let startedAt { state.startedAt = startedAt }
        if let classification { state.classification = classification }
        if let vitalInterests { state.vitalInterests = vitalInterests }
        if let grip { state.grip = grip }
        // One rule for every entrance: a reason given (not blank) is recorded; changing the GRIP level
        // without one is refused by `IncidentRules`. A blank form field leaves the reason as it was.
        if let reason = IncidentCommands.given(gripReason) { state.gripReason = reason }
        if let phase { state.phase = phase }
        if let involvedRegions { state.involvedRegions = involvedRegions }
        if let leadRegion { state.leadRegion = leadRegion }
        if let status { state.status = status }
        if let linkedPartners { state.linkedPartners = linkedPartners }
        if let significance { state.significance = significance }
        // Acute and "not declared" are what an incident without these facts already is: choosing them
        // again (a form always posts its selects) records nothing.
        if let stage, stage != state.effectiveStage { state.stage = stage }
        if let declaration, declaration != state.effectiveDeclaration {
            state.declaration = declaration
            // A declared crisis or ramp is classified so, unless this change names a classification itself.
            if classification == nil, let declared = declaration.classification { state.classification = declared }
        }
        if let reason = IncidentCommands.given(authorityReason) { state.authorityReason = reason }
        if let reviewIntervalHours { state.reviewIntervalHours = reviewIntervalHours }
    }
}

/// A `phase` member is respons or nafase: koud, lauw and warm are a region's phase (decision 0021).
enum PhaseField {
    static func check(_ phase: IncidentPhase?) throws {
        guard let phase, phase.predatesRegionPhases else { return }
        throw Problem.invalid(
            "field 'phase': an incident is in respons or nafase; \(phase.rawValue) is the phase of a region towards a threat "
                + "(PUT /api/v1/regions/{code}/phase)", field: "phase")
    }
}

/// A `location` member must be a GeoJSON geometry.
enum LocationField {
    static func check(_ value: JSONValue) throws {
        do {
            try GeometryCheck.validate(value)
        } catch {
            throw Problem.invalid("field 'location': \(error.message)", field: "location")
        }
    }
}

struct IncidentView: Content {
    var id: UUID
    var reference: String
    var exercise: Bool
    var version: Int
    var title: String
    var category: IncidentCategory
    var location: JSONValue?
    var startedAt: Date
    var classification: CrisisClassification
    var vitalInterests: [VitalInterest]
    var grip: GRIPLevel
    var gripReason: String?
    var phase: IncidentPhase
    var involvedRegions: [RegionCode]
    var leadRegion: RegionCode
    var status: IncidentStatus
    var linkedPartners: [String]
    /// Recorded significance; absent while the GRIP level stands for it.
    var significance: CrisisSignificance?
    var stage: CrisisStage
    var declaration: CrisisDeclaration
    var authorityReason: String?
    /// Hours between reviews of the scale and authority, when set; absent: the stage's default.
    var reviewIntervalHours: Int?
    var updatedAt: Date
    var updatedBy: String
    var proposesInterregionalScaling: Bool
    /// Set for an incident promoted from a meldkamer proposal: the meldkamer, and whether its
    /// calamiteitencoördinator still keeps the meldkamer theme (decision 0034).
    var meldkamer: MeldkamerCustody?

    init(_ incident: IncidentModel, _ version: IncidentVersionModel) throws {
        let state = try PictureStore.decodeState(version)
        id = try incident.requireID()
        reference = incident.reference
        exercise = incident.exercise
        self.version = version.version
        title = state.title
        category = state.category
        location = try state.location.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
        startedAt = state.startedAt
        classification = state.classification
        vitalInterests = state.vitalInterests
        grip = state.grip
        gripReason = state.gripReason
        phase = state.phase.current
        involvedRegions = state.involvedRegions
        leadRegion = state.leadRegion
        status = state.status
        linkedPartners = state.linkedPartners
        significance = state.significance
        stage = state.effectiveStage
        declaration = state.effectiveDeclaration
        authorityReason = state.authorityReason
        reviewIntervalHours = state.reviewIntervalHours
        updatedAt = Microseconds.date(version.validFrom)
        updatedBy = version.author
        proposesInterregionalScaling = IncidentRules.proposesInterregionalScaling(state)
        meldkamer = state.meldkamer
    }
}

struct GRIPChangeView: Content {
    var version: Int
    var from: GRIPLevel?
    var to: GRIPLevel
    var reason: String?
    var at: Date
    var by: String
    var organisation: String
    /// Every change of GRIP level in `versions` (oldest first), the first version counting as one.
    static func changes(in versions: [IncidentVersionModel]) throws -> [GRIPChangeView] {
        var previous: GRIPLevel?
        var changes: [GRIPChangeView] = []
        for version in versions {
            let state = try PictureStore.decodeState(version)
            if state.grip != previous {
                changes.append(
                    GRIPChangeView(
                        version: version.version, from: previous, to: state.grip, reason: state.gripReason,
                        at: Microseconds.date(version.validFrom), by: version.author, organisation: version.authorOrganisation))
            }
            previous = state.grip
        }
        return changes
    }
}

struct AddEntryInput: StrictDecodable {
    var theme: Theme
    var text: String
    var source: String
    var observedAt: Date?
    var priority: EntryPriority?
    var location: JSONValue?
    var classification: Classification?
    /// A liaison or HIN enters this for a partner without access of its own (koppel, ad hoc).
    var onBehalfOf: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case theme, text, source, observedAt, priority, location, classification, onBehalfOf
    }

    init(
        theme: Theme, text: String, source: String, observedAt: Date? = nil, priority: EntryPriority? = nil,
        location: JSONValue? = nil, classification: Classification? = nil, onBehalfOf: String? = nil
    ) {
        (self.theme, self.text, self.source, self.observedAt, self.priority) = (theme, text, source, observedAt, priority)
        (self.location, self.classification, self.onBehalfOf) = (location, classification, onBehalfOf)
    }

    func validate() throws { try location.map(LocationField.check) }
}

struct ImportEntriesInput: StrictDecodable {
    struct Item: Decodable, Sendable {
        var externalId: String
        var text: String
        var source: String?
        var observedAt: Date?
        var priority: EntryPriority?
        var location: JSONValue?
        var classification: Classification?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case externalId, text, source, observedAt, priority, location, classification
        }
    }

    var entries: [Item]
    enum CodingKeys: String, CodingKey, CaseIterable { case entries }

    static var nestedFields: [String: [String]] { ["entries": Item.CodingKeys.allCases.map(\.stringValue)] }

    func validate() throws {
        guard (1...500).contains(entries.count) else {
            throw Problem.invalid("field 'entries' holds 1 to 500 entries per import", field: "entries")
        }
        var seen = Set<String>()
        for (index, item) in entries.enumerated() {
            let id = item.externalId.trimmingCharacters(in: .whitespaces)
            guard (1...200).contains(id.count) else {
                throw Problem.invalid("entries[\(index)].externalId must be 1 to 200 characters", field: "entries[\(index)].externalId")
            }
            guard seen.insert(id).inserted else {
                throw Problem.invalid("entries[\(index)].externalId '\(id)' appears twice in this import", field: "entries[\(index)].externalId")
            }
            try item.location.map(LocationField.check)
        }
    }
}

struct ImportResultDTO: Content {
    var created: [EntryView]
    var updated: [EntryView]
    var unchanged: Int
}

struct UpdateEntryInput: StrictDecodable {
    var baseVersion: Int
    var theme: Theme?
    var text: String?
    var source: String?
    var observedAt: Date?
    var priority: EntryPriority?
    var location: JSONValue?
    var classification: Classification?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case baseVersion, theme, text, source, observedAt, priority, location, classification
    }

    func validate() throws { try location.map(LocationField.check) }
}

struct VerificationInput: StrictDecodable {
    var baseVersion: Int
    var status: VerificationStatus
    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, status }
}

struct EntryView: Content {
    var id: UUID
    var version: Int
    var theme: Theme
    var text: String
    var source: String
    var observedAt: Date
    var priority: EntryPriority
    var location: JSONValue?
    var verification: VerificationStatus
    var verifiedBy: String?
    var verifiedAt: Date?
    /// In the shared summary: entries of the "algemeen" theme, and entries the IM admitted.
    var inSharedPicture: Bool
    var admittedBy: String?
    var admittedAt: Date?
    var classification: Classification
    /// Entered under structurele samenwerking and not yet admitted by the IM: seen by the region and the author only.
    var awaitingAdmission: Bool
    /// The partner a liaison or HIN entered this for ("via liaison").
    var onBehalfOf: String?
    var author: String
    var organisation: String
    var updatedAt: Date
    /// Still unverified longer than the currency policy allows (at the moment asked about).
    var overdue: Bool

    init(_ model: EntryVersionModel, currency: CurrencyPolicy = .init(), now: Date = .distantPast) throws {
        try self.init(EntryVersionRow(model), currency: currency, now: now)
    }

    init(_ row: EntryVersionRow, currency: CurrencyPolicy = .init(), now: Date = .distantPast) throws {
        id = row.entryID
        version = row.version
        theme = Theme(row.theme) ?? .algemeen
        text = row.text
        source = row.source
        observedAt = Microseconds.date(row.observedAt)
        priority = EntryPriority(rawValue: row.priority) ?? .normaal
        location = try row.location.map(LocationJSON.value)
        verification = VerificationStatus(rawValue: row.verification) ?? .unverified
        verifiedBy = row.verifiedBy
        verifiedAt = row.verifiedAt.map(Microseconds.date)
        inSharedPicture = row.theme == Theme.algemeen.description || row.admittedAt != nil
        admittedBy = row.admittedBy
        admittedAt = row.admittedAt.map(Microseconds.date)
        classification = Classification(rawValue: row.classification) ?? .confidential
        awaitingAdmission = row.awaitingAdmission
        onBehalfOf = row.onBehalfOf
        author = row.author
        organisation = row.authorOrganisation
        updatedAt = Microseconds.date(row.validFrom)
        overdue = currency.isOverdue(verification: verification, reportedAt: updatedAt, now: now)
    }
}

/// The picture of an incident at one moment.
struct PictureView: Content {
    var at: Date
    var incident: IncidentView
    var entries: [EntryView]
    var conflicts: [ConflictView]
    var decisions: [DecisionView]
    var actions: [ActionView]
    var themes: [ThemeCurrencyView]
    var lastUpdate: Date
    var stale: Bool
    /// Each theme's actueel beeld, knelpunten and verwachting; the totaalbeeld (theme algemeen) first.
    var summaries: [SummaryView] = []
    /// The besluitpunten, open ones first (none for partners).
    var decisionPoints: [DecisionPointView] = []
}
