import Foundation

/// What kind of capacity a type is, for grouping in the overview.
public enum CapacityCategory: String, CaseIterable, Codable, Sendable {
    case brandweer, ghor, bevolkingszorg, specialist, materieel, overig

    public var label: LocalizedLabel {
        switch self {
        case .brandweer: LocalizedLabel(nl: "Brandweer", en: "Fire service")
        case .ghor: LocalizedLabel(nl: "GHOR / ambulancezorg", en: "Medical (GHOR) / ambulance")
        case .bevolkingszorg: LocalizedLabel(nl: "Bevolkingszorg", en: "Population care")
        case .specialist: LocalizedLabel(nl: "Specialistische teams", en: "Specialist teams")
        case .materieel: LocalizedLabel(nl: "Materieel", en: "Equipment")
        case .overig: LocalizedLabel(nl: "Overig", en: "Other")
        }
    }
}

/// A type of deployable unit or materiel in the catalogue (e.g. "ts", Tankautospuit).
public struct CapacityType: Sendable, Equatable, Codable {
    public var code: String
    public var nl: String
    public var en: String
    public var category: CapacityCategory

    public init(code: String, nl: String, en: String, category: CapacityCategory) {
        self.code = code
        self.nl = nl
        self.en = en
        self.category = category
    }

    public var label: LocalizedLabel { LocalizedLabel(nl: nl, en: en) }

