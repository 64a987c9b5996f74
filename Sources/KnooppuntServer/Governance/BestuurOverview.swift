import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The bestuurlijk overzicht (`GET /bestuur`, `GET /api/v1/bestuur`): for the signed-in person, what
/// waits for their decision, the open incidents under their authority, the aanwijzingen about those and
/// their mandates — most urgent first (issue 15, decision 0020). Only what the access policy lets them
/// read: incidents they may read, proposals at the internal level.
struct BestuurOverview: Content {
    /// An open proposal the reader may accept or reject now.
    struct Pending: Content {
        var proposal: ProposalView
        var incidentTitle: String
        var incidentReference: String
    }

    /// An open incident where an office the reader bears, or a mandate in force, is among the holders.
    struct UnderAuthority: Content {
        var incident: UUID
        var reference: String
        var title: String
        var exercise: Bool
        var grip: GRIPLevel
        /// "GRIP 3 (lokaal)".
        var scale: AuthorityView.LabelText
        /// Who decides now, by name: "de burgemeester van Ouder-Amstel".
        var whoDecides: AuthorityView.LabelText
        /// How the reader holds it: their office, or "in mandaat van …".
        var asHolder: AuthorityView.LabelText
        /// The next review of scale and authority; `review.overdue` when it is past due.
        var review: ReviewStatusView?
        /// Decisions recorded by a policy team that did not hold authority then (not revoked).
        var decisionsOutsideAuthority: Int
        /// The art. 40 report to the councils, for those who may draft it.
        var report: String?
    }

    /// The reader's offices, by name.
    var offices: [AuthorityView.LabelText]
    var toDecide: [Pending]
    var underAuthority: [UnderAuthority]
    /// Aanwijzingen about the incidents under the reader's authority; for the minister on the national
    /// node, the register's aanwijzingen in force with their acknowledgement per region.
    var aanwijzingen: [AanwijzingView]
    /// Mandates in force that the reader granted for an office they bear.
    var mandatesGranted: [MandateView]
    /// Mandates in force the reader holds.
    var mandatesHeld: [MandateView]
    /// When the reader bears no office, holds no mandate and has nothing to decide: why the page is
    /// empty and where bestuurlijk gezag is found.
    var explanation: AuthorityView.LabelText?

    /// Whether there is anything for the reader at all.
    var isEmpty: Bool {
        offices.isEmpty && toDecide.isEmpty && underAuthority.isEmpty && aanwijzingen.isEmpty && mandatesGranted.isEmpty
            && mandatesHeld.isEmpty
    }

    static let nothing = AuthorityView.LabelText(
        nl: "U draagt geen bestuurlijk ambt, hebt geen mandaat en er ligt niets ter beslissing bij u. Wie over een incident beslist, staat op de incidentpagina onder ‘Wie beslist nu’.",
        en: "You bear no office of the bestuur, hold no mandate and nothing waits for your decision. Who decides on an incident is shown on its page under ‘Who decides now’.")

    /// Roles whose people bear an office of the bestuur by the nature of their post (the header links them).
    static let bestuurRoles: Set<Role> = [.burgemeester, .voorzitter, .minister, .commissarisVanDeKoning]
}

extension GovernanceCommands {
    init(user: CurrentUser, db: Database, context: KnooppuntContext) {
        self.user = user
        self.db = db
        self.context = context
    }
}

extension GovernanceDirectory {
    /// Whether `username` bears an office or holds a mandate in force at `now` (for the header's link).
    static func bearsOfficeOrMandate(_ username: String, on db: Database, at now: Date) async throws -> Bool {
        if !(try await offices(of: username, on: db, at: now)).isEmpty { return true }
        return try await mandates(for: username, on: db).contains { $0.isInForce(at: now) }
    }
}

