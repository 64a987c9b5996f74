import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The partner registry and the national overview. The access policy decides who reads and keeps it.
struct PartnersController: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        let partners = routes.grouped("partners")
        partners.get(use: list)
        partners.post(use: create)
        partners.get("overview", use: overview)
        partners.get(":partner", use: show)
        partners.put(":partner", use: replace)
        let agreement = partners.grouped(":partner", "agreements", ":agreement")
        agreement.post("evaluations") { try await Self.step($0, EvaluationRequest.self, Self.recordEvaluation) }
        agreement.post("toetsing", "parts") { try await Self.step($0, ToetsingPartRequest.self, Self.recordPart) }
        agreement.post("toetsing", "advice") { try await Self.step($0, AdviceRequest.self, Self.giveAdvice) }
        agreement.post("standpoint") { try await Self.step($0, StandpointRequest.self, Self.takeStandpoint) }
    }

    /// One step on one agreement through the API — an evaluation held, a toetsing's part or advice, the
    /// standpoint: the body read strictly, the same rule as the partner page's form, the registration back.
    static func step<Body: StrictDecodable>(
        _ req: Request, _ type: Body.Type,
        _ rule: (String, String, Body, CurrentUser, Request) async throws -> PartnerStore.Entry
    ) async throws -> PartnerDTO {
        let user = try req.requireUserExplaining()
        let saved = try await rule(try code(req), req.parameters.get("agreement") ?? "", try req.decodeStrict(type), user, req)
        return PartnerDTO(saved, language: req.uiLanguage, at: req.knooppunt.clock.now())
    }

    static func authorise(_ req: Request, _ action: RegistryAction, partner: String? = nil) throws -> CurrentUser {
        let user = try req.requireUserExplaining()
        let decision = AccessPolicy.decide(user.subject, action, partner: partner)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        return user
    }

    func list(req: Request) async throws -> [PartnerDTO] {
        _ = try Self.authorise(req, .readOverview)
        return try await PartnerStore(db: req.db, context: req.knooppunt).all().map { PartnerDTO($0, language: req.uiLanguage, at: req.knooppunt.clock.now()) }
    }

    func show(req: Request) async throws -> PartnerDTO {
        let code = try Self.code(req)
        _ = try Self.authorise(req, .readPartner, partner: code)
        guard let entry = try await PartnerStore(db: req.db, context: req.knooppunt).find(code) else {
            throw Problem.notFound("\(code) is not in the partner registry")
        }
        return PartnerDTO(entry, language: req.uiLanguage, at: req.knooppunt.clock.now())
    }

    func create(req: Request) async throws -> Response {
        let user = try Self.authorise(req, .manage)
        let body = try req.decodeStrict(PartnerRequest.self)
        guard let code = body.organisation?.uppercased(), !code.isEmpty else {
            throw Problem.invalid("field 'organisation' is required: the code of the partner organisation", field: "organisation")
        }
        guard body.baseVersion == nil else {
            throw Problem.invalid("a new registration has no baseVersion", field: "baseVersion")
        }
        let entry = try await PartnerStore(db: req.db, context: req.knooppunt).save(
            try body.registration(code: code), baseVersion: nil, by: user.author)
        let response = try await PartnerDTO(entry, language: req.uiLanguage, at: req.knooppunt.clock.now()).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/partners/\(code)")
        return response
    }

    func replace(req: Request) async throws -> PartnerDTO {
        let code = try Self.code(req)
        let user = try Self.authorise(req, .manage, partner: code)
        let body = try req.decodeStrict(PartnerRequest.self)
        if let organisation = body.organisation, organisation.uppercased() != code {
            throw Problem.invalid("field 'organisation' must be \(code), the partner in the path", field: "organisation")
        }
        guard let base = body.baseVersion else {
            throw Problem.invalid("field 'baseVersion' is required: the version this change replaces", field: "baseVersion")
        }
        let store = PartnerStore(db: req.db, context: req.knooppunt)
        let current = try await store.find(code)?.registration
        let entry = try await store.save(try body.registration(code: code, current: current), baseVersion: base, by: user.author)
        return PartnerDTO(entry, language: req.uiLanguage, at: req.knooppunt.clock.now())
    }


    /// One rule for the API and the partner page: who may record, which agreement, the evaluation itself.
    static func recordEvaluation(
        partner code: String, agreement raw: String, _ body: EvaluationRequest, by user: CurrentUser, on req: Request
    ) async throws -> PartnerStore.Entry {
        try body.validate()
        let now = req.knooppunt.clock.now()
        let date = body.date ?? now
        guard date <= now else { throw Problem.invalid("an evaluation is recorded after it was held: date is in the future", field: "date") }
        let evaluation = Evaluation(
            date: date, regionsHeard: body.regionsHeard, outcome: body.outcome, notes: body.notes ?? "", by: user.username,
            byName: user.displayName)
        return try await amend(partner: code, agreement: raw, .recordEvaluation, baseVersion: body.baseVersion, by: user, on: req) {
            agreement, field throws(PartnerRuleViolation) in
            try PartnerRules.record(evaluation, on: agreement, field: field)
        }
    }


    /// The toetser records richting, inrichting or verrichting (decision 0027 §3).
    static func recordPart(
        partner code: String, agreement raw: String, _ body: ToetsingPartRequest, by user: CurrentUser, on req: Request
    ) async throws -> PartnerStore.Entry {
        let now = req.knooppunt.clock.now()
        let part = TestRecord.Part(date: body.date ?? now, finding: body.finding.trimmingCharacters(in: .whitespacesAndNewlines))
        return try await amend(partner: code, agreement: raw, .recordToetsing, baseVersion: body.baseVersion, by: user, on: req) {
            agreement, _ throws(PartnerRuleViolation) in
            try PartnerRules.record(body.part, part, on: agreement, at: now)
        }
    }


    /// The toetser's advice after the three parts (decision 0027 §3), journaled as its own event.
    static func giveAdvice(
        partner code: String, agreement raw: String, _ body: AdviceRequest, by user: CurrentUser, on req: Request
    ) async throws -> PartnerStore.Entry {
        let advice = TestAdvice(
            outcome: body.outcome, reasons: body.reasons.trimmingCharacters(in: .whitespacesAndNewlines), by: user.username,
            byName: user.displayName, organisation: user.organisationCode, at: req.knooppunt.clock.now())
        let index = Int(raw)
        return try await amend(
            partner: code, agreement: raw, .recordToetsing, baseVersion: body.baseVersion, by: user, on: req,
            journal: { version in AdviceGiven(partner: code, agreement: index ?? 0, version: version, outcome: advice.outcome.rawValue) }
        ) { agreement, _ throws(PartnerRuleViolation) in
            try PartnerRules.advise(advice, on: agreement)
        }
    }


    /// The chair of the regiegroep takes the standpoint on the advice (decision 0027 §3), journaled as its own event.
    static func takeStandpoint(
        partner code: String, agreement raw: String, _ body: StandpointRequest, by user: CurrentUser, on req: Request
    ) async throws -> PartnerStore.Entry {
        let now = req.knooppunt.clock.now()
        let standpoint = Standpoint(
            outcome: body.outcome, argumentation: body.argumentation.trimmingCharacters(in: .whitespacesAndNewlines),
            mandate: body.mandate.trimmingCharacters(in: .whitespacesAndNewlines), retestDate: body.retestDate, by: user.username,
            byName: user.displayName, at: now, followsAdvice: false,
            alternative: body.alternative.map {
                AlternativeTerms(
                    profile: $0.profile, conditions: $0.conditions.trimmingCharacters(in: .whitespacesAndNewlines),
                    preconditions: Array($0.preconditions.prefix(64)))
            })
        let index = Int(raw)
        return try await amend(
            partner: code, agreement: raw, .takeStandpoint, baseVersion: body.baseVersion, by: user, on: req,
            journal: { version in StandpointTaken(partner: code, agreement: index ?? 0, version: version, outcome: standpoint.outcome.rawValue) }
        ) { agreement, _ throws(PartnerRuleViolation) in
            try PartnerRules.take(standpoint, on: agreement, at: now)
        }
    }

    /// Changes one agreement of a registration under `action` of the access policy: the partner and the
    /// agreement must exist, the rule's refusals name their field, the new version is journaled (and
    /// `journal`'s event with it).
    static func amend(
        partner code: String, agreement raw: String, _ action: RegistryAction, baseVersion: Int, by user: CurrentUser, on req: Request,
        journal: (@Sendable (Int) -> any JournalEvent)? = nil,
        _ change: (PartnerAgreement, String) throws(PartnerRuleViolation) -> PartnerAgreement
    ) async throws -> PartnerStore.Entry {
        let store = PartnerStore(db: req.db, context: req.knooppunt)
        guard let entry = try await store.find(code) else { throw Problem.notFound("\(code) is not in the partner registry") }
        let decision = AccessPolicy.decide(user.subject, action, partner: code, adoptionRegion: entry.registration.adoptionRegion)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        guard let index = Int(raw), entry.registration.agreements.indices.contains(index) else {
            throw Problem.notFound("\(code) has no agreement \(raw.prefix(20)); agreements are numbered from 0 in the order of the registration")
        }
        var registration = entry.registration
        do throws(PartnerRuleViolation) {
            registration.agreements[index] = try change(registration.agreements[index], "agreements[\(index)]")
        } catch {
            throw Problem.invalid(error.message, field: error.field)
        }
        return try await store.save(registration, baseVersion: baseVersion, by: user.author, also: journal)
    }

    /// The national overview, one row per agreement, as JSON or (`?format=csv`) CSV.
    func overview(req: Request) async throws -> Response {
        _ = try Self.authorise(req, .readOverview)
        let filter = try Self.filter(req)
        let rows = try await Self.overviewRows(req, filter: filter)
        switch req.query[String.self, at: "format"] ?? "json" {
        case "json":
            return try await rows.encodeResponse(for: req)
        case "csv":
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"partneroverzicht.csv\"")
            return Response(status: .ok, headers: headers, body: .init(string: PartnerOverview.csv(rows)))
        case let other:
            throw Problem.badRequest("'\(other)' is not a format; use json or csv")
        }
    }

    static func overviewRows(_ req: Request, filter: PartnerOverviewFilter) async throws -> [PartnerOverviewRow] {
        let entries = try await PartnerStore(db: req.db, context: req.knooppunt).all()
        return PartnerOverview.rows(entries.map { ($0.registration, $0.name) }, at: req.knooppunt.clock.now()).filter(filter.matches)
    }

    static func filter(_ req: Request) throws -> PartnerOverviewFilter {
        var filter = PartnerOverviewFilter()
        filter.region = try IncidentRequest.enumQuery(req, "region", RegionCode.self) { RegionCode($0.uppercased()) }
        filter.profile = try IncidentRequest.enumQuery(req, "profile", CollaborationProfile.self) { CollaborationProfile(rawValue: $0) }
        filter.coreTask = try IncidentRequest.enumQuery(req, "coreTask", CoreTask.self) { CoreTask(rawValue: $0.uppercased()) }
        if let text = req.query[String.self, at: "outcome"], !text.isEmpty {
            if text == "untested" {
                filter.outcome = .some(nil)
            } else if let outcome = TestOutcome(rawValue: text) {
                filter.outcome = .some(outcome)
            } else {
                throw Problem.badRequest("'\(text)' is not a valid outcome; use gecertificeerd, voorwaardelijk, geen-samenwerking or untested")
            }
        }
        return filter
    }

    static func code(_ req: Request) throws -> String {
        guard let code = req.parameters.get("partner")?.uppercased(), code.count <= 40 else {
            throw Problem.badRequest("the partner code is missing or too long")
        }
        return code
    }
}
