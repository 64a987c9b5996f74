import Foundation
import KnooppuntCore
import Vapor

/// The draft of the voorzitter's written report to the councils of the affected gemeenten «over het
/// verloop van de gebeurtenissen en de besluiten die hij heeft genomen» (art. 40 Wvr, 002:L862-866):
/// the incident and who holds authority, every decision with its reason and the councils' consultations,
/// the course of the scale-up, the public warnings and the actions still open. People appear by name,
/// role and organisation, never by username. The page, the PDF and the Markdown are written from it.
struct CouncilReportView: Content {
    /// Someone who took part, as a reader of the report knows them.
    struct Person: Content, Equatable {
        var name: String
        /// Nil when the account is not known on this node (then `name` is the organisation's).
        var role: Role?
        var organisation: String
    }

    /// A council, by its gemeente.
    struct Council: Content, Equatable {
        var code: MunicipalityCode
        var name: String
        var region: RegionCode
    }

    struct Region: Content {
        var code: RegionCode
        var name: String
        var lead: Bool
    }

    struct Consultation: Content {
        var id: UUID
        var councils: [Council]
        var consultedAt: Date?
        /// Consulted after the decision was taken, not before it (002:L875-877 asks «voordat»).
        var afterDecision: Bool
        var position: String?
        var urgent: Bool
        var urgencyReason: String?
        var recordedAt: Date
        var recordedBy: Person
    }

    struct Decision: Content {
        var id: UUID
        var decidedAt: Date
        var team: CrisisTeam
        var text: String
        var reason: String?
        /// Who took it, as recorded with the decision (a function or a name).
        var decidedBy: String
        var recordedBy: Person
        /// The authority (or mandate) the decision was taken under, once decisions record it (issue 15,
        /// point 7); nil until then, and the documents leave the line out.
        var authority: String?
        /// Set once decisions record it: taken outside the competent authority.
        var outsideAuthority: Bool?
        var revoked: Bool
        var consultations: [Consultation]
    }

    struct ScaleChange: Content {
        var at: Date
        var from: GRIPLevel?
        var to: GRIPLevel
        var reason: String?
        var by: Person
    }

    struct PublicWarning: Content {
        var number: Int
        var publishedAt: Date
        var headline: String
        /// CAP message type: Alert, Update or Cancel.
        var msgType: String
        var cancelled: Bool
    }

    struct OpenAction: Content {
        var text: String
        /// The owning organisation's name.
        var owner: String
        var deadline: Date?
        var status: ActionStatus
        var overdue: Bool
    }

    var incident: UUID
    var reference: String
    var title: String
    var exercise: Bool
    var startedAt: Date
    /// When the incident was closed; nil while it runs (the report is then an interim draft).
    var endedAt: Date?
    var status: IncidentStatus
    var regions: [Region]
    /// The councils the report is addressed to: those of the gemeenten the incident's area affects.
    var councils: [Council]
    var authority: AuthorityView
    var decisions: [Decision]
    var scaleHistory: [ScaleChange]
    var publicWarnings: [PublicWarning]
    var openActions: [OpenAction]
    var draftedAt: Date
    var draftedBy: Person
    /// Links to the page, the PDF and the Markdown.
    var formats: [String: String]
}
