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
            "agreements.test": ["richting", "inrichting", "verrichting", "outcome", "retestDate", "standpoint"],
            "agreements.test.richting": ["date", "finding"],
            "agreements.test.inrichting": ["date", "finding"],
            "agreements.test.verrichting": ["date", "finding"],
            "agreements.evaluation": ["intervalMonths", "nextDue"],
            "alertRules": AlertRule.fieldNames,
        ]
    }

    /// The registration this request describes; evaluations held on an agreement of `current` (same core
    /// task and profile) stay with it.
    func registration(code: String, current: PartnerRegistration? = nil) -> PartnerRegistration {
        let kept = agreements.map { request in
            var agreement = request.agreement
            if let held = current?.agreements.first(where: { $0.coreTask == agreement.coreTask && $0.profile == agreement.profile })?
                .evaluation?.history, !held.isEmpty
            {
                agreement.evaluation?.history = held
            }
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
        var contacts: [Contact]
        var checklist: [ChecklistItem]
        var test: TestRecord?
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
                defaultStatus: agreement.defaultStatus, inEffect: agreement.inEffect(at: now), contacts: agreement.contacts,
                checklist: agreement.checklist.map {
                    ChecklistItem(
                        key: $0.precondition.key, dimension: $0.precondition.dimension.rawValue,
                        label: $0.precondition.label.text(language), status: $0.status)
                },
                test: agreement.test, evaluation: agreement.evaluation)
        }
        version = entry.version
        updatedAt = entry.updatedAt
        updatedBy = entry.updatedBy
    }
}

extension PartnerOverviewRow: Content {}
