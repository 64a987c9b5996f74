import Foundation
import KnooppuntCore
import Vapor

/// `POST /api/v1/aanwijzingen`: an aanwijzing as the minister of JenV gives it. The shape is checked here;
/// the rules (consultation or urgency, supra-regional, matters by kind) in `AanwijzingRules`.
struct GiveAanwijzingInput: StrictDecodable {
    struct IncidentRef: Codable, Sendable {
        /// The regional node that holds the incident, as the national picture names it.
        var node: String
        var incident: UUID
    }

    struct Consultation: Codable, Sendable {
        var party: OfficeCode
        var at: Date
        var outcome: String
    }

    var kind: AanwijzingKind
    var addressees: [RegionCode]
    var incidents: [IncidentRef]?
    var matters: [GovernanceMatter]?
    var direction: String
    var legalBasis: String
    var justification: String
    var consultation: [Consultation]?
    var urgency: String?
    var validFrom: Date?
    var validUntil: Date?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, addressees, incidents, matters, direction, legalBasis, justification, consultation, urgency, validFrom, validUntil
    }

    static var nestedFields: [String: [String]] {
        ["incidents": ["node", "incident"], "consultation": ["party", "at", "outcome"]]
    }

    /// Bounds on the lists, before any of it is looked up.
    func validate() throws {
        guard addressees.count <= RegionCode.count else {
            throw Problem.invalid("'addressees' names at most \(RegionCode.count) regions", field: "addressees")
        }
        guard (incidents ?? []).count <= 25, (incidents ?? []).allSatisfy({ (1...40).contains($0.node.count) }) else {
            throw Problem.invalid("'incidents' names at most 25 incidents, each with its node (1 to 40 characters) and id", field: "incidents")
        }
        guard (consultation ?? []).count <= 2 * RegionCode.count else {
            throw Problem.invalid("'consultation' lists each office consulted once", field: "consultation")
        }
    }
}

/// `POST /api/v1/aanwijzingen/{id}/withdraw`: why, optionally.
struct WithdrawAanwijzingInput: StrictDecodable {
    var reason: String?
    enum CodingKeys: String, CodingKey, CaseIterable { case reason }

    func validate() throws {
        if let reason { try IncidentRequest.checked { () throws(PictureRuleViolation) in try RecordRules.text(reason, field: "reason", maximum: 2000) } }
    }
}

/// An aanwijzing as the API and the pages show it: on the national node with its deliveries, on a
/// regional node with its voorzitter's acknowledgement. Names, not codes or usernames, where people read.
struct AanwijzingView: Content {
    struct IncidentRef: Content {
        var node: String
        var incident: UUID
        var reference: String
        var title: String
        /// Whether the incident is on this node (the page links to it).
        var here: Bool
    }

    struct Consultation: Content {
        var party: String
        /// "de voorzitter van Kennemerland", "de commissaris van de Koning in Noord-Holland".
        var partyName: AuthorityView.LabelText
        var at: Date
        var outcome: String
    }

    struct Delivery: Content {
        var node: String
        var region: RegionCode
        var regionName: String
        /// The regional node applied the message carrying it.
        var delivered: Bool
        var acknowledgedAt: Date?
        var acknowledgedBy: String?
    }

    var id: UUID
    var kind: AanwijzingKind
    var kindLabel: AuthorityView.LabelText
    var addressees: [RegionCode]
    var addresseeNames: [String]
    var incidents: [IncidentRef]
    var matters: [GovernanceMatter]
    var direction: String
    var legalBasis: String
    var justification: String
    var consultation: [Consultation]
    var urgency: String?
    var validFrom: Date
    var validUntil: Date?
    var givenBy: String
    var givenAt: Date
    /// The node it came from; absent on the national node, where it was given.
    var from: String?
    var withdrawnAt: Date?
    var withdrawnBy: String?
    var withdrawalReason: String?
    /// Started, not lapsed, not withdrawn.
    var inForce: Bool
    /// On a regional node: its voorzitter's acknowledgement.
    var acknowledgedAt: Date?
    var acknowledgedBy: String?
    /// On the national node: each addressed region's node.
    var deliveries: [Delivery]?
    var mayAcknowledge: Bool
    var mayWithdraw: Bool
}
