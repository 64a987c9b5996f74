import Foundation

/// One message as the grouping sees it.
public struct GroupedMessage: Sendable, Equatable {
    public var receivedAt: Date
    public var reading: MeldkamerReading

    public init(receivedAt: Date, reading: MeldkamerReading) {
        self.receivedAt = receivedAt
        self.reading = reading
    }
}

/// An open incident proposal as the grouping sees it: its region and its messages, oldest first.
public struct ProposalSnapshot: Sendable, Equatable {
    public var id: String
    public var region: RegionCode
    public var messages: [GroupedMessage]
    /// When the caller passes only the messages that may matter for a new one (a store that looks them up by
    /// street, postcode, place and unit), it gives the whole proposal's last time and highest priority here.
    public var knownLastAt: Date?
    public var knownHighestPriority: Int?

    public init(id: String, region: RegionCode, messages: [GroupedMessage], knownLastAt: Date? = nil, knownHighestPriority: Int? = nil) {
        self.id = id
        self.region = region
        self.messages = messages
        self.knownLastAt = knownLastAt
        self.knownHighestPriority = knownHighestPriority
    }

    public var lastAt: Date { knownLastAt ?? messages.map(\.receivedAt).max() ?? .distantPast }

    /// 1 is the highest; nil when no message has a priority.
    public var highestPriority: Int? {
        let own = messages.compactMap(\.reading.priority).min()
        guard let known = knownHighestPriority else { return own }
        return min(own ?? known, known)
    }

    /// The first exact point of a message, else the first municipality point.
    public var point: Position? {
        messages.first(where: { $0.reading.pointIsExact })?.reading.point ?? messages.first?.reading.point
    }

    public var suggestedCategory: IncidentCategory {
        ProposalGrouping.category(of: messages.compactMap { $0.reading.messageTypeExpanded ?? $0.reading.messageType })
    }
}

/// Which open proposal a new message joins, and why, in words a CaCo checks at a glance. Messages join only
/// a proposal of the same region, and only when one of these holds (strongest first):
/// 1. same street in the same municipality, at most 30 minutes after the proposal's last message;
/// 2. same postcode, at most 30 minutes;
/// 3. both have the sender's coordinates, at most 250 m apart and 15 minutes;
/// 4. a follow-up message (nacontrole, nablussen, aflossing, opschaling, GRIP, middel- or grote brand) for
///    a unit already on the proposal, same municipality, at most 30 minutes.
/// Announcements and messages without a region never join or open a proposal.
public enum ProposalGrouping {
    public static let streetWindow: TimeInterval = 30 * 60
    public static let nearbyWindow: TimeInterval = 15 * 60
    public static let nearbyMetres = 250.0
    /// The street a message is grouped by: normalised, nil when there is none.
    public static func streetKey(_ street: String?) -> String? { key(street) }

    public struct Match: Sendable, Equatable {
        public var proposalID: String
        public var reason: String
    }

    /// Whether a message may be part of a proposal at all.
    public static func proposes(_ reading: MeldkamerReading) -> Bool { !reading.isAnnouncement && reading.region != nil }

    public static func match(_ message: GroupedMessage, among proposals: [ProposalSnapshot]) -> Match? {
        guard proposes(message.reading), let region = message.reading.region else { return nil }
        var best: (rank: Int, lastAt: Date, match: Match)?
        for proposal in proposals where proposal.region == region {
            guard let (rank, reason) = reason(message, joins: proposal) else { continue }
            if best == nil || rank < best!.rank || (rank == best!.rank && proposal.lastAt > best!.lastAt) {
                best = (rank, proposal.lastAt, Match(proposalID: proposal.id, reason: reason))
            }
        }
        return best?.match
    }

    static func reason(_ message: GroupedMessage, joins proposal: ProposalSnapshot) -> (Int, String)? {
        let gap = message.receivedAt.timeIntervalSince(proposal.lastAt)
        guard gap >= -streetWindow, gap <= streetWindow else { return nil }
        let reading = message.reading
        // The reason's words are made only when the message joins.
        var minutes: String { "\(UntrustedNumber.rounded(abs(gap) / 60, in: 0...100_000) ?? 0) min" }
        var escalationNote: String {
            let escalation = proposal.highestPriority.map { current in (reading.priority ?? 9) < current } ?? false
            return escalation ? "; prioriteit verhoogd naar \(reading.priority ?? 0)" : ""
        }
        if let street = key(reading.street), let municipality = reading.municipality?.code,
            proposal.messages.contains(where: { key($0.reading.street) == street && $0.reading.municipality?.code == municipality })
        {
            return (1, "zelfde straat (\(reading.street ?? "")) en \(minutes) na het vorige bericht\(escalationNote)")
        }
        if let postcode = reading.postcode, proposal.messages.contains(where: { $0.reading.postcode == postcode }) {
            return (2, "zelfde postcode (\(postcode)) en \(minutes) na het vorige bericht\(escalationNote)")
        }
        if reading.pointIsExact, let point = reading.point, abs(gap) <= nearbyWindow {
            for other in proposal.messages where other.reading.pointIsExact {
                guard let otherPoint = other.reading.point else { continue }
                let metres = CapacityBroker.distanceKm((point.lon, point.lat), (otherPoint.lon, otherPoint.lat)) * 1000
                if metres <= nearbyMetres {
                    return (3, "\(UntrustedNumber.rounded(metres, in: 0...100_000) ?? 0) m van een eerder bericht en \(minutes) later\(escalationNote)")
                }
            }
        }
        if isFollowUp(reading), let municipality = reading.municipality?.code {
            let units = Set(reading.capcodes)
            if let shared = proposal.messages.first(where: {
                $0.reading.municipality?.code == municipality && !units.isDisjoint(with: $0.reading.capcodes)
            })?.reading.capcodes.first(where: units.contains) {
                return (4, "vervolgbericht voor eenheid \(shared), die al bij dit voorstel is, \(minutes) later\(escalationNote)")
            }
        }
        return nil
    }

    static let followUpWords = [
        "nacontrole", "nablussen", "aflossing", "aflos", "opschaling", "grip", "middelbrand", "middel br", "grote brand",
        "zeer grote brand",
    ]

    public static func isFollowUp(_ reading: MeldkamerReading) -> Bool {
        let text = (reading.messageTypeExpanded ?? reading.messageType ?? "").lowercased()
        return followUpWords.contains { text.containsText($0) }
    }

    static func key(_ street: String?) -> String? {
        guard let street else { return nil }
        let key = Gazetteer.normalise(street)
        return key.isEmpty ? nil : key
    }

    /// The category a proposal suggests from its classifications: hazardous materials and flooding before
    /// fire, fire before accidents; `overig` when nothing is recognised.
    public static func category(of types: [String]) -> IncidentCategory {
        let text = types.joined(separator: " ").lowercased()
        let rules: [([String], IncidentCategory)] = [
            (["gevaarlijke stof", "ibgs", "gaslek", "gaslucht", "lekkage", "stank"], .gevaarlijkeStoffen),
            (["wateroverlast", "overstroming", "dijk"], .overstroming),
            (["storm", "onweer", "extreem weer"], .extreemWeer),
            (["brand", "br ", "rook", "oms"], .brand),
            (["ongeval", "aanrijding", "wegvervoer", "vko", "beknelling"], .ongeval),
            (["stroomstoring", "stroomuitval", "storing"], .uitvalNutsvoorziening),
            (["reanimatie", "ambu", "medisch", "ambulance"], .gezondheid),
        ]
        for (words, category) in rules where words.contains(where: { text.contains($0) }) { return category }
        return .overig
    }
}
