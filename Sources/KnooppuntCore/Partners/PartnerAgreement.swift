import Foundation

/// One agreement between a crisis partner and one or more regions, for one core task (001 §2.1: a
/// partner with several core tasks can have separate agreements per core task).
public struct PartnerAgreement: Sendable, Equatable, Codable {
    public var coreTask: CoreTask
    public var profile: CollaborationProfile
    public var regions: [RegionCode]
    public var stage: AgreementStage
    /// The partner's status in incidents under this agreement: standby partners start monitoring.
    public var defaultStatus: PartnerStatus
    public var contacts: [Contact]
    /// Status per precondition of the profile's checklist (Tabel 3/4), by key.
    public var preconditions: [String: PreconditionStatus]
    public var test: TestRecord?
    /// The recurring evaluation moment between partner and adoptieregio (001:L1465-1475), required for
    /// supra-regional and national agreements in werking (decision 0027 §12).
    public var evaluation: EvaluationSchedule?

    public init(
        coreTask: CoreTask, profile: CollaborationProfile, regions: [RegionCode], stage: AgreementStage,
        defaultStatus: PartnerStatus? = nil, contacts: [Contact] = [], preconditions: [String: PreconditionStatus] = [:],
        test: TestRecord? = nil, evaluation: EvaluationSchedule? = nil
    ) {
        self.coreTask = coreTask
        self.profile = profile
        self.regions = regions
        self.stage = stage
        self.defaultStatus = defaultStatus ?? (profile == .standby ? .monitoring : .active)
        self.contacts = contacts
        self.preconditions = preconditions
        self.test = test
        self.evaluation = evaluation
    }

    /// How far this agreement reaches, from its own regions (Tabel 2 is per agreement route: a partner's
    /// one-region koppel agreement stays regional whatever its other agreements cover).
    public var reach: PartnerReach { PartnerReach.of(regionCount: regions.count) }

    /// The checklist of the profile, each item with its status (open when not yet recorded).
    public var checklist: [(precondition: Precondition, status: PreconditionStatus)] {
        Preconditions.checklist(for: profile).map { ($0, preconditions[$0.key] ?? .open) }
    }

    /// Whether the agreement is in effect and why (decision 0027). In effect only in werking, and then: a
    /// supra-regional or national agreement only on a standpoint that accepts it — «Toetsing is vereist voor
    /// bovenregionale en landelijke partners» (001:L2250-2252); a regional one also untested, «te bepalen
    /// door veiligheidsregio('s) en crisispartner zelf» (Tabel 2), shown as untested.
    ///
    /// This is the effect on record; `effect(at:)` adds time: a provisional (voorwaardelijk) collaboration
    /// lapses when its re-test date passes without a new standpoint.
    public var effectOnRecord: AgreementEffect {
        guard stage == .inWerking else { return .notInEffect(.stage(stage)) }
        switch test?.outcome {
        case let outcome? where outcome != .geenSamenwerking: return .inEffect(.tested(outcome))
        case .geenSamenwerking?: return .notInEffect(.rejected)
        default: return reach == .regionaal ? .inEffect(.regionalUntested) : .notInEffect(.untestedSupraRegional(reach))
        }
    }

    /// The effect at a moment: «een voorlopige samenwerking» (001:L2282-2296) holds until the re-test date
    /// the regiegroep set; after it, without a new standpoint, the agreement is no longer in effect
    /// (decision 0027 §5, the stricter reading).
    public func effect(at now: Date) -> AgreementEffect {
        let effect = effectOnRecord
        if case .inEffect(.tested(.voorwaardelijk)) = effect, let retest = test?.retestDate, retest <= now {
            return .notInEffect(.retestOverdue(retest))
        }
        return effect
    }

    public func inEffect(at now: Date) -> Bool { effect(at: now).inEffect }

