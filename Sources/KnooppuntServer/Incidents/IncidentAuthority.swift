import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Who holds bestuurlijk gezag over an incident now ("wie beslist nu"), as the API and the incident
/// page show it. Derived by `CompetentAuthority` (decision 0020) from what the incident records: its
/// GRIP level, regions, significance, stage and declaration (or classification), and the gemeenten its
/// area (location and area plots the reader sees) lies in. Until an incident records its significance,
/// the GRIP level stands for it: lokaal (GRIP 0–3) is a crisis of local significance, regionaal and
/// interregionaal (4–5) of more than local significance — the Referentiekader GRIP's GBT/RBT split
/// (decision 0020, [PK]).
struct AuthorityView: Content, Equatable {
    struct Holder: Content, Equatable {
        /// burgemeester, voorzitter, coordinerend-voorzitter or minister.
        var kind: String
        var gemeente: String?
        var region: RegionCode?
        /// Who, by name: "burgemeester van Amsterdam", "voorzitter van Amsterdam-Amstelland".
        var name: LabelText
        var opperbevel: Bool
        /// The matters on which an aanwijzing of the minister binds this holder (002:L888-891).
        var boundByAanwijzing: [GovernanceMatter]
        /// For the minister: the matters of the aanwijzingen in force, the only ones the minister decides.
        var decidesOnly: [GovernanceMatter]?
    }

    /// A text in both languages of the product.
    struct LabelText: Content, Equatable {
        var nl: String
        var en: String
    }

    var rule: String
    var explanation: LabelText
    var holders: [Holder]
    /// Two or more regions at GRIP 5: the voorzitters decide together in an IRBT.
    var irbt: Bool
    var significance: CrisisSignificance
    /// "grip" while the incident does not record its significance itself, then "recorded".
    var significanceFrom: String
    var stage: CrisisStage
    var declaration: CrisisDeclaration
    /// A ramp: the holders have the opperbevel, with one line to the bestuur (C05, 002:L335-348).
    var opperbevel: Bool
    var notes: [LabelText]
    var violations: [String]
    /// When the scale and authority are next reviewed; absent when no review is due (GRIP 0, closed).
    var review: ReviewStatusView?

    /// What makes one distribution of authority another: the holders, the rule, the significance, the
    /// stage and the opperbevel (not the wording of notes).
    var distribution: [String] {
        [rule, significance.rawValue, stage.rawValue, "\(opperbevel)", "\(irbt)"]
            + holders.map { "\($0.kind):\($0.gemeente ?? ""):\($0.region?.rawValue ?? ""):\($0.opperbevel)" }
    }
}

enum IncidentAuthority {
    /// The authority over the incident as it stands now, for `user`, with when it is next reviewed.
    static func current(_ target: AuthorisedIncident, for user: CurrentUser, context: KnooppuntContext, on db: Database)
        async throws -> AuthorityView
    {
        let affected = try await affectedMunicipalities(target, for: user, context: context, on: db)
        return try await current(target, affected: affected, context: context, on: db)
    }

    /// The authority over the incident as it stands now, given the gemeenten its area affects for the
    /// reader, with when it is next reviewed.
    static func current(
        _ target: AuthorisedIncident, affected: [AffectedAreaView.Municipality], context: KnooppuntContext, on db: Database
    ) async throws -> AuthorityView {
        let now = context.clock.now()
        let names = try await GovernanceDirectory.Names.load(gemeenten: affected.map(\.code), on: db)
        // Aanwijzingen of the minister this node received about the incident (decision 0020, M1).
        let aanwijzingen = try await Aanwijzingen.concerning(try target.incident.requireID(), on: db).map(\.core)
        var view = view(try PictureStore.decodeState(target.version), affected: affected, aanwijzingen: aanwijzingen, names: names, at: now)
        view.review = try await ScaleReviews(db: db, context: context).status(of: try target.incident.requireID(), at: now)
        return view
    }

    /// The gemeenten the incident's area lies in, for `user`: the area counts the plots the user sees
    /// up to internal (a confidential plot never shows through a gemeente's name).
    static func affectedMunicipalities(_ target: AuthorisedIncident, for user: CurrentUser, context: KnooppuntContext, on db: Database)
        async throws -> [AffectedAreaView.Municipality]
    {
        let plots = try await visiblePlots(target, for: user, onlyCurrent: true, context: context, on: db)
        let state = try PictureStore.decodeState(target.version)
        // Only the gemeenten: the affected area's partner list is not needed here (every page render asks).
        return try await AffectedAreaView.municipalities(incidentLocation: state.location, plots: plots, on: db).municipalities
    }

