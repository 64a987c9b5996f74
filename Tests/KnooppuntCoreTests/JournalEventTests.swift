import Foundation
import Testing

@testable import KnooppuntCore

@Suite("Typed journal events")
struct JournalEventTests {
    /// Payloads as the server wrote them before events were typed: the first of each shape per kind from
    /// a run of the whole server test suite (66 kinds), taken from the statements PostgreSQL logged.
    static func storedPayloads() throws -> [(kind: String, payload: String)] {
        struct Line: Decodable {
            let kind: String
            let payload: String
        }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data/journal-payloads.jsonl")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
            let decoded = try JSONDecoder().decode(Line.self, from: Data(line.utf8))
            return (decoded.kind, decoded.payload)
        }
    }

    @Test("every kind has its own payload type, which names that kind")
    func everyKindHasItsType() {
        // setup
        var kindsByType: [ObjectIdentifier: JournalKind] = [:]
        for kind in JournalKind.allCases {
            // MUT
            let type = kind.payloadType
            // validate
            #expect(type.kind == kind, "\(kind.rawValue) is read as \(type), which is written as \(type.kind.rawValue)")
            if let other = kindsByType.updateValue(kind, forKey: ObjectIdentifier(type)) {
                Issue.record("\(type) is the payload type of both \(other.rawValue) and \(kind.rawValue)")
            }
        }
        #expect(kindsByType.count == JournalKind.allCases.count)
    }

    @Test("stored payloads of every kind read back as their event and encode to the same bytes")
    func storedPayloadsRoundTrip() throws {
        // setup
        let stored = try Self.storedPayloads()
        #expect(Set(stored.map(\.kind)).count >= 66)
        for (index, (kind, payload)) in stored.enumerated() {
            let record = JournalRecord(
                sequence: Int64(index + 1), recordedAt: "2026-12-06T06:00:00.000Z", actor: "test", organisation: "VR13",
                kind: kind, payload: payload, previousHash: JournalRecord.genesisHash)
            // MUT
            let event = try record.event()
            // validate
            #expect(type(of: event).kind.rawValue == kind)
            #expect(try event.payload() == payload, "\(kind) does not encode to the bytes it was stored with")
        }
    }

    @Test("shared payload shapes encode in place, exactly as the structs they replace")
    func representativeEncodings() throws {
        // setup
        let request = UUID(uuidString: "02294D2C-BD61-44D8-9148-F63CEA7B1CBE")!
        let step = AssistancePayload(request: request, number: "BIJ-VR13-2026-0001", status: "offered", detail: nil)
        let layer = LayerPayload(layer: request, name: "Brandkranen", owner: "VR13")
        let grouping = GroupingPayload(grouping: request, name: "Hoogwater", members: ["vr13/\(request)"])
        let sharing = EntrySharingPayload(incident: request, entry: request, version: 2, nodes: ["lcms"])
        let when = Date(timeIntervalSince1970: 1_796_000_000)
        // MUT / validate: the bytes the dictionaries and structs before typed events wrote
        #expect(try AssistanceOffered(step).payload()
            == #"{"number":"BIJ-VR13-2026-0001","request":"02294D2C-BD61-44D8-9148-F63CEA7B1CBE","status":"offered"}"#)
        #expect(try AssistanceWithdrawn(step).payload() == AssistanceOffered(step).payload())
        #expect(try AuditConfidentialRead.layer(layer).payload()
            == #"{"layer":"02294D2C-BD61-44D8-9148-F63CEA7B1CBE","name":"Brandkranen","owner":"VR13"}"#)
        #expect(try AuditConfidentialRead.incident(request, what: "SitRap 2").payload()
            == #"{"incident":"02294D2C-BD61-44D8-9148-F63CEA7B1CBE","what":"SitRap 2"}"#)
        #expect(try NationalGroupingCreated(grouping).payload()
            == #"{"grouping":"02294D2C-BD61-44D8-9148-F63CEA7B1CBE","members":["vr13/02294D2C-BD61-44D8-9148-F63CEA7B1CBE"],"name":"Hoogwater"}"#)
        #expect(try EntrySharedNationally(sharing).payload()
            == #"{"entry":"02294D2C-BD61-44D8-9148-F63CEA7B1CBE","incident":"02294D2C-BD61-44D8-9148-F63CEA7B1CBE","nodes":["lcms"],"version":2}"#)
        #expect(try UserCreated(username: "piet", organisation: "BOUWCO", role: "partner-user").payload()
            == #"{"organisation":"BOUWCO","role":"partner-user","username":"piet"}"#)
        #expect(try FallbackRead(node: nil, incident: nil, incidents: [request], via: "page").payload()
            == #"{"incidents":["02294D2C-BD61-44D8-9148-F63CEA7B1CBE"],"via":"page"}"#)
        #expect(try FallbackRefused(region: "VR12", incident: nil, reason: "not yours", via: "api").payload()
            == #"{"reason":"not yours","region":"VR12","via":"api"}"#)
        #expect(try FederationDetailRead(incident: request, entries: 3).payload()
            == #"{"entries":3,"incident":"02294D2C-BD61-44D8-9148-F63CEA7B1CBE"}"#)
        #expect(try AccessLayerBreakGlass(
            layer: request, name: "Brandkranen", owner: "VR13", organisation: "RWS", reason: "brand", validUntil: when
        ).payload()
            == #"{"layer":"02294D2C-BD61-44D8-9148-F63CEA7B1CBE","name":"Brandkranen","organisation":"RWS","owner":"VR13","reason":"brand","validUntil":"2026-11-30T00:53:20Z"}"#)
    }

    @Test("a record reads as the type of its kind only")
    func eventAs() throws {
        // setup
        let record = JournalRecord(
            sequence: 1, recordedAt: "2026-12-06T06:00:00.000Z", actor: "im-vr13", organisation: "VR13",
            kind: JournalKind.userDisabled.rawValue, payload: #"{"username":"piet"}"#, previousHash: JournalRecord.genesisHash)
        // MUT / validate
        #expect(try record.event(as: UserDisabled.self)?.username == "piet")
        #expect(try record.event(as: UserPasswordChanged.self) == nil)
        var unknown = record
        unknown.kind = "user.renamed"
        #expect(throws: UnreadableJournalEvent.self) { try unknown.event() }
        var broken = record
        broken.payload = #"{"name":"piet"}"#
        #expect(throws: UnreadableJournalEvent.self) { try broken.event() }
    }

    @Test("classified and organisation events tell what the access policy needs")
    func visibilityFacts() {
        // setup
        let id = UUID()
        let entry = EntryVersionPayload(
            incident: id, entry: id, version: 1, theme: "partner:RWS", text: "t", source: "s", verification: "unverified",
            admitted: false, classification: "confidential", awaitingAdmission: true, authorOrganisation: "RWS",
            onBehalfOf: nil, digest: "d")
        let alert = AlertPayload(incident: id, alert: id, organisation: "KNMI", reason: "GRIP 1", escalatedTo: nil)
        // MUT / validate
        #expect(EntryUpdated(entry).classified == ClassifiedContent(
            classification: "confidential", awaitingAdmission: true, authorOrganisation: "RWS", part: .entry(.partner("RWS"))))
        #expect(SitRapScheduleSet(SitRapSchedulePayload(incident: id, intervalMinutes: 60, reason: nil)).classified == .internal)
        #expect(AlertEscalated(alert).aboutOrganisation == "KNMI")
        #expect(!(JournalKind.incidentUpdated.payloadType is any ClassifiedJournalEvent.Type))
        #expect(JournalKind.plotRemoved.payloadType is any ClassifiedJournalEvent.Type)
        #expect(JournalKind.accessLayerBreakGlass.payloadType is any OrganisationJournalEvent.Type)
    }
}