    /// The re-test of a provisional collaboration that needs attention: within `RetestFlag.notice` of its
    /// date, or past it.
    public func retestFlag(at now: Date) -> DueFlag? {
        guard case .inEffect(.tested(.voorwaardelijk)) = effectOnRecord, let retest = test?.retestDate else { return nil }
        return DueFlag(retest, at: now, notice: DueFlag.retestNotice)
    }

    /// The evaluation moment when it is within thirty days or past (decision 0027 §12): flagged, never a lapse.
    public func evaluationFlag(at now: Date) -> DueFlag? {
        guard stage == .inWerking, let due = evaluation?.nextDue else { return nil }
        return DueFlag(due, at: now, notice: DueFlag.evaluationNotice)
    }

    /// What the adoptieregio must act on for this agreement now.
    public func deadlines(at now: Date) -> [AgreementDeadline] {
        AgreementDeadline.list(retest: retestFlag(at: now), evaluation: evaluationFlag(at: now))
    }
}

/// Something an adoptieregio must do for an agreement: a re-test or an evaluation.
public enum AgreementDeadline: Sendable, Equatable {
    case retest(DueFlag)
    case evaluation(DueFlag)

    /// The flagged ones of an agreement's re-test and evaluation, re-test first.
    public static func list(retest: DueFlag?, evaluation: DueFlag?) -> [AgreementDeadline] {
        [retest.map(Self.retest), evaluation.map(Self.evaluation)].compactMap { $0 }
    }

    public var flag: DueFlag {
        switch self {
        case .retest(let flag), .evaluation(let flag): flag
        }
    }

    public var label: LocalizedLabel {
        let day = DutchDay.string(flag.date)
        switch self {
        case .retest(.due): return LocalizedLabel(nl: "Hertoetsing vóór \(day)", en: "Re-test due by \(day)")
        case .retest(.overdue):
            return LocalizedLabel(
                nl: "Hertoetsing verlopen sinds \(day): niet meer van kracht", en: "Re-test overdue since \(day): no longer in effect")
        case .evaluation(.due): return LocalizedLabel(nl: "Evaluatiemoment op \(day)", en: "Evaluation due on \(day)")
        case .evaluation(.overdue): return LocalizedLabel(nl: "Evaluatie achterstallig sinds \(day)", en: "Evaluation overdue since \(day)")
        }
    }
}

/// The recurring evaluation of an agreement: «een terugkerend evaluatiemoment tussen crisispartner en
/// adoptieregio (met inbreng van alle betrokken veiligheidsregio’s)» (001:L1471-1475).
public struct EvaluationSchedule: Sendable, Equatable, Codable {
    public static let intervals = 3...36

    /// Months between evaluations.
    public var intervalMonths: Int
    public var nextDue: Date
    public var history: [Evaluation]

    public init(intervalMonths: Int, nextDue: Date, history: [Evaluation] = []) {
        self.intervalMonths = intervalMonths
        self.nextDue = nextDue
        self.history = history
    }
}

/// One evaluation held: when, which regions gave input, what was concluded, by whom.
public struct Evaluation: Sendable, Equatable, Codable {
    public var date: Date
    public var regionsHeard: [RegionCode]
    public var outcome: EvaluationOutcome
    public var notes: String
    public var by: String
    public var byName: String

    public init(date: Date, regionsHeard: [RegionCode], outcome: EvaluationOutcome, notes: String, by: String, byName: String) {
        self.date = date
        self.regionsHeard = regionsHeard
        self.outcome = outcome
        self.notes = notes
        self.by = by
        self.byName = byName
    }
}

public enum EvaluationOutcome: String, CaseIterable, Codable, Sendable {
    case voortzetten
    case bijstellen = "afspraken-bijstellen"
    case hertoetsing = "hertoetsing-nodig"
    case beeindigen

    public var label: LocalizedLabel {
        switch self {
        case .voortzetten: LocalizedLabel(nl: "Voortzetten", en: "Continue")
        case .bijstellen: LocalizedLabel(nl: "Afspraken bijstellen", en: "Adjust the agreements")
        case .hertoetsing: LocalizedLabel(nl: "Hertoetsing nodig", en: "Re-test needed")
        case .beeindigen: LocalizedLabel(nl: "Beëindigen", en: "End")
        }
    }
}

