import Foundation

/// The national partner overview (001 §2.5): which partner works under which profile with which
/// regions, which region is in talks with which partner, tested or not, and which region adopts whom.
/// One row per agreement.
public struct PartnerOverviewRow: Sendable, Equatable, Codable {
    public let partner: String
    public let name: String
    public let coreTask: CoreTask
    public let profile: CollaborationProfile
    public let regions: [RegionCode]
    public let reach: PartnerReach
    public let adoptionRegion: RegionCode?
    public let stage: AgreementStage
    /// Nil: not tested yet.
    public let testOutcome: TestOutcome?
    public let retestDate: Date?
    /// Preconditions met, of the profile's checklist.
    public let preconditionsMet: Int
    public let preconditionsTotal: Int

    /// Whether the agreement is in effect (decision 0027), and why or why not in words.
    public let inEffect: Bool
    public let effect: LocalizedLabel
    /// A provisional collaboration's re-test that is near or past (decision 0027 §5).
    public let retestFlag: DueFlag?
    /// The next evaluation moment with the adoptieregio, and whether it is near or past (§12).
    public let evaluationDue: Date?
    public let evaluationFlag: DueFlag?

    /// What the adoptieregio must act on for this agreement: its re-test and its evaluation, when flagged.
    public var deadlines: [AgreementDeadline] {
        AgreementDeadline.list(retest: retestFlag, evaluation: evaluationFlag)
    }

    /// "In talks": the agreements are still being explored or worked out.
    public var inTalks: Bool { stage == .verkenning || stage == .uitwerking }
}

public struct PartnerOverviewFilter: Sendable, Equatable {
    public var region: RegionCode?
    public var profile: CollaborationProfile?
    public var coreTask: CoreTask?
    /// `.some(nil)` asks for the untested ones.
    public var outcome: TestOutcome??

    public init(
        region: RegionCode? = nil, profile: CollaborationProfile? = nil, coreTask: CoreTask? = nil, outcome: TestOutcome?? = nil
    ) {
        self.region = region
        self.profile = profile
        self.coreTask = coreTask
        self.outcome = outcome
    }

    public func matches(_ row: PartnerOverviewRow) -> Bool {
        if let region, !row.regions.contains(region) { return false }
        if let profile, row.profile != profile { return false }
        if let coreTask, row.coreTask != coreTask { return false }
        if let outcome, row.testOutcome != outcome { return false }
        return true
    }
}

public enum PartnerOverview {
    public static func rows(_ partners: [(registration: PartnerRegistration, name: String)], at now: Date) -> [PartnerOverviewRow] {
        partners.flatMap { partner in
            partner.registration.agreements.map { agreement in
                let checklist = agreement.checklist
                let effect = agreement.effect(at: now)
                return PartnerOverviewRow(
                    partner: partner.registration.organisationCode, name: partner.name, coreTask: agreement.coreTask,
                    profile: agreement.profile, regions: agreement.regions.sorted(), reach: agreement.reach,
                    adoptionRegion: partner.registration.adoptionRegion, stage: agreement.stage,
                    testOutcome: agreement.standingTest?.outcome, retestDate: agreement.standingTest?.retestDate,
                    preconditionsMet: checklist.filter { $0.status == .met || $0.status == .notApplicable }.count,
                    preconditionsTotal: checklist.count, inEffect: effect.inEffect, effect: effect.label,
                    retestFlag: agreement.retestFlag(at: now), evaluationDue: agreement.evaluation?.nextDue,
                    evaluationFlag: agreement.evaluationFlag(at: now))
            }
        }
        .sorted { ($0.name, $0.coreTask) < ($1.name, $1.coreTask) }
    }

    private static func flag(_ flag: DueFlag?) -> String { flag.map { $0.isOverdue ? "overdue" : "due" } ?? "" }

    /// The overview as CSV (RFC 4180: commas, fields quoted where needed), with a header row.
    public static func csv(_ rows: [PartnerOverviewRow]) -> String {
        let header = [
            "partner", "name", "core_task", "profile", "regions", "reach", "adoption_region", "stage", "test_outcome",
            "retest_date", "preconditions_met", "preconditions_total", "in_effect", "retest_flag", "evaluation_due",
        ]
        let lines = rows.map { row in
            [
                row.partner, row.name, row.coreTask.rawValue, row.profile.rawValue,
                row.regions.map(\.rawValue).joined(separator: " "), row.reach.rawValue, row.adoptionRegion?.rawValue ?? "",
                row.stage.rawValue, row.testOutcome?.rawValue ?? "untested",
                row.retestDate.map { JournalTime.string(from: $0) } ?? "", "\(row.preconditionsMet)",
                "\(row.preconditionsTotal)", row.inEffect ? "yes" : "no",
                Self.flag(row.retestFlag), row.evaluationDue.map { JournalTime.string(from: $0) } ?? "",
            ]
        }
        return CSV.table(header: header, rows: lines)
    }
}
