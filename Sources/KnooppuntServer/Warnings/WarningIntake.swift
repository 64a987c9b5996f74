import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop

/// Takes in CAP alerts: keeps each as it arrived, and adds it as an entry to every open incident
/// whose area and time it touches and that the importer may write to. One transaction, journaled.
struct WarningIntake: Sendable {
    let db: Database
    let context: KnooppuntContext

    struct Importer: Sendable {
        let subject: Subject
        var author: PictureStore.Author { PictureStore.Author(username: subject.username, organisation: subject.organisationCode) }
    }

    struct Outcome: Sendable {
        let warning: WarningModel
        /// True when this exact alert had been taken in before; nothing was changed.
        let duplicate: Bool
        /// The incidents the alert became an entry of (id, reference).
        let incidents: [(id: UUID, reference: String)]
    }

    func take(_ message: CAPMessage, by importer: Importer) async throws -> Outcome {
        let decision = WarningPolicy.mayImport(importer.subject)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        let alert = message.alert
        let now = context.clock.now()
        let targets = try await matchingIncidents(alert, for: importer.subject, at: now)
        let entry = Self.entry(for: alert)
        try PictureStore.checkEntryText(entry.text, source: entry.source)
        let at = Microseconds.from(now)
        let content = try CanonicalJSON.encode(alert)
        let (warning, duplicate) = try await context.write(on: db) { db -> (WarningModel, Bool) in
            // Checked inside the write: two deliveries of one alert at once store it once.
            if let existing = try await WarningModel.query(on: db).filter(\.$sender == alert.sender)
                .filter(\.$identifier == alert.identifier).filter(\.$sent == alert.sent).first()
            {
                return (existing, true)
            }
            let model = WarningModel()
            model.id = NewID.next()
            model.identifier = alert.identifier
            model.sender = alert.sender
            model.sent = alert.sent
            model.sentAt = alert.sentDate.map(Microseconds.from)
            model.capVersion = message.version.rawValue
            model.scope = alert.scope
            model.headline = Self.headline(alert)
            model.signature = Self.signatureState(message.signature)
            model.signatureDetail = message.signature.summary
            model.content = content
            model.original = message.original
            model.receivedAt = at
            model.receivedBy = importer.subject.username
            model.organisation = importer.subject.organisationCode
            model.incidentIDs = targets.map(\.id.uuidString).joined(separator: ",")
            try await model.create(on: db)
            for target in targets {
                _ = try await PictureStore.insertEntry(
                    entry, to: target.id, by: importer.author, externalID: "cap:\(alert.sender):\(alert.identifier)", at: at, on: db)
            }
            try await Journal.append(
                WarningReceived(
                    warning: try model.requireID(), identifier: alert.identifier, sender: alert.sender, sent: alert.sent,
                    signature: model.signatureDetail, incidents: targets.map(\.id)),
                on: db, actor: importer.subject.username, organisation: importer.subject.organisationCode)
            return (model, false)
        }
        if duplicate { return Outcome(warning: warning, duplicate: true, incidents: try await references(warning.incidents)) }
        return Outcome(warning: warning, duplicate: false, incidents: targets)
    }

    /// Open incidents (exercises for exercise alerts) the alert's area and time touch, where the
    /// importer may add an entry.
    private func matchingIncidents(_ alert: CAPAlert, for subject: Subject, at now: Date) async throws
        -> [(id: UUID, reference: String)]
    {
        guard ["Actual", "Exercise"].contains(alert.status), let window = alert.window else { return [] }
        let area = alert.shapes
        guard !area.isEmpty else { return [] }
        let store = PictureStore(db: db, context: context)
        let instant = Microseconds.from(now)
        var found: [(UUID, String)] = []
        for (incident, version) in try await store.currentIncidents(
            exercise: alert.status == "Exercise", region: nil, grip: nil, phase: nil, status: .open)
        {
            let id = try incident.requireID()
            let state = try PictureStore.decodeState(version)
            let shapes = AffectedAreaView.shapes(incidentLocation: state.location, plots: try await store.plots(of: id, at: instant))
            guard WarningMatch.matches(warningArea: area, from: window.from, until: window.until, incidentShapes: shapes,
                                       incidentStart: state.startedAt, now: now) else { continue }
            let answer = try await AccessService.decide(
                subject, .init(action: .addEntry, theme: .algemeen), incident: id, scope: try IncidentAccess.scope(version),
                at: now, on: db)
            if answer.decision.allowed { found.append((id, incident.reference)) }
        }
        return found
    }

    private func references(_ ids: [UUID]) async throws -> [(id: UUID, reference: String)] {
        guard !ids.isEmpty else { return [] }
        return try await IncidentModel.query(on: db).filter(\.$id ~~ ids).all().map { (try $0.requireID(), $0.reference) }
    }

    /// The entry a warning becomes: Dutch text where the alert has it, its source named.
    static func entry(for alert: CAPAlert) -> PictureStore.NewEntry {
        let info = alert.info(preferring: ["nl", "en"])
        var parts = ["Waarschuwing (CAP): \(headline(alert))"]
        if let description = info?.description, !description.isEmpty { parts.append(description) }
        if let instruction = info?.instruction, !instruction.isEmpty { parts.append("Handelingsperspectief: \(instruction)") }
        if let areas = info?.areas.map(\.areaDesc).filter({ !$0.isEmpty }), !areas.isEmpty {
            parts.append("Gebied: \(areas.joined(separator: "; "))")
        }
        var text = parts.joined(separator: "\n")
        if text.count > 5000 { text = String(text.prefix(4990)) + " …" }
        let source = String("CAP \(info?.senderName ?? alert.sender) · \(alert.identifier)".prefix(200))
        let priority: EntryPriority =
            switch (info?.severity, info?.urgency) {
            case ("Extreme", _), (_, "Immediate"): .spoed
            case ("Severe", _): .hoog
            default: .normaal
            }
        let classification: Classification =
            switch alert.scope {
            case "Public": .public
            case "Private": .confidential
            default: .internal
            }
        return PictureStore.NewEntry(
            theme: .algemeen, text: text, source: source,
            observedAt: Microseconds.from(alert.sentDate ?? Date()), priority: priority, classification: classification)
    }

    static func headline(_ alert: CAPAlert) -> String {
        let info = alert.info(preferring: ["nl", "en"])
        let text = info?.headline ?? info?.event ?? alert.msgType
        return text.isEmpty ? alert.identifier : text
    }

    static func signatureState(_ status: SignatureStatus) -> String {
        switch status {
        case .unsigned: "unsigned"
        case .verified: "verified"
        case .unverifiable: "unverifiable"
        }
    }
}

