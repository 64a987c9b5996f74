import Foundation
import Vapor

// Every page, form target and asset of the web UI, and every API address a page links to, as a value.
// Routes are registered from these values (`SiteURL.incident(.key).pathComponents`) and links are
// written from them (`SiteURL.incident(.value(id)).path`), so a route and its links cannot drift
// apart and no view spells a path. The JSON API's own routes are registered from the OpenAPI
// document's paths, which a test holds to the registered routes (decision 0026).

/// A route parameter: `.key` stands for it in a route pattern (`:incident`), `.value` fills it in a link.
enum Parameter<Value: CustomStringConvertible & Sendable>: Sendable {
    case key
    case value(Value)

    func segment(_ name: String) -> String {
        switch self {
        case .key: ":" + name
        case .value(let value): value.description
        }
    }
}

/// Something with an address: its path segments, from which the path and the route pattern follow.
protocol Resourceable: Sendable {
    var segments: [String] { get }
}

extension Resourceable {
    /// The absolute path, `/incidents/…`; the home page is `/`.
    var path: String { "/" + segments.joined(separator: "/") }

    /// The route pattern, for registering the route.
    var pathComponents: [PathComponent] { segments.map { PathComponent(stringLiteral: $0) } }

    /// Where the paths below this one start, up to its first parameter: `/assets/`, `/lang/`.
    var prefix: String { "/" + segments.prefix { !$0.hasPrefix(":") }.map { $0 + "/" }.joined() }

    /// The path with a query and an anchor: `SiteURL.login.url(query: ["next": "/map"])` → `/login?next=/map`.
    func url(query: KeyValuePairs<String, String> = [:], anchor: String? = nil) -> String {
        url(pairs: query.map { ($0.key, $0.value) }, anchor: anchor)
    }

    func url(pairs query: [(String, String)], anchor: String? = nil) -> String {
        var url = path
        let pairs = query.map { "\($0.0)=\(Self.escape($0.1))" }
        if !pairs.isEmpty { url += "?" + pairs.joined(separator: "&") }
        if let anchor { url += "#" + anchor }
        return url
    }

