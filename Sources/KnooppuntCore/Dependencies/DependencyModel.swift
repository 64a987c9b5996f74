import Foundation

/// What a node of the dependency model is (decision 0032): one of the vital processes the Rijk designates,
/// an object with a location that a process or a function runs on, or a societal function people need.
public enum DependencyNodeKind: String, Codable, Sendable, CaseIterable {
    case process, object, function

    public var label: LocalizedLabel {
        switch self {
        case .process: LocalizedLabel(nl: "Vitaal proces", en: "Vital process")
        case .object: LocalizedLabel(nl: "Object", en: "Object")
        case .function: LocalizedLabel(nl: "Maatschappelijke functie", en: "Societal function")
        }
    }
}

/// The kinds of objects seed 004 names as digitally vulnerable with effects in the physical world
/// (004:L142-154: tunnel, traffic junction, port, airport, sluice, power supply, chemical industry;
/// L173-175: internet exchange, telephony providers) and the ones the issue adds (pumping station, data
/// centre, 112 call-taking).
public enum DependencyObjectType: String, Codable, Sendable, CaseIterable {
    case portTerminal = "port-terminal"
    case tunnel
    case sluice
    case pumpingStation = "pumping-station"
    case dataCentre = "data-centre"
    case internetExchange = "internet-exchange"
    case telephonyProvider = "telephony-provider"
    case callCentre112 = "call-centre-112"
    case chemicalPlant = "chemical-plant"
    case powerSubstation = "power-substation"
    case railYard = "rail-yard"
    case trafficJunction = "traffic-junction"
    case airport
    case other

    public var label: LocalizedLabel {
        switch self {
        case .portTerminal: LocalizedLabel(nl: "Haventerminal", en: "Port terminal")
        case .tunnel: LocalizedLabel(nl: "Tunnel", en: "Tunnel")
        case .sluice: LocalizedLabel(nl: "Sluis", en: "Sluice")
        case .pumpingStation: LocalizedLabel(nl: "Gemaal", en: "Pumping station")
        case .dataCentre: LocalizedLabel(nl: "Datacentrum", en: "Data centre")
        case .internetExchange: LocalizedLabel(nl: "Internetknooppunt", en: "Internet exchange")
        case .telephonyProvider: LocalizedLabel(nl: "Telefonieaanbieder", en: "Telephony provider")
        case .callCentre112: LocalizedLabel(nl: "112-meldkamer", en: "112 call-taking centre")
        case .chemicalPlant: LocalizedLabel(nl: "Chemisch bedrijf", en: "Chemical plant")
        case .powerSubstation: LocalizedLabel(nl: "Onderstation elektriciteit", en: "Power substation")
        case .railYard: LocalizedLabel(nl: "Spoorwegemplacement", en: "Rail yard")
        case .trafficJunction: LocalizedLabel(nl: "Verkeersknooppunt", en: "Traffic junction")
        case .airport: LocalizedLabel(nl: "Luchthaven", en: "Airport")
        case .other: LocalizedLabel(nl: "Overig object", en: "Other object")
        }
    }
}

/// The societal functions a cascade ends in: what people and the emergency services notice.
public enum SocietalFunctionType: String, Codable, Sendable, CaseIterable {
    case emergencyReachability = "emergency-reachability"
    case reachability112 = "reachability-112"
    case emergencyCommunication = "emergency-communication"
    case drinkingWater = "drinking-water"
    case dryFeet = "dry-feet"
    case roadFlow = "road-flow"
    case railFlow = "rail-flow"
    case waterwayFlow = "waterway-flow"
    case publicOrder = "public-order"
    case chemicalSafety = "chemical-safety"
    case other

