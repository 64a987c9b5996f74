import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Who may see an incident beyond its regions, as use cases: linking a partner under its profile,
/// changing and ending a grant, breaking the glass. API and web call these with the same input types.
extension IncidentCommands {
    func link(in id: UUID, _ input: @autoclosure () throws -> LinkInput) async throws -> AccessGrantModel {
        // A kern partner brings a standby partner in through its own process (decision 0027 §9).
        if user.subject.isPartner { return try await bringIn(in: id, try input()) }
        let target = try await open(id, for: .manageAccess)
        let new = try await newLink(try input(), scope: target.scope, incident: id)
        return try await GrantStore(db: db, context: context).create(new, incident: id, by: user.author)
    }

    /// «Hierbij sluit de partner aan via een proces dat onder de zeggenschap valt van een andere (reeds
    /// aangesloten) partner» (001:L864-866): a kern partner, linked and active, links a standby partner under
    /// its own mandate; it reads the kern partner's theme unless told otherwise.
    private func bringIn(in id: UUID, _ body: LinkInput) async throws -> AccessGrantModel {
        let target = try await open(id, for: .bringInStandby)
        guard body.detachedHIN == nil, body.conditions == nil, body.organisationName == nil else {
            throw Problem.forbidden("an ad-hoc-aansluiting is the region's decision, recorded by its IM or HIN (001:L924-929)")
        }
        let own = Theme.partner(user.organisationCode).description
        if let named = body.underMandateOf, named != own {
            throw Problem.forbidden("a partner brings in a standby partner under its own mandate (\(own)), not under \(named.prefix(40))")
        }
        var input = body
        input.underMandateOf = own
        let new = try await newLink(input, scope: target.scope, incident: id)
        return try await GrantStore(db: db, context: context).create(new, incident: id, by: user.author)
    }

    /// A link under the profile of the partner's agreement in effect with the incident's regions; or, where
    /// the region decides it (a detached HIN and conditions named), an ad-hoc-aansluiting (decision 0027 §6).
    private func newLink(_ body: LinkInput, scope: IncidentScope, incident id: UUID) async throws -> GrantStore.NewGrant {
        guard let code = OrganisationCodeText.normalised(body.organisation) else {
            var problem = Problem.invalid("an organisation code is 2 to 20 letters A–Z, digits or hyphens, e.g. AMSTELHOF", field: "organisation")
            problem.dutch = "Een organisatiecode is 2 tot 20 letters (A–Z), cijfers of streepjes, bijvoorbeeld AMSTELHOF."
            throw problem
        }
        let adHocAsked = body.detachedHIN != nil || body.conditions != nil
        let registration = try await PartnerRegistrationModel.query(on: db).filter(\.$organisationCode == code).first()?.registration()
        let agreement = registration?.agreement(for: scope.involvedRegions, lead: scope.leadRegion, at: now)
        if agreement?.profile == .adHoc || (agreement == nil && adHocAsked) {
            return try await adHocLink(body, organisation: code, scope: scope)
        }
        if let agreement, adHocAsked {
            throw Problem.invalid(
                "\(code) has an agreement in effect under \(agreement.profile.rawValue); it is linked under that, not as an ad-hoc-aansluiting",
                field: "detachedHIN")
        }
        guard let registration else {
            throw Problem.invalid(
                "\(code) is not in the partner registry; record an ad-hoc-aansluiting (its 'conditions' and the 'detachedHIN'), or the chair breaks the glass",
                field: "organisation")
        }
        guard let agreement else {
            let regions = scope.involvedRegions.map(\.description).sorted().joined(separator: ", ")
            // Name why the agreements with these regions are not in effect (decision 0027).
            let why = registration.agreements.filter { !scope.involvedRegions.isDisjoint(with: $0.regions) }.map { $0.effect(at: now).label }
            var problem = Problem.invalid(
                "\(code) has no agreement in effect with \(regions)"
                    + (why.isEmpty ? "" : " (" + why.map(\.en).joined(separator: "; ") + ")")
                    + "; link it when an agreement is in werking, record an ad-hoc-aansluiting, or break the glass",
                field: "organisation")
            problem.dutch = "\(code) heeft geen afspraak van kracht met \(regions)"
                + (why.isEmpty ? "" : " (" + why.map(\.nl).joined(separator: "; ") + ")")
                + "; koppel de partner als een afspraak in werking is, leg een ad-hoc-aansluiting vast, of gebruik de noodtoegang."
            throw problem
        }
        let mandate = try await mandate(body.underMandateOf, for: agreement, incident: id)
        return GrantStore.NewGrant(
            organisation: code, kind: .link(agreement.profile), purpose: body.purpose, until: body.end(from: now),
            // Brought in through a process, the partner takes part at once (it reads that process's theme).
            status: body.status ?? (mandate != nil ? .active : agreement.defaultStatus), maxClassification: body.maxClassification,
            readScope: body.readScope, underMandateOf: mandate)
    }

