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
    /// The current (latest) toetsing.
    public var test: TestRecord?
    /// Earlier toetsingen, oldest first: a re-test starts a new one and keeps the previous (decision 0027 §3).
    public var earlierTests: [TestRecord]?
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
        switch standingTest?.outcome {
        case let outcome? where outcome != .geenSamenwerking: return .inEffect(.tested(outcome))
        case .geenSamenwerking?:
            if let alternative = standingTest?.standpoint?.alternative { return .inEffect(.alternativeTerms(alternative.profile)) }
            return .notInEffect(.rejected)
        default: return reach == .regionaal ? .inEffect(.regionalUntested) : .notInEffect(.untestedSupraRegional(reach))
        }
    }

    /// The effect at a moment: «een voorlopige samenwerking» (001:L2282-2296) holds until the re-test date
    /// the regiegroep set; after it, without a new standpoint, the agreement is no longer in effect
    /// (decision 0027 §5, the stricter reading).
    public func effect(at now: Date) -> AgreementEffect {
        let effect = effectOnRecord
        if case .inEffect(.tested(.voorwaardelijk)) = effect, let retest = standingTest?.retestDate, retest <= now {
            return .notInEffect(.retestOverdue(retest))
        }
        return effect
    }

    public func inEffect(at now: Date) -> Bool { effect(at: now).inEffect }

    /// The profile the agreement works under: the chosen one, or after "nee, maar" the narrower profile of
    /// the regiegroep's alternative terms (decision 0027 §4).
    public var effectiveProfile: CollaborationProfile {
        if case .inEffect(.alternativeTerms(let profile)) = effectOnRecord { return profile }
        return profile
    }

    /// The agreement as it works: under its effective profile.
    public var asInEffect: PartnerAgreement {
        var working = self
        working.profile = effectiveProfile
        return working
    }

    /// The toetsing whose standpoint stands: the current one once its standpoint is taken; during a re-test
    /// (a new toetsing without a standpoint yet) the previous one — a standpoint holds until the next.
    public var standingTest: TestRecord? {
        if let test, test.outcome != nil { return test }
        return earlierTests?.last { $0.outcome != nil }
    }

    /// The re-test of a provisional collaboration that needs attention: within `RetestFlag.notice` of its
    /// date, or past it.
    public func retestFlag(at now: Date) -> DueFlag? {
        guard case .inEffect(.tested(.voorwaardelijk)) = effectOnRecord, let retest = standingTest?.retestDate else { return nil }
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
        /// "Nee, maar": under the narrower profile of the regiegroep's alternative terms.
        case alternativeTerms(CollaborationProfile)
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
        case .inEffect(.alternativeTerms(let profile)):
            LocalizedLabel(
                nl: "Van kracht volgens andere randvoorwaarden: \(profile.label.nl.lowercased())",
                en: "In effect under other terms: \(profile.label.en.lowercased())")
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

/// One toetsing of a collaboration (001 §4): richting, inrichting and verrichting and the independent
/// tester's **advice**, then the **standpoint** the chair of the regiegroep takes on it «met mandaat van de
/// directeuren Veiligheidsregio» (001:L2238-2270) — two records by two roles (decision 0027 §3). Only the
/// standpoint puts an agreement in effect.
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
    /// The toetsingspartij's advice, after the three parts.
    public var advice: TestAdvice?
    /// The regiegroep's standpoint on the advice.
    public var standpoint: Standpoint?
    /// Before advice and standpoint were two records, a test held one outcome, its re-test date and the
    /// standpoint as text; registrations were moved to the two records (M0039), and journal entries of that
    /// time read back exactly as they were written. Never written now.
    public var legacyOutcome: TestOutcome?
    public var legacyRetestDate: Date?
    public var legacyStandpoint: String?

    public init(
        richting: Part? = nil, inrichting: Part? = nil, verrichting: Part? = nil, advice: TestAdvice? = nil,
        standpoint: Standpoint? = nil
    ) {
        self.richting = richting
        self.inrichting = inrichting
        self.verrichting = verrichting
        self.advice = advice
        self.standpoint = standpoint
    }

    /// The outcome that counts: the standpoint's (the advice alone decides nothing).
    public var outcome: TestOutcome? { standpoint?.outcome ?? legacyOutcome }
    /// The re-test date of a provisional collaboration, set with the standpoint.
    public var retestDate: Date? { standpoint?.retestDate ?? legacyRetestDate }

    public func part(_ component: TestComponent) -> Part? {
        switch component {
        case .richting: richting
        case .inrichting: inrichting
        case .verrichting: verrichting
        }
    }

    public mutating func set(_ component: TestComponent, _ part: Part) {
        switch component {
        case .richting: richting = part
        case .inrichting: inrichting = part
        case .verrichting: verrichting = part
        }
    }

    /// Richting, inrichting and verrichting are all recorded.
    public var partsComplete: Bool { TestComponent.allCases.allSatisfy { part($0) != nil } }

    /// The test as the two records hold it: a legacy test becomes an advice and a standpoint with the same
    /// outcome, dated at its verrichting (or `fallback`), by Knooppunt (decision 0027 §3, M0039).
    public func movedToTwoRecords(fallback: Date) -> TestRecord {
        guard let outcome = legacyOutcome, advice == nil, standpoint == nil else { return self }
        let at = verrichting?.date ?? inrichting?.date ?? richting?.date ?? fallback
        var moved = TestRecord(richting: richting, inrichting: inrichting, verrichting: verrichting)
        moved.advice = TestAdvice(
            outcome: outcome, reasons: "Vastgelegd vóór advies en standpunt gescheiden werden (besluit 0027 §3).", by: "system",
            byName: "Knooppunt", organisation: "", at: at)
        moved.standpoint = Standpoint(
            outcome: outcome, argumentation: legacyStandpoint ?? "Vastgelegd vóór advies en standpunt gescheiden werden.",
            mandate: "Niet vastgelegd (vóór besluit 0027 §3)", retestDate: legacyRetestDate, by: "system", byName: "Knooppunt",
            at: at, followsAdvice: true)
        return moved
    }

    enum CodingKeys: String, CodingKey { case richting, inrichting, verrichting, advice, standpoint, outcome, retestDate }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        richting = try container.decodeIfPresent(Part.self, forKey: .richting)
        inrichting = try container.decodeIfPresent(Part.self, forKey: .inrichting)
        verrichting = try container.decodeIfPresent(Part.self, forKey: .verrichting)
        advice = try container.decodeIfPresent(TestAdvice.self, forKey: .advice)
        legacyOutcome = try container.decodeIfPresent(TestOutcome.self, forKey: .outcome)
        legacyRetestDate = try container.decodeIfPresent(Date.self, forKey: .retestDate)
        if let text = try? container.decodeIfPresent(String.self, forKey: .standpoint) {
            legacyStandpoint = text
        } else {
            standpoint = try container.decodeIfPresent(Standpoint.self, forKey: .standpoint)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(richting, forKey: .richting)
        try container.encodeIfPresent(inrichting, forKey: .inrichting)
        try container.encodeIfPresent(verrichting, forKey: .verrichting)
        try container.encodeIfPresent(advice, forKey: .advice)
        if let standpoint {
            try container.encode(standpoint, forKey: .standpoint)
        } else {
            try container.encodeIfPresent(legacyStandpoint, forKey: .standpoint)
        }
        try container.encodeIfPresent(legacyOutcome, forKey: .outcome)
        try container.encodeIfPresent(legacyRetestDate, forKey: .retestDate)
    }
}

