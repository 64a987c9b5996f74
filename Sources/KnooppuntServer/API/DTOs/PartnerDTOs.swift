import Foundation
import KnooppuntCore
import Vapor

/// A partner registration as written through the API. Omitted lists are empty; a standby agreement
/// starts in monitoring status unless told otherwise.
struct PartnerRequest: StrictDecodable {
    var organisation: String?
    var baseVersion: Int?
    var adoptionRegion: RegionCode?
    var agreements: [AgreementRequest]
    var alertRules: [AlertRule]?

    enum CodingKeys: String, CodingKey, CaseIterable { case organisation, baseVersion, adoptionRegion, agreements, alertRules }

    static var nestedFields: [String: [String]] {
        [
            "agreements": AgreementRequest.CodingKeys.allCases.map(\.stringValue),
            "agreements.contacts": ["role", "name", "phone", "email"],
            "agreements.test": ["richting", "inrichting", "verrichting", "advice", "standpoint"],
            "agreements.test.richting": ["date", "finding"],
            "agreements.test.inrichting": ["date", "finding"],
            "agreements.test.verrichting": ["date", "finding"],
            "agreements.test.advice": ["outcome", "reasons", "by", "byName", "organisation", "at"],
            "agreements.test.standpoint": ["outcome", "argumentation", "mandate", "retestDate", "by", "byName", "at", "followsAdvice", "alternative"],
            "agreements.test.standpoint.alternative": ["profile", "conditions", "preconditions"],
            "agreements.evaluation": ["intervalMonths", "nextDue"],
            "alertRules": AlertRule.fieldNames,
        ]
    }

    /// The registration this request describes. What others record on an agreement of `current` (same core
    /// task and profile) stays with it: evaluations held, and the toetsing — written only by the toetser and
    /// the regiegroep's chair (decision 0027 §3), so a `test` that differs from the one on record is refused.
    func registration(code: String, current: PartnerRegistration? = nil) throws -> PartnerRegistration {
        let kept = try agreements.enumerated().map { index, request in
            var agreement = request.agreement
            let stored = current?.agreements.first { $0.coreTask == agreement.coreTask && $0.profile == agreement.profile }
            if let held = stored?.evaluation?.history, !held.isEmpty {
                agreement.evaluation?.history = held
            }
            if request.test != nil, request.test != stored?.test {
                var problem = Problem.forbidden(
                    "agreements[\(index)].test: a toetsing is recorded by the toetser and the standpoint by the chair of the regiegroep "
                        + "(001:L2238-2270), through /api/v1/partners/\(code)/agreements/{n}/toetsing and …/standpoint; leave 'test' out or send it as it is")
                problem.dutch = "Een toetsing legt de toetser vast en het standpunt de voorzitter van de regiegroep; het beheer van het register wijzigt die niet."
                throw problem
            }
            agreement.test = stored?.test
            agreement.earlierTests = stored?.earlierTests
            return agreement
        }
        return PartnerRegistration(organisationCode: code, adoptionRegion: adoptionRegion, agreements: kept, alertRules: alertRules ?? [])
    }
}

/// An evaluation held on an agreement, as the adoptieregio records it.
struct EvaluationRequest: StrictDecodable {
    var baseVersion: Int
    var date: Date?
    var regionsHeard: [RegionCode]
    var outcome: EvaluationOutcome
    var notes: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, date, regionsHeard, outcome, notes }

    static var nestedFields: [String: [String]] { [:] }

    func validate() throws {
        if let notes, notes.count > 4_000 { throw Problem.invalid("notes are at most 4,000 characters", field: "notes") }
        if regionsHeard.count > RegionCode.all.count { throw Problem.invalid("at most 25 regions", field: "regionsHeard") }
    }
}

struct AgreementRequest: Decodable, Sendable {
    var coreTask: CoreTask
    var profile: CollaborationProfile
    var regions: [RegionCode]
    var stage: AgreementStage
    var defaultStatus: PartnerStatus?
    var contacts: [Contact]?
    var preconditions: [String: PreconditionStatus]?
    var test: TestRecord?
    /// The evaluation moment: interval and next date. Its history is written by recording evaluations and
    /// kept when the registration is changed.
    var evaluation: EvaluationMoment?