/// A day as Dutch pages and labels write it: dd-MM-yyyy in Amsterdam time, whatever the UI language.
public enum DutchDay {
    public static func string(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        let parts = calendar.dateComponents([.day, .month, .year], from: date)
        return String(format: "%02d-%02d-%04d", parts.day ?? 0, parts.month ?? 0, parts.year ?? 0)
    }
}

/// A date that needs attention: near (`due`, within the notice) or past (`overdue`).
public enum DueFlag: Sendable, Equatable, Codable {
    case due(Date)
    case overdue(Date)

    /// Sixty days' notice of a re-test: time to plan a toetsing with an exercise.
    public static let retestNotice: TimeInterval = 60 * 86_400
    /// Thirty days' notice of an evaluation: time to hear the regions involved.
    public static let evaluationNotice: TimeInterval = 30 * 86_400

    init?(_ date: Date, at now: Date, notice: TimeInterval) {
        if date <= now { self = .overdue(date) } else if date.timeIntervalSince(now) <= notice { self = .due(date) } else { return nil }
    }

    public var date: Date {
        switch self {
        case .due(let date), .overdue(let date): date
        }
    }

    public var isOverdue: Bool { if case .overdue = self { true } else { false } }

    private enum CodingKeys: String, CodingKey { case status, date }

    /// `{"status": "due" | "overdue", "date": …}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isOverdue ? "overdue" : "due", forKey: .status)
        try container.encode(date, forKey: .date)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let date = try container.decode(Date.self, forKey: .date)
        switch try container.decode(String.self, forKey: .status) {
        case "due": self = .due(date)
        case "overdue": self = .overdue(date)
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .status, in: container, debugDescription: "unknown status \(other)")
        }
    }
}

/// Whether an agreement is in effect, on what basis, or why not.
public enum AgreementEffect: Sendable, Equatable {
    case inEffect(Basis)
    case notInEffect(Reason)

    public enum Basis: Sendable, Equatable {
        /// On the regiegroep's standpoint after a toetsing (gecertificeerd or voorwaardelijk).
        case tested(TestOutcome)
        /// A regional agreement the region(s) and the partner put in effect without toetsing.
        case regionalUntested
    }

    public enum Reason: Sendable, Equatable {
        case stage(AgreementStage)
        case untestedSupraRegional(PartnerReach)
        case rejected
        /// A provisional collaboration whose re-test date passed.
        case retestOverdue(Date)
    }


    public var inEffect: Bool { if case .inEffect = self { true } else { false } }

    /// In words, for the overview and the refusal of a link.
    public var label: LocalizedLabel {
        switch self {
        case .inEffect(.tested(let outcome)):
            LocalizedLabel(nl: "Van kracht (\(outcome.label.nl.lowercased()))", en: "In effect (\(outcome.label.en.lowercased()))")
        case .inEffect(.regionalUntested):
            LocalizedLabel(nl: "Van kracht, ongetoetst", en: "In effect, not tested")
        case .notInEffect(.stage(let stage)):
            LocalizedLabel(nl: "Niet van kracht: \(stage.label.nl.lowercased())", en: "Not in effect: \(stage.label.en.lowercased())")
        case .notInEffect(.untestedSupraRegional(let reach)):
            LocalizedLabel(
                nl: "Niet van kracht: een \(reach.label.nl.lowercased())e afspraak vraagt toetsing en een standpunt van de regiegroep",
                en: "Not in effect: a \(reach.label.en.lowercased()) agreement needs toetsing and the regiegroep's standpoint")
        case .notInEffect(.rejected):
            LocalizedLabel(nl: "Niet van kracht: geen samenwerking volgens profiel", en: "Not in effect: not under this profile")
        case .notInEffect(.retestOverdue(let date)):
            LocalizedLabel(
                nl: "Niet van kracht: voorwaardelijke samenwerking, hertoetsing was uiterlijk \(DutchDay.string(date))",
                en: "Not in effect: conditional collaboration, re-test was due by \(DutchDay.string(date))")
        }
    }
}