    private static func escape(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// Steps whose name is their path segment.
protocol Step: RawRepresentable, CaseIterable, Sendable where RawValue == String {}

enum SiteURL: Resourceable {
    case home
    case login
    case logout
    case regions
    case language(Parameter<String>)
    case incidents
    case incident(Parameter<UUID>, IncidentResource = .page)
    case capacity(CapacityResource = .overview)
    case assistance
    case assistanceRequest(Parameter<UUID>, AssistanceResource = .page)
    case broker
    case brokerDecisions
    case partners
    case partner(Parameter<String>)
    case partnerEvaluation(Parameter<String>, agreement: Parameter<Int>)
    case partnerToetsing(Parameter<String>, agreement: Parameter<Int>, ToetsingStep)
    case partnerStandpoint(Parameter<String>, agreement: Parameter<Int>)
    case monitoring
    case accessReport
    case map
    case alertAcknowledgement(Parameter<UUID>)
    case fallback
    case fallbackIncident(node: Parameter<String>, incident: Parameter<String>)
    case warnings
    case national(NationalResource = .page)
    case advisoryAcknowledgement(Parameter<UUID>)
    case aanwijzingen
    case aanwijzing(Parameter<UUID>, AanwijzingStep)
    case bestuur
    case regionPhase(Parameter<String>)
    case risks(RiskResource = .page)
    case riskPictures(RiskPictureResource = .list)
    case plans(PlanResource = .list)
    case networkMap(NetworkMapResource = .page)
    case scenarios(ScenarioResource = .list)
    case publicWarning(Parameter<UUID>)
    case capFeed
    case capFile(Parameter<String>)
    case asset(Parameter<String>)
    case symbol(Parameter<String>)
    case leaflet(String)
    case api(API)

    var segments: [String] {
        switch self {
        case .home: []
        case .login: ["login"]
        case .logout: ["logout"]
        case .regions: ["regios"]
        case .language(let language): ["lang", language.segment("language")]
        case .incidents: ["incidents"]
        case .incident(let incident, let resource): ["incidents", incident.segment("incident")] + resource.segments
        case .capacity(let resource): ["capacity"] + resource.segments
        case .assistance: ["assistance"]
        case .assistanceRequest(let request, let resource): ["assistance", request.segment("request")] + resource.segments
        case .broker: ["broker"]
        case .brokerDecisions: ["broker", "decisions"]
        case .partners: ["partners"]
        case .partner(let code): ["partners", code.segment("partner")]
        case .partnerEvaluation(let code, let agreement): ["partners", code.segment("partner"), "agreements", agreement.segment("agreement"), "evaluations"]
        case .partnerToetsing(let code, let agreement, let step):
            ["partners", code.segment("partner"), "agreements", agreement.segment("agreement"), "toetsing", step.rawValue]
        case .partnerStandpoint(let code, let agreement): ["partners", code.segment("partner"), "agreements", agreement.segment("agreement"), "standpoint"]
        case .monitoring: ["monitoring"]
        case .accessReport: ["access-report"]
        case .map: ["map"]
        case .alertAcknowledgement(let alert): ["alerts", alert.segment("alert"), "acknowledge"]
        case .fallback: ["fallback"]
        case .fallbackIncident(let node, let incident): ["fallback", node.segment("node"), incident.segment("incident")]
        case .warnings: ["warnings"]
        case .national(let resource): ["national"] + resource.segments
        case .advisoryAcknowledgement(let advisory): ["advisories", advisory.segment("advisory"), "acknowledge"]
        case .aanwijzingen: ["aanwijzingen"]
        case .aanwijzing(let aanwijzing, let step): ["aanwijzingen", aanwijzing.segment("aanwijzing"), step.rawValue]
        case .bestuur: ["bestuur"]
        case .regionPhase(let code): ["regions", code.segment("code"), "phase"]
        case .risks(let resource): ["risicoprofiel"] + resource.segments
        case .riskPictures(let resource): ["risicobeelden"] + resource.segments
        case .plans(let resource): ["plannen"] + resource.segments
        case .networkMap(let resource): ["netwerkkaart"] + resource.segments
        case .scenarios(let resource): ["scenarios"] + resource.segments
        case .publicWarning(let warning): ["waarschuwingen", warning.segment("warning")]
        case .capFeed: ["cap", "feed.xml"]
        case .capFile(let file): ["cap", file.segment("file")]
        case .asset(let file): ["assets", file.segment("file")]
        case .symbol(let file): ["assets", "symbols", file.segment("file")]
        case .leaflet(let file): ["vendor", "leaflet", file]
        case .api(let api): ["api", "v1"] + api.segments
        }
    }

    /// The CAP file of a public warning.
    static func cap(_ warning: UUID) -> SiteURL { .capFile(.value("\(warning).xml")) }
}

/// The risk profile pages and what their forms post to (decision 0028).
enum RiskResource: Resourceable {
    case page
    case csvImport
    case national
    case risk(Parameter<UUID>)
    case withdrawal(Parameter<UUID>)
    case communication(Parameter<UUID>)

    var segments: [String] {
        switch self {
        case .page: []
        case .communication(let risk): [risk.segment("risk"), "communicatie"]
        case .csvImport: ["inlezen"]
        case .national: ["landelijk"]
        case .risk(let risk): [risk.segment("risk")]
        case .withdrawal(let risk): [risk.segment("risk"), "intrekken"]
        }
    }
}

/// The bestuurlijke netwerkkaart's page and what its administrators' forms post to (decision 0033).
enum NetworkMapResource: Resourceable {
    case page
    case removal

    var segments: [String] {
        switch self {
        case .page: []
        case .removal: ["verwijderen"]
        }
    }
}

/// The scenario library's pages and what their forms post to (decision 0032).
enum ScenarioResource: Resourceable {
    case list
    case scenario(Parameter<UUID>)
    case exercise(Parameter<UUID>)

    var segments: [String] {
        switch self {
        case .list: []
        case .scenario(let id): [id.segment("scenario")]
        case .exercise(let id): [id.segment("scenario"), "oefening"]
        }
    }
}

/// The plans register's pages and what their forms post to (decision 0030).
enum PlanResource: Resourceable {
    case list
    case plan(Parameter<UUID>)
    case attachment(Parameter<UUID>)

    var segments: [String] {
        switch self {
        case .list: []
        case .plan(let id): [id.segment("plan")]
        case .attachment(let id): [id.segment("plan"), "koppelen"]
        }
    }
}

/// The risk picture pages and what their forms post to (decision 0029).
enum RiskPictureResource: Resourceable {
    case list
    case picture(Parameter<UUID>)
    case change(Parameter<UUID>)
    case effects(Parameter<UUID>)
    case admission(Parameter<UUID>, effect: Parameter<UUID>)
    case rules(Parameter<UUID>)
    case acknowledgement(Parameter<UUID>, signal: Parameter<UUID>)
    case escalation(Parameter<UUID>)
    case closure(Parameter<UUID>)

    var segments: [String] {
        switch self {
        case .list: []
        case .picture(let id): [id.segment("picture")]
        case .change(let id): [id.segment("picture"), "wijzigen"]
        case .effects(let id): [id.segment("picture"), "effecten"]
        case .admission(let id, let effect): [id.segment("picture"), "effecten", effect.segment("effect"), "toelaten"]
        case .rules(let id): [id.segment("picture"), "regels"]
        case .acknowledgement(let id, let signal): [id.segment("picture"), "signalen", signal.segment("signal"), "gezien"]
        case .escalation(let id): [id.segment("picture"), "opschalen"]
        case .closure(let id): [id.segment("picture"), "afsluiten"]
        }
    }
}

/// The incident page and everything a form on it posts to.
enum IncidentResource: Resourceable {
    case page
    case update
    case proposals
    case proposal(Parameter<UUID>, ProposalStep)
    case reviews
    case entries
    case entry(Parameter<UUID>, EntryStep)
    case decisions
    case decision(Parameter<UUID>, DecisionStep)
    case summary(Parameter<String>)
    case decisionPoints
    case decisionPointWithdrawal(Parameter<UUID>)
    case actions
    case actionStatus(Parameter<UUID>)
    case conflicts
    case conflictResolution(Parameter<UUID>)
    case access
    case accessGrant(Parameter<UUID>, GrantStep)
    case breakGlass
    case accessRequests
    case accessRequestDecision(Parameter<UUID>)
    case report
    case reportPDF
    case reportMarkdown
    case irbt
    case irbtCoordinator
    case irbtDecisions
    case irbtAlignments
    case sitraps
    case sitrap(Parameter<Int>)
    case sitrapSchedule
    case partnerSitraps
    case publicWarnings
    case publicWarningCancellation
    case whatFollows
    case whatFollowsEntry
    case whatFollowsAlert
    case whatFollowsRegions
    case whatFollowsShare

    var segments: [String] {
        switch self {
        case .page: []
        case .update: ["update"]
        case .proposals: ["proposals"]
        case .proposal(let proposal, let step): ["proposals", proposal.segment("proposal"), step.rawValue]
        case .reviews: ["reviews"]
        case .entries: ["entries"]
        case .entry(let entry, let step): ["entries", entry.segment("entry"), step.rawValue]
        case .decisions: ["decisions"]
        case .decision(let record, let step): ["decisions", record.segment("record"), step.rawValue]
        case .summary(let theme): ["summaries", theme.segment("theme")]
        case .decisionPoints: ["decision-points"]
        case .decisionPointWithdrawal(let record): ["decision-points", record.segment("record"), "withdrawal"]
        case .actions: ["actions"]
        case .actionStatus(let record): ["actions", record.segment("record"), "status"]
        case .conflicts: ["conflicts"]
        case .conflictResolution(let conflict): ["conflicts", conflict.segment("conflict"), "resolution"]
        case .access: ["access"]
        case .accessGrant(let grant, let step): ["access", grant.segment("grant"), step.rawValue]
        case .breakGlass: ["break-glass"]
        case .accessRequests: ["access-requests"]
        case .accessRequestDecision(let request): ["access-requests", request.segment("request"), "decision"]
        case .report: ["report"]
        case .reportPDF: ["report.pdf"]
        case .reportMarkdown: ["report.md"]
        case .irbt: ["irbt"]
        case .irbtCoordinator: ["irbt", "coordinator"]
        case .irbtDecisions: ["irbt", "decisions"]
        case .irbtAlignments: ["irbt", "alignments"]
        case .sitraps: ["sitraps"]
        case .sitrap(let number): ["sitraps", number.segment("number")]
        case .sitrapSchedule: ["sitrap-schedule"]
        case .partnerSitraps: ["partner-sitraps"]
        case .publicWarnings: ["public-warnings"]
        case .publicWarningCancellation: ["public-warnings", "cancel"]
        case .whatFollows: ["wat-kan-volgen"]
        case .whatFollowsEntry: ["wat-kan-volgen", "melding"]
        case .whatFollowsAlert: ["wat-kan-volgen", "alarm"]
        case .whatFollowsRegions: ["wat-kan-volgen", "regios"]
        case .whatFollowsShare: ["wat-kan-volgen", "delen"]
        }
    }
}

enum ProposalStep: String, Step { case accept, reject, withdraw }
enum EntryStep: String, Step {
    case edit, verification, admission, acknowledgement
    case nationalSharing = "national-sharing"
}
enum DecisionStep: String, Step { case revocation, consultations }
enum GrantStep: String, Step { case admit, revoke }
enum AanwijzingStep: String, Step { case acknowledge, withdraw }

/// The toetser's two forms on an agreement (decision 0027 §3).
enum ToetsingStep: String, Step { case parts, advice }

/// The capacity registry's pages and forms.
enum CapacityResource: Resourceable {
    case overview
    case types
    case lines
    case line(Parameter<UUID>)
    case csvImport

    var segments: [String] {
        switch self {
        case .overview: []
        case .types: ["types"]
        case .lines: ["lines"]
        case .line(let item): ["lines", item.segment("item")]
        case .csvImport: ["import"]
        }
    }
}

/// One request for assistance: its page and the steps of its life.
enum AssistanceResource: Resourceable {
    case page
    case step(AssistanceStep)
    case offers
    case proposals
    case offer(Parameter<UUID>, OfferAnswer)
    case commitment(Parameter<UUID>, CommitmentStep)

    var segments: [String] {
        switch self {
        case .page: []
        case .step(let step): [step.rawValue]
        case .offers: ["offers"]
        case .proposals: ["proposals"]
        case .offer(let offer, let answer): ["offers", offer.segment("offer"), answer.rawValue]
        case .commitment(let commitment, let step): ["commitments", commitment.segment("commitment"), step.rawValue]
        }
    }
}

enum AssistanceStep: String, Step { case submit, close, withdraw, decline }
enum OfferAnswer: String, Step { case accept, decline, confirm, withdraw }
enum CommitmentStep: String, Step { case deploy, release }

/// The national node's pages.
enum NationalResource: Resourceable {
    case page
    case phase
    case advisories
    case incident(node: Parameter<String>, incident: Parameter<UUID>)
    case groupings
    case grouping(Parameter<UUID>)
    case groupingMembers(Parameter<UUID>)
    case sitrap(Parameter<UUID>)
    case sitrapPDF(Parameter<UUID>)

    var segments: [String] {
        switch self {
        case .page: []
        case .phase: ["phase"]
        case .advisories: ["advisories"]
        case .incident(let node, let incident): ["incidents", node.segment("node"), incident.segment("incident")]
        case .groupings: ["groupings"]
        case .grouping(let grouping): ["groupings", grouping.segment("grouping")]
        case .groupingMembers(let grouping): ["groupings", grouping.segment("grouping"), "members"]
        case .sitrap(let item): ["sitraps", item.segment("item")]
        case .sitrapPDF(let item): ["sitraps", item.segment("item"), "pdf"]
        }
    }
}

/// The API addresses the pages link to or stream from.
enum API: Resourceable {
    case stream
    case incidentStream(UUID)
    case monitoringStream
    case capacityStream
    case regionBoundaries
    case plots(UUID)
    case networkMapExport
    case councilReport(UUID)
    case sitrap(UUID, Int, SitRapFormat = .json)
    case assistanceMessage(UUID)
    case commitmentMessage(request: UUID, commitment: UUID)
    case capAlert(UUID)
    case capAlertOriginal(UUID)
    case accessReport
    case partnersOverview
    case session
    case me
    case health
    case openAPI
    case fallback
    case regionRisksExport(String)

    enum SitRapFormat: String, Sendable {
        case json, markdown, pdf
        case map = "map.svg"
    }

    var segments: [String] {
        switch self {
        case .stream: ["stream"]
        case .regionRisksExport(let region): ["regions", region, "risks", "export"]
        case .incidentStream(let incident): ["incidents", "\(incident)", "stream"]
        case .monitoringStream: ["monitoring", "stream"]
        case .capacityStream: ["capacity", "stream"]
        case .regionBoundaries: ["regions", "boundaries"]
        case .plots(let incident): ["incidents", "\(incident)", "plots"]
        case .networkMapExport: ["network-map", "export"]
        case .councilReport(let incident): ["incidents", "\(incident)", "report"]
        case .sitrap(let incident, let number, .json): ["incidents", "\(incident)", "sitraps", "\(number)"]
        case .sitrap(let incident, let number, let format): ["incidents", "\(incident)", "sitraps", "\(number)", format.rawValue]
        case .assistanceMessage(let request): ["assistance-requests", "\(request)", "edxl-rm"]
        case .commitmentMessage(let request, let commitment):
            ["assistance-requests", "\(request)", "commitments", "\(commitment)", "edxl-rm"]
        case .capAlert(let alert): ["cap", "alerts", "\(alert)"]
        case .capAlertOriginal(let alert): ["cap", "alerts", "\(alert)", "original"]
        case .accessReport: ["reports", "access"]
        case .partnersOverview: ["partners", "overview"]
        case .session: ["session"]
        case .me: ["me"]
        case .health: ["health"]
        case .openAPI: ["openapi.json"]
        case .fallback: ["fallback"]
        }
    }
}
