import Foundation

/// How a situation report treats information that has not been verified.
public enum UnverifiedHandling: String, Sendable, Codable, CaseIterable {
    /// Leave unverified entries out: the report holds verified information only.
    case leaveOut = "leave-out"
    /// Include them, each marked as unverified.
    case mark
}

/// A situation report (SitRap): the picture of one incident at one moment, per theme, as issued.
/// Once issued it never changes; a later report gets the next number.
public struct SitRap: Sendable, Codable, Equatable {
    public struct Situation: Sendable, Codable, Equatable {
        public var title: String
        public var category: IncidentCategory
        public var startedAt: Date
        public var grip: GRIPLevel
        public var gripReason: String?
        public var phase: IncidentPhase
        public var status: IncidentStatus
        public var classification: CrisisClassification
        public var leadRegion: RegionCode
        public var involvedRegions: [RegionCode]
    }

    /// A GRIP or phase change, in order.
    public struct ScaleChange: Sendable, Codable, Equatable {
        public var at: Date
        public var grip: GRIPLevel
        public var phase: IncidentPhase
        public var reason: String?
        public init(at: Date, grip: GRIPLevel, phase: IncidentPhase, reason: String?) {
            self.at = at
            self.grip = grip
            self.phase = phase
            self.reason = reason
        }
    }

    public struct Entry: Sendable, Codable, Equatable {
        public var text: String
        public var source: String
        public var observedAt: Date
        public var priority: EntryPriority
        public var verified: Bool
        /// The partner a liaison entered it for ("via liaison").
        public var viaLiaisonFor: String?
    }

    /// A theme's actueel beeld, knelpunten and verwachting as its owner last wrote them (decision 0024).
    public struct Assessment: Sendable, Codable, Equatable {
        public var picture: String
        public var bottlenecks: String?
        public var outlook: String?
    }

    public struct ThemeSection: Sendable, Codable, Equatable {
        public var theme: Theme
        /// The theme's name as shown (a partner's name for partner themes).
        public var name: String
        /// The theme's summary at the moment; absent when none was written (or in older reports).
        public var assessment: Assessment?
        public var entries: [Entry]
    }

    /// A besluitpunt still open at the moment: what the team must decide.
    public struct OpenDecisionPoint: Sendable, Codable, Equatable {
        public var text: String
        public var considerations: String?
        public var team: CrisisTeam
        public var deadline: Date?
    }

    public struct Partner: Sendable, Codable, Equatable {
        public var code: String
        public var name: String
        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    public var number: Int
    public var incidentReference: String
    /// The moment the picture is taken at.
    public var moment: Date
    public var issuedAt: Date
    public var issuedBy: String
    public var issuedByOrganisation: String
    /// True when issued by the incident's schedule rather than by a person.
    public var scheduled: Bool
    public var unverified: UnverifiedHandling
    /// The most sensitive classification of anything in the report.
    public var classification: Classification
    public var summary: String
    public var situation: Situation
    public var scaleHistory: [ScaleChange]
    public var themes: [ThemeSection]
    /// The multidisciplinary totaalbeeld (the general theme's summary); absent when none was written.
    public var totaalbeeld: Assessment?
    /// Besluitpunten open at the moment; absent in older reports.
    public var decisionPoints: [OpenDecisionPoint]?
    public var decisions: [DecisionBody]
    public var openActions: [ActionBody]
    public var partners: [Partner]
    /// Counts for the header: entries in the report, of which verified.
    public var entryCount: Int
    public var verifiedCount: Int
}

/// Composes a situation report from the picture at a moment. Pure: the caller gathers the picture
/// (already limited to what the issuer may read) and decides who issues it and its number.
public enum SitRapComposer {
    /// One entry of the picture as the composer needs it.
    public struct SourceEntry: Sendable {
        public var theme: Theme
        public var text: String
        public var source: String
        public var observedAt: Date
        public var priority: EntryPriority
        public var verification: VerificationStatus
        public var classification: Classification
        public var inSharedPicture: Bool
        public var onBehalfOf: String?

