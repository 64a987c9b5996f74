import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// The incident proposals (issue 20, decision 0034): listed for who may see their region, and promoted,
/// dismissed, merged or split by the calamiteitencoördinator or the region's IM or HIN; every act journaled.
struct MeldkamerProposals {
    let db: Database
    let context: KnooppuntContext
    let user: CurrentUser
    var language: Language = .nl

    /// The source an entry made from a meldkamer message carries.
    static let entrySource = "meldkamer"

    struct MessageDTO: Content, Equatable {
        var id: UUID
        var text: String
        var receivedAt: Date
        var source: String
        var meldkamer: String
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
        var municipality: MeldkamerIntake.MunicipalityRef?
        var region: String?
        var confidence: Double
        var reasons: [String]
        var unreadable: Bool
        var announcement: Bool
        /// Why it joined the proposal (nil for the message that opened it).
        var joinReason: String?
        var lat: Double?
        var lon: Double?
        var pointIsExact: Bool
    }

    struct ProposalDTO: Content, Equatable {
        var id: UUID
        var region: String
        var status: String
        var statusLabel: String
        var exercise: Bool
        var title: String
        var category: String
        var categoryLabel: String
        var highestPriority: Int?
        var openedAt: Date
        var lastMessageAt: Date
        var lat: Double?
        var lon: Double?
        var pointIsExact: Bool
        var municipality: MeldkamerIntake.MunicipalityRef?
        var messages: [MessageDTO]
        var incident: UUID?
        var mergedInto: UUID?
        var handledBy: String?
        var handledAt: Date?
        var handledReason: String?
        var version: Int
        /// Whether the reader may promote, dismiss, merge and split it.
        var mayHandle: Bool
    }

    struct ListDTO: Content {
        var regions: [String]
        var proposals: [ProposalDTO]
    }

    struct VersionInput: StrictDecodable {
        var version: Int
        enum CodingKeys: String, CodingKey, CaseIterable { case version }
    }

