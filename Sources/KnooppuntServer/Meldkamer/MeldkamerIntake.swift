import Crypto
import Fluent
import Foundation
import KnooppuntCore
import NIOPosix
import Vapor

/// The gazetteer of the bundled municipalities and regions, built once per process.
actor MeldkamerGazetteer {
    static let shared = MeldkamerGazetteer()
    private var built: (Gazetteer, [MunicipalityArea])?

    static func load(on db: Database) async throws -> (gazetteer: Gazetteer, areas: [MunicipalityArea]) {
        try await shared.load(db)
    }

    private func load(_ db: Database) async throws -> (Gazetteer, [MunicipalityArea]) {
        if let built { return built }
        let areas = try await MunicipalityAreas.all(on: db)
        let regions = try await RegionModel.query(on: db).all()
        var names: [(String, RegionCode)] = []
        for region in regions {
            guard let code = region.id.flatMap(RegionCode.init) else { continue }
            names.append((region.name, code))
            names.append((region.alternativeName, code))
        }
        let result = (Gazetteer(areas: areas, regionNames: names), areas)
        built = result
        return result
    }

    /// Reads one message with the gazetteer: the coordinate fallback uses the boundaries.
    static func read(_ text: String, at point: Position?, gazetteer: Gazetteer, areas: [MunicipalityArea]) -> MeldkamerReading {
        MeldkamerReader.read(text, coordinates: point, gazetteer: gazetteer) { point in
            Gazetteer.municipality(at: point, in: areas).flatMap { gazetteer.municipality(code: $0.code) }
        }
    }
}

/// Taking meldkamer messages in (issue 20, decision 0034): checked, read, stored once, grouped into incident
/// proposals and journaled, in one write. A batch is all or nothing: a message that breaks the input rules
/// (too long, control characters, a bad time or coordinate) refuses the batch naming it; a line that can be
/// stored but not understood is kept and reported as unreadable.
struct MeldkamerIntake {
    let db: Database
    let context: KnooppuntContext

    static let maximumBatch = 500
    static let duplicateWindow: Int64 = 10 * 60 * 1_000_000
    static let maximumSource = 100

    struct MessageInput: StrictDecodable, Encodable, Sendable {
        var text: String
        var receivedAt: String?
        var source: String?
        var lat: Double?
        var lon: Double?
        /// Messages of an exercise (a replay) form exercise proposals, promoted to exercise incidents.
        var exercise: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable { case text, receivedAt, source, lat, lon, exercise }
    }

    /// A checked message, ready to read.
    struct Checked: Sendable {
        var text: String
        var receivedAt: Date
        var source: String
        var point: Position?
        var exercise: Bool
    }

    struct MunicipalityRef: Content, Equatable {
        var code: String
        var name: String
    }

    struct ProposalRef: Content, Equatable {
        var id: UUID
        /// True when this message opened the proposal.
        var opened: Bool
        /// Why it joined (nil when it opened it).
        var reason: String?
    }

    struct MessageResult: Content {
        var index: Int
        var id: UUID
        /// stored, or duplicate (the same message was stored before; `id` is the stored one).
        var status: String
        var unreadable: Bool
        var announcement: Bool
        var priority: Int?
        var discipline: String?
        var unit: String?
        var messageType: String?
        var messageTypeExpanded: String?
        var street: String?
        var place: String?
        var placeExpanded: String?
        var postcode: String?
        var capcodes: [String]
        var municipality: MunicipalityRef?
        var region: String?
        var confidence: Double
        var reasons: [String]
        var proposal: ProposalRef?
    }

    struct Result: Content {
        var received: Int
        var stored: Int
        var duplicates: Int
        var unreadable: Int
        var messages: [MessageResult]
    }

    // MARK: input

    /// `text/plain`: one message per line; a line may start with its time (ISO 8601 with offset).
    static func inputs(plainText: String) -> [MessageInput] {
        plainText.split(whereSeparator: \.isNewline).compactMap { line -> MessageInput? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            if let space = trimmed.firstIndex(of: " "), DateTimeText.parse(String(trimmed[..<space])) != nil {
                return MessageInput(
                    text: String(trimmed[trimmed.index(after: space)...]).trimmingCharacters(in: .whitespaces),
                    receivedAt: String(trimmed[..<space]), source: "p2000")
            }
            return MessageInput(text: trimmed, receivedAt: nil, source: "p2000")
        }
    }

