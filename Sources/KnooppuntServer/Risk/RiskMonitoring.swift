import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// A monitoring rule on a risk picture (issue 18 point 3, decision 0029).
final class MonitoringRuleModel: Model, @unchecked Sendable {
    static let schema = "monitoring_rules"

    @ID(key: .id) var id: UUID?
    @Field(key: "picture_id") var pictureID: UUID
    /// The rule as canonical JSON (`MonitoringRule`).
    @Field(key: "body") var body: String
    @Field(key: "created_at_us") var createdAt: Int64
    @Field(key: "created_by_name") var createdByName: String

    init() {}

    func rule() throws -> MonitoringRule { try CanonicalJSON.decode(MonitoringRule.self, from: body) }
}

/// A signal a rule raised on a risk picture, until someone on duty acknowledges it.
final class RiskSignalModel: Model, @unchecked Sendable {
    static let schema = "risk_signals"

    @ID(key: .id) var id: UUID?
    @Field(key: "picture_id") var pictureID: UUID
    @Field(key: "rule_id") var ruleID: UUID
    @Field(key: "source") var source: String
    /// What fired it, in words ("CAP KNMI: Code oranje zware windstoten (Severe)").
    @Field(key: "summary") var summary: String
    @Field(key: "raised_at_us") var raisedAt: Int64
    @OptionalField(key: "acknowledged_by_name") var acknowledgedByName: String?
    @OptionalField(key: "acknowledged_at_us") var acknowledgedAt: Int64?

    init() {}
}

/// A value a partner measured, sent to a risk picture through the API.
final class RiskMeasurementModel: Model, @unchecked Sendable {
    static let schema = "risk_measurements"

    @ID(key: .id) var id: UUID?
    @Field(key: "picture_id") var pictureID: UUID
    @Field(key: "partner") var partner: String
    @Field(key: "quantity") var quantity: String
    @Field(key: "value") var value: Double
    @OptionalField(key: "unit") var unit: String?
    @Field(key: "measured_at_us") var measuredAt: Int64
    /// When it arrived, strictly after the one before on the picture: "the value before" is the one that arrived before.
    @Field(key: "recorded_at_us") var recordedAt: Int64
    @Field(key: "recorded_by") var recordedBy: String

    init() {}
}

/// Monitoring rules, the signals they raise — from a CAP warning taken in, a partner's measurement, a KCR2
/// risk message — and their acknowledgement by the people on duty.
enum RiskMonitoring {
    struct RuleInput: StrictDecodable {
        var source: MonitoringSource
        var minimumSeverity: CAPSeverityLevel?
        var partner: String?
        var quantity: String?
        var threshold: Double?
        var above: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable { case source, minimumSeverity, partner, quantity, threshold, above }

        /// The rule as stored: only the fields its source uses.
        var rule: MonitoringRule {
            switch source {
            case .cap: MonitoringRule(source: .cap, minimumSeverity: minimumSeverity)
            case .advisory: MonitoringRule(source: .advisory)
            case .measurement:
                MonitoringRule(source: .measurement, partner: partner.map { String($0.trimmingCharacters(in: .whitespaces).uppercased().prefix(41)) },
                               quantity: quantity?.trimmingCharacters(in: .whitespaces), threshold: threshold, above: above)
            }
        }
    }

    struct MeasurementInput: StrictDecodable {
        var quantity: String
        var value: Double
        var unit: String?
        var measuredAt: Date?
        enum CodingKeys: String, CodingKey, CaseIterable { case quantity, value, unit, measuredAt }

        func validate() throws {
            guard (2...80).contains(quantity.trimmingCharacters(in: .whitespaces).unicodeScalars.count) else {
                throw Problem.invalid("the quantity is 2 to 80 characters", field: "quantity")
            }
            guard value.isFinite, abs(value) <= 1e9 else { throw Problem.invalid("the value must be a number within ±10⁹", field: "value") }
            if let unit, unit.unicodeScalars.count > 20 { throw Problem.invalid("the unit is at most 20 characters", field: "unit") }
        }
    }

    struct RuleDTO: Content, Equatable {
        var id: UUID
        var rule: MonitoringRule
        var description: String
    }

    struct SignalDTO: Content, Equatable {
        var id: UUID
        var source: MonitoringSource
        var summary: String
        var raisedAt: Date
        var acknowledgedByName: String?
        var acknowledgedAt: Date?

        init(_ row: RiskSignalModel) {
            id = row.id ?? UUID()
            source = MonitoringSource(rawValue: row.source) ?? .cap
            summary = row.summary
            raisedAt = Microseconds.date(row.raisedAt)
            acknowledgedByName = row.acknowledgedByName
            acknowledgedAt = row.acknowledgedAt.map(Microseconds.date)
        }
    }

    struct MeasurementResult: Content {
        var signals: Int
    }

    static func rules(of picture: UUID, language: KnooppuntCore.Language, on db: Database) async throws -> [RuleDTO] {
        try await MonitoringRuleModel.query(on: db).filter(\.$pictureID == picture).sort(\.$createdAt).all().map { row in
            let rule = try row.rule()
            return RuleDTO(id: try row.requireID(), rule: rule, description: rule.described(language))
        }
    }

