import Foundation

/// The councils (gemeenteraden) of affected gemeenten consulted on a decision, with their position;
/// or the record that the required urgency prevented it, and why (C10; 002:L875-877 «voordat een
/// besluit genomen wordt, betrokken gemeenteraden worden geconsulteerd», «tenzij de vereiste spoed
/// zich daartegen verzet»). Kept as a record of the incident beside its decision; never changed.
public struct ConsultationBody: Codable, Equatable, Sendable {
    /// The decision the councils were (or could not be) consulted on.
    public var decision: UUID
    /// The councils, by their gemeente's code.
    public var councils: [MunicipalityCode]
    /// When they were consulted; nil when urgency prevented it.
    public var consultedAt: Date?
    /// The councils' position or the outcome of the consultation.
    public var position: String?
    /// "Spoed: niet geraadpleegd".
    public var urgent: Bool
    /// Why the urgency did not allow consulting the councils; required when `urgent`.
    public var urgencyReason: String?

    public init(
        decision: UUID, councils: [MunicipalityCode], consultedAt: Date?, position: String?, urgent: Bool, urgencyReason: String?
    ) {
        self.decision = decision
        self.councils = councils
        self.consultedAt = consultedAt
        self.position = position
        self.urgent = urgent
        self.urgencyReason = urgencyReason
    }
}

/// What a consultation record must hold, and which councils it may name.
public enum ConsultationRules {
    public static let maximumCouncils = 60
    public static let maximumPosition = 5000
    public static let maximumUrgencyReason = 2000

    /// The record's own rules: councils named once each; a consultation has a moment (not in the
    /// future) and a position; urgency has a reason and neither of those.
    public static func validate(_ body: ConsultationBody, now: Date) throws(PictureRuleViolation) {
        guard !body.councils.isEmpty else {
            throw PictureRuleViolation(field: "councils", "field 'councils' must name at least one gemeente (GMnnnn)")
        }
        guard body.councils.count <= maximumCouncils else {
            throw PictureRuleViolation(field: "councils", "field 'councils' names at most \(maximumCouncils) gemeenten")
        }
        guard Set(body.councils).count == body.councils.count else {
            throw PictureRuleViolation(field: "councils", "field 'councils' names a gemeente twice")
        }
        if body.urgent {
            guard let reason = body.urgencyReason, (1...maximumUrgencyReason).contains(trimmedCount(reason)) else {
                throw PictureRuleViolation(
                    field: "urgencyReason",
                    "field 'urgencyReason' must say why the urgency did not allow consulting the councils (1 to \(maximumUrgencyReason) characters)")
            }
            guard body.position == nil else {
                throw PictureRuleViolation(field: "position", "field 'position' is for councils that were consulted; leave it out with 'urgent'")
            }
            guard body.consultedAt == nil else {
                throw PictureRuleViolation(field: "consultedAt", "field 'consultedAt' is for councils that were consulted; leave it out with 'urgent'")
            }
            return
        }
        guard body.urgencyReason == nil else {
            throw PictureRuleViolation(field: "urgencyReason", "field 'urgencyReason' goes with 'urgent': true")
        }
        guard let position = body.position, (1...maximumPosition).contains(trimmedCount(position)) else {
            throw PictureRuleViolation(
                field: "position", "field 'position' must give the councils' position or the outcome (1 to \(maximumPosition) characters)")
        }
        guard let consultedAt = body.consultedAt, consultedAt <= now else {
            throw PictureRuleViolation(field: "consultedAt", "field 'consultedAt' must be a moment that has passed")
        }
    }

    /// The councils must be gemeenten of the reference data, and either affected by the incident or in
    /// one of its involved regions (a council outside them has no part in this crisis).
    /// - Parameters:
    ///   - gemeenten: every gemeente of the reference data, with its region.
    ///   - affected: the gemeenten the incident's area covers.
    public static func validate(
        councils: [MunicipalityCode], gemeenten: [MunicipalityCode: RegionCode], affected: Set<MunicipalityCode>,
        involvedRegions: Set<RegionCode>
    ) throws(PictureRuleViolation) {
        for (index, code) in councils.enumerated() {
            guard let region = gemeenten[code] else {
                throw PictureRuleViolation(field: "councils", "councils[\(index)]: \(code) is not a gemeente")
            }
            guard affected.contains(code) || involvedRegions.contains(region) else {
                throw PictureRuleViolation(
                    field: "councils",
                    "councils[\(index)]: \(code) is neither affected by this incident nor in one of its regions")
            }
        }
    }

    private static func trimmedCount(_ text: String) -> Int { text.trimmingCharacters(in: .whitespacesAndNewlines).count }
}