    /// JSON: one object, or an array of objects.
    static func inputs(json data: Data) throws -> [MessageInput] {
        let first = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        guard first == UInt8(ascii: "[") else { return [try StrictJSON.decode(MessageInput.self, from: data)] }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data) } catch {
            throw Problem.badRequest("malformed JSON: the body is not a JSON array of messages")
        }
        guard let array = parsed as? [Any] else { throw Problem.badRequest("malformed JSON: expected an array of messages") }
        guard array.count <= maximumBatch else {
            throw Problem.invalid("at most \(maximumBatch) messages per request; got \(array.count)", field: "messages")
        }
        return try array.enumerated().map { index, element in
            guard element is [String: Any], let json = try? JSONSerialization.data(withJSONObject: element) else {
                throw Problem.invalid("messages[\(index)] must be a JSON object with text", field: "messages[\(index)]")
            }
            do { return try StrictJSON.decode(MessageInput.self, from: json) } catch let problem as Problem {
                throw Problem.invalid("messages[\(index)]: \(problem.detail)", field: "messages[\(index)]")
            }
        }
    }

    /// Checks every message against the input rules; the first that breaks one refuses the batch.
    func check(_ inputs: [MessageInput]) throws -> [Checked] {
        guard !inputs.isEmpty else { throw Problem.invalid("no messages: send at least one", field: "messages") }
        guard inputs.count <= Self.maximumBatch else {
            throw Problem.invalid("at most \(Self.maximumBatch) messages per request; got \(inputs.count)", field: "messages")
        }
        let now = context.clock.now()
        let earliest = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01
        return try inputs.enumerated().map { index, input in
            let prefix = inputs.count > 1 ? "messages[\(index)]." : ""
            let text = input.text.trimmingCharacters(in: .whitespaces)
            guard (1...MeldkamerReader.maximumLength).contains(text.count) else {
                throw Problem.invalid("text must be 1 to \(MeldkamerReader.maximumLength) characters long", field: prefix + "text")
            }
            guard TextHygiene.isClean(text) else {
                throw Problem.invalid("text holds control or direction characters", field: prefix + "text")
            }
            var at = now
            if let raw = input.receivedAt {
                guard let parsed = DateTimeText.parse(raw) else {
                    throw Problem.invalid(
                        "receivedAt must be a date and time with offset, e.g. 2019-12-31T23:59:00+01:00", field: prefix + "receivedAt")
                }
                guard parsed >= earliest, parsed <= now.addingTimeInterval(86_400) else {
                    throw Problem.invalid("receivedAt lies outside 2000 up to tomorrow", field: prefix + "receivedAt")
                }
                at = parsed
            }
            let source = (input.source ?? "meldkamer").trimmingCharacters(in: .whitespaces)
            guard (1...Self.maximumSource).contains(source.count), TextHygiene.isClean(source) else {
                throw Problem.invalid("source must be 1 to \(Self.maximumSource) characters of text", field: prefix + "source")
            }
            var point: Position?
            switch (input.lat, input.lon) {
            case (nil, nil): point = nil
            case (let lat?, let lon?):
                guard lat.isFinite, lon.isFinite, (50.5...53.8).contains(lat), (3.2...7.3).contains(lon) else {
                    throw Problem.invalid("lat and lon must lie in the Netherlands (WGS84 degrees)", field: prefix + "lat")
                }
                point = Position(lon: lon, lat: lat)
            default:
                throw Problem.invalid("give lat and lon together, or neither", field: prefix + (input.lat == nil ? "lat" : "lon"))
            }
            return Checked(text: text, receivedAt: at, source: source, point: point, exercise: input.exercise ?? false)
        }
    }

    /// An exercise message is never the same message as a real one, whatever its text.
    static func textHash(_ text: String, meldkamer: String, exercise: Bool) -> String {
        let even = text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        return Hex.lowercase(SHA256.hash(data: Data("\(meldkamer)\n\(exercise ? "oefening" : "echt")\n\(even)".utf8)))
    }

    // MARK: take in

    /// Reads the checked messages off the event loop, then stores and groups them in one write.
    func take(_ checked: [Checked], meldkamer: String, by author: PictureStore.Author, threadPool: NIOThreadPool?) async throws -> Result {
        let (gazetteer, areas) = try await MeldkamerGazetteer.load(on: db)
        let readAll: @Sendable () -> [MeldkamerReading] = {
            checked.map { MeldkamerGazetteer.read($0.text, at: $0.point, gazetteer: gazetteer, areas: areas) }
        }
        let readings: [MeldkamerReading]
        if let threadPool { readings = try await threadPool.runIfActive(readAll) } else { readings = readAll() }
        let storedAt = Microseconds.from(context.clock.now())
        let ids = checked.map { _ in NewID.next() }
        let served = Set(Meldkamers.meldkamer(code: meldkamer)?.regions ?? [])
        return try await context.write(on: db) { db in
            var results: [MessageResult] = []
            var journaled: [MeldkamerMessagesReceived.Message] = []
            var regions = Set<String>()
            var duplicates = 0, unreadable = 0
            // Oldest first, so grouping sees a batch in the order things happened.
            let order = checked.indices.sorted { checked[$0].receivedAt < checked[$1].receivedAt }
            for index in order {
                let message = checked[index]
                let reading = readings[index]
                let at = Microseconds.from(message.receivedAt)
                let hash = Self.textHash(message.text, meldkamer: meldkamer, exercise: message.exercise)
                if let earlier = try await MeldkamerMessageModel.query(on: db).filter(\.$textHash == hash)
                    .filter(\.$receivedAt >= at - Self.duplicateWindow).filter(\.$receivedAt <= at + Self.duplicateWindow).first()
                {
                    duplicates += 1
                    results.append(
                        Self.result(
                            index: index, id: try earlier.requireID(), status: "duplicate", reading: reading,
                            proposal: earlier.proposalID.map { ProposalRef(id: $0, opened: false, reason: earlier.joinReason) }))
                    continue
                }
                let row = MeldkamerMessageModel()
                row.id = ids[index]
                row.meldkamer = meldkamer
                row.text = message.text
                row.textHash = hash
                row.receivedAt = at
                row.source = message.source
                row.lat = message.point?.lat
                row.lon = message.point?.lon
                row.reading = try CanonicalJSON.encode(reading)
                row.region = reading.region?.rawValue
                row.unreadable = reading.isUnreadable
                row.storedAt = storedAt
                row.exercise = message.exercise
                row.streetKey = ProposalGrouping.streetKey(reading.street)
                row.municipality = reading.municipality?.code
                row.postcode = reading.postcode
                row.pointExact = reading.pointIsExact
                row.capcodes = reading.capcodes.isEmpty ? "" : "," + reading.capcodes.joined(separator: ",") + ","
                row.priority = reading.priority
                if reading.isUnreadable { unreadable += 1 }
                var proposal: ProposalRef?
                // A meldkamer proposes only in the regions it serves: what it reports elsewhere is stored with
                // its region, for that region's own meldkamer to send (decision 0034).
                if ProposalGrouping.proposes(reading), let region = reading.region, served.contains(region) {
                    proposal = try await Self.group(
                        row, reading: reading, region: region, exercise: message.exercise, at: at, on: db)
                    regions.insert(region.rawValue)
                }
                row.proposalID = proposal?.id
                row.joinReason = proposal?.reason
                var answered = reading
                if ProposalGrouping.proposes(reading), let region = reading.region, !served.contains(region) {
                    answered.reasons.append("\(region.rawValue) valt buiten het gebied van deze meldkamer: geen voorstel")
                }
                try await row.create(on: db)
                journaled.append(
                    .init(id: ids[index], region: reading.region?.rawValue, proposal: proposal?.id, reason: proposal?.reason))
                results.append(Self.result(index: index, id: ids[index], status: "stored", reading: answered, proposal: proposal))
            }
            if !journaled.isEmpty {
                try await Journal.append(
                    MeldkamerMessagesReceived(
                        meldkamer: meldkamer, regions: regions.sorted(), messages: journaled, duplicates: duplicates,
                        unreadable: unreadable),
                    on: db, actor: author.username, organisation: author.organisation)
            }
            results.sort { $0.index < $1.index }
            return Result(
                received: checked.count, stored: checked.count - duplicates, duplicates: duplicates, unreadable: unreadable,
                messages: results)
        }
    }

    /// Joins the message to the best open proposal of its region, or opens one; inside the caller's write.
    /// Only the messages that could matter are read: those of the region in the time window with the same street
    /// and municipality, the same postcode, an exact point nearby, or (for a follow-up) a unit in common.
    static func group(
        _ row: MeldkamerMessageModel, reading: MeldkamerReading, region: RegionCode, exercise: Bool, at: Int64, on db: Database
    ) async throws -> ProposalRef {
        let window = Int64(ProposalGrouping.streetWindow * 1_000_000)
        let street = row.streetKey, municipality = row.municipality, postcode = row.postcode
        let nearby = reading.pointIsExact ? reading.point : nil
        let units = ProposalGrouping.isFollowUp(reading) && municipality != nil ? Array(reading.capcodes.prefix(10)) : []
        var snapshots: [ProposalSnapshot] = []
        var open: [MeldkamerProposalModel] = []
        if (street != nil && municipality != nil) || postcode != nil || nearby != nil || !units.isEmpty {
            // About 250 m in degrees, generously (a degree of longitude is shorter at 50–54° N).
            let dLat = 0.003, dLon = 0.005
            let candidates = try await MeldkamerMessageModel.query(on: db).filter(\.$region == region.rawValue)
                .filter(\.$exercise == exercise).filter(\.$proposalID != nil)
                .filter(\.$receivedAt >= at - window).filter(\.$receivedAt <= at + window)
                .group(.or) { or in
                    if let street, let municipality {
                        or.group(.and) { $0.filter(\.$streetKey == street).filter(\.$municipality == municipality) }
                    }
                    if let postcode { or.filter(\.$postcode == postcode) }
                    if let nearby {
                        or.group(.and) {
                            $0.filter(\.$pointExact == true).filter(\.$lat >= nearby.lat - dLat).filter(\.$lat <= nearby.lat + dLat)
                                .filter(\.$lon >= nearby.lon - dLon).filter(\.$lon <= nearby.lon + dLon)
                        }
                    }
                    if let municipality {
                        for unit in units {
                            or.group(.and) { $0.filter(\.$municipality == municipality).filter(\.$capcodes, .custom("LIKE"), "%,\(unit),%") }
                        }
                    }
                }
                // The most recent matches are enough: one message of a proposal establishes the rule it
                // joins by, so a street with hundreds of messages costs no more than one with a few.
                .sort(\.$receivedAt, .descending).limit(50).all()
            let ids = Set(candidates.compactMap(\.proposalID))
            if !ids.isEmpty {
                open = try await MeldkamerProposalModel.query(on: db).filter(\.$id ~~ Array(ids))
                    .filter(\.$status == ProposalStatus.open.rawValue).all()
                let byProposal = Dictionary(grouping: candidates) { $0.proposalID! }
                for proposal in open {
                    guard let id = proposal.id else { continue }
                    snapshots.append(
                        ProposalSnapshot(
                            id: id.uuidString, region: region,
                            messages: (byProposal[id] ?? []).prefix(3).compactMap { try? $0.grouped() }.sorted { $0.receivedAt < $1.receivedAt },
                            knownLastAt: Microseconds.date(proposal.lastMessageAt), knownHighestPriority: proposal.highestPriority))
                }
            }
        }
        let message = GroupedMessage(receivedAt: Microseconds.date(at), reading: reading)
        if let match = ProposalGrouping.match(message, among: snapshots), let id = UUID(uuidString: match.proposalID),
            let proposal = open.first(where: { $0.id == id })
        {
            proposal.lastMessageAt = max(proposal.lastMessageAt, at)
            proposal.highestPriority = [proposal.highestPriority, reading.priority].compactMap { $0 }.min()
            proposal.version += 1
            try await proposal.update(on: db)
            return ProposalRef(id: id, opened: false, reason: match.reason)
        }
        let proposal = MeldkamerProposalModel()
        proposal.id = NewID.next()
        proposal.region = region.rawValue
        proposal.status = ProposalStatus.open.rawValue
        proposal.openedAt = at
        proposal.lastMessageAt = at
        proposal.exercise = exercise
        proposal.highestPriority = reading.priority
        proposal.version = 1
        try await proposal.create(on: db)
        return ProposalRef(id: try proposal.requireID(), opened: true, reason: nil)
    }

    static func result(index: Int, id: UUID, status: String, reading: MeldkamerReading, proposal: ProposalRef?) -> MessageResult {
        MessageResult(
            index: index, id: id, status: status, unreadable: reading.isUnreadable, announcement: reading.isAnnouncement,
            priority: reading.priority, discipline: reading.discipline?.rawValue, unit: reading.unit,
            messageType: reading.messageType, messageTypeExpanded: reading.messageTypeExpanded, street: reading.street,
            place: reading.place, placeExpanded: reading.placeExpanded, postcode: reading.postcode, capcodes: reading.capcodes,
            municipality: reading.municipality.map { MunicipalityRef(code: $0.code, name: $0.name) },
            region: reading.region?.rawValue, confidence: reading.confidence, reasons: reading.reasons, proposal: proposal)
    }
}

/// Where a proposal stands.
enum ProposalStatus: String, CaseIterable, Codable, Sendable {
    case open, promoted, dismissed, merged

    var label: LocalizedLabel {
        switch self {
        case .open: LocalizedLabel(nl: "Open", en: "Open")
        case .promoted: LocalizedLabel(nl: "Incident gemaakt", en: "Promoted to incident")
        case .dismissed: LocalizedLabel(nl: "Afgewezen", en: "Dismissed")
        case .merged: LocalizedLabel(nl: "Samengevoegd", en: "Merged")
        }
    }
}

extension MeldkamerMessageModel {
    func decodedReading() throws -> MeldkamerReading { try CanonicalJSON.decode(MeldkamerReading.self, from: reading) }

    func grouped() throws -> GroupedMessage {
        GroupedMessage(receivedAt: Microseconds.date(receivedAt), reading: try decodedReading())
    }
}