    public var label: LocalizedLabel {
        switch self {
        case .emergencyReachability: LocalizedLabel(nl: "Bereikbaarheid voor hulpdiensten", en: "Reachability for emergency services")
        case .reachability112: LocalizedLabel(nl: "Bereikbaarheid van 112", en: "Reachability of 112")
        case .emergencyCommunication: LocalizedLabel(nl: "Communicatie tussen hulpdiensten", en: "Communication between emergency services")
        case .drinkingWater: LocalizedLabel(nl: "Drinkwater", en: "Drinking water")
        case .dryFeet: LocalizedLabel(nl: "Droge voeten (waterpeil)", en: "Dry feet (water level)")
        case .roadFlow: LocalizedLabel(nl: "Doorstroming over de weg", en: "Road traffic flow")
        case .railFlow: LocalizedLabel(nl: "Doorstroming over het spoor", en: "Rail traffic flow")
        case .waterwayFlow: LocalizedLabel(nl: "Doorvaart over het water", en: "Waterway flow")
        case .publicOrder: LocalizedLabel(nl: "Openbare orde in de openbare ruimte", en: "Public order in public space")
        case .chemicalSafety: LocalizedLabel(nl: "Veiligheid rond chemische stoffen", en: "Safety around chemical substances")
        case .other: LocalizedLabel(nl: "Overige functie", en: "Other function")
        }
    }
}

/// Where a dependency comes from. Every edge names one, and users see it: the vital processes are a
/// public list, but the dependencies between them are not (`../shared/data/vital/README.md`).
public enum DependencySourceKind: String, Codable, Sendable, CaseIterable {
    /// An example in the seed documents (e.g. 004:L163-171).
    case seed
    /// A public study or report, named.
    case study
    /// An assumption of whoever recorded it, marked as such.
    case assumption

    public var label: LocalizedLabel {
        switch self {
        case .seed: LocalizedLabel(nl: "Voorbeeld uit de bronnotitie", en: "Example from the source paper")
        case .study: LocalizedLabel(nl: "Openbare studie", en: "Public study")
        case .assumption: LocalizedLabel(nl: "Aanname", en: "Assumption")
        }
    }
}

public struct DependencySource: Codable, Sendable, Equatable, Hashable {
    public var kind: DependencySourceKind
    /// The seed line, the study's name, or what the assumption rests on.
    public var reference: String

    public init(kind: DependencySourceKind, reference: String) {
        self.kind = kind
        self.reference = reference
    }
}

/// A node of the dependency model. Identified by a stable key (lowercase letters, digits, hyphens), so a
/// model can be exported, edited and imported again.
public struct DependencyNode: Codable, Sendable, Equatable {
    public var key: String
    public var kind: DependencyNodeKind
    public var name: String
    public var description: String?
    /// Objects: what the object is.
    public var objectType: DependencyObjectType?
    /// Functions: which function.
    public var functionType: SocietalFunctionType?
    /// Objects: the key of the vital process it belongs to.
    public var process: String?
    /// The organisation that owns or provides it (a code of the partner registry).
    public var owner: String?
    /// Objects and functions: the region it lies in.
    public var region: RegionCode?
    /// The municipality (GM code) its location lies in, worked out from the location by the node.
    public var municipality: String?
    public var location: Position?
    /// People who depend on it ("drinking water for N people"), where known.
    public var population: Int?
    /// Processes: category A or B and the responsible ministry, from the national list.
    public var vitalCategory: String?
    public var ministry: String?
    public var classification: Classification

    public init(
        key: String, kind: DependencyNodeKind, name: String, description: String? = nil, objectType: DependencyObjectType? = nil,
        functionType: SocietalFunctionType? = nil, process: String? = nil, owner: String? = nil, region: RegionCode? = nil,
        municipality: String? = nil, location: Position? = nil, population: Int? = nil, vitalCategory: String? = nil,
        ministry: String? = nil, classification: Classification? = nil
    ) {
        self.key = key
        self.kind = kind
        self.name = name
        self.description = description
        self.objectType = objectType
        self.functionType = functionType
        self.process = process
        self.owner = owner
        self.region = region
        self.municipality = municipality
        self.location = location
        self.population = population
        self.vitalCategory = vitalCategory
        self.ministry = ministry
        self.classification = classification ?? DependencyRules.defaultClassification(kind)
    }

