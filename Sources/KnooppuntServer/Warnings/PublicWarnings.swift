import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// A public warning published from an incident, as CAP 1.2. The XML is stored exactly as published
/// and served unchanged on every channel (feed, CAP file, public page), so citizens read one text.
final class PublicWarningModel: Model, @unchecked Sendable {
    static let schema = "public_warnings"

    @ID(key: .id) var id: UUID?
    @Field(key: "incident_id") var incidentID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "identifier") var identifier: String
    @Field(key: "sender") var sender: String
    @Field(key: "sent") var sent: String
    /// Alert, Update or Cancel.
    @Field(key: "msg_type") var msgType: String
    /// Actual, or Exercise for exercise incidents.
    @Field(key: "status") var status: String
    @Field(key: "headline") var headline: String
    @Field(key: "xml") var xml: Data
    @Field(key: "content") var content: String
    @Field(key: "published_at_us") var publishedAt: Int64
    @Field(key: "published_by") var publishedBy: String
    @Field(key: "organisation") var organisation: String
    /// Set when a later Cancel withdrew this warning.
    @OptionalField(key: "cancelled_at_us") var cancelledAt: Int64?

    init() {}

    func alert() throws -> CAPAlert { try CanonicalJSON.decode(CAPAlert.self, from: content) }
}

/// What the person publishing gives: the texts in Dutch and English, and the CAP assessment.
struct PublicWarningRequest: StrictDecodable {
    struct Texts: Codable, Sendable {
        var nl: String
        var en: String
    }

    var event: Texts
    var headline: Texts
    var description: Texts?
    /// The handelingsperspectief: what citizens should do.
    var instruction: Texts
    var areaDescription: Texts?
    var category: String?
    var responseType: String?
    var urgency: String
    var severity: String
    var certainty: String
    var expires: Date?
    /// Radius of the warned area around an incident that is only a point (default 1 km).
    var radiusKm: Double?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case event, headline, description, instruction, areaDescription, category, responseType, urgency, severity, certainty
        case expires, radiusKm
    }

    static var nestedFields: [String: [String]] {
        Dictionary(uniqueKeysWithValues: ["event", "headline", "description", "instruction", "areaDescription"].map { ($0, ["nl", "en"]) })
    }

    func validate() throws {
        for (name, texts) in [("event", event), ("headline", headline), ("instruction", instruction)] {
            for (language, text) in [("nl", texts.nl), ("en", texts.en)] {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                let limit = name == "instruction" ? 2000 : 200
                guard !trimmed.isEmpty else {
                    throw Problem.invalid("'\(name).\(language)' is required (citizens read the warning in Dutch and English)",
                                          field: "\(name).\(language)")
                }
                guard trimmed.count <= limit else {
                    throw Problem.invalid("'\(name).\(language)' is at most \(limit) characters", field: "\(name).\(language)")
                }
            }
        }
        for (name, texts, limit) in [("description", description, 5000), ("areaDescription", areaDescription, 200)] {
            guard let texts else { continue }
            for (language, text) in [("nl", texts.nl), ("en", texts.en)] where text.count > limit {
                throw Problem.invalid("'\(name).\(language)' is at most \(limit) characters", field: "\(name).\(language)")
            }
        }
        for (name, value, allowed) in [("urgency", urgency, CAPVocabulary.urgencies), ("severity", severity, CAPVocabulary.severities),
                                       ("certainty", certainty, CAPVocabulary.certainties)] where !allowed.contains(value) {
            throw Problem.invalid("'\(name)' must be one of \(allowed.joined(separator: ", "))", field: name)
        }
        if let category, !CAPVocabulary.categories.contains(category) {
            throw Problem.invalid("'category' must be one of \(CAPVocabulary.categories.joined(separator: ", "))", field: "category")
        }
        if let responseType, !CAPVocabulary.responseTypes.contains(responseType) {
            throw Problem.invalid("'responseType' must be one of \(CAPVocabulary.responseTypes.joined(separator: ", "))", field: "responseType")
        }
        if let radiusKm, !(0.1...100).contains(radiusKm) {
            throw Problem.invalid("'radiusKm' must be 0.1 to 100", field: "radiusKm")
        }
    }
}

/// Publishes and withdraws public warnings. Publishing approves the handelingsperspectief, so it
/// takes a crisis-team role (the access policy's recordDecision).
struct PublicWarningService: Sendable {
    let db: Database
    let context: KnooppuntContext