/// A named contact point of the partner (Tabel 1: HIN or AC on call, liaison, decision-maker).
public struct Contact: Sendable, Equatable, Codable {
    public var role: ContactRole
    public var name: String
    public var phone: String?
    public var email: String?

    public init(role: ContactRole, name: String, phone: String? = nil, email: String? = nil) {
        self.role = role
        self.name = name
        self.phone = phone
        self.email = email
    }
}

/// The test (toetsing) of a collaboration: richting, inrichting and verrichting, the tester's advice and
/// the regiegroep's standpoint (001 §4).
public struct TestRecord: Sendable, Equatable, Codable {
    public struct Part: Sendable, Equatable, Codable {
        public var date: Date
        public var finding: String

        public init(date: Date, finding: String) {
            self.date = date
            self.finding = finding
        }
    }

    public var richting: Part?
    public var inrichting: Part?
    public var verrichting: Part?
    public var outcome: TestOutcome?
    /// Required when the outcome is conditional.
    public var retestDate: Date?
    /// The regiegroep's standpoint, taken by its chair.
    public var standpoint: String?

    public init(
        richting: Part? = nil, inrichting: Part? = nil, verrichting: Part? = nil, outcome: TestOutcome? = nil,
        retestDate: Date? = nil, standpoint: String? = nil
    ) {
        self.richting = richting
        self.inrichting = inrichting
        self.verrichting = verrichting
        self.outcome = outcome
        self.retestDate = retestDate
        self.standpoint = standpoint
    }
}

/// A crisis partner in the national registry: its agreements, and what follows from them.
public struct PartnerRegistration: Sendable, Equatable, Codable {
    public var organisationCode: String
    public var adoptionRegion: RegionCode?
    public var agreements: [PartnerAgreement]
    /// When the partner is alerted of an incident (alarmering).
    public var alertRules: [AlertRule]

    public init(
        organisationCode: String, adoptionRegion: RegionCode?, agreements: [PartnerAgreement], alertRules: [AlertRule] = []
    ) {
        self.organisationCode = organisationCode
        self.adoptionRegion = adoptionRegion
        self.agreements = agreements
        self.alertRules = alertRules
    }

    enum CodingKeys: String, CodingKey { case organisationCode, adoptionRegion, agreements, alertRules }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organisationCode = try container.decode(String.self, forKey: .organisationCode)
        adoptionRegion = try container.decodeIfPresent(RegionCode.self, forKey: .adoptionRegion)
        agreements = try container.decode([PartnerAgreement].self, forKey: .agreements)
        // Registrations stored before alerting existed have no rules.
        alertRules = try container.decodeIfPresent([AlertRule].self, forKey: .alertRules) ?? []
    }

    /// The first rule the incident matches, with why.
    public func alertMatch(_ incident: IncidentState) -> (rule: AlertRule, reason: String)? {
        for rule in alertRules {
            if let reason = rule.match(incident, for: self) { return (rule, reason) }
        }
        return nil
    }

    /// Whether an incident is relevant to the partner's core tasks and area, for its monitoring list:
    /// with alert rules, an incident any rule watches (category and area, whatever its GRIP); without,
    /// any incident in the regions of its agreements.
    public func isRelevant(_ incident: IncidentState) -> Bool {
        guard !alertRules.isEmpty else { return !Set(regions).isDisjoint(with: incident.involvedRegions) }
        return alertRules.contains { rule in
            (rule.categories.isEmpty || rule.categories.contains(incident.category))
                && !rule.area(of: self).isDisjoint(with: incident.involvedRegions)
        }
    }

    /// The contact point of a role (or the same function with or without "(piket)"), from the agreements.
    public func contact(_ role: ContactRole) -> Contact? {
        let contacts = agreements.flatMap(\.contacts)
        return contacts.first { $0.role == role } ?? contacts.first { role.equivalents.contains($0.role) }
    }

    /// Every region the partner works with, under any agreement.
    public var regions: [RegionCode] { Array(Set(agreements.flatMap(\.regions))).sorted() }

    public var coreTasks: [CoreTask] { Array(Set(agreements.map(\.coreTask))).sorted() }

    /// The widest reach of its agreements (not of their regions together: two regional agreements with
    /// different regions do not make a supra-regional partner).
    public var reach: PartnerReach { agreements.map(\.reach).max() ?? .regionaal }

    /// The profiles in effect with any of `regions` (what the access policy calls standing).
    public func standing(in regions: Set<RegionCode>, at now: Date) -> Set<CollaborationProfile> {
        Set(agreements.filter { $0.inEffect(at: now) && !regions.isDisjoint(with: $0.regions) }.map(\.profile))
    }

    /// The agreement in effect that covers one of `regions`, preferring the lead region's.
    public func agreement(for regions: Set<RegionCode>, lead: RegionCode, at now: Date) -> PartnerAgreement? {
        let candidates = agreements.filter { $0.inEffect(at: now) && !regions.isDisjoint(with: $0.regions) }
        return candidates.first { $0.regions.contains(lead) } ?? candidates.first
    }
}