    /// What the node is, for a reader: "Gemaal", "Vitaal proces", "Drinkwater".
    public var typeLabel: LocalizedLabel {
        switch kind {
        case .process: kind.label
        case .object: (objectType ?? .other).label
        case .function: (functionType ?? .other).label
        }
    }

    /// The problems of this node on its own, by field; a node without problems may be recorded.
    public var problems: [RiskProblem] {
        var found: [RiskProblem] = []
        if !DependencyRules.isKey(key) {
            found.append(RiskProblem(field: "key", LocalizedLabel(
                nl: "de sleutel moet 2 tot 80 kleine letters, cijfers of streepjes zijn",
                en: "the key must be 2 to 80 lowercase letters, digits or hyphens")))
        }
        DependencyRules.text(name, "name", 2...200, LocalizedLabel(nl: "de naam", en: "the name"), into: &found)
        if let description { DependencyRules.text(description, "description", 0...2000, LocalizedLabel(nl: "de beschrijving", en: "the description"), lineBreaks: true, into: &found) }
        if let owner { DependencyRules.text(owner, "owner", 2...40, LocalizedLabel(nl: "de eigenaar", en: "the owner"), into: &found) }
        if let population, !(0...20_000_000).contains(population) {
            found.append(RiskProblem(field: "population", LocalizedLabel(nl: "het aantal mensen moet 0 tot 20.000.000 zijn",
                                                                       en: "the number of people must be 0 to 20,000,000")))
        }
        if let location, !(DependencyRules.plausibleLocation(location)) {
            found.append(RiskProblem(field: "location", LocalizedLabel(nl: "de plaats moet in of bij Nederland liggen (lengte 2–8, breedte 50–54)",
                                                                     en: "the location must be in or near the Netherlands (lon 2–8, lat 50–54)")))
        }
        switch kind {
        case .process:
            if objectType != nil || functionType != nil || process != nil || location != nil {
                found.append(RiskProblem(field: "kind", LocalizedLabel(nl: "een vitaal proces heeft geen objectsoort, functie, proces of plaats",
                                                                     en: "a vital process has no object type, function, process or location")))
            }
        case .object:
            if objectType == nil { found.append(RiskProblem(field: "objectType", LocalizedLabel(nl: "geef de soort object", en: "give the object type"))) }
            if location == nil { found.append(RiskProblem(field: "location", LocalizedLabel(nl: "een object heeft een plaats", en: "an object has a location"))) }
            if region == nil { found.append(RiskProblem(field: "region", LocalizedLabel(nl: "een object ligt in een regio", en: "an object lies in a region"))) }
            if process == nil { found.append(RiskProblem(field: "process", LocalizedLabel(nl: "koppel het object aan een vitaal proces", en: "link the object to a vital process"))) }
            if owner == nil { found.append(RiskProblem(field: "owner", LocalizedLabel(nl: "geef de eigenaar van het object", en: "give the object's owner"))) }
            if functionType != nil { found.append(RiskProblem(field: "functionType", LocalizedLabel(nl: "een object heeft geen functiesoort", en: "an object has no function type"))) }
        case .function:
            if functionType == nil { found.append(RiskProblem(field: "functionType", LocalizedLabel(nl: "geef de soort functie", en: "give the function type"))) }
            if region == nil { found.append(RiskProblem(field: "region", LocalizedLabel(nl: "een functie hoort bij een regio", en: "a function belongs to a region"))) }
            if objectType != nil { found.append(RiskProblem(field: "objectType", LocalizedLabel(nl: "een functie heeft geen objectsoort", en: "a function has no object type"))) }
        }
        return found
    }
}