        public init(theme: Theme, text: String, source: String, observedAt: Date, priority: EntryPriority,
                    verification: VerificationStatus, classification: Classification, inSharedPicture: Bool,
                    onBehalfOf: String?) {
            self.theme = theme
            self.text = text
            self.source = source
            self.observedAt = observedAt
            self.priority = priority
            self.verification = verification
            self.classification = classification
            self.inSharedPicture = inSharedPicture
            self.onBehalfOf = onBehalfOf
        }
    }

    public struct Input: Sendable {
        public var number: Int
        public var reference: String
        public var moment: Date
        public var state: IncidentState
        /// Every version of the incident up to the moment, oldest first: (valid from, state).
        public var history: [(Date, IncidentState)]
        public var entries: [SourceEntry]
        public var decisions: [DecisionBody]
        public var actions: [ActionBody]
        public var partners: [SitRap.Partner]
        public var issuedAt: Date
        public var issuedBy: String
        public var issuedByOrganisation: String
        public var scheduled: Bool
        public var unverified: UnverifiedHandling
        /// The most sensitive classification the report may hold.
        public var ceiling: Classification
        /// The issuer's own summary; nil or empty for the generated one.
        public var summary: String?
        /// The theme summaries the issuer may read (decision 0024); the composer keeps those within the ceiling.
        public var summaries: [ThemeSummaryBody] = []
        /// The besluitpunten open at the moment.
        public var openDecisionPoints: [DecisionPointBody] = []

        public init(number: Int, reference: String, moment: Date, state: IncidentState, history: [(Date, IncidentState)],
                    entries: [SourceEntry], decisions: [DecisionBody], actions: [ActionBody],
                    partners: [SitRap.Partner], issuedAt: Date, issuedBy: String, issuedByOrganisation: String,
                    scheduled: Bool, unverified: UnverifiedHandling, ceiling: Classification, summary: String?) {
            self.number = number
            self.reference = reference
            self.moment = moment
            self.state = state
            self.history = history
            self.entries = entries
            self.decisions = decisions
            self.actions = actions
            self.partners = partners
            self.issuedAt = issuedAt
            self.issuedBy = issuedBy
            self.issuedByOrganisation = issuedByOrganisation
            self.scheduled = scheduled
            self.unverified = unverified
            self.ceiling = ceiling
            self.summary = summary
        }
    }