    func publish(_ request: PublicWarningRequest, for incidentID: UUID, by subject: Subject) async throws -> PublicWarningModel {
        let now = context.clock.now()
        let version = try await PictureStore.currentIncidentVersion(incidentID, on: db)
        let state = try PictureStore.decodeState(version)
        try await authorise(subject, incidentID, version, at: now, on: db)
        guard state.status == .open else { throw Problem.conflict("the incident is \(state.status.rawValue); warnings are published for open incidents") }
        guard let incident = try await IncidentModel.read(incidentID, on: db) else { throw Problem.notFound("no incident \(incidentID)") }
        let plots = try await PictureStore(db: db, context: context).plots(of: incidentID, at: Microseconds.from(now))
        let shapes = AffectedAreaView.shapes(incidentLocation: state.location, plots: plots)
        let area = Self.area(shapes, radiusKm: request.radiusKm ?? 1)
        guard !area.polygons.isEmpty || !area.circles.isEmpty else {
            throw Problem.invalid("the incident has no location or area to warn for; give it a location or draw an effect area")
        }
        let organisation = try await OrganisationModel.query(on: db).filter(\.$code == subject.organisationCode).first()
        let senderName = organisation?.name ?? subject.organisationCode
        return try await context.write(on: db) { db in
            let previous = try await PublicWarningModel.query(on: db).filter(\.$incidentID == incidentID).sort(\.$number).all()
            let number = previous.count + 1
            let live = previous.filter { $0.cancelledAt == nil }
            let alert = Self.alert(
                request, incident: incident, state: state, number: number, sender: Self.sender(subject.organisationCode),
                senderName: senderName, sent: CAPTime.format(now), msgType: live.isEmpty ? "Alert" : "Update",
                references: live, area: area)
            return try await Self.store(alert, incidentID: incidentID, number: number, by: subject, at: now, on: db)
        }
    }

    /// Withdraws every live warning of the incident with a CAP Cancel that references them.
    func cancel(incidentID: UUID, by subject: Subject) async throws -> PublicWarningModel {
        let now = context.clock.now()
        let version = try await PictureStore.currentIncidentVersion(incidentID, on: db)
        try await authorise(subject, incidentID, version, at: now, on: db)
        return try await context.write(on: db) { db in
            let previous = try await PublicWarningModel.query(on: db).filter(\.$incidentID == incidentID).sort(\.$number).all()
            let live = previous.filter { $0.cancelledAt == nil && $0.msgType != "Cancel" }
            guard let last = live.last else { throw Problem.conflict("there is no published warning to withdraw") }
            var alert = try last.alert()
            alert.identifier = Self.identifier(last.sender, reference: try await Self.reference(incidentID, on: db), number: previous.count + 1)
            alert.sent = CAPTime.format(now)
            alert.msgType = "Cancel"
            alert.references = Self.references(live)
            for index in alert.infos.indices {
                alert.infos[index].responseTypes = ["AllClear"]
                alert.infos[index].urgency = "Past"
                alert.infos[index].severity = "Minor"
                alert.infos[index].headline = (alert.infos[index].language == "nl-NL" ? "Ingetrokken: " : "Withdrawn: ")
                    + (alert.infos[index].headline ?? alert.infos[index].event)
            }
            let at = Microseconds.from(now)
            for model in live { model.cancelledAt = at; try await model.update(on: db) }
            return try await Self.store(alert, incidentID: incidentID, number: previous.count + 1, by: subject, at: now, on: db)
        }
    }

    private func authorise(_ subject: Subject, _ id: UUID, _ version: IncidentVersionModel, at now: Date, on db: Database) async throws {
        let answer = try await AccessService.decide(
            subject, .init(action: .recordDecision), incident: id, scope: try IncidentAccess.scope(version), at: now, on: db)
        guard answer.decision.allowed else {
            throw Problem.forbidden("publishing a public warning approves its handelingsperspectief: \(answer.decision.reason)")
        }
        // Crisis communication to the public is the competent authority's (002:L1187-1190, decision 0020):
        // the burgemeester or voorzitter, or someone under a mandate for public warnings.
        guard let incident = try await IncidentModel.read(id, on: db) else { throw Problem.notFound("no incident \(id)") }
        let target = AuthorisedIncident(incident: incident, version: version, scope: try IncidentAccess.scope(version))
        let authority = try await IncidentAuthority.forDecisions(target, context: context, on: db)
        let actor = try await GovernanceDirectory.actor(for: subject, on: db, at: now)
        switch AuthorityPermission.decide(actor, .publishPublicWarning, authority: authority, at: now) {
        case .decide:
            return
        case .propose(let reason), .refuse(let reason):
            let names = try await GovernanceDirectory.Names.load(on: db)
            throw Problem.forbidden(
                "a public warning is crisis communication of the competent authority (002:L1187-1190): \(names.replacing(reason.en))")
        }
    }

