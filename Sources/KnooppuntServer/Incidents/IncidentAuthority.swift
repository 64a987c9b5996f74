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
        let now = context.clock.now()
        let id = try target.incident.requireID()
        let plots = try await visiblePlots(target, for: user, onlyCurrent: true, context: context, on: db)
        var view = try await derive(try PictureStore.decodeState(target.version), plots: plots, regions: try await regionNames(on: db), on: db, at: now).view
        view.review = try await ScaleReviews(db: db, context: context).status(of: id, at: now)
        return view
    }

    /// The plot versions of the incident that `user` may count towards the area — up to internal (a
    /// confidential plot never shows through a gemeente's name) and visible to them: those in force
    /// now, or every version for the history.
    static func visiblePlots(
        _ target: AuthorisedIncident, for user: CurrentUser, onlyCurrent: Bool, context: KnooppuntContext, on db: Database
    ) async throws -> [PlotVersionModel] {
        let id = try target.incident.requireID()
        let reader = try await AccessService.reader(user.subject, incident: id, scope: target.scope, at: context.clock.now(), on: db)
        var query = PlotVersionModel.query(on: db).filter(\.$incidentID == id)
        if onlyCurrent { query = query.filter(\.$validTo == nil).filter(\.$removed == false) }
        return try await query.sort(\.$validFrom).all().filter {
            $0.classification != Classification.confidential.rawValue
                && reader.sees(classification: $0.classification, awaitingAdmission: false, author: $0.authorOrganisation)
        }
    }

    /// The authority `state` gives with the area of `plots` (those in force at the moment asked about),
    /// and the affected gemeenten it counted.
    static func derive(
        _ state: IncidentState, plots: [PlotVersionModel], regions: [String: String], on db: Database, at moment: Date
    ) async throws -> (view: AuthorityView, gemeenten: [String]) {
        // Only the gemeenten: the affected area's partner list is not needed here (every page render asks).
        let affected = try await AffectedAreaView.municipalities(incidentLocation: state.location, plots: plots, on: db).municipalities
        let municipalities = affected.compactMap { m in MunicipalityCode(m.code).map { AffectedMunicipality($0, in: m.region) } }
        let authority = CompetentAuthority.derive(AuthorityFacts(state, affectedMunicipalities: municipalities), at: moment)
        let gemeenten = Dictionary(affected.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        func named(_ label: LocalizedLabel) -> AuthorityView.LabelText {
            AuthorityView.LabelText(nl: names(in: label.nl, gemeenten, regions), en: names(in: label.en, gemeenten, regions))
        }
        let holders = authority.holdings.map { holding -> AuthorityView.Holder in
            let (kind, gemeente, region): (String, String?, RegionCode?) =
                switch holding.holder {
                case .burgemeester(let gemeente): ("burgemeester", gemeente.rawValue, nil)
                case .voorzitter(let region): ("voorzitter", nil, region)
                case .coordinatingVoorzitter(let region): ("coordinerend-voorzitter", nil, region)
                case .minister: ("minister", nil, nil)
                }
            return .init(kind: kind, gemeente: gemeente, region: region, name: named(holding.holder.label), opperbevel: holding.opperbevel)
        }
        let view = AuthorityView(
            rule: authority.rule.rawValue, explanation: named(authority.explanation), holders: holders, irbt: authority.irbt,
            significance: authority.significance, significanceFrom: state.significance == nil ? "grip" : "recorded",
            stage: authority.stage, declaration: state.effectiveDeclaration, opperbevel: authority.opperbevel,
            notes: authority.notes.map { named($0) }, violations: authority.violations.map(\.message), review: nil)
        return (view, affected.map(\.code).sorted())
    }

    /// Region names by code.
    static func regionNames(on db: Database) async throws -> [String: String] {
        Dictionary(
            try await RegionModel.query(on: db).all().compactMap { model in model.id.map { ($0, model.name) } },
            uniquingKeysWith: { first, _ in first })
    }

    /// Codes in a Core text (GM0363, VR13) replaced by the names people know them by.
    private static func names(in text: String, _ gemeenten: [String: String], _ regions: [String: String]) -> String {
        var result = text
        for (code, name) in gemeenten { result = result.replacingOccurrences(of: code, with: name) }
        for (code, name) in regions.sorted(by: { $0.key > $1.key }) { result = result.replacingOccurrences(of: code, with: name) }
        return result
    }
}