    static func signals(of picture: UUID, on db: Database) async throws -> [SignalDTO] {
        try await RiskSignalModel.query(on: db).filter(\.$pictureID == picture).sort(\.$raisedAt, .descending).all().map(SignalDTO.init)
    }

    /// Inside a write: a signal on the picture, journaled.
    @discardableResult
    static func raise(_ picture: RiskPictureModel, rule: UUID, source: MonitoringSource, summary: String, at: Int64, on db: Database) async throws
        -> RiskSignalModel
    {
        let signal = RiskSignalModel()
        signal.id = NewID.next()
        signal.pictureID = try picture.requireID()
        signal.ruleID = rule
        signal.source = source.rawValue
        signal.summary = String(summary.prefix(500))
        // Strictly after the picture's signal before, so "newest first" holds when two come in one moment.
        let last = try await RiskSignalModel.query(on: db).filter(\.$pictureID == picture.requireID()).sort(\.$raisedAt, .descending).first()
        signal.raisedAt = max(at, (last?.raisedAt ?? 0) + 1)
        try await signal.create(on: db)
        try await Journal.append(
            RiskSignalRaised(signal: try signal.requireID(), picture: signal.pictureID, region: picture.region, source: source.rawValue,
                             summary: signal.summary),
            on: db, actor: "monitoring", organisation: picture.region)
        return signal
    }

    private static func openPictures(on db: Database) async throws -> [RiskPictureModel] {
        try await RiskPictureModel.query(on: db).filter(\.$status == RiskPictureStatus.open.rawValue).all()
    }

    /// The picture's area as shapes: its own area, else its region's municipalities.
    static func area(of picture: RiskPictureModel, on db: Database) async throws -> [Shape] {
        if let area = picture.area, let value = try? JSONDecoder().decode(JSONValue.self, from: Data(area.utf8)) {
            return GeoJSONShapes.shapes(value)
        }
        return try await MunicipalityAreas.all(on: db).filter { $0.region == picture.regionCode }.map { .polygons($0.boundary) }
    }

    /// A CAP warning was taken in, inside its write: every open picture whose CAP rule it meets gets a signal.
    static func warningReceived(_ warningID: UUID, at: Int64, on db: Database) async throws {
        guard let warning = try await WarningModel.find(warningID, on: db), let alert = try? warning.alert(),
              ["Actual", "Exercise"].contains(alert.status), alert.msgType != "Cancel"
        else { return }
        let polygons = alert.shapes.flatMap(\.polygons)
        guard !polygons.isEmpty, let window = alert.window else { return }
        let severity = alert.infos.map { CAPSeverityLevel(rawValue: $0.severity) ?? .unknown }.max() ?? .unknown
        for picture in try await openPictures(on: db) {
            let rules = try await MonitoringRuleModel.query(on: db).filter(\.$pictureID == picture.requireID()).all()
            let capRules = try rules.map { ($0, try $0.rule()) }.filter { $0.1.source == .cap }
            guard !capRules.isEmpty else { continue }
            // The warning's time overlaps the expected window of the threat.
            let overlaps = window.from <= Microseconds.date(picture.expectedUntil)
                && (window.until.map { $0 >= Microseconds.date(picture.expectedFrom) } ?? true)
            let shapes = overlaps ? try await area(of: picture, on: db) : []
            let touches = shapes.contains { $0.intersects(polygons) }
            for (row, rule) in capRules where rule.fires(capSeverity: severity, touchesArea: touches) {
                let summary = "CAP \(alert.info(preferring: ["nl", "en"])?.senderName ?? alert.sender): \(WarningIntake.headline(alert)) (\(severity.label.nl))"
                try await raise(picture, rule: try row.requireID(), source: .cap, summary: summary, at: at, on: db)
            }
        }
    }

    /// A KCR2 risk message arrived on this regional node, inside the inbox's write: every open picture with
    /// an advisory rule gets a signal.
    static func advisoryReceived(title: String, at: Int64, on db: Database) async throws {
        for picture in try await openPictures(on: db) {
            for row in try await MonitoringRuleModel.query(on: db).filter(\.$pictureID == picture.requireID()).all()
            where try row.rule().source == .advisory {
                try await raise(picture, rule: try row.requireID(), source: .advisory, summary: "Risicobericht KCR2: \(title)", at: at, on: db)
            }
        }
    }

    /// Follows the CAP intake: a warning taken in is checked against the open pictures' rules in its write.
    struct Reactor: JournalReactor {
        func subscribe(to journal: inout JournalReactions) {
            journal.on(WarningReceived.self) { event, reaction in
                try await RiskMonitoring.warningReceived(event.warning, at: Microseconds.from(reaction.context.clock.now()), on: reaction.db)
            }
        }
    }
}