    private static func reference(_ incidentID: UUID, on db: Database) async throws -> String {
        try await IncidentModel.read(incidentID, on: db)?.reference ?? incidentID.uuidString
    }

    static func sender(_ organisation: String) -> String { "urn:knooppunt:\(organisation.lowercased())" }

    static func identifier(_ sender: String, reference: String, number: Int) -> String {
        "\(sender):\(reference):\(number)"
    }

    static func references(_ warnings: [PublicWarningModel]) -> String {
        warnings.map { "\($0.sender),\($0.identifier),\($0.sent)" }.joined(separator: " ")
    }

    /// The warned area in CAP terms: polygons as outer rings (CAP has no holes), circles with their radius,
    /// and a point as a circle of `radiusKm`.
    static func area(_ shapes: [Shape], radiusKm: Double) -> (polygons: [String], circles: [String]) {
        var polygons: [String] = []
        var circles: [String] = []
        for shape in shapes {
            switch shape {
            case .point(let p): circles.append("\(p.lat),\(p.lon) \(radiusKm)")
            case .circle(let centre, let radius): circles.append("\(centre.lat),\(centre.lon) \(radius / 1000)")
            case .polygons(let list):
                polygons += list.filter { $0.outer.count >= 4 }.map { CAPShape.polygon(fromLonLat: $0.outer.map { [$0.lon, $0.lat] }) }
            case .line: continue
            }
        }
        return (polygons, circles)
    }

    static func alert(
        _ request: PublicWarningRequest, incident: IncidentModel, state: IncidentState, number: Int, sender: String, senderName: String,
        sent: String, msgType: String, references: [PublicWarningModel], area: (polygons: [String], circles: [String])
    ) -> CAPAlert {
        func info(_ language: String, _ pick: (PublicWarningRequest.Texts) -> String) -> CAPInfo {
            CAPInfo(
                language: language, categories: [request.category ?? "Safety"], event: pick(request.event),
                responseTypes: request.responseType.map { [$0] } ?? [], urgency: request.urgency, severity: request.severity,
                certainty: request.certainty, audience: language == "nl-NL" ? "Burgers" : "Public",
                expires: request.expires.map { CAPTime.format($0) }, senderName: senderName, headline: pick(request.headline),
                description: request.description.map(pick), instruction: pick(request.instruction),
                areas: [CAPArea(areaDesc: request.areaDescription.map(pick) ?? state.title, polygons: area.polygons, circles: area.circles)])
        }
        return CAPAlert(
            identifier: identifier(sender, reference: incident.reference, number: number), sender: sender, sent: sent,
            status: incident.exercise ? "Exercise" : "Actual", msgType: msgType, scope: "Public",
            references: references.isEmpty || msgType == "Alert" ? nil : Self.references(references), incidents: incident.reference,
            infos: [info("nl-NL", \.nl), info("en-US", \.en)].map { info in
                var trimmed = info
                trimmed.event = info.event.trimmingCharacters(in: .whitespacesAndNewlines)
                trimmed.headline = info.headline?.trimmingCharacters(in: .whitespacesAndNewlines)
                trimmed.instruction = info.instruction?.trimmingCharacters(in: .whitespacesAndNewlines)
                trimmed.description = info.description?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
                return trimmed
            })
    }

    /// Writes the alert, checks the XML against the OASIS schema and the CAP rules before anything is
    /// stored (a warning that would not validate is never published), and journals it.
    private static func store(_ alert: CAPAlert, incidentID: UUID, number: Int, by subject: Subject, at now: Date, on db: Database)
        async throws -> PublicWarningModel
    {
        let xml = CAPWriter.xml(alert)
        do { _ = try CAPReader.read(xml) } catch {
            throw Problem.invalid("the warning would not be valid CAP 1.2: \(error.description)")
        }
        let model = PublicWarningModel()
        model.id = NewID.next()
        model.incidentID = incidentID
        model.number = number
        model.identifier = alert.identifier
        model.sender = alert.sender
        model.sent = alert.sent
        model.msgType = alert.msgType
        model.status = alert.status
        model.headline = alert.info(preferring: ["nl"])?.headline ?? alert.identifier
        model.xml = xml
        model.content = try CanonicalJSON.encode(alert)
        model.publishedAt = Microseconds.from(now)
        model.publishedBy = subject.username
        model.organisation = subject.organisationCode
        try await model.create(on: db)
        try await Journal.append(
            WarningPublished(incident: incidentID, number: number, identifier: alert.identifier, msgType: alert.msgType), on: db,
            actor: subject.username, organisation: subject.organisationCode, incident: incidentID)
        return model
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
