import Foundation

/// A dependency model indexed for cascades: nodes by position, and for each node the edges of the nodes
/// that depend on it. Built once per model; a cascade over it touches each edge at most once.
public struct DependencyGraph: Sendable {
    public let nodes: [DependencyNode]
    public let edges: [DependencyEdge]
    let index: [String: Int]
    /// For node i: (dependent node, edge index) of every edge whose `dependsOn` is i.
    let dependents: [[(node: Int, edge: Int)]]

    /// Edges whose nodes the model does not hold are left out (a reader's view may hide one end).
    public init(nodes: [DependencyNode], edges: [DependencyEdge]) {
        var index: [String: Int] = [:]
        index.reserveCapacity(nodes.count)
        var kept: [DependencyNode] = []
        kept.reserveCapacity(nodes.count)
        for node in nodes where index[node.key] == nil {
            index[node.key] = kept.count
            kept.append(node)
        }
        var dependents = [[(node: Int, edge: Int)]](repeating: [], count: kept.count)
        var keptEdges: [DependencyEdge] = []
        keptEdges.reserveCapacity(edges.count)
        for edge in edges {
            guard let from = index[edge.dependsOn], let to = index[edge.node], from != to else { continue }
            dependents[from].append((to, keptEdges.count))
            keptEdges.append(edge)
        }
        self.nodes = kept
        self.edges = keptEdges
        self.index = index
        self.dependents = dependents
    }

    public func node(_ key: String) -> DependencyNode? { index[key].map { nodes[$0] } }
}

/// What fails: nodes by key, and/or an area. With an area alone, every object and function located in it
/// fails at once; with an area and a process ("power down in this polygon"), the process fails only there:
/// the objects and functions located in the area that depend on it are affected, after their edge's delay.
public struct CascadeFailure: Sendable, Equatable, Codable {
    public var nodes: [String]
    public var area: [Polygon]
    public var areaProcess: String?

    public init(nodes: [String] = [], area: [Polygon] = [], areaProcess: String? = nil) {
        self.nodes = nodes
        self.area = area
        self.areaProcess = areaProcess
    }

    public var isEmpty: Bool { nodes.isEmpty && area.isEmpty }
}

extension Polygon: Codable {
    enum CodingKeys: String, CodingKey { case outer, holes }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(outer: try container.decode([Position].self, forKey: .outer),
                  holes: try container.decodeIfPresent([[Position]].self, forKey: .holes) ?? [])
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(outer, forKey: .outer)
        if !holes.isEmpty { try container.encode(holes, forKey: .holes) }
    }
}

/// One node reached by a cascade: when, how likely, and why — the edge it came over and its source.
public struct CascadeStep: Sendable, Equatable, Codable {
    public struct Via: Sendable, Equatable, Codable {
        /// The node whose failure passed on.
        public var dependsOn: String
        public var delayMinutes: Int
        public var probability: Double
        public var source: DependencySource
        public var effect: String?
    }

    public var node: String
    /// Minutes after the failure.
    public var atMinutes: Int
    /// The chance the effect arrives over this path: the product of the edges' probabilities.
    public var probability: Double
    /// The wave the step falls in (index into `Cascade.waves`).
    public var wave: Int
    /// Nil for what failed first.
    public var via: Via?
    /// For a failure of a process in an area: the process failed there only.
    public var onlyInArea: Bool
}

/// The cascade of a failure (C56; seed 004:L155-159 «kan leiden tot afgeleide effecten en vervolgens tot een
/// waaier van effecten»), in waves over time.
public struct CascadeResult: Sendable, Equatable {
    public struct Wave: Sendable, Equatable {
        public var index: Int
        /// The wave holds the steps up to and including this minute.
        public var upToMinutes: Int
        public var steps: [CascadeStep]
    }

    public var steps: [CascadeStep]
    public var waves: [Wave]
    /// Regions with an affected node, sorted.
    public var regions: [RegionCode]
    /// Municipalities (GM codes) with an affected node, sorted.
    public var municipalities: [String]
    /// Owners of affected objects and functions: the partners to alert, sorted.
    public var partners: [String]
    /// People depending on the affected societal functions, where the model knows how many.
    public var population: Int
    /// Steps left out because their chance fell below the threshold or they came after the horizon.
    public var prunedSteps: Int

    /// Regions affected besides `own`: the regions to inform.
    public func regionsToInform(besides own: Set<RegionCode>) -> [RegionCode] { regions.filter { !own.contains($0) } }

    /// More than one region: a proposal for GRIP 5 / an IRBT (decision 0021).
    public var crossesRegions: Bool { regions.count > 1 }
}

/// Computes cascades: earliest arrival over the graph (a shortest-path search on time; equal times are
/// settled by the higher chance, then by key, so the result is the same on every run). A node is settled
/// once, so cycles do not loop. Steps whose chance falls below `leastProbability` or that come after the
/// horizon are left out and counted.
public enum Cascade {
    /// The waves: T+0, up to 1 hour, up to 4 hours, up to 24 hours, up to 3 days, later.
    public static let waves: [Int] = [0, 60, 240, 1440, 4320, DependencyRules.delayRange.upperBound * 100]

    public static func waveLabel(_ index: Int) -> LocalizedLabel {
        switch index {
        case 0: LocalizedLabel(nl: "Direct (T+0)", en: "At once (T+0)")
        case 1: LocalizedLabel(nl: "binnen 1 uur", en: "within 1 hour")
        case 2: LocalizedLabel(nl: "binnen 4 uur", en: "within 4 hours")
        case 3: LocalizedLabel(nl: "binnen 24 uur", en: "within 24 hours")
        case 4: LocalizedLabel(nl: "binnen 3 dagen", en: "within 3 days")
        default: LocalizedLabel(nl: "later", en: "later")
        }
    }