    struct EvaluationMoment: Decodable, Sendable {
        var intervalMonths: Int
        var nextDue: Date
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case coreTask, profile, regions, stage, defaultStatus, contacts, preconditions, test, evaluation
    }

    var agreement: PartnerAgreement {
        PartnerAgreement(
            coreTask: coreTask, profile: profile, regions: regions, stage: stage, defaultStatus: defaultStatus,
            contacts: contacts ?? [], preconditions: preconditions ?? [:], test: test,
            evaluation: evaluation.map { EvaluationSchedule(intervalMonths: $0.intervalMonths, nextDue: $0.nextDue) })
    }
}

struct PartnerDTO: Content {
    struct ChecklistItem: Content {
        var key: String
        var dimension: String
        var label: String
        var status: PreconditionStatus
    }

    struct AgreementDTO: Content {
        var coreTask: CoreTask
        var profile: CollaborationProfile
        var regions: [RegionCode]
        var reach: PartnerReach
        var stage: AgreementStage
        var defaultStatus: PartnerStatus
        var inEffect: Bool
        /// The profile it works under: the chosen one, or after "nee, maar" the other terms' (decision 0027 §4).
        var effectiveProfile: CollaborationProfile
        var contacts: [Contact]
        var checklist: [ChecklistItem]
        var test: TestRecord?
        /// Earlier toetsingen, oldest first (a re-test keeps the previous one).
        var earlierTests: [TestRecord]?
        var evaluation: EvaluationSchedule?
    }

    var organisation: String
    var name: String
    var reach: PartnerReach
    var regions: [RegionCode]
    var coreTasks: [CoreTask]
    var adoptionRegion: RegionCode?
    var agreements: [AgreementDTO]
    var alertRules: [AlertRule]
    var version: Int
    var updatedAt: Date
    var updatedBy: String

    init(_ entry: PartnerStore.Entry, language: KnooppuntCore.Language = .nl, at now: Date) {
        let registration = entry.registration
        organisation = registration.organisationCode
        name = entry.name
        reach = registration.reach
        regions = registration.regions
        coreTasks = registration.coreTasks
        adoptionRegion = registration.adoptionRegion
        alertRules = registration.alertRules
        agreements = registration.agreements.map { agreement in
            AgreementDTO(
                coreTask: agreement.coreTask, profile: agreement.profile, regions: agreement.regions, reach: agreement.reach, stage: agreement.stage,
                defaultStatus: agreement.defaultStatus, inEffect: agreement.inEffect(at: now), effectiveProfile: agreement.effectiveProfile,
                contacts: agreement.contacts,
                checklist: agreement.checklist.map {
                    ChecklistItem(
                        key: $0.precondition.key, dimension: $0.precondition.dimension.rawValue,
                        label: $0.precondition.label.text(language), status: $0.status)
                },
                test: agreement.test, earlierTests: agreement.earlierTests, evaluation: agreement.evaluation)
        }
        version = entry.version
        updatedAt = entry.updatedAt
        updatedBy = entry.updatedBy
    }
}

extension PartnerOverviewRow: Content {}

/// `POST …/agreements/{n}/toetsing/parts`: the toetser records richting, inrichting or verrichting.
struct ToetsingPartRequest: StrictDecodable {
    var baseVersion: Int
    var part: TestComponent
    var date: Date?
    var finding: String

    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, part, date, finding }
}

/// `POST …/agreements/{n}/toetsing/advice`: the toetser's advice after the three parts.
struct AdviceRequest: StrictDecodable {
    var baseVersion: Int
    var outcome: TestOutcome
    var reasons: String

    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, outcome, reasons }
}

/// `POST …/agreements/{n}/standpoint`: the chair of the regiegroep's standpoint on the advice.
struct StandpointRequest: StrictDecodable {
    var baseVersion: Int
    var outcome: TestOutcome
    var argumentation: String
    var mandate: String
    var retestDate: Date?
    /// "Nee, maar": the other terms, with a geen-samenwerking standpoint only (decision 0027 §4).
    var alternative: AlternativeTerms?

    enum CodingKeys: String, CodingKey, CaseIterable { case baseVersion, outcome, argumentation, mandate, retestDate, alternative }
    static var nestedFields: [String: [String]] { ["alternative": ["profile", "conditions", "preconditions"]] }
}