    /// «Een veiligheidsregio bepaalt daarom of een ad-hoc-aansluiting kan worden ingezet en onder welke
    /// voorwaarden dit gebeurt» (001:L926-929): the IM or HIN records it for a named organisation, with the
    /// conditions and the HIN detached to it (a HIN or HIN gedetacheerd of an involved region), for a set
    /// time. It gives the organisation nothing to read or write; the detached HIN enters for it, and its
    /// liaison, if it has one, supplies for admission (decision 0027 §6, §8).
    private func adHocLink(_ body: LinkInput, organisation code: String, scope: IncidentScope) async throws -> GrantStore.NewGrant {
        // An organisation met for the first time is recorded with the aansluiting (kind "other"), in the same write.
        var newName: String?
        let givenName = (body.organisationName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let organisation = try await OrganisationModel.query(on: db).filter(\.$code == code).first() {
            guard organisation.kind != OrganisationKind.region.rawValue, organisation.kind != OrganisationKind.nationalNode.rawValue else {
                throw Problem.invalid("regions and the national node take part in an incident by being involved in it, not ad hoc", field: "organisation")
            }
            guard givenName.isEmpty || givenName == organisation.name else {
                var problem = Problem.invalid(
                    "\(code) is known already as \(organisation.name); leave 'organisationName' out", field: "organisationName")
                problem.dutch = "\(code) is al bekend als \(organisation.name); laat de naam leeg."
                throw problem
            }
        } else {
            // One line of visible text: no line breaks, tabs, or invisible format characters (RLO, BOM).
            let plain = !givenName.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }
            guard (2...200).contains(givenName.unicodeScalars.count), plain else {
                var problem = Problem.invalid(
                    "no organisation with code \(code); give its name ('organisationName', 2 to 200 characters on one line) to record it with the aansluiting",
                    field: "organisationName")
                problem.dutch = "\(code) is nog niet bekend: vul de naam van de organisatie in (2 tot 200 tekens, één regel)."
                throw problem
            }
            newName = givenName
        }
        guard body.readScope == nil, body.underMandateOf == nil, body.status == nil || body.status == .active else {
            throw Problem.invalid(
                "an ad-hoc-aansluiting has no read scope, mandate or standby status: the partner reads nothing itself", field: "readScope")
        }
        let conditions = (body.conditions ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...1000).contains(conditions.unicodeScalars.count) else {
            var problem = Problem.invalid(
                "an ad-hoc-aansluiting states the region's conditions ('conditions', 3 to 1000 characters)", field: "conditions")
            problem.dutch = "Vul de voorwaarden van de regio in (3 tot 1000 tekens)."
            throw problem
        }
        let username = (body.detachedHIN ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard !username.isEmpty, username.unicodeScalars.count <= 100 else {
            var problem = Problem.invalid("name the HIN the region detaches to \(code) ('detachedHIN', a username)", field: "detachedHIN")
            problem.dutch = "Kies de HIN die de regio detacheert."
            throw problem
        }
        let hin = try await UserModel.query(on: db).filter(\.$username == username).with(\.$organisation).first()
        guard let hin, hin.disabledAt == nil, hin.organisation.kind == OrganisationKind.region.rawValue,
            let region = hin.organisation.regionCode.flatMap(RegionCode.init), scope.involvedRegions.contains(region),
            let role = Role(rawValue: hin.role), [.hinGedetacheerd, .hoofdInformatie].contains(role)
        else {
            var problem = Problem.invalid(
                "'detachedHIN' must be an active HIN or HIN gedetacheerd of a region involved in this incident", field: "detachedHIN")
            problem.dutch = "De gedetacheerde HIN moet een actieve HIN of HIN gedetacheerd zijn van een regio die bij dit incident betrokken is."
            throw problem
        }
        return GrantStore.NewGrant(
            organisation: code, kind: .link(.adHoc), purpose: body.purpose, until: body.end(from: now), status: .active,
            maxClassification: body.maxClassification, detachedHIN: hin.username, conditions: conditions, newOrganisationName: newName)
    }

    /// Whose process a standby partner joins through (001:L853-871, decision 0027 §9): a discipline of the
    /// region, or a partner under kernsamenwerking linked to this incident (its grant in force).
    private func mandate(_ raw: String?, for agreement: PartnerAgreement, incident id: UUID) async throws -> Theme? {
        guard let raw else { return nil }
        guard agreement.profile == .standby else {
            throw Problem.invalid("only a standby partner joins through another party's process ('underMandateOf')", field: "underMandateOf")
        }
        guard let theme = Theme(raw), theme != .algemeen else {
            throw Problem.invalid(
                "'underMandateOf' is a discipline (brandweer, politie, geneeskundig, bevolkingszorg) or partner:CODE of a kern partner on this incident",
                field: "underMandateOf")
        }
        if case .partner(let code) = theme {
            let kern = try await AccessGrantModel.query(on: db).filter(\.$incidentID == id).filter(\.$organisationCode == code)
                .filter(\.$kind == "link").filter(\.$profile == CollaborationProfile.kern.rawValue).filter(\.$revokedAt == nil).all()
                .contains { (try? $0.grant().isActive(at: now)) == true }
            guard kern else {
                throw Problem.invalid("\(code) is not a partner under kernsamenwerking linked to this incident", field: "underMandateOf")
            }
        }
        return theme
    }

    func changeGrant(_ grantID: UUID, in id: UUID, _ input: @autoclosure () throws -> GrantChangeInput) async throws -> AccessGrantModel {
        _ = try await open(id, for: .manageAccess)
        let input = try input()
        guard input.status != nil || input.until != nil || input.readScope != nil else {
            throw Problem.invalid("give 'status' (monitoring or active), 'until' or 'readScope'")
        }
        return try await GrantStore(db: db, context: context).change(
            grantID, incident: id, status: input.status, until: input.until, readScope: input.readScope, by: user.author)
    }

    /// Ontkoppelen: the grant ends now. The IM ends links; the chair ends what the chair opened; a kern
    /// partner ends what it brought in under its own mandate.
    func revokeGrant(_ grantID: UUID, in id: UUID) async throws -> AccessGrantModel {
        let target = try await open(id, for: .read)
        let grant = try await AccessGrantModel.find(grantID, on: db)
        let manage = try await AccessService.decide(user.subject, .init(action: .manageAccess), incident: id, scope: target.scope, at: now, on: db)
        if !manage.decision.allowed {
            if grant?.kind == "break-glass" {
                try await IncidentAccess.require(user.subject, .init(action: .breakGlass), incident: id, scope: target.scope, on: db, at: now)
            } else if let mandate = grant?.underMandateOf, mandate == Theme.partner(user.organisationCode).description {
                try await IncidentAccess.require(user.subject, .init(action: .bringInStandby), incident: id, scope: target.scope, on: db, at: now)
            } else {
                throw Problem.forbidden(manage.decision.reason)
            }
        }
        return try await GrantStore(db: db, context: context).revoke(grantID, incident: id, by: user.author)
    }

    /// Opens the incident to a named organisation (the chair).
    func breakGlass(in id: UUID, _ input: @autoclosure () throws -> BreakGlassInput) async throws -> AccessGrantModel {
        _ = try await open(id, for: .breakGlass)
        let body = try input()
        let code = body.organisation.uppercased()
        guard let organisation = try await OrganisationModel.query(on: db).filter(\.$code == code).first() else {
            throw Problem.invalid("no organisation with code \(code)", field: "organisation")
        }
        guard organisation.kind != OrganisationKind.region.rawValue else {
            throw Problem.invalid("regions join an incident by being involved in it, not by breaking the glass", field: "organisation")
        }
        let until = body.end(from: now)
        try GrantStore.checkBreakGlass(until: until, now: now)
        return try await GrantStore(db: db, context: context).create(
            .init(organisation: code, kind: .breakGlass, purpose: body.reason, until: until, status: .active,
                  maxClassification: body.maxClassification),
            incident: id, by: user.author, purposeField: "reason")
    }
}

/// How long a grant runs: until a moment (`until`, RFC 3339) or for a number of hours (`hours`, 1–720),
/// exactly one of them.
protocol GrantPeriod {
    var until: Date? { get }
    var hours: Int? { get }
}

extension GrantPeriod {
    func checkPeriod() throws {
        switch (until, hours) {
        case (nil, nil), (.some, .some):
            throw Problem.invalid("give either 'until' (a moment) or 'hours' (1 to 720), one of them", field: "until")
        case (nil, let hours?) where !(1...720).contains(hours):
            throw Problem.invalid("field 'hours' must be 1 to 720", field: "hours")
        default: break
        }
    }