    public static func compose(_ input: Input) -> SitRap {
        let partnerNames = Dictionary(input.partners.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        // The shared picture only: entries awaiting admission, withdrawn or contradicted ones stay out.
        let candidates = input.entries.filter { entry in
            entry.inSharedPicture && entry.classification <= input.ceiling
                && (entry.verification == .verified || (entry.verification == .unverified && input.unverified == .mark))
        }
        let partnerThemes = Set(candidates.compactMap { entry -> String? in
            if case .partner(let code) = entry.theme { return code }
            return nil
        }).union(input.state.linkedPartners).sorted()
        let meldkamer: [Theme] = candidates.contains { $0.theme == .meldkamer } ? [.meldkamer] : []
        let order = Theme.disciplines + meldkamer + partnerThemes.map(Theme.partner)
        let assessments = Dictionary(
            input.summaries.filter { $0.classification <= input.ceiling }.map {
                ($0.theme, SitRap.Assessment(picture: $0.picture, bottlenecks: $0.bottlenecks, outlook: $0.outlook))
            }, uniquingKeysWith: { first, _ in first })
        let themes = order.map { theme in
            let name: String = if case .partner(let code) = theme { partnerNames[code] ?? code } else { theme.label().nl }
            let entries = candidates.filter { $0.theme == theme }.sorted { $0.observedAt < $1.observedAt }.map { entry in
                SitRap.Entry(text: entry.text, source: entry.source, observedAt: entry.observedAt, priority: entry.priority,
                             verified: entry.verification == .verified, viaLiaisonFor: entry.onBehalfOf)
            }
            return SitRap.ThemeSection(theme: theme, name: name, assessment: assessments[theme], entries: entries)
        }
        var scale: [SitRap.ScaleChange] = []
        for (at, state) in input.history where at <= input.moment {
            if let last = scale.last, last.grip == state.grip, last.phase == state.phase.current { continue }
            scale.append(.init(at: at, grip: state.grip, phase: state.phase.current, reason: state.gripReason))
        }
        let open = input.actions.filter { $0.status == .open || $0.status == .bezig }
        let included = candidates.map(\.classification).max() ?? .public
        let verified = candidates.filter { $0.verification == .verified }.count
        let state = input.state
        let situation = SitRap.Situation(
            title: state.title, category: state.category, startedAt: state.startedAt, grip: state.grip, gripReason: state.gripReason,
            phase: state.phase.current, status: state.status, classification: state.classification, leadRegion: state.leadRegion,
            involvedRegions: state.involvedRegions)
        var report = SitRap(
            number: input.number, incidentReference: input.reference, moment: input.moment, issuedAt: input.issuedAt,
            issuedBy: input.issuedBy, issuedByOrganisation: input.issuedByOrganisation, scheduled: input.scheduled,
            unverified: input.unverified, classification: included, summary: "", situation: situation, scaleHistory: scale,
            themes: themes, decisions: input.decisions.filter { !$0.revoked }.sorted { $0.decidedAt < $1.decidedAt }, openActions: open,
            partners: input.partners.filter { state.linkedPartners.contains($0.code) || partnerThemes.contains($0.code) },
            entryCount: candidates.count, verifiedCount: verified)
        report.totaalbeeld = assessments[.algemeen]
        report.decisionPoints = input.openDecisionPoints.map {
            SitRap.OpenDecisionPoint(text: $0.text, considerations: $0.considerations, team: $0.team, deadline: $0.deadline)
        }
        let given = input.summary?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        report.summary = given.isEmpty ? generatedSummary(report) : given
        return report
    }

    /// A one-paragraph summary in Dutch, the report's working language.
    public static func generatedSummary(_ report: SitRap) -> String {
        let situation = report.situation
        var parts = [
            "\(situation.title): \(situation.grip.scaleLabel.nl), fase \(situation.phase.label.nl.lowercased()), \(situation.status == .open ? "open" : "gesloten").",
            "\(report.entryCount) \(report.entryCount == 1 ? "melding" : "meldingen") in dit beeld, waarvan \(report.verifiedCount) geverifieerd.",
        ]
        if !report.decisions.isEmpty { parts.append("\(report.decisions.count) \(report.decisions.count == 1 ? "besluit" : "besluiten").") }
        if !report.openActions.isEmpty {
            parts.append("\(report.openActions.count) \(report.openActions.count == 1 ? "openstaande actie" : "openstaande acties").")
        }
        let regions = situation.involvedRegions.map(\.description).joined(separator: ", ")
        parts.append("Betrokken regio's: \(regions) (leiding \(situation.leadRegion)).")
        return parts.joined(separator: " ")
    }
}

/// A partner's own situation report as its liaison enters it (koppelsamenwerking): structured
/// fields that become one entry in the partner's theme, marked as coming via the liaison.
public struct PartnerSitRap: Sendable, Equatable {
    /// The text fields in form order.
    public static let fields = ["situation", "measures", "expectation", "needs"]

    public var situation: String
    public var measures: String?
    public var expectation: String?
    public var needs: String?
    public var contact: String?

    public init(situation: String, measures: String? = nil, expectation: String? = nil, needs: String? = nil, contact: String? = nil) {
        func clean(_ text: String?) -> String? {
            guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        self.situation = situation.trimmingCharacters(in: .whitespacesAndNewlines)
        self.measures = clean(measures)
        self.expectation = clean(expectation)
        self.needs = clean(needs)
        self.contact = clean(contact)
    }

    /// The entry text, in Dutch like the rest of the picture.
    public var entryText: String {
        var lines = ["SitRap — Situatie: \(situation)"]
        if let measures { lines.append("Genomen maatregelen: \(measures)") }
        if let expectation { lines.append("Verwachting: \(expectation)") }
        if let needs { lines.append("Behoeften / bijstand: \(needs)") }
        if let contact { lines.append("Contact: \(contact)") }
        return lines.joined(separator: "\n")
    }

    /// Nil when acceptable; otherwise the field at fault and why.
    public var problem: (field: String, reason: String)? {
        if situation.isEmpty { return ("situation", "the situation is required: what is going on at the partner") }
        if entryText.count > 5000 { return ("situation", "the SitRap is longer than 5000 characters; shorten it") }
        return nil
    }
}