/// "`node` depends on `dependsOn`": when `dependsOn` fails, `node` is affected after `delayMinutes`, with
/// `probability` (the strength of the dependency). Every edge names its source.
public struct DependencyEdge: Codable, Sendable, Equatable {
    public var node: String
    public var dependsOn: String
    public var delayMinutes: Int
    public var probability: Double
    public var source: DependencySource
    /// How the effect passes on, in words ("goederen blijven staan; vrachtverkeer stopt op de A15").
    public var effect: String?

    public init(node: String, dependsOn: String, delayMinutes: Int, probability: Double, source: DependencySource, effect: String? = nil) {
        self.node = node
        self.dependsOn = dependsOn
        self.delayMinutes = delayMinutes
        self.probability = probability
        self.source = source
        self.effect = effect
    }

    /// The edge's identity in the model: one edge per pair.
    public var key: String { "\(node)<-\(dependsOn)" }

    public var problems: [RiskProblem] {
        var found: [RiskProblem] = []
        if !DependencyRules.isKey(node) { found.append(RiskProblem(field: "node", LocalizedLabel(nl: "de sleutel van het afhankelijke knooppunt is ongeldig", en: "the dependent node's key is not valid"))) }
        if !DependencyRules.isKey(dependsOn) { found.append(RiskProblem(field: "dependsOn", LocalizedLabel(nl: "de sleutel van het knooppunt waarvan het afhangt is ongeldig", en: "the key of the node it depends on is not valid"))) }
        if node == dependsOn { found.append(RiskProblem(field: "dependsOn", LocalizedLabel(nl: "een knooppunt hangt niet van zichzelf af", en: "a node does not depend on itself"))) }
        if !DependencyRules.delayRange.contains(delayMinutes) {
            found.append(RiskProblem(field: "delayMinutes", LocalizedLabel(nl: "de vertraging moet 0 tot 43.200 minuten (30 dagen) zijn",
                                                                         en: "the delay must be 0 to 43,200 minutes (30 days)")))
        }
        if !(probability.isFinite && probability >= DependencyRules.leastProbability && probability <= 1) {
            found.append(RiskProblem(field: "probability", LocalizedLabel(nl: "de kans moet tussen 0,01 en 1 liggen", en: "the probability must be between 0.01 and 1")))
        }
        DependencyRules.text(source.reference, "source.reference", 3...500, LocalizedLabel(nl: "de bron", en: "the source"), into: &found)
        if let effect { DependencyRules.text(effect, "effect", 0...1000, LocalizedLabel(nl: "het effect", en: "the effect"), into: &found) }
        return found
    }
}

/// Checks on the model as a whole and who may read and keep which part (decision 0032).
public enum DependencyRules {
    public static let delayRange = 0...43_200
    public static let leastProbability = 0.01
    public static let maxNodes = 20_000
    public static let maxEdges = 100_000
    /// Items one import takes in one write: each is a journaled version, so a larger model comes in parts.
    public static let maxImportItems = 5_000

    /// The region's staff who keep its part of the model: in the cold phase the risk advisor and the
    /// directeur (like the risk profile), in the warm phase information management.
    public static let keeperRoles: Set<Role> = [.risicoadviseur, .directeurVeiligheidsregio, .informatiemanager, .hoofdInformatie]

    /// Vulnerable objects are confidential by default, like the map layers of vulnerable places
    /// («Kaartlagen geven inzicht in de locaties van kwetsbare plekken», 001:L1267-1269); the national list
    /// of vital processes is public; a function is internal.
    public static func defaultClassification(_ kind: DependencyNodeKind) -> Classification {
        switch kind {
        case .process: .public
        case .object: .confidential
        case .function: .internal
        }
    }