/// The toetsingspartij's advice: «een onderbouwd advies aan de voorzitter van de regiegroep» (001:L2238-2246).
public struct TestAdvice: Sendable, Equatable, Codable {
    public var outcome: TestOutcome
    public var reasons: String
    /// Username, display name and organisation of the toetser.
    public var by: String
    public var byName: String
    public var organisation: String
    public var at: Date

    public init(outcome: TestOutcome, reasons: String, by: String, byName: String, organisation: String, at: Date) {
        self.outcome = outcome
        self.reasons = reasons
        self.by = by
        self.byName = byName
        self.organisation = organisation
        self.at = at
    }
}

/// The regiegroep's standpoint: «een formeel en beargumenteerd standpunt» of its chair «met mandaat van de
/// directeuren Veiligheidsregio» (001:L2002-2009, L2266-2270).
public struct Standpoint: Sendable, Equatable, Codable {
    public var outcome: TestOutcome
    public var argumentation: String
    /// The mandate it rests on, as the chair names it ("Mandaat RDVR 2017").
    public var mandate: String
    /// A provisional (voorwaardelijk) collaboration's re-test date (001:L2282-2296).
    public var retestDate: Date?
    public var by: String
    public var byName: String
    public var at: Date
    /// Whether the chair took over the advice (001:L2272 «Indien de regiegroep het advies … overneemt»).
    public var followsAdvice: Bool
    /// "Nee, maar": with a geen-samenwerking standpoint, the more accessible terms the regiegroep sets under
    /// which the parties still work together (001:L2227-2233, L2306-2308; decision 0027 §4).
    public var alternative: AlternativeTerms?

