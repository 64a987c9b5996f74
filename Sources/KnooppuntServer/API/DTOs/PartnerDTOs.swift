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
            "alertRules": AlertRule.fieldNames,
        ]
    }

    func registration(code: String) -> PartnerRegistration {
        PartnerRegistration(
            organisationCode: code, adoptionRegion: adoptionRegion, agreements: agreements.map(\.agreement),
            alertRules: alertRules ?? [])
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

    enum CodingKeys: String, CodingKey, CaseIterable {
        case coreTask, profile, regions, stage, defaultStatus, contacts, preconditions, test
    }

    var agreement: PartnerAgreement {
        PartnerAgreement(
            coreTask: coreTask, profile: profile, regions: regions, stage: stage, defaultStatus: defaultStatus,
            contacts: contacts ?? [], preconditions: preconditions ?? [:], test: test)
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
                test: agreement.test)
        }
        version = entry.version
        updatedAt = entry.updatedAt
        updatedBy = entry.updatedBy
    }
}

extension PartnerOverviewRow: Content {}