    public static func isKey(_ key: String) -> Bool {
        let scalars = key.unicodeScalars
        guard (2...80).contains(scalars.count), let first = scalars.first, first != "-" else { return false }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func plausibleLocation(_ position: Position) -> Bool {
        position.lon.isFinite && position.lat.isFinite && (2.0...8.0).contains(position.lon) && (50.0...54.0).contains(position.lat)
    }

    static func text(_ value: String, _ field: String, _ range: ClosedRange<Int>, _ what: LocalizedLabel, lineBreaks: Bool = false,
                     into found: inout [RiskProblem]) {
        let count = value.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars.count
        if !range.contains(count) {
            found.append(RiskProblem(field: field, LocalizedLabel(
                nl: "\(what.nl) moet \(range.lowerBound) tot \(range.upperBound) tekens zijn",
                en: "\(what.en) must be \(range.lowerBound) to \(range.upperBound) characters")))
        } else if !TextHygiene.isClean(value, allowingLineBreaks: lineBreaks) {
            found.append(RiskProblem(field: field, LocalizedLabel(nl: "\(what.nl) bevat stuurtekens", en: "\(what.en) contains control characters")))
        }
    }

    /// The problems of a whole model: each node and edge on its own, keys used twice, edges to nodes the
    /// model does not hold, objects linked to something that is not a vital process. Fields are prefixed
    /// with the item (`nodes[3].name`, `edges[0].dependsOn`) so an import names every bad item.
    public static func problems(nodes: [DependencyNode], edges: [DependencyEdge], known: Set<String> = []) -> [RiskProblem] {
        var found: [RiskProblem] = []
        if nodes.count > maxNodes { found.append(RiskProblem(field: "nodes", LocalizedLabel(nl: "ten hoogste \(maxNodes) knooppunten", en: "at most \(maxNodes) nodes"))) }
        if edges.count > maxEdges { found.append(RiskProblem(field: "edges", LocalizedLabel(nl: "ten hoogste \(maxEdges) afhankelijkheden", en: "at most \(maxEdges) dependencies"))) }
        guard found.isEmpty else { return found }
        var kinds: [String: DependencyNodeKind] = [:]
        for (index, node) in nodes.enumerated() {
            for problem in node.problems { found.append(RiskProblem(field: "nodes[\(index)].\(problem.field)", problem.text)) }
            if kinds[node.key] != nil {
                found.append(RiskProblem(field: "nodes[\(index)].key", LocalizedLabel(nl: "de sleutel \(node.key) komt twee keer voor", en: "the key \(node.key) occurs twice")))
            }
            kinds[node.key] = node.kind
        }
        let all = known.union(kinds.keys)
        for (index, node) in nodes.enumerated() {
            if let process = node.process, kinds[process].map({ $0 != .process }) ?? !known.contains(process) {
                found.append(RiskProblem(field: "nodes[\(index)].process", LocalizedLabel(nl: "\(process) is geen bekend vitaal proces", en: "\(process) is not a known vital process")))
            }
        }
        var pairs: Set<String> = []
        for (index, edge) in edges.enumerated() {
            for problem in edge.problems { found.append(RiskProblem(field: "edges[\(index)].\(problem.field)", problem.text)) }
            for (field, key) in [("node", edge.node), ("dependsOn", edge.dependsOn)] where DependencyRules.isKey(key) && !all.contains(key) {
                found.append(RiskProblem(field: "edges[\(index)].\(field)", LocalizedLabel(nl: "het model kent geen knooppunt \(key)", en: "the model holds no node \(key)")))
            }
            if !pairs.insert(edge.key).inserted {
                found.append(RiskProblem(field: "edges[\(index)]", LocalizedLabel(nl: "de afhankelijkheid \(edge.node) van \(edge.dependsOn) komt twee keer voor",
                                                                                en: "the dependency of \(edge.node) on \(edge.dependsOn) occurs twice")))
            }
        }
        return found
    }

    // MARK: Access

    static func isRegionStaff(_ subject: Subject, of region: RegionCode) -> Bool {
        subject.organisationKind == .region && subject.regionCode == region && !subject.role.isAdministrator
            && !subject.role.isEmergencyAccount && !subject.role.belongsToPartner && !subject.role.worksForPartner
    }

    /// Read a node. Public nodes (the national list) are for everyone in the crisis organisation; internal
    /// ones for the regions and the national node, and for the owner; confidential ones — vulnerable objects
    /// — for the owner and the staff of the region they lie in only. Administrators manage accounts, and
    /// emergency accounts read their fallback picture only.
    public static func read(_ subject: Subject, _ node: DependencyNode) -> AccessDecision {
        if subject.role.isEmergencyAccount { return .deny(FallbackPolicy.onlyFallback) }
        if subject.role.isAdministrator { return .deny("administrators manage accounts; the dependency model is need-to-know") }
        if node.classification == .public { return .allow("public") }
        if let owner = node.owner, owner == subject.organisationCode { return .allow("\(owner)'s own") }
        if let region = node.region, isRegionStaff(subject, of: region) { return .allow("staff of \(region)") }
        if node.classification == .internal, subject.organisationKind == .region || subject.organisationKind == .nationalNode {
            return .allow("internal parts of the model are shared with the regions and the national node")
        }
        // «… kunnen de meldkamer op hun beurt voorzien van informatie die voortkomt uit processen van
        // risicobeheersing» (000:L454-457): the
        // calamiteitencoördinator reads the internal parts of the regions its meldkamer serves (decision 0034).
        if node.classification == .internal, subject.role == .calamiteitencoordinator, let region = node.region,
            MeldkamerPolicy.visibleRegions(subject).contains(region)
        {
            return .allow("internal parts of the model are shared with the meldkamer that serves \(region)")
        }
        return node.classification == .confidential
            ? .deny("a vulnerable object is confidential: only its owner and the staff of the region it lies in")
            : .deny("internal parts of the model are shared with the regions and the national node, not with partners")
    }

    /// Record, change or withdraw a node: the keepers of the region it lies in; a partner's own people for
    /// the objects and functions it owns. The vital processes are the national list: nobody edits them.
    public static func keep(_ subject: Subject, _ node: DependencyNode) -> AccessDecision {
        if subject.role.isEmergencyAccount { return .deny(FallbackPolicy.onlyFallback) }
        if subject.role.isAdministrator { return .deny("administrators manage accounts; the model is kept by the regions and its owners") }
        if node.kind == .process {
            return .deny("the vital processes are the Rijk's national list; they are not edited here")
        }
        if let owner = node.owner, owner == subject.organisationCode, subject.isPartner, subject.role == .partnerUser {
            return .allow("\(owner) keeps its own objects")
        }
        guard let region = node.region, isRegionStaff(subject, of: region) else {
            return .deny("only the staff of the region it lies in, or its owner, keep this part of the model")
        }
        guard keeperRoles.contains(subject.role) else {
            return .deny("the dependency model is kept by the region's risk advisor, directeur, IM or HIN, not by someone with the role \(subject.role.label.en)")
        }
        return .allow("staff of \(region) who keep its dependency model")
    }

    /// Record or withdraw an edge: whoever keeps the dependent node; for an edge between two vital
    /// processes, the keepers of any region (each region models its own reading, with a source).
    public static func keep(_ subject: Subject, edgeOn node: DependencyNode) -> AccessDecision {
        if node.kind == .process {
            if subject.organisationKind == .region, let region = subject.regionCode, isRegionStaff(subject, of: region), keeperRoles.contains(subject.role) {
                return .allow("a region's keepers record how vital processes depend on each other, with the source")
            }
            if subject.organisationKind == .nationalNode, subject.role == .kcr2Analist {
                return .allow("KCR2's analysts record how vital processes depend on each other, with the source")
            }
            return .deny("how vital processes depend on each other is recorded by a region's keepers or KCR2's analysts")
        }
        return keep(subject, node)
    }
}
