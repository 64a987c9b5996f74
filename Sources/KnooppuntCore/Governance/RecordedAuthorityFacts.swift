import Foundation

/// Whether the competent authority declared the event a crisis or a ramp (C01, C05). A declaration is
/// the authority's act; the classification is the picture's description, and follows the declaration.
public enum CrisisDeclaration: String, CaseIterable, Codable, Sendable {
    case notDeclared = "none"
    case crisis
    /// A ramp gives the burgemeester or voorzitter the opperbevel (002:L335-348).
    case ramp

    /// The classification a declared event has.
    public var classification: CrisisClassification? {
        switch self {
        case .notDeclared: nil
        case .crisis: .crisis
        case .ramp: .ramp
        }
    }

    public var label: LocalizedLabel {
        switch self {
        case .notDeclared: LocalizedLabel(nl: "Niet verklaard", en: "Not declared")
        case .crisis: LocalizedLabel(nl: "Verklaard tot crisis", en: "Declared a crisis")
        case .ramp: LocalizedLabel(nl: "Verklaard tot ramp", en: "Declared a ramp (disaster)")
        }
    }
}

extension CrisisSignificance {
    /// The significance a GRIP level stands for while none is recorded: lokaal (GRIP 0–3) local,
    /// regionaal and interregionaal (4–5) more than local (decision 0020, [PK] Referentiekader GRIP).
    public static func implied(by grip: GRIPLevel) -> CrisisSignificance { grip >= .four ? .moreThanLocal : .local }
}

extension IncidentState {
    /// The significance as recorded or, until it is, as the GRIP level implies it.
    public var effectiveSignificance: CrisisSignificance { significance ?? .implied(by: grip) }

    public var effectiveStage: CrisisStage { stage ?? .acute }

    public var effectiveDeclaration: CrisisDeclaration { declaration ?? .notDeclared }

    /// A ramp, declared or (before any declaration) classified: the holders have the opperbevel.
    public var isRamp: Bool { declaration == .ramp || classification == .ramp }

    /// The facts that decide the scale and who holds authority, to tell a change of them from other edits.
    public var authorityFactsKey: AuthorityFactsKey {
        AuthorityFactsKey(
            grip: grip, significance: effectiveSignificance, stage: effectiveStage, ramp: isRamp,
            declaration: effectiveDeclaration, regions: Set(involvedRegions), leadRegion: leadRegion)
    }
}

/// The scale and authority facts of an incident version (area excepted: it lives in plots too).
public struct AuthorityFactsKey: Hashable, Sendable {
    public let grip: GRIPLevel
    public let significance: CrisisSignificance
    public let stage: CrisisStage
    public let ramp: Bool
    public let declaration: CrisisDeclaration
    public let regions: Set<RegionCode>
    public let leadRegion: RegionCode
}

/// The rules for the facts of bestuurlijk gezag an incident records: its significance, stage and
/// declaration, why they were set, and how often they are reviewed.
public enum RecordedAuthorityFacts {
    /// The longest a reason may be.
    public static let reasonLength = 1...1000

    public static func validate(_ new: IncidentState, replacing old: IncidentState?) throws(PictureRuleViolation) {
        if let hours = new.reviewIntervalHours, !ScaleReview.intervalBounds.contains(hours), hours != old?.reviewIntervalHours {
            throw PictureRuleViolation(
                field: "reviewIntervalHours",
                "reviewIntervalHours must be \(ScaleReview.intervalBounds.lowerBound) to \(ScaleReview.intervalBounds.upperBound) hours")
        }
        if let declared = new.declaration?.classification, new.classification != declared {
            let declarationChanged = old.map { $0.declaration != new.declaration } ?? true
            throw PictureRuleViolation(
                field: declarationChanged ? "declaration" : "classification",
                declarationChanged
                    ? "a declared \(declared.rawValue) is classified as \(declared.rawValue), not as \(new.classification.rawValue)"
                    : "the incident is declared a \(declared.rawValue); change the declaration to classify it otherwise")
        }
        // Once the significance is recorded, the GRIP level must tell the same story (002:L915, L1187-1189);
        // the field named is the one this change set.
        if let significance = new.significance, old.map({ $0.grip != new.grip || $0.significance != new.significance }) ?? true {
            let facts = AuthorityFacts(
                grip: new.grip, significance: significance, involvedRegions: new.involvedRegions,
                leadRegion: new.leadRegion, affectedMunicipalities: [])
            if let problem = GovernanceRules.significanceProblem(facts) {
                let gripMoved = old.map { $0.significance == new.significance } ?? false
                throw PictureRuleViolation(field: gripMoved ? "grip" : "significance", problem.message)
            }
        }
        guard let old else { return }
        if old.significance != new.significance || old.stage != new.stage || old.declaration != new.declaration {
            let reason = new.authorityReason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !reason.isEmpty, reason != old.authorityReason else {
                throw PictureRuleViolation(
                    field: "authorityReason", "recording the significance, stage or declaration needs a reason")
            }
        }
        if let reason = new.authorityReason, reason != old.authorityReason, !reasonLength.contains(reason.count) {
            throw PictureRuleViolation(field: "authorityReason", "authorityReason must be at most \(reasonLength.upperBound) characters")
        }
    }
}
