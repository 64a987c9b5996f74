import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Who holds bestuurlijk gezag over an incident now ("wie beslist nu"), as the API and the incident
/// page show it. Derived by `CompetentAuthority` (decision 0020) from what the incident records: its
/// GRIP level, regions and classification, and the gemeenten its area (location and area plots the
/// reader sees) lies in. Until an incident records its significance, the GRIP level stands for it:
/// lokaal (GRIP 0–3) is a crisis of local significance, regionaal and interregionaal (4–5) of more
/// than local significance — the Referentiekader GRIP's GBT/RBT split (decision 0020, [PK]).
struct AuthorityView: Content {
    struct Holder: Content {
        /// burgemeester, voorzitter, coordinerend-voorzitter or minister.
        var kind: String
        var gemeente: String?
        var region: RegionCode?
        /// Who, by name: "burgemeester van Amsterdam", "voorzitter van Amsterdam-Amstelland".
        var name: LabelText
        var opperbevel: Bool
    }

    /// A text in both languages of the product.
    struct LabelText: Content {
        var nl: String
        var en: String
    }

    var rule: String
    var explanation: LabelText
    var holders: [Holder]
    /// Two or more regions at GRIP 5: the voorzitters decide together in an IRBT.
    var irbt: Bool
    var significance: CrisisSignificance
    /// "grip" while the incident does not record its significance itself.
    var significanceFrom: String
    var notes: [LabelText]
    var violations: [String]
}

enum IncidentAuthority {
    /// The authority over the incident as it stands now, for `user`.
    static func current(_ target: AuthorisedIncident, for user: CurrentUser, context: KnooppuntContext, on db: Database)
        async throws -> AuthorityView
    {
        let affected = try await affectedMunicipalities(target, for: user, context: context, on: db)
        return try await current(target.version, affected: affected, on: db, at: context.clock.now())
    }

    /// The gemeenten the incident's area lies in, for `user`: the area counts the plots the user sees
    /// up to internal (a confidential plot never shows through a gemeente's name).
    static func affectedMunicipalities(_ target: AuthorisedIncident, for user: CurrentUser, context: KnooppuntContext, on db: Database)
        async throws -> [AffectedAreaView.Municipality]
    {
        let now = context.clock.now()
        let id = try target.incident.requireID()
        let reader = try await AccessService.reader(user.subject, incident: id, scope: target.scope, at: now, on: db)
        let plots = try await PictureStore(db: db, context: context).plots(of: id, at: Microseconds.from(now)).filter {
            $0.classification != Classification.confidential.rawValue
                && reader.sees(classification: $0.classification, awaitingAdmission: false, author: $0.authorOrganisation)
        }
        let state = try PictureStore.decodeState(target.version)
        // Only the gemeenten: the affected area's partner list is not needed here (every page render asks).
        return try await AffectedAreaView.municipalities(incidentLocation: state.location, plots: plots, on: db).municipalities
    }

    /// The authority over the incident in `version` as it stands now, given the gemeenten its area affects.
    static func current(_ version: IncidentVersionModel, affected: [AffectedAreaView.Municipality], on db: Database, at now: Date)
        async throws -> AuthorityView
    {
        let (authority, significance) = derive(try PictureStore.decodeState(version), affected: affected, at: now)
        let names = try await GovernanceDirectory.Names.load(gemeenten: affected.map(\.code), on: db)
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
            return .init(kind: kind, gemeente: gemeente, region: region, name: named(holding.holder.label), opperbevel: holding.opperbevel)
        }
        return AuthorityView(
            rule: authority.rule.rawValue, explanation: named(authority.explanation), holders: holders, irbt: authority.irbt,
            significance: significance, significanceFrom: "grip", notes: authority.notes.map { named($0) },
            violations: authority.violations.map(\.message))
    }

    /// The derived authority over an incident version for an area of `plots`, with the gemeenten found.
    static func derive(_ version: IncidentVersionModel, plots: [PlotVersionModel], on db: Database, at now: Date) async throws
        -> (authority: CompetentAuthority, affected: [AffectedAreaView.Municipality], significance: CrisisSignificance)
    {
        try await derive(try PictureStore.decodeState(version), plots: plots, on: db, at: now)
    }

    static func derive(_ state: IncidentState, plots: [PlotVersionModel], on db: Database, at now: Date) async throws
        -> (authority: CompetentAuthority, affected: [AffectedAreaView.Municipality], significance: CrisisSignificance)
    {
        // Only the gemeenten: the affected area's partner list is not needed here (every page render asks).
        let affected = try await AffectedAreaView.municipalities(incidentLocation: state.location, plots: plots, on: db).municipalities
        let (authority, significance) = derive(state, affected: affected, at: now)
        return (authority, affected, significance)
    }

    /// The authority over `state` when its area affects `affected`.
    static func derive(_ state: IncidentState, affected: [AffectedAreaView.Municipality], at now: Date)
        -> (authority: CompetentAuthority, significance: CrisisSignificance)
    {
        let municipalities = affected.compactMap { m in MunicipalityCode(m.code).map { AffectedMunicipality($0, in: m.region) } }
        let significance: CrisisSignificance = state.grip >= .four ? .moreThanLocal : .local
        let authority = CompetentAuthority.derive(
            AuthorityFacts(state, significance: significance, affectedMunicipalities: municipalities), at: now)
        return (authority, significance)
    }

    /// The authority that decides matters of the incident now: the area of every plot up to internal,
    /// whoever wrote it (a confidential plot does not move authority through a name others could read).
    static func forDecisions(_ target: AuthorisedIncident, context: KnooppuntContext, on db: Database) async throws
        -> CompetentAuthority
    {
        let now = context.clock.now()
        let plots = try await PictureStore(db: db, context: context).plots(of: try target.incident.requireID(), at: Microseconds.from(now))
            .filter { $0.classification != Classification.confidential.rawValue }
        return try await derive(target.version, plots: plots, on: db, at: now).authority
    }
}