    /// The plot versions of the incident that `user` may count towards the area — up to internal (a
    /// confidential plot never shows through a gemeente's name) and visible to them: those in force
    /// now, or every version for the history.
    static func visiblePlots(
        _ target: AuthorisedIncident, for user: CurrentUser, onlyCurrent: Bool, context: KnooppuntContext, on db: Database,
        reader known: EntryReader? = nil
    ) async throws -> [PlotVersionModel] {
        let id = try target.incident.requireID()
        let reader: EntryReader
        if let known { reader = known } else {
            reader = try await AccessService.reader(user.subject, incident: id, scope: target.scope, at: context.clock.now(), on: db)
        }
        var query = PlotVersionModel.query(on: db).filter(\.$incidentID == id)
        if onlyCurrent { query = query.filter(\.$validTo == nil).filter(\.$removed == false) }
        return try await query.sort(\.$validFrom).all().filter {
            $0.classification != Classification.confidential.rawValue
                && reader.sees(classification: $0.classification, awaitingAdmission: false, author: $0.authorOrganisation)
        }
    }

    /// The authority `state` gives with the area of `plots` (those in force at the moment asked about),
    /// and the affected gemeenten it counted; `names` holds the gemeenten's and regions' names.
    static func derive(
        _ state: IncidentState, plots: [PlotVersionModel], names: GovernanceDirectory.Names, on db: Database, at moment: Date
    ) async throws -> (view: AuthorityView, gemeenten: [String]) {
        // Only the gemeenten: the affected area's partner list is not needed here (every page render asks).
        let affected = try await AffectedAreaView.municipalities(incidentLocation: state.location, plots: plots, on: db).municipalities
        return (view(state, affected: affected, names: names, at: moment), affected.map(\.code).sorted())
    }

    /// The authority over `state` when its area affects `affected`, as the API and pages show it.
    static func view(
        _ state: IncidentState, affected: [AffectedAreaView.Municipality], aanwijzingen: [Aanwijzing] = [],
        names: GovernanceDirectory.Names, at moment: Date
    ) -> AuthorityView {
        let authority = derive(state, affected: affected, aanwijzingen: aanwijzingen, at: moment)
        func named(_ label: LocalizedLabel) -> AuthorityView.LabelText {
            let called = names.callName(label)
            return AuthorityView.LabelText(nl: called.nl, en: called.en)
        }
        let holders = authority.holdings.map { holding -> AuthorityView.Holder in
            let (kind, gemeente, region): (String, String?, RegionCode?) =
                switch holding.holder {
                case .burgemeester(let gemeente): ("burgemeester", gemeente.rawValue, nil)
                case .voorzitter(let region): ("voorzitter", nil, region)
                case .coordinatingVoorzitter(let region): ("coordinerend-voorzitter", nil, region)
                case .minister: ("minister", nil, nil)
                }
            let isMinister = if case .minister = holding.holder { true } else { false }
            return .init(
                kind: kind, gemeente: gemeente, region: region, name: named(holding.holder.label), opperbevel: holding.opperbevel,
                boundByAanwijzing: holding.boundByAanwijzing.sorted(), decidesOnly: isMinister ? holding.matters.sorted() : nil)
        }
        return AuthorityView(
            rule: authority.rule.rawValue, explanation: named(authority.explanation), holders: holders, irbt: authority.irbt,
            significance: authority.significance, significanceFrom: state.significance == nil ? "grip" : "recorded",
            stage: authority.stage, declaration: state.effectiveDeclaration, opperbevel: authority.opperbevel,
            notes: authority.notes.map { named($0) }, violations: authority.violations.map(\.message), review: nil)
    }

    /// The authority over `state` when its area affects `affected` (significance, stage and ramp as the
    /// incident records them, the significance from GRIP until recorded), with the aanwijzingen of the
    /// minister this node received about it (M1).
    static func derive(_ state: IncidentState, affected: [AffectedAreaView.Municipality], aanwijzingen: [Aanwijzing] = [], at now: Date)
        -> CompetentAuthority
    {
        let municipalities = affected.compactMap { m in MunicipalityCode(m.code).map { AffectedMunicipality($0, in: m.region) } }
        return CompetentAuthority.derive(AuthorityFacts(state, affectedMunicipalities: municipalities, aanwijzingen: aanwijzingen), at: now)
    }

    /// The authority over `state` with the area of `plots`.
    static func derive(
        _ state: IncidentState, plots: [PlotVersionModel], aanwijzingen: [Aanwijzing] = [], on db: Database, at now: Date
    ) async throws -> CompetentAuthority {
        let affected = try await AffectedAreaView.municipalities(incidentLocation: state.location, plots: plots, on: db).municipalities
        return derive(state, affected: affected, aanwijzingen: aanwijzingen, at: now)
    }

    /// The authority that decides matters of the incident now (or of `state`, the incident as a change
    /// would leave it): the area of every plot up to internal, whoever wrote it (a confidential plot does
    /// not move authority through a name others could read).
    static func forDecisions(
        _ target: AuthorisedIncident, state: IncidentState? = nil, context: KnooppuntContext, on db: Database
    ) async throws -> CompetentAuthority {
        let now = context.clock.now()
        let plots = try await PictureStore(db: db, context: context).plots(of: try target.incident.requireID(), at: Microseconds.from(now))
            .filter { $0.classification != Classification.confidential.rawValue }
        let aanwijzingen = try await Aanwijzingen.concerning(try target.incident.requireID(), on: db).map(\.core)
        return try await derive(try state ?? PictureStore.decodeState(target.version), plots: plots, aanwijzingen: aanwijzingen, on: db, at: now)
    }
}