/// Why a registration is not acceptable, in words that name the field.
public struct PartnerRuleViolation: Error, Equatable, Sendable {
    public let field: String
    public let message: String
}

public enum PartnerRules {
    public static func validate(_ registration: PartnerRegistration) throws(PartnerRuleViolation) {
        guard !registration.agreements.isEmpty else {
            throw PartnerRuleViolation(field: "agreements", message: "a partner needs at least one agreement")
        }
        for (index, agreement) in registration.agreements.enumerated() {
            try validate(agreement, field: "agreements[\(index)]")
        }
        let byTask = Dictionary(grouping: registration.agreements) { "\($0.coreTask.rawValue)" }
        for (task, agreements) in byTask {
            let regions = agreements.flatMap(\.regions)
            if Set(regions).count != regions.count {
                throw PartnerRuleViolation(
                    field: "agreements",
                    message: "core task \(task) has two agreements for the same region; one agreement per core task and region")
            }
        }
        for (index, rule) in registration.alertRules.enumerated() {
            try AlertRule.validate(rule, of: registration, field: "alertRules[\(index)]")
        }
        // Supra-regional and national agreements are made through one adoption region, which is one of
        // the regions of each such agreement (001 Tabel 2: «Via adoptieregio»).
        for (index, agreement) in registration.agreements.enumerated() where agreement.reach.needsAdoptionRegion {
            guard let adoption = registration.adoptionRegion else {
                throw PartnerRuleViolation(
                    field: "adoptionRegion",
                    message: "agreements[\(index)] covers \(agreement.regions.count) regions (\(agreement.reach.rawValue)) and needs an adoption region")
            }
            guard agreement.regions.contains(adoption) else {
                throw PartnerRuleViolation(
                    field: "adoptionRegion",
                    message: "the adoption region \(adoption) must be one of the regions of agreements[\(index)] (\(agreement.reach.rawValue))")
            }
        }
    }