    /// The end of the grant for one that starts at `now`.
    func end(from now: Date) -> Date {
        until ?? now.addingTimeInterval(TimeInterval(hours ?? 0) * 3600)
    }
}

/// Links a registered partner under its agreement's profile, until a moment or for a number of hours.
struct LinkInput: StrictDecodable, GrantPeriod {
    var organisation: String
    var purpose: String
    var until: Date?
    var hours: Int?
    var status: PartnerStatus?
    var maxClassification: Classification?
    /// For a standby link: what it reads once admitted (decision 0027 §7); default the totaalbeeld.
    var readScope: ReadScope?
    /// A standby partner joining through another party's process (decision 0027 §9): a discipline or partner:CODE.
    var underMandateOf: String?
    /// An ad-hoc-aansluiting (decision 0027 §6): the username of the HIN the region detaches to the partner.
    var detachedHIN: String?
    /// An ad-hoc-aansluiting: the conditions the region sets, 3 to 1000 characters.
    var conditions: String?
    /// An ad-hoc-aansluiting with an organisation not yet known: its name, recorded with it.
    var organisationName: String?
    enum CodingKeys: String, CodingKey, CaseIterable {
        case organisation, purpose, until, hours, status, maxClassification, readScope, underMandateOf, detachedHIN, conditions
        case organisationName
    }
    func validate() throws { try checkPeriod() }
}

struct GrantChangeInput: StrictDecodable {
    var status: PartnerStatus?
    var until: Date?
    /// A standby link's read scope: "summary", "themes:brandweer,…" or "whole" (decision 0027 §7).
    var readScope: ReadScope?
    enum CodingKeys: String, CodingKey, CaseIterable { case status, until, readScope }
}

/// The chair opens an incident or a layer to a named organisation, until a moment or for a number of hours.
struct BreakGlassInput: StrictDecodable, GrantPeriod {
    var organisation: String
    var reason: String
    var until: Date?
    var hours: Int?
    var maxClassification: Classification?
    enum CodingKeys: String, CodingKey, CaseIterable { case organisation, reason, until, hours, maxClassification }
    func validate() throws { try checkPeriod() }
}

