import Foundation

/// A grant of access to an incident as its event records it: the grant as it stands after the change.
public struct GrantPayload: Codable, Sendable, Equatable {
    public struct Grant: Codable, Sendable, Equatable {
        public var id: UUID
        public var organisation: String
        /// "link", "break-glass" or "temporary-account".
        public var kind: String
        public var profile: CollaborationProfile?
        public var username: String?
        public var purpose: String
        public var status: PartnerStatus
        public var maxClassification: Classification
        public var validFrom: Date
        public var validUntil: Date
        public var revokedAt: Date?
        public var revokedBy: String?
        public var grantedBy: String
        public var grantedByOrganisation: String
        /// What an admitted standby partner reads (decision 0027 §7); absent on other grants and before.
        public var readScope: ReadScope?
        /// Whose process and mandate a standby partner joined under (decision 0027 §9), as a theme.
        public var underMandateOf: String?
        /// An ad-hoc-aansluiting (decision 0027 §6): the detached HIN's username and the region's conditions.
        public var detachedHIN: String?
        public var conditions: String?

        public init(
            id: UUID, organisation: String, kind: String, profile: CollaborationProfile?, username: String?, purpose: String,
            status: PartnerStatus, maxClassification: Classification, validFrom: Date, validUntil: Date, revokedAt: Date?,
            revokedBy: String?, grantedBy: String, grantedByOrganisation: String, readScope: ReadScope? = nil,
            underMandateOf: String? = nil, detachedHIN: String? = nil, conditions: String? = nil
        ) {
            self.detachedHIN = detachedHIN
            self.conditions = conditions
            self.readScope = readScope
            self.underMandateOf = underMandateOf
            self.id = id
            self.organisation = organisation
            self.kind = kind
            self.profile = profile
            self.username = username
            self.purpose = purpose
            self.status = status
            self.maxClassification = maxClassification
            self.validFrom = validFrom
            self.validUntil = validUntil
            self.revokedAt = revokedAt
            self.revokedBy = revokedBy
            self.grantedBy = grantedBy
            self.grantedByOrganisation = grantedByOrganisation
        }
    }

    public var incident: UUID
    public var grant: Grant

    public init(incident: UUID, grant: Grant) {
        self.incident = incident
        self.grant = grant
    }
}

/// A partner linked to an incident under its profile (or admitted from standby).
public struct AccessGranted: ShapedJournalEvent, OrganisationJournalEvent {
    public static let kind = JournalKind.accessGranted
    public let body: GrantPayload
    public init(_ body: GrantPayload) { self.body = body }
    public var aboutOrganisation: String { body.grant.organisation }
}

/// A grant's status or end changed.
public struct AccessChanged: ShapedJournalEvent, OrganisationJournalEvent {
    public static let kind = JournalKind.accessChanged
    public let body: GrantPayload
    public init(_ body: GrantPayload) { self.body = body }
    public var aboutOrganisation: String { body.grant.organisation }
}

/// A partner was disconnected from an incident.
public struct AccessRevoked: ShapedJournalEvent, OrganisationJournalEvent {
    public static let kind = JournalKind.accessRevoked
    public let body: GrantPayload
    public init(_ body: GrantPayload) { self.body = body }
    public var aboutOrganisation: String { body.grant.organisation }
}

/// The chair opened an incident to an organisation for a limited time ("break glass").
public struct AccessBreakGlass: ShapedJournalEvent, OrganisationJournalEvent {
    public static let kind = JournalKind.accessBreakGlass
    public let body: GrantPayload
    public init(_ body: GrantPayload) { self.body = body }
    public var aboutOrganisation: String { body.grant.organisation }
}

/// A temporary account for an ad-hoc partner, limited to one incident.
public struct AccessTemporaryAccount: ShapedJournalEvent, OrganisationJournalEvent {
    public static let kind = JournalKind.accessTemporaryAccount
    public let body: GrantPayload
    public init(_ body: GrantPayload) { self.body = body }
    public var aboutOrganisation: String { body.grant.organisation }
}

/// A map layer opened to another organisation for a limited time.
public struct AccessLayerBreakGlass: OrganisationJournalEvent {
    public static let kind = JournalKind.accessLayerBreakGlass
    public var layer: UUID
    public var name: String
    public var owner: String
    /// The organisation the layer was opened to.
    public var organisation: String
    public var reason: String
    public var validUntil: Date

    public init(layer: UUID, name: String, owner: String, organisation: String, reason: String, validUntil: Date) {
        self.layer = layer
        self.name = name
        self.owner = owner
        self.organisation = organisation
        self.reason = reason
        self.validUntil = validUntil
    }

    public var aboutOrganisation: String { organisation }
}

/// Someone read confidential information: of an incident (what they read), or a map layer. Kept on the
/// node's journal, not the incident's, so readers of the incident do not see who read what.
public enum AuditConfidentialRead: JournalEvent, Equatable {
    case incident(UUID, what: String)
    case layer(LayerPayload)

    public static let kind = JournalKind.auditConfidentialRead

    private struct IncidentRead: Codable {
        let incident: UUID
        let what: String
    }

    private enum Keys: String, CodingKey { case layer }

    public init(from decoder: any Decoder) throws {
        if try decoder.container(keyedBy: Keys.self).contains(.layer) {
            self = .layer(try decoder.singleValueContainer().decode(LayerPayload.self))
        } else {
            let read = try decoder.singleValueContainer().decode(IncidentRead.self)
            self = .incident(read.incident, what: read.what)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .incident(let incident, let what): try container.encode(IncidentRead(incident: incident, what: what))
        case .layer(let layer): try container.encode(layer)
        }
    }
}

/// A partner's request to read an incident, as its events record it: the request as it stands after
/// the change (decision 0023).
public struct AccessRequestPayload: Codable, Sendable, Equatable {
    public var incident: UUID
    public var request: UUID
    public var organisation: String
    public var requestedBy: String
    public var reason: String
    /// "open", "granted" or "declined".
    public var status: String
    public var decidedBy: String?
    public var note: String?
    /// The grant made when the request was granted.
    public var grant: UUID?

    public init(
        incident: UUID, request: UUID, organisation: String, requestedBy: String, reason: String, status: String,
        decidedBy: String? = nil, note: String? = nil, grant: UUID? = nil
    ) {
        self.incident = incident
        self.request = request
        self.organisation = organisation
        self.requestedBy = requestedBy
        self.reason = reason
        self.status = status
        self.decidedBy = decidedBy
        self.note = note
        self.grant = grant
    }
}

/// A partner in the incident's area asked to read it.
public struct AccessRequested: ShapedJournalEvent, OrganisationJournalEvent {
    public static let kind = JournalKind.accessRequested
    public let body: AccessRequestPayload
    public init(_ body: AccessRequestPayload) { self.body = body }
    public var aboutOrganisation: String { body.organisation }
}

/// The incident's information manager granted or declined a partner's request.
public struct AccessRequestDecided: ShapedJournalEvent, OrganisationJournalEvent {
    public static let kind = JournalKind.accessRequestDecided
    public let body: AccessRequestPayload
    public init(_ body: AccessRequestPayload) { self.body = body }
    public var aboutOrganisation: String { body.organisation }
}