    struct PromoteInput: StrictDecodable {
        var version: Int
        /// Defaults to the proposal's suggested title and category.
        var title: String?
        var category: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case version, title, category }
    }

    struct DismissInput: StrictDecodable {
        var version: Int
        var reason: String
        enum CodingKeys: String, CodingKey, CaseIterable { case version, reason }
    }

    struct MergeInput: StrictDecodable {
        var version: Int
        /// The proposal this one joins.
        var into: UUID
        enum CodingKeys: String, CodingKey, CaseIterable { case version, into }
    }

    struct SplitInput: StrictDecodable {
        var version: Int
        /// The messages that move to a new proposal.
        var messages: [UUID]
        enum CodingKeys: String, CodingKey, CaseIterable { case version, messages }
    }

    struct PromotedDTO: Content {
        var proposal: ProposalDTO
        var incident: UUID
        var reference: String
    }

    // MARK: reading

    func list(status: ProposalStatus?, region: RegionCode?, exercise: Bool?) async throws -> ListDTO {
        var regions = MeldkamerPolicy.visibleRegions(user.subject)
        if let region {
            let decision = MeldkamerPolicy.mayRead(user.subject, region: region)
            guard decision.allowed else { throw Problem.forbidden(decision.reason) }
            regions = [region]
        }
        guard !regions.isEmpty else {
            throw Problem.forbidden(
                "incident proposals are seen by the calamiteitencoördinator of the meldkamer and the region's IM, HIN, AC and operational leader")
        }
        var query = MeldkamerProposalModel.query(on: db).filter(\.$region ~~ regions.map(\.rawValue))
        if let status { query = query.filter(\.$status == status.rawValue) }
        if let exercise { query = query.filter(\.$exercise == exercise) }
        let proposals = try await query.sort(\.$lastMessageAt, .descending).limit(200).all()
        return ListDTO(regions: regions.map(\.rawValue).sorted(), proposals: try await dtos(proposals))
    }

    /// What the meldkamer page shows: the true counts, the open proposals most urgent first (priority, then the
    /// latest message), at most `limit` of them, and the last ten handled.
    struct PageData {
        var regions: [String]
        /// Region code → its name, for where a person reads.
        var regionNames: [String: String]
        var openCount: Int
        var urgentCount: Int
        var open: [ProposalDTO]
        var handled: [ProposalDTO]
    }

    func page(limit: Int) async throws -> PageData {
        let regions = MeldkamerPolicy.visibleRegions(user.subject)
        guard !regions.isEmpty else {
            throw Problem.forbidden(
                "incident proposals are seen by the calamiteitencoördinator of the meldkamer and the region's IM, HIN, AC and operational leader")
        }
        func base() -> QueryBuilder<MeldkamerProposalModel> {
            MeldkamerProposalModel.query(on: db).filter(\.$region ~~ regions.map(\.rawValue))
        }
        let openCount = try await base().filter(\.$status == ProposalStatus.open.rawValue).count()
        let urgentCount = try await base().filter(\.$status == ProposalStatus.open.rawValue).filter(\.$highestPriority == 1).count()
        let open = try await base().filter(\.$status == ProposalStatus.open.rawValue).all()
            .sorted { ($0.highestPriority ?? 9, -$0.lastMessageAt) < ($1.highestPriority ?? 9, -$1.lastMessageAt) }
        let handled = try await base().filter(\.$status != ProposalStatus.open.rawValue).sort(\.$handledAt, .descending).limit(10).all()
        let names = try await RegionModel.query(on: db).filter(\.$id ~~ regions.map(\.rawValue)).all()
        return PageData(
            regions: regions.map(\.rawValue).sorted(),
            regionNames: Dictionary(names.compactMap { row in row.id.map { ($0, row.name) } }, uniquingKeysWith: { a, _ in a }),
            openCount: openCount, urgentCount: urgentCount,
            open: try await dtos(Array(open.prefix(limit))), handled: try await dtos(handled))
    }

    func detail(_ id: UUID) async throws -> ProposalDTO {
        let proposal = try await find(id, on: db)
        try requireRead(proposal)
        return try await dtos([proposal])[0]
    }

    func dtos(_ proposals: [MeldkamerProposalModel]) async throws -> [ProposalDTO] {
        let ids = proposals.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let messages = try await MeldkamerMessageModel.query(on: db).filter(\.$proposalID ~~ ids).sort(\.$receivedAt).all()
        let byProposal = Dictionary(grouping: messages) { $0.proposalID! }
        return try proposals.map { proposal in
            try Self.dto(proposal, messages: byProposal[try proposal.requireID()] ?? [], user: user, language: language)
        }
    }

    static func messageDTO(_ row: MeldkamerMessageModel) throws -> MessageDTO {
        try messageDTO(row, reading: try row.decodedReading())
    }

    /// Messages with their readings decoded once: what the page shows, and what the grouping's snapshot holds.
    static func read(_ rows: [MeldkamerMessageModel]) throws -> (messages: [MessageDTO], grouped: [GroupedMessage]) {
        var messages: [MessageDTO] = [], grouped: [GroupedMessage] = []
        for row in rows {
            let reading = try row.decodedReading()
            messages.append(try messageDTO(row, reading: reading))
            grouped.append(GroupedMessage(receivedAt: Microseconds.date(row.receivedAt), reading: reading))
        }
        return (messages, grouped)
    }

    /// The meldkamer's own messages that formed no proposal, newest first.
    static func unplaced(meldkamer: String, limit: Int, on db: Database) async throws -> [MessageDTO] {
        try await MeldkamerMessageModel.query(on: db).filter(\.$meldkamer == meldkamer).filter(\.$proposalID == nil)
            .sort(\.$receivedAt, .descending).limit(limit).all().map(messageDTO)
    }

    static func messageDTO(_ row: MeldkamerMessageModel, reading: MeldkamerReading) throws -> MessageDTO {
        MessageDTO(
            id: try row.requireID(), text: row.text, receivedAt: Microseconds.date(row.receivedAt), source: row.source,
            meldkamer: row.meldkamer, priority: reading.priority, discipline: reading.discipline?.rawValue, unit: reading.unit,
            messageType: reading.messageType, messageTypeExpanded: reading.messageTypeExpanded, street: reading.street,
            place: reading.place, placeExpanded: reading.placeExpanded, postcode: reading.postcode, capcodes: reading.capcodes,
            municipality: reading.municipality.map { .init(code: $0.code, name: $0.name) }, region: reading.region?.rawValue,
            confidence: reading.confidence, reasons: reading.reasons, unreadable: row.unreadable,
            announcement: reading.isAnnouncement, joinReason: row.joinReason, lat: reading.point?.lat, lon: reading.point?.lon,
            pointIsExact: reading.pointIsExact)
    }

    static func dto(_ proposal: MeldkamerProposalModel, messages rows: [MeldkamerMessageModel], user: CurrentUser, language: Language)
        throws -> ProposalDTO
    {
        let (messages, grouped) = try read(rows)
        let snapshot = ProposalSnapshot(id: "", region: RegionCode(proposal.region) ?? RegionCode(number: 1), messages: grouped)
        let category = snapshot.suggestedCategory
        let point = snapshot.point
        let exact = snapshot.messages.contains { $0.reading.pointIsExact }
        let status = ProposalStatus(rawValue: proposal.status) ?? .open
        let region = RegionCode(proposal.region)
        return ProposalDTO(
            id: try proposal.requireID(), region: proposal.region, status: status.rawValue, statusLabel: status.label.text(language),
            exercise: proposal.exercise, title: title(messages), category: category.rawValue,
            categoryLabel: category.label.text(language), highestPriority: snapshot.highestPriority,
            openedAt: Microseconds.date(proposal.openedAt), lastMessageAt: Microseconds.date(proposal.lastMessageAt),
            lat: point?.lat, lon: point?.lon, pointIsExact: exact,
            municipality: messages.first { $0.municipality != nil }?.municipality, messages: messages,
            incident: proposal.incidentID, mergedInto: proposal.mergedInto, handledBy: proposal.handledBy,
            handledAt: proposal.handledAt.map(Microseconds.date), handledReason: proposal.handledReason,
            version: proposal.version,
            mayHandle: region.map { MeldkamerPolicy.mayHandle(user.subject, region: $0).allowed } ?? false)
    }

    /// "Brand woning — Nico Snijdersstraat, Amsterdam": the first message's classification, written out, with
    /// its street and place.
    static func title(_ messages: [MessageDTO]) -> String {
        guard let first = messages.first(where: { $0.messageType != nil }) ?? messages.first else { return "Melding" }
        let what = (first.messageTypeExpanded ?? first.messageType).map { String($0.prefix(80)) } ?? "Melding"
        let place = first.municipality?.name ?? first.placeExpanded ?? first.place
        let whereText = [first.street, place].compactMap { $0 }.joined(separator: ", ")
        let title = whereText.isEmpty ? what : "\(what) — \(whereText)"
        return String(title.prefix(200))
    }

    // MARK: acting

    func find(_ id: UUID, on db: Database) async throws -> MeldkamerProposalModel {
        guard let proposal = try await MeldkamerProposalModel.find(id, on: db) else {
            throw Problem.notFound("no incident proposal with id \(id)")
        }
        return proposal
    }

    /// A proposal the reader may not see is not there for it (404, as an incident it may not read).
    func requireRead(_ proposal: MeldkamerProposalModel) throws {
        guard let region = RegionCode(proposal.region), MeldkamerPolicy.mayRead(user.subject, region: region).allowed else {
            throw Problem.notFound("no incident proposal with id \(proposal.id?.uuidString ?? "")")
        }
    }

    /// Checks the reader may handle it, that it is open and that the caller saw its current version.
    func requireHandle(_ proposal: MeldkamerProposalModel, version: Int) throws {
        try requireRead(proposal)
        let decision = MeldkamerPolicy.mayHandle(user.subject, region: RegionCode(proposal.region)!)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        guard proposal.status == ProposalStatus.open.rawValue else {
            throw Problem.conflict("the proposal is \((ProposalStatus(rawValue: proposal.status) ?? .open).label.en.lowercased()) already")
        }
        guard proposal.version == version else {
            throw Problem.conflict("the proposal changed (version \(proposal.version), you sent \(version)); reload it and try again")
        }
    }

    private var author: PictureStore.Author { PictureStore.Author(username: user.username, organisation: user.organisationCode) }

    private func handled(_ proposal: MeldkamerProposalModel, as status: ProposalStatus, reason: String?, at: Int64) {
        proposal.status = status.rawValue
        proposal.handledBy = user.username
        proposal.handledAt = at
        proposal.handledReason = reason
        proposal.version += 1
    }

    /// A new GRIP 1 incident of the proposal's region: its messages become unverified entries of the meldkamer
    /// theme with source "meldkamer", its point a plot, and the calamiteitencoördinator keeps the meldkamer theme
    /// until the IM takes it over.
    func promote(_ id: UUID, _ input: PromoteInput) async throws -> PromotedDTO {
        let category: IncidentCategory? = try input.category.map { raw in
            guard let parsed = IncidentCategory(rawValue: raw) else {
                throw Problem.invalid("category must be one of \(IncidentCategory.allCases.map(\.rawValue).joined(separator: ", "))", field: "category")
            }
            return parsed
        }
        if let title = input.title {
            guard (3...200).contains(title.trimmingCharacters(in: .whitespaces).count), TextHygiene.isClean(title) else {
                throw Problem.invalid("title must be 3 to 200 characters of text", field: "title")
            }
        }
        let at = Microseconds.from(context.clock.now())
        let user = self.user
        let language = self.language
        let author = self.author
        let (proposal, incident, reference, rows) = try await context.write(on: db) { db in
            let proposal = try await find(id, on: db)
            try requireHandle(proposal, version: input.version)
            let rows = try await MeldkamerMessageModel.query(on: db).filter(\.$proposalID == id).sort(\.$receivedAt).all()
            guard let region = RegionCode(proposal.region), let first = rows.first else {
                throw Problem.conflict("the proposal has no messages to make an incident of")
            }
            let (messages, grouped) = try Self.read(rows)
            let snapshot = ProposalSnapshot(id: "", region: region, messages: grouped)
            let point = snapshot.point
            let location = point.map { #"{"type":"Point","coordinates":[\#($0.lon),\#($0.lat)]}"# }
            let meldkamer = Meldkamers.serving(region)?.code ?? first.meldkamer
            let state = IncidentState(
                title: input.title?.trimmingCharacters(in: .whitespaces) ?? Self.title(messages),
                category: category ?? snapshot.suggestedCategory, location: location,
                startedAt: Microseconds.date(first.receivedAt), grip: .one,
                gripReason: "Voorstel van de meldkamer (\(rows.count) \(rows.count == 1 ? "bericht" : "berichten"))",
                involvedRegions: [region], leadRegion: region, meldkamer: MeldkamerCustody(meldkamer: meldkamer, inCharge: true))
            try PictureStore.validate(state, replacing: nil)
            let version = try await PictureStore.insertIncident(state, exercise: proposal.exercise, by: author, at: at, on: db)
            let incidentID = version.incidentID
            for (row, message) in zip(rows, messages) {
                let text = Self.entryText(message)
                try await PictureStore.insertEntry(
                    PictureStore.NewEntry(
                        theme: .meldkamer, text: text, source: Self.entrySource, observedAt: row.receivedAt,
                        // P1 is how the units drive, not what the crisis team must do now: the entries do not
                        // become urgent alerts of their own.
                        priority: .normaal,
                        location: message.pointIsExact ? message.lon.flatMap { lon in message.lat.map { #"{"type":"Point","coordinates":[\#(lon),\#($0)]}"# } } : nil),
                    to: incidentID, by: author, at: at, on: db)
            }
            if let location {
                _ = try await PictureStore.insertPlot(
                    PictureStore.NewPlot(
                        style: PlotStyle(kind: .symbol, symbol: .incident, label: "Meldkamer"),
                        geometry: location, classification: .internal),
                    to: incidentID, by: author, at: at, on: db)
            }
            handled(proposal, as: .promoted, reason: nil, at: at)
            proposal.incidentID = incidentID
            try await proposal.update(on: db)
            try await Journal.append(
                MeldkamerProposalHandled(
                    proposal: id, regions: [proposal.region], action: "promoted", incident: incidentID,
                    messages: rows.compactMap(\.id)),
                on: db, actor: author.username, organisation: author.organisation, incident: incidentID)
            let reference = try await IncidentModel.read(incidentID, on: db)?.reference ?? ""
            return (proposal, incidentID, reference, rows)
        }
        return PromotedDTO(
            proposal: try Self.dto(proposal, messages: rows, user: user, language: language), incident: incident, reference: reference)
    }

    /// The text of the entry a message becomes: the message as sent, and what was read from it.
    static func entryText(_ message: MessageDTO) -> String {
        var read: [String] = []
        if let type = message.messageTypeExpanded, type != message.messageType { read.append(type) }
        if let place = message.placeExpanded { read.append(place) }
        if let municipality = message.municipality, municipality.name != message.place { read.append("gemeente \(municipality.name)") }
        return read.isEmpty ? message.text : "\(message.text)\n(\(read.joined(separator: "; ")))"
    }

    func dismiss(_ id: UUID, _ input: DismissInput) async throws -> ProposalDTO {
        let reason = input.reason.trimmingCharacters(in: .whitespaces)
        guard (3...500).contains(reason.count), TextHygiene.isClean(reason) else {
            throw Problem.invalid("give a reason of 3 to 500 characters", field: "reason")
        }
        let at = Microseconds.from(context.clock.now())
        let author = self.author
        let proposal = try await context.write(on: db) { db in
            let proposal = try await find(id, on: db)
            try requireHandle(proposal, version: input.version)
            handled(proposal, as: .dismissed, reason: reason, at: at)
            try await proposal.update(on: db)
            try await Journal.append(
                MeldkamerProposalHandled(proposal: id, regions: [proposal.region], action: "dismissed", reason: reason),
                on: db, actor: author.username, organisation: author.organisation)
            return proposal
        }
        return try await dtos([proposal])[0]
    }

    /// Moves this proposal's messages into another open proposal of the same region.
    func merge(_ id: UUID, _ input: MergeInput) async throws -> ProposalDTO {
        guard input.into != id else { throw Problem.invalid("a proposal cannot be merged into itself", field: "into") }
        let at = Microseconds.from(context.clock.now())
        let author = self.author
        let target = try await context.write(on: db) { db in
            let proposal = try await find(id, on: db)
            try requireHandle(proposal, version: input.version)
            guard let target = try await MeldkamerProposalModel.find(input.into, on: db), target.region == proposal.region else {
                throw Problem.invalid("'into' must be another proposal of \(proposal.region)", field: "into")
            }
            guard target.exercise == proposal.exercise else {
                throw Problem.invalid("an exercise proposal and a real one are never merged", field: "into")
            }
            guard target.status == ProposalStatus.open.rawValue else {
                throw Problem.conflict("the proposal to merge into is no longer open")
            }
            let moved = try await MeldkamerMessageModel.query(on: db).filter(\.$proposalID == id).all()
            for row in moved {
                row.proposalID = input.into
                row.joinReason = "samengevoegd door \(user.displayName)"
                try await row.update(on: db)
            }
            target.lastMessageAt = max(target.lastMessageAt, proposal.lastMessageAt)
            target.openedAt = min(target.openedAt, proposal.openedAt)
            target.highestPriority = [target.highestPriority, proposal.highestPriority].compactMap { $0 }.min()
            target.version += 1
            try await target.update(on: db)
            // The merged proposal keeps no messages: its reason names what it joined.
            let joined = try await MeldkamerMessageModel.query(on: db).filter(\.$proposalID == input.into).sort(\.$receivedAt).all()
            handled(proposal, as: .merged, reason: Self.title(try joined.map(Self.messageDTO)), at: at)
            proposal.mergedInto = input.into
            try await proposal.update(on: db)
            try await Journal.append(
                MeldkamerProposalHandled(
                    proposal: id, regions: [proposal.region], action: "merged", other: input.into, messages: moved.compactMap(\.id)),
                on: db, actor: author.username, organisation: author.organisation)
            return target
        }
        return try await dtos([target])[0]
    }

    /// Moves some of the messages to a new proposal; both stay open.
    func split(_ id: UUID, _ input: SplitInput) async throws -> [ProposalDTO] {
        let wanted = Set(input.messages)
        guard !wanted.isEmpty, wanted.count == input.messages.count, wanted.count <= MeldkamerIntake.maximumBatch else {
            throw Problem.invalid("name the messages to split off, each once", field: "messages")
        }
        let author = self.author
        let (kept, split) = try await context.write(on: db) { db in
            let proposal = try await find(id, on: db)
            try requireHandle(proposal, version: input.version)
            let rows = try await MeldkamerMessageModel.query(on: db).filter(\.$proposalID == id).all()
            let moving = rows.filter { wanted.contains($0.id ?? UUID()) }
            guard moving.count == wanted.count else {
                throw Problem.invalid("every message named must belong to this proposal", field: "messages")
            }
            guard moving.count < rows.count else {
                throw Problem.invalid("keep at least one message in the proposal (to drop them all, dismiss it)", field: "messages")
            }
            let staying = rows.filter { !wanted.contains($0.id ?? UUID()) }
            let new = MeldkamerProposalModel()
            new.id = NewID.next()
            new.region = proposal.region
            new.status = ProposalStatus.open.rawValue
            new.openedAt = moving.map(\.receivedAt).min()!
            new.lastMessageAt = moving.map(\.receivedAt).max()!
            new.exercise = proposal.exercise
            new.highestPriority = moving.compactMap(\.priority).min()
            new.version = 1
            try await new.create(on: db)
            for row in moving {
                row.proposalID = new.id
                row.joinReason = "afgesplitst door \(user.displayName)"
                try await row.update(on: db)
            }
            proposal.openedAt = staying.map(\.receivedAt).min()!
            proposal.lastMessageAt = staying.map(\.receivedAt).max()!
            proposal.highestPriority = staying.compactMap(\.priority).min()
            proposal.version += 1
            try await proposal.update(on: db)
            try await Journal.append(
                MeldkamerProposalHandled(
                    proposal: id, regions: [proposal.region], action: "split", other: new.id, messages: moving.compactMap(\.id)),
                on: db, actor: author.username, organisation: author.organisation)
            return (proposal, new)
        }
        return try await dtos([kept, split])
    }

    /// The IM or HIN of an involved region takes the incident's meldkamer theme over from the CaCo.
    static func takeOver(_ incident: UUID, version: Int, user: CurrentUser, db: Database, context: KnooppuntContext) async throws
        -> IncidentVersionModel
    {
        let at = Microseconds.from(context.clock.now())
        let author = PictureStore.Author(username: user.username, organisation: user.organisationCode)
        return try await context.write(on: db) { db in
            let current = try await PictureStore.currentIncidentVersion(incident, on: db)
            let state = try PictureStore.decodeState(current)
            guard let custody = state.meldkamer else {
                throw Problem.conflict("this incident did not come from a meldkamer proposal; there is no meldkamer theme to take over")
            }
            let decision = MeldkamerPolicy.mayTakeOver(user.subject, incident: IncidentScope(state))
            guard decision.allowed else {
                throw custody.inCharge ? Problem.forbidden(decision.reason) : Problem.conflict(decision.reason)
            }
            let next = try await PictureStore.changeIncident(incident, baseVersion: version, by: author, at: at, on: db) { state in
                state.meldkamer = MeldkamerCustody(meldkamer: custody.meldkamer, inCharge: false)
            }
            try await Journal.append(
                MeldkamerThemeTakenOver(meldkamer: custody.meldkamer, version: next.version), on: db, actor: author.username,
                organisation: author.organisation, incident: incident)
            return next
        }
    }
}