    public static func validate(_ agreement: PartnerAgreement, field: String = "agreement") throws(PartnerRuleViolation) {
        guard agreement.coreTask.fittingProfiles.contains(agreement.profile) else {
            let fitting = agreement.coreTask.fittingProfiles.map(\.rawValue).joined(separator: ", ")
            throw PartnerRuleViolation(
                field: "\(field).profile",
                message: "\(agreement.profile.rawValue) does not fit core task \(agreement.coreTask.rawValue) (Tabel 1: \(fitting))")
        }
        guard !agreement.regions.isEmpty else {
            throw PartnerRuleViolation(field: "\(field).regions", message: "an agreement names at least one region")
        }
        let keys = Set(Preconditions.checklist(for: agreement.profile).map(\.key))
        if let unknown = agreement.preconditions.keys.sorted().first(where: { !keys.contains($0) }) {
            throw PartnerRuleViolation(
                field: "\(field).preconditions",
                message: "'\(unknown)' is not a precondition of \(agreement.profile.rawValue)")
        }
        for contact in agreement.contacts where contact.name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw PartnerRuleViolation(field: "\(field).contacts", message: "a contact point needs a name")
        }
        let roles = agreement.profile.contactRoles
        for (index, contact) in agreement.contacts.enumerated() where !roles.contains(contact.role) {
            throw PartnerRuleViolation(
                field: "\(field).contacts[\(index)].role",
                message: "contact role \(contact.role.rawValue) does not fit \(agreement.profile.rawValue) (Tabel 1: \(roles.map(\.rawValue).joined(separator: ", ")))")
        }
        if let test = agreement.test {
            if test.outcome == .voorwaardelijk, test.retestDate == nil {
                throw PartnerRuleViolation(
                    field: "\(field).test.retestDate", message: "a conditional outcome needs a re-test date")
            }
            if test.outcome != nil, test.verrichting == nil {
                throw PartnerRuleViolation(
                    field: "\(field).test.verrichting",
                    message: "an outcome is given after richting, inrichting and verrichting; verrichting is missing")
            }
        }
        if let evaluation = agreement.evaluation, !EvaluationSchedule.intervals.contains(evaluation.intervalMonths) {
            throw PartnerRuleViolation(
                field: "\(field).evaluation.intervalMonths", message: "an evaluation interval is 3 to 36 months")
        }
        // In werking is reached through the toetsing for supra-regional and national agreements, and
        // never after a standpoint that rejected the profile (decision 0027).
        if agreement.stage == .inWerking, case .notInEffect(let reason) = agreement.effectOnRecord {
            switch reason {
            case .untestedSupraRegional(let reach):
                throw PartnerRuleViolation(
                    field: "\(field).stage",
                    message: "a \(reach.rawValue) agreement goes in werking only after toetsing and the regiegroep's standpoint (001:L2250-2252); record the test first")
            case .rejected:
                throw PartnerRuleViolation(
                    field: "\(field).stage", message: "the standpoint rejected this profile (geen samenwerking); it cannot be in werking")
            case .stage, .retestOverdue:
                break
            }
        }
        if agreement.stage == .inWerking, agreement.reach.needsAdoptionRegion, agreement.evaluation == nil {
            throw PartnerRuleViolation(
                field: "\(field).evaluation",
                message: "a \(agreement.reach.rawValue) agreement in werking records its recurring evaluation moment with the adoptieregio (001:L1471-1475): an interval and the next date")
        }
    }
}

extension PartnerRules {
    /// Records an evaluation held on an agreement: the next moment follows by the interval; "beëindigen"
    /// takes the agreement out of werking (back to uitwerking, not in effect) — the parties ended it.
    public static func record(_ evaluation: Evaluation, on agreement: PartnerAgreement, field: String = "agreement") throws(PartnerRuleViolation)
        -> PartnerAgreement
    {
        guard var schedule = agreement.evaluation else {
            throw PartnerRuleViolation(field: "\(field).evaluation", message: "this agreement has no evaluation moment; record one first")
        }
        guard !evaluation.regionsHeard.isEmpty, Set(evaluation.regionsHeard).isSubset(of: agreement.regions) else {
            throw PartnerRuleViolation(
                field: "regionsHeard", message: "name the regions that gave input, from the agreement's regions")
        }
        var changed = agreement
        schedule.history.append(evaluation)
        let calendar = Calendar(identifier: .gregorian)
        schedule.nextDue = calendar.date(byAdding: .month, value: schedule.intervalMonths, to: evaluation.date) ?? schedule.nextDue
        changed.evaluation = schedule
        if evaluation.outcome == .beeindigen { changed.stage = .uitwerking }
        return changed
    }
}