    public init(
        outcome: TestOutcome, argumentation: String, mandate: String, retestDate: Date? = nil, by: String, byName: String, at: Date,
        followsAdvice: Bool, alternative: AlternativeTerms? = nil
    ) {
        self.outcome = outcome
        self.argumentation = argumentation
        self.mandate = mandate
        self.retestDate = retestDate
        self.by = by
        self.byName = byName
        self.at = at
        self.followsAdvice = followsAdvice
        self.alternative = alternative
    }
}

/// «De samenwerkingspartners kunnen echter wel samenwerken volgens randvoorwaarden die toegankelijker zijn»
/// (001:L2231-2233), «door de regiegroep vastgesteld» (L2306-2308): a narrower profile than the one chosen,
/// fitting the core task, with its own preconditions (decision 0027 §4).
public struct AlternativeTerms: Sendable, Equatable, Codable {
    public var profile: CollaborationProfile
    /// The terms in words.
    public var conditions: String
    /// The items of the alternative profile's checklist (Tabel 3/4) the terms require, by key.
    public var preconditions: [String]

    public init(profile: CollaborationProfile, conditions: String, preconditions: [String] = []) {
        self.profile = profile
        self.conditions = conditions
        self.preconditions = preconditions
    }

    enum CodingKeys: String, CodingKey { case profile, conditions, preconditions }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        profile = try container.decode(CollaborationProfile.self, forKey: .profile)
        conditions = try container.decode(String.self, forKey: .conditions)
        preconditions = try container.decodeIfPresent([String].self, forKey: .preconditions) ?? []
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
        Set(agreements.filter { $0.inEffect(at: now) && !regions.isDisjoint(with: $0.regions) }.map(\.effectiveProfile))
    }

    /// The agreement in effect that covers one of `regions`, preferring the lead region's, as it works
    /// (under the alternative terms' profile after "nee, maar").
    public func agreement(for regions: Set<RegionCode>, lead: RegionCode, at now: Date) -> PartnerAgreement? {
        let candidates = agreements.filter { $0.inEffect(at: now) && !regions.isDisjoint(with: $0.regions) }
        return (candidates.first { $0.regions.contains(lead) } ?? candidates.first)?.asInEffect
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
        for test in (agreement.earlierTests ?? []) + [agreement.test].compactMap({ $0 }) {
            if test.outcome == .voorwaardelijk, test.retestDate == nil {
                throw PartnerRuleViolation(
                    field: "\(field).test.retestDate", message: "a conditional outcome needs a re-test date")
            }
            if test.advice != nil, !test.partsComplete {
                throw PartnerRuleViolation(
                    field: "\(field).test.verrichting",
                    message: "an advice is given after richting, inrichting and verrichting; a part is missing")
            }
            if test.standpoint != nil, test.advice == nil {
                throw PartnerRuleViolation(
                    field: "\(field).test.advice", message: "a standpoint is taken on the tester's advice (001:L2238-2246); there is no advice")
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

extension PartnerRules {
    /// The toetser records richting, inrichting or verrichting (001 §4). A part recorded after the
    /// standpoint starts a new toetsing (a re-test), keeping the previous one; while an advice waits for the
    /// standpoint nothing is added to it.
    public static func record(
        _ component: TestComponent, _ part: TestRecord.Part, on agreement: PartnerAgreement, at now: Date
    ) throws(PartnerRuleViolation) -> PartnerAgreement {
        try text(part.finding, field: "finding", maximum: 4_000)
        guard part.date <= now else { throw PartnerRuleViolation(field: "date", message: "a part is recorded after it was held: date is in the future") }
        var changed = agreement
        var test = agreement.test ?? TestRecord()
        if test.standpoint != nil || test.legacyOutcome != nil {
            changed.earlierTests = (agreement.earlierTests ?? []) + [test]
            test = TestRecord()
        } else if test.advice != nil {
            throw PartnerRuleViolation(
                field: "component", message: "the advice on this toetsing is given; the chair of the regiegroep takes the standpoint first")
        }
        test.set(component, part)
        changed.test = test
        return changed
    }

    /// The toetser's advice, after the three parts; once per toetsing.
    public static func advise(_ advice: TestAdvice, on agreement: PartnerAgreement) throws(PartnerRuleViolation) -> PartnerAgreement {
        try text(advice.reasons, field: "reasons", maximum: 4_000)
        guard var test = agreement.test, test.standpoint == nil, test.legacyOutcome == nil else {
            throw PartnerRuleViolation(field: "advice", message: "there is no toetsing under way: record richting, inrichting and verrichting first")
        }
        guard test.advice == nil else { throw PartnerRuleViolation(field: "advice", message: "this toetsing has its advice already") }
        if let missing = TestComponent.allCases.first(where: { test.part($0) == nil }) {
            throw PartnerRuleViolation(
                field: missing.rawValue, message: "an advice follows richting, inrichting and verrichting; \(missing.rawValue) is not recorded")
        }
        test.advice = advice
        var changed = agreement
        changed.test = test
        return changed
    }

    /// The chair's standpoint on the advice. It may depart from the advice; `followsAdvice` says so. A
    /// conditional standpoint sets the re-test date (in the future); no other outcome has one.
    public static func take(_ standpoint: Standpoint, on agreement: PartnerAgreement, at now: Date) throws(PartnerRuleViolation)
        -> PartnerAgreement
    {
        try text(standpoint.argumentation, field: "argumentation", maximum: 4_000)
        try text(standpoint.mandate, field: "mandate", maximum: 300)
        guard var test = agreement.test, let advice = test.advice else {
            throw PartnerRuleViolation(field: "advice", message: "a standpoint is taken on the tester's advice (001:L2238-2246); there is no advice yet")
        }
        guard test.standpoint == nil else { throw PartnerRuleViolation(field: "standpoint", message: "this toetsing has its standpoint already") }
        switch (standpoint.outcome, standpoint.retestDate) {
        case (.voorwaardelijk, nil):
            throw PartnerRuleViolation(field: "retestDate", message: "a conditional collaboration needs its re-test date (001:L2282-2296)")
        case (.voorwaardelijk, let date?) where date <= now:
            throw PartnerRuleViolation(field: "retestDate", message: "the re-test date lies in the future")
        case (.gecertificeerd, _?), (.geenSamenwerking, _?):
            throw PartnerRuleViolation(field: "retestDate", message: "only a conditional standpoint has a re-test date")
        default: break
        }
        if let alternative = standpoint.alternative {
            try validate(alternative, replacing: agreement)
            guard standpoint.outcome == .geenSamenwerking else {
                throw PartnerRuleViolation(
                    field: "alternative", message: "other terms belong to a standpoint of geen samenwerking volgens profiel (\"nee, maar\")")
            }
        }
        var taken = standpoint
        taken.followsAdvice = standpoint.outcome == advice.outcome
        test.standpoint = taken
        var changed = agreement
        changed.test = test
        return changed
    }

    /// "Nee, maar" terms: a profile that fits the core task (Tabel 1, or the ad-hoc-aansluiting) and gives
    /// fewer rights than the one chosen, with its conditions in words and preconditions from its own checklist.
    static func validate(_ alternative: AlternativeTerms, replacing agreement: PartnerAgreement) throws(PartnerRuleViolation) {
        let allowed = agreement.profile.narrowerAlternatives(for: agreement.coreTask)
        guard allowed.contains(alternative.profile) else {
            throw PartnerRuleViolation(
                field: "alternative.profile",
                message: allowed.isEmpty
                    ? "\(agreement.profile.rawValue) has no narrower profile to work under"
                    : "the other terms' profile is narrower than \(agreement.profile.rawValue) and fits core task \(agreement.coreTask.rawValue): "
                        + allowed.map(\.rawValue).joined(separator: ", "))
        }
        try text(alternative.conditions, field: "alternative.conditions", maximum: 4_000)
        let keys = Set(Preconditions.checklist(for: alternative.profile).map(\.key))
        if let unknown = alternative.preconditions.first(where: { !keys.contains($0) }) {
            throw PartnerRuleViolation(
                field: "alternative.preconditions", message: "'\(unknown.prefix(60))' is not a precondition of \(alternative.profile.rawValue)")
        }
    }

    /// A required text: not blank, at most `maximum` characters, no control characters but line breaks.
    static func text(_ value: String, field: String, maximum: Int) throws(PartnerRuleViolation) {
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw PartnerRuleViolation(field: field, message: "\(field) is required")
        }
        guard value.count <= maximum else { throw PartnerRuleViolation(field: field, message: "\(field) is at most \(maximum) characters") }
        guard !value.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) && $0 != "\n" && $0 != "\r" && $0 != "\t" })
        else { throw PartnerRuleViolation(field: field, message: "\(field) holds control characters") }
    }
}