    /// Codes: lower-case letters, digits and hyphens, 2 to 40 long.
    public static func isValidCode(_ code: String) -> Bool {
        (2...40).contains(code.count) && code.allSatisfy { ($0.isLetter && $0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" }
    }

    /// The catalogue every node starts with; administrators add to it.
    public static let seeded: [CapacityType] = [
        .init(code: "ts", nl: "Tankautospuit (TS)", en: "Fire engine (TS)", category: .brandweer),
        .init(code: "hv", nl: "Hulpverleningsvoertuig (HV)", en: "Rescue vehicle (HV)", category: .brandweer),
        .init(code: "redvoertuig", nl: "Redvoertuig (autoladder/hoogwerker)", en: "Aerial appliance", category: .brandweer),
        .init(code: "waterongevallen", nl: "Waterongevallenvoertuig", en: "Water rescue unit", category: .brandweer),
        .init(code: "natuurbrand", nl: "Natuurbrandbestrijdingseenheid", en: "Wildfire unit", category: .brandweer),
        .init(code: "gaspakken", nl: "Team gevaarlijke stoffen (gaspakken)", en: "Hazardous materials team", category: .specialist),
        .init(code: "usar", nl: "USAR-team (redding uit ingestorte bouw)", en: "USAR team", category: .specialist),
        .init(code: "duikteam", nl: "Duikteam", en: "Dive team", category: .specialist),
        .init(code: "ambulance", nl: "Ambulance (A1)", en: "Ambulance", category: .ghor),
        .init(code: "mmt", nl: "Mobiel Medisch Team (MMT)", en: "Mobile medical team", category: .ghor),
        .init(code: "gnkc", nl: "Geneeskundige combinatie (GNK-C)", en: "Medical combination (GNK-C)", category: .ghor),
        .init(code: "opvangteam", nl: "Team opvang en verzorging", en: "Shelter and care team", category: .bevolkingszorg),
        .init(code: "crisiscommunicatie", nl: "Team crisiscommunicatie", en: "Crisis communication team", category: .bevolkingszorg),
        .init(code: "pomp", nl: "Pomp", en: "Pump", category: .materieel),
        .init(code: "hcp", nl: "Hoogcapaciteitspomp (HCP)", en: "High-capacity pump", category: .materieel),
        .init(code: "aggregaat", nl: "Aggregaat", en: "Generator", category: .materieel),
        .init(code: "zandzakvuller", nl: "Zandzakvulmachine", en: "Sandbag filling machine", category: .materieel),
        .init(code: "drone", nl: "Drone met camera", en: "Camera drone", category: .materieel),
        .init(code: "verlichting", nl: "Verlichtingsunit", en: "Lighting unit", category: .materieel),
        .init(code: "overig", nl: "Overige capaciteit", en: "Other capacity", category: .overig),
    ]
}

/// The counts of one registry line. Committed is never stored: it is what active commitments hold.
public struct CapacityCounts: Sendable, Equatable, Codable {
    public var count: Int
    public var unavailable: Int
    public var committed: Int
    /// How many the holder keeps for its own area and does not offer.
    public var keepForOwn: Int

    public init(count: Int, unavailable: Int, committed: Int, keepForOwn: Int = 0) {
        self.count = count
        self.unavailable = unavailable
        self.committed = committed
        self.keepForOwn = keepForOwn
    }

    public var available: Int { count - unavailable - committed }
    /// What may be offered to others: available beyond what the holder keeps for itself.
    public var offerable: Int { max(0, available - keepForOwn) }

    /// Why the counts are impossible, or nil: nothing negative, and never more unavailable and
    /// committed together than there are.
    public var problem: String? {
        if count < 0 || unavailable < 0 || committed < 0 || keepForOwn < 0 { return "counts cannot be negative" }
        if count > 100_000 { return "a count above 100000 is not a registry line" }
        if unavailable + committed > count {
            return "\(count) in all cannot hold \(unavailable) unavailable and \(committed) committed"
        }
        return nil
    }
}

/// Where an assistance request stands. Derived from what happened to it (`AssistanceLifecycle.status`).
public enum AssistanceStatus: String, CaseIterable, Codable, Sendable {
    case draft, requested, offered, committed, deployed, released, closed, withdrawn, declined

    public var isOpen: Bool { ![.draft, .closed, .withdrawn, .declined].contains(self) }
    public var isFinal: Bool { [.closed, .withdrawn, .declined].contains(self) }

    public var label: LocalizedLabel {
        switch self {
        case .draft: LocalizedLabel(nl: "Concept", en: "Draft")
        case .requested: LocalizedLabel(nl: "Aangevraagd", en: "Requested")
        case .offered: LocalizedLabel(nl: "Aangeboden", en: "Offered")
        case .committed: LocalizedLabel(nl: "Toegezegd", en: "Committed")
        case .deployed: LocalizedLabel(nl: "Ingezet", en: "Deployed")
        case .released: LocalizedLabel(nl: "Vrijgegeven", en: "Released")
        case .closed: LocalizedLabel(nl: "Afgesloten", en: "Closed")
        case .withdrawn: LocalizedLabel(nl: "Ingetrokken", en: "Withdrawn")
        case .declined: LocalizedLabel(nl: "Afgewezen", en: "Declined")
        }
    }
}

public enum OfferStatus: String, CaseIterable, Codable, Sendable {
    /// Proposed by the national broker; the holder confirms it before the requester can accept.
    case proposed
    case open, accepted, declined, withdrawn

    public var label: LocalizedLabel {
        switch self {
        case .proposed: LocalizedLabel(nl: "Voorgesteld door makelaar", en: "Proposed by the broker")
        case .open: LocalizedLabel(nl: "Aangeboden", en: "Offered")
        case .accepted: LocalizedLabel(nl: "Geaccepteerd", en: "Accepted")
        case .declined: LocalizedLabel(nl: "Afgewezen", en: "Declined")
        case .withdrawn: LocalizedLabel(nl: "Ingetrokken", en: "Withdrawn")
        }
    }
}

public enum CommitmentStatus: String, CaseIterable, Codable, Sendable {
    case committed, deployed, released

    public var isActive: Bool { self != .released }

    public var label: LocalizedLabel {
        switch self {
        case .committed: LocalizedLabel(nl: "Toegezegd", en: "Committed")
        case .deployed: LocalizedLabel(nl: "Ingezet", en: "Deployed")
        case .released: LocalizedLabel(nl: "Vrijgegeven", en: "Released")
        }
    }
}

/// The lifecycle of an assistance request: draft → requested → offered → committed → deployed →
/// released → closed, or withdrawn / declined at any step. The status follows from the facts.
public enum AssistanceLifecycle {
    public enum Ending: String, Codable, Sendable { case closed, withdrawn, declined }

    public static func status(submitted: Bool, ending: Ending?, offers: [OfferStatus], commitments: [CommitmentStatus])
        -> AssistanceStatus
    {
        if let ending {
            switch ending {
            case .closed: return .closed
            case .withdrawn: return .withdrawn
            case .declined: return .declined
            }
        }
        guard submitted else { return .draft }
        if !commitments.isEmpty {
            let active = commitments.filter(\.isActive)
            if active.isEmpty { return .released }
            if active.allSatisfy({ $0 == .deployed }) { return .deployed }
            return .committed
        }
        if offers.contains(where: { $0 == .open || $0 == .proposed }) { return .offered }
        return .requested
    }

    /// Why an offer of `quantity` cannot be accepted now, or nil.
    public static func acceptProblem(quantity: Int, requested: Int, alreadyCommitted: Int, offerable: Int?) -> String? {
        if alreadyCommitted + quantity > requested {
            return "accepting \(quantity) would commit \(alreadyCommitted + quantity) where \(requested) were asked for"
        }
        if let offerable, quantity > offerable {
            return "the holder has \(offerable) available to offer now, not \(quantity)"
        }
        return nil
    }
}

/// The national broker's matching: for an open request, the registry lines that could help, best first.
public enum CapacityBroker {
    public struct Candidate: Sendable, Equatable {
        public var id: UUID
        public var holder: String
        public var offerable: Int
        public var readinessMinutes: Int
        /// Longitude, latitude of the home location, when known.
        public var home: (Double, Double)?

        public init(id: UUID, holder: String, offerable: Int, readinessMinutes: Int, home: (Double, Double)?) {
            self.id = id
            self.holder = holder
            self.offerable = offerable
            self.readinessMinutes = readinessMinutes
            self.home = home
        }

        public static func == (a: Candidate, b: Candidate) -> Bool {
            a.id == b.id && a.holder == b.holder && a.offerable == b.offerable && a.readinessMinutes == b.readinessMinutes
                && a.home?.0 == b.home?.0 && a.home?.1 == b.home?.1
        }
    }

    public struct Proposal: Sendable, Equatable {
        public var candidate: Candidate
        public var quantity: Int
        /// Straight-line distance to the request's location, when both are known.
        public var distanceKm: Double?
        /// Minutes until it could be there: readiness plus travel at 60 km/h over 1.3 × the straight line.
        public var etaMinutes: Int?
    }

    /// Great-circle distance in kilometres between two (longitude, latitude) points.
    public static func distanceKm(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let radius = 6371.0088
        let (lon1, lat1) = (a.0 * .pi / 180, a.1 * .pi / 180)
        let (lon2, lat2) = (b.0 * .pi / 180, b.1 * .pi / 180)
        let h = pow(sin((lat2 - lat1) / 2), 2) + cos(lat1) * cos(lat2) * pow(sin((lon2 - lon1) / 2), 2)
        return 2 * radius * asin(min(1, sqrt(h)))
    }

    /// Lines of other holders with something to offer, ranked by how soon they could be there (readiness
    /// plus travel), then by what they can give; proposed quantities add up to at most what is still needed.
    public static func proposals(needed: Int, at location: (Double, Double)?, requester: String, candidates: [Candidate]) -> [Proposal] {
        let ranked = candidates.filter { $0.holder != requester && $0.offerable > 0 }.map { candidate -> Proposal in
            let distance = location.flatMap { target in candidate.home.map { distanceKm($0, target) } }
            let eta = distance.map { candidate.readinessMinutes + UntrustedNumber.clampedUp($0 * 1.3, in: 0...100_000) }
            return Proposal(candidate: candidate, quantity: 0, distanceKm: distance, etaMinutes: eta)
        }.sorted { a, b in
            let ea = a.etaMinutes ?? (a.candidate.readinessMinutes + 10_000)
            let eb = b.etaMinutes ?? (b.candidate.readinessMinutes + 10_000)
            if ea != eb { return ea < eb }
            if a.candidate.offerable != b.candidate.offerable { return a.candidate.offerable > b.candidate.offerable }
            return a.candidate.holder < b.candidate.holder
        }
        var remaining = needed
        var result: [Proposal] = []
        for var proposal in ranked where remaining > 0 {
            proposal.quantity = min(remaining, proposal.candidate.offerable)
            remaining -= proposal.quantity
            result.append(proposal)
        }
        return result
    }
}