extension RiskPictures {
    func addRule(to id: UUID, _ input: RiskMonitoring.RuleInput) async throws -> RiskMonitoring.RuleDTO {
        let row = try await loadForKeeping(id)
        let rule = input.rule
        if let problem = rule.problem { throw Problem.invalid(problem) }
        if try await MonitoringRuleModel.query(on: db).filter(\.$pictureID == id).count() >= 50 {
            throw Problem.conflict("a risk picture holds at most 50 monitoring rules")
        }
        if rule.source == .measurement, let partner = rule.partner, row.partnerProfiles[partner] == nil {
            throw Problem.invalid("\(partner.prefix(40)) is not invited to this risk picture; invite it first", field: "partner")
        }
        let at = Microseconds.from(now)
        let user = self.user
        let model = try await context.write(on: db) { db in
            let model = MonitoringRuleModel()
            model.id = NewID.next()
            model.pictureID = id
            model.body = try CanonicalJSON.encode(rule)
            model.createdAt = at
            model.createdByName = user.displayName
            try await model.create(on: db)
            try await Journal.append(
                MonitoringRuleAdded(rule: try model.requireID(), picture: id, region: row.region, source: rule.source.rawValue), on: db,
                actor: user.username, organisation: user.organisationCode)
            return model
        }
        return RiskMonitoring.RuleDTO(id: try model.requireID(), rule: rule, description: rule.described(.nl))
    }

    /// A partner sends a measured value; a measurement rule it crosses raises a signal in the same write.
    func measure(_ id: UUID, _ input: RiskMonitoring.MeasurementInput) async throws -> RiskMonitoring.MeasurementResult {
        let row = try await loadForReading(id)
        let partner = user.organisationCode
        guard user.subject.role.belongsToPartner, row.partnerProfiles[partner] != nil else {
            throw Problem.forbidden("measurements are sent by the partners invited to the risk picture")
        }
        // A measurement is information the partner supplies: it may send one where it may write (not standby).
        if case .failure(let refusal) = RiskPictureRules.addEffect(user.subject, region: row.regionCode, partners: row.partnerProfiles,
                                                                   theme: .partner(partner)) {
            throw Problem.forbidden(refusal.reason)
        }
        guard row.status == RiskPictureStatus.open.rawValue else { throw Problem.conflict("the risk picture is \(row.status)") }
        try input.validate()
        let quantity = input.quantity.trimmingCharacters(in: .whitespaces)
        if let at = input.measuredAt, at < now.addingTimeInterval(-30 * 86_400) || at > now.addingTimeInterval(3600) {
            throw Problem.invalid("a measurement is of the last 30 days, not of the future", field: "measuredAt")
        }
        let measuredAt = Microseconds.from(input.measuredAt ?? now)
        let at = Microseconds.from(now)
        let user = self.user
        return try await context.write(on: db) { db in
            let previous = try await RiskMeasurementModel.query(on: db).filter(\.$pictureID == id).filter(\.$partner == partner)
                .filter(\.$quantity == quantity).sort(\.$recordedAt, .descending).first()
            let measurement = RiskMeasurementModel()
            measurement.id = NewID.next()
            measurement.pictureID = id
            measurement.partner = partner
            measurement.quantity = quantity
            measurement.value = input.value
            measurement.unit = input.unit
            measurement.measuredAt = measuredAt
            measurement.recordedAt = max(at, (previous?.recordedAt ?? 0) + 1)
            measurement.recordedBy = user.username
            try await measurement.create(on: db)
            try await Journal.append(
                RiskMeasurementReceived(picture: id, partner: partner, quantity: quantity, value: input.value, unit: input.unit),
                on: db, actor: user.username, organisation: partner)
            var raised = 0
            for model in try await MonitoringRuleModel.query(on: db).filter(\.$pictureID == id).all() {
                let rule = try model.rule()
                guard rule.fires(partner: partner, quantity: quantity, value: input.value, previous: previous?.value) else { continue }
                let unit = input.unit.map { " " + $0 } ?? ""
                try await RiskMonitoring.raise(
                    row, rule: try model.requireID(), source: .measurement,
                    summary: "\(quantity) \(input.value)\(unit) gemeten door \(partner) (\(rule.described(.nl)))", at: at, on: db)
                raised += 1
            }
            return RiskMonitoring.MeasurementResult(signals: raised)
        }
    }

    func acknowledge(_ signalID: UUID, in id: UUID) async throws -> RiskMonitoring.SignalDTO {
        let row = try await loadForKeeping(id)
        let at = Microseconds.from(now)
        let user = self.user
        let signal = try await context.write(on: db) { db in
            guard let signal = try await RiskSignalModel.find(signalID, on: db), signal.pictureID == id else {
                throw Problem.notFound("no signal \(signalID) on this risk picture")
            }
            guard signal.acknowledgedAt == nil else { return signal }
            signal.acknowledgedAt = at
            signal.acknowledgedByName = user.displayName
            try await signal.update(on: db)
            try await Journal.append(
                RiskSignalAcknowledged(signal: signalID, picture: id, region: row.region), on: db, actor: user.username,
                organisation: user.organisationCode)
            return signal
        }
        return RiskMonitoring.SignalDTO(signal)
    }
}