    static func wave(of minutes: Int) -> Int { waves.firstIndex { minutes <= $0 } ?? waves.count - 1 }

    public static let defaultHorizon = 4320
    public static let defaultLeastProbability = 0.05

    public static func compute(
        _ graph: DependencyGraph, failure: CascadeFailure, horizonMinutes: Int = defaultHorizon,
        leastProbability: Double = defaultLeastProbability
    ) -> CascadeResult {
        let count = graph.nodes.count
        var bestTime = [Int](repeating: .max, count: count)
        var bestProbability = [Double](repeating: 0, count: count)
        var settled = [Bool](repeating: false, count: count)
        var cause = [Int](repeating: -1, count: count)
        var causeEdge = [Int](repeating: -1, count: count)
        var areaOnly = [Bool](repeating: false, count: count)
        var heap = CascadeHeap(keys: graph.nodes.map(\.key))
        var pruned = 0
        var order: [Int] = []

        func offer(_ node: Int, time: Int, probability: Double, from: Int, edge: Int) {
            guard !settled[node] else { return }
            guard time <= horizonMinutes, probability >= leastProbability else { pruned += 1; return }
            if time < bestTime[node] || (time == bestTime[node] && probability > bestProbability[node]) {
                bestTime[node] = time
                bestProbability[node] = probability
                cause[node] = from
                causeEdge[node] = edge
                heap.push(node, time: time, probability: probability)
            }
        }

        for key in failure.nodes { if let i = graph.index[key] { offer(i, time: 0, probability: 1, from: -1, edge: -1) } }
        if !failure.area.isEmpty {
            let bounds = failure.area.map(\.bounds)
            func inArea(_ node: DependencyNode) -> Bool {
                guard let at = node.location else { return false }
                for (polygon, box) in zip(failure.area, bounds)
                where box.minLon <= at.lon && at.lon <= box.maxLon && box.minLat <= at.lat && at.lat <= box.maxLat && polygon.contains(at) {
                    return true
                }
                return false
            }
            if let processKey = failure.areaProcess, let process = graph.index[processKey] {
                // The process fails in the area only: it is shown, but does not pass on outside the area.
                settled[process] = true
                bestTime[process] = 0
                bestProbability[process] = 1
                areaOnly[process] = true
                order.append(process)
                for (node, edge) in graph.dependents[process] where inArea(graph.nodes[node]) {
                    let e = graph.edges[edge]
                    offer(node, time: e.delayMinutes, probability: e.probability, from: process, edge: edge)
                }
            } else {
                for (i, node) in graph.nodes.enumerated() where node.kind != .process && inArea(node) {
                    offer(i, time: 0, probability: 1, from: -1, edge: -1)
                }
            }
        }

        while let (node, time, probability) = heap.pop() {
            guard !settled[node], time == bestTime[node], probability == bestProbability[node] else { continue }
            settled[node] = true
            order.append(node)
            for (next, edge) in graph.dependents[node] {
                let e = graph.edges[edge]
                offer(next, time: time + e.delayMinutes, probability: probability * e.probability, from: node, edge: edge)
            }
        }

        var steps: [CascadeStep] = []
        steps.reserveCapacity(order.count)
        var regions: Set<RegionCode> = []
        var municipalities: Set<String> = []
        var partners: Set<String> = []
        var population = 0
        for i in order {
            let node = graph.nodes[i]
            var via: CascadeStep.Via?
            if causeEdge[i] >= 0 {
                let e = graph.edges[causeEdge[i]]
                via = .init(dependsOn: graph.nodes[cause[i]].key, delayMinutes: e.delayMinutes, probability: e.probability, source: e.source, effect: e.effect)
            }
            steps.append(CascadeStep(node: node.key, atMinutes: bestTime[i], probability: bestProbability[i], wave: wave(of: bestTime[i]),
                                     via: via, onlyInArea: areaOnly[i]))
            if let region = node.region { regions.insert(region) }
            if let municipality = node.municipality { municipalities.insert(municipality) }
            if node.kind != .process, let owner = node.owner { partners.insert(owner) }
            if node.kind == .function, let people = node.population { population += people }
        }
        var byWave: [Int: [CascadeStep]] = [:]
        for step in steps { byWave[step.wave, default: []].append(step) }
        return CascadeResult(
            steps: steps,
            waves: byWave.keys.sorted().map { CascadeResult.Wave(index: $0, upToMinutes: waves[$0], steps: byWave[$0]!) },
            regions: regions.sorted(), municipalities: municipalities.sorted(), partners: partners.sorted(), population: population,
            prunedSteps: pruned)
    }
}

/// A binary min-heap on (time, −probability, key): the cascade's order is total, so the same graph gives
/// the same steps in the same order.
struct CascadeHeap {
    private var items: [(node: Int, time: Int, probability: Double)] = []
    private let keys: [String]

    init(keys: [String]) { self.keys = keys }

    private func less(_ a: (node: Int, time: Int, probability: Double), _ b: (node: Int, time: Int, probability: Double)) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.probability != b.probability { return a.probability > b.probability }
        return keys[a.node] < keys[b.node]
    }

    mutating func push(_ node: Int, time: Int, probability: Double) {
        items.append((node, time, probability))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard less(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Int, Int, Double)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < items.count, less(items[left], items[smallest]) { smallest = left }
                if right < items.count, less(items[right], items[smallest]) { smallest = right }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return (top.node, top.time, top.probability)
    }
}
