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
        /// The matters on which an aanwijzing of the minister binds this holder (002:L888-891).
        var boundByAanwijzing: [GovernanceMatter]
        /// For the minister: the matters of the aanwijzingen in force, the only ones the minister decides.
        var decidesOnly: [GovernanceMatter]?
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
    /// The authority over the incident as it stands now, for `user`: the area counts the plots the
    /// user sees up to internal (a confidential plot never shows through a gemeente's name).
    static func current(_ target: AuthorisedIncident, for user: CurrentUser, context: KnooppuntContext, on db: Database)
        async throws -> AuthorityView
    {
        let now = context.clock.now()
        let id = try target.incident.requireID()
        let reader = try await AccessService.reader(user.subject, incident: id, scope: target.scope, at: now, on: db)
        let plots = try await PictureStore(db: db, context: context).plots(of: id, at: Microseconds.from(now)).filter {
            $0.classification != Classification.confidential.rawValue
                && reader.sees(classification: $0.classification, awaitingAdmission: false, author: $0.authorOrganisation)
        }
        return try await current(target.incident, target.version, plots: plots, on: db, at: now)
    }

    /// The authority over `incident` as it stands now, for a reader who sees `plots`.
    static func current(
        _ incident: IncidentModel, _ version: IncidentVersionModel, plots: [PlotVersionModel], on db: Database, at now: Date
    ) async throws -> AuthorityView {
        let (authority, affected, significance) = try await derive(version, plots: plots, on: db, at: now)
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
            let isMinister = if case .minister = holding.holder { true } else { false }
            return .init(
                kind: kind, gemeente: gemeente, region: region, name: named(holding.holder.label), opperbevel: holding.opperbevel,
                boundByAanwijzing: holding.boundByAanwijzing.sorted(), decidesOnly: isMinister ? holding.matters.sorted() : nil)
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
        // Aanwijzingen of the minister this node received about the incident (decision 0020, M1).
        let aanwijzingen = try await Aanwijzingen.concerning(version.incidentID, on: db).map(\.core)
        return try await derive(try PictureStore.decodeState(version), plots: plots, aanwijzingen: aanwijzingen, on: db, at: now)
    }

    static func derive(
        _ state: IncidentState, plots: [PlotVersionModel], aanwijzingen: [Aanwijzing] = [], on db: Database, at now: Date
    ) async throws
        -> (authority: CompetentAuthority, affected: [AffectedAreaView.Municipality], significance: CrisisSignificance)
    {
        // Only the gemeenten: the affected area's partner list is not needed here (every page render asks).
        let affected = try await AffectedAreaView.municipalities(incidentLocation: state.location, plots: plots, on: db).municipalities
        let municipalities = affected.compactMap { m in MunicipalityCode(m.code).map { AffectedMunicipality($0, in: m.region) } }
        let significance: CrisisSignificance = state.grip >= .four ? .moreThanLocal : .local
        let authority = CompetentAuthority.derive(
            AuthorityFacts(state, significance: significance, affectedMunicipalities: municipalities, aanwijzingen: aanwijzingen), at: now)
        return (authority, affected, significance)
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