extension IncidentCommands {
    /// The signed-in person's bestuurlijk overzicht. Crisis partners and emergency accounts are refused
    /// (403), as for the office and mandate registers.
    func bestuurOverview() async throws -> BestuurOverview {
        let governance = GovernanceCommands(user: user, db: db, context: context)
        try governance.requireReader()
        let at = now
        let actor = try await GovernanceDirectory.actor(for: user, on: db, at: at)
        let names = try await GovernanceDirectory.Names.load(on: db)
        func named(_ office: AuthorityOffice) -> AuthorityView.LabelText {
            let called = names.callName(office.label)
            return .init(nl: called.nl, en: called.en)
        }
        let mandates = actor.mandates.filter { $0.isInForce(at: at) }
        let store = PictureStore(db: db, context: context)
        let found = try await store.currentIncidents(exercise: false, region: nil, grip: nil, phase: nil, status: .open)
        var toDecide: [BestuurOverview.Pending] = []
        var under: [BestuurOverview.UnderAuthority] = []
        var concerning: [UUID] = []
        for (incident, version) in try await AccessService.readable(user.subject, found, at: at, on: db) {
            let id = try incident.requireID()
            let scope = try IncidentAccess.scope(version)
            let target = AuthorisedIncident(incident: incident, version: version, scope: scope)
            let dto = try IncidentView(incident, version)
            // Proposals are internal information of the incident.
            let readsInternal = try await AccessService.decide(
                user.subject, .init(action: .read, classification: .internal), incident: id, scope: scope, at: at, on: db
            ).decision.allowed
            if readsInternal {
                let open = try await ProposalModel.query(on: db).filter(\.$incidentID == id)
                    .filter(\.$status == ProposalModel.Status.open.rawValue).sort(\.$proposedAt).all()
                if !open.isEmpty {
                    toDecide += try await views(open, target: target).filter(\.mayDecide).map {
                        .init(proposal: $0, incidentTitle: dto.title, incidentReference: dto.reference)
                    }
                }
            }
            let authority = try await IncidentAuthority.forDecisions(target, context: context, on: db)
            let offices = Set(authority.holders.map(\.office))
            let borne = offices.intersection(actor.offices)
            let mandated = mandates.filter { offices.contains($0.office) }
            guard !borne.isEmpty || !mandated.isEmpty else { continue }
            let view = try await IncidentAuthority.current(target, for: user, context: context, on: db)
            let outside = try await records.records(.decision, of: id, at: Microseconds.from(at)).map(DecisionView.init)
                .filter { $0.outsideAuthority == true && !$0.revoked }.count
            let holding = borne.sorted { $0.code < $1.code }.map(named)
                + mandated.map { named($0.office) }.map { .init(nl: "in mandaat van \($0.nl)", en: "under mandate of \($0.en)") }
            let scale = dto.grip.scaleLabel
            under.append(.init(
                incident: id, reference: dto.reference, title: dto.title, exercise: dto.exercise, grip: dto.grip,
                scale: .init(nl: scale.nl, en: scale.en),
                whoDecides: .init(nl: view.holders.map(\.name.nl).joined(separator: ", "), en: view.holders.map(\.name.en).joined(separator: ", ")),
                asHolder: .init(nl: holding.map(\.nl).joined(separator: ", "), en: holding.map(\.en).joined(separator: ", ")),
                review: view.review, decisionsOutsideAuthority: outside,
                report: CouncilReportPolicy.mayDraft(user.subject, incident: scope).allowed ? SiteURL.incident(.value(id), .report).path : nil))
            concerning.append(id)
        }
        // Overdue reviews first, then the highest GRIP level.
        under.sort { a, b in
            let (x, y) = (a.review?.overdue == true, b.review?.overdue == true)
            return x != y ? x : a.grip != b.grip ? a.grip > b.grip : a.title < b.title
        }
        var aanwijzingen: [AanwijzingView] = []
        var seen: Set<UUID> = []
        for id in concerning {
            for aanwijzing in try await governance.aanwijzingen(concerning: id) where aanwijzing.inForce && seen.insert(aanwijzing.id).inserted {
                aanwijzingen.append(aanwijzing)
            }
        }
        if governance.isNational, actor.offices.contains(where: { if case .minister = $0 { true } else { false } }) {
            aanwijzingen += try await governance.aanwijzingen().filter { $0.inForce && seen.insert($0.id).inserted }
        }
        let granted = try await MandateModel.query(on: db).filter(\.$office ~~ actor.offices.map(\.code)).sort(\.$grantedAt, .descending).all()
        let held = try await MandateModel.query(on: db).filter(\.$mandatary == user.username).sort(\.$grantedAt, .descending).all()
        var overview = BestuurOverview(
            offices: actor.offices.sorted { $0.code < $1.code }.map(named), toDecide: toDecide, underAuthority: under,
            aanwijzingen: aanwijzingen,
            mandatesGranted: try await governance.mandateViews(granted).filter(\.inForce),
            mandatesHeld: try await governance.mandateViews(held).filter(\.inForce), explanation: nil)
        if overview.isEmpty { overview.explanation = BestuurOverview.nothing }
        return overview
    }
}
