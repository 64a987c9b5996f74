import Foundation
import Histogram
import KnooppuntCore

/// `knooppunt bench cascade`: "what follows?" on a generated dependency model of `nodes` nodes and `edges`
/// edges (decision 0032). The model is made from a fixed seed, so every run measures the same graph: a
/// quarter processes, objects and functions; each edge runs from a node to one of the nodes after it or,
/// one in ten, back (so there are cycles), with delays of 0 to 24 hours and chances of 0.3 to 1.
struct CascadeBench {
    let nodes: Int
    let edges: Int
    let runs: Int

    struct Row {
        var name: String
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var reached = 0

        var markdown: String {
            String(format: "| %@ | %d | %.2f | %.2f | %.2f |", name, histogram.totalCount, Double(histogram.valueAtPercentile(50)) / 1000,
                   Double(histogram.valueAtPercentile(99)) / 1000, Double(histogram.max) / 1000)
        }
    }

    static let header = "| Case | Runs | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|"

    /// SplitMix64: a small generator with a fixed seed, so the graph is the same on every machine.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    func model() -> ([DependencyNode], [DependencyEdge]) {
        var random = Generator(state: 2026)
        let source = DependencySource(kind: .assumption, reference: "generated for the bench")
        let model: [DependencyNode] = (0..<nodes).map { i in
            let kind: DependencyNodeKind = i % 4 == 0 ? .process : (i % 4 == 3 ? .function : .object)
            let region = RegionCode(String(format: "VR%02d", 1 + i % 25))
            return DependencyNode(
                key: "n\(i)", kind: kind, name: "Knooppunt \(i)", objectType: kind == .object ? .other : nil,
                functionType: kind == .function ? .other : nil, owner: kind == .process ? nil : "ORG\(i % 50)",
                region: kind == .process ? nil : region,
                location: kind == .process ? nil : Position(lon: 3.5 + Double(random.below(3500)) / 1000, lat: 50.8 + Double(random.below(2600)) / 1000),
                population: kind == .function ? random.below(100_000) : nil)
        }
        var pairs: Set<Int> = []
        var made: [DependencyEdge] = []
        made.reserveCapacity(edges)
        while made.count < edges {
            let from = random.below(nodes)
            let back = random.below(10) == 0
            let to = back ? random.below(nodes) : min(nodes - 1, from + 1 + random.below(200))
            guard from != to, pairs.insert(from * nodes + to).inserted else { continue }
            made.append(DependencyEdge(node: "n\(to)", dependsOn: "n\(from)", delayMinutes: random.below(25) * 60,
                                       probability: 0.3 + Double(random.below(71)) / 100, source: source))
        }
        return (model, made)
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds / 1000 }

    func run() -> [Row] {
        let (model, dependencies) = model()
        var build = Row(name: "Index the model (\(nodes) nodes, \(edges) edges)")
        var graph = DependencyGraph(nodes: [], edges: [])
        for _ in 0..<max(1, runs / 10) {
            let start = Self.now()
            graph = DependencyGraph(nodes: model, edges: dependencies)
            _ = build.histogram.record(max(1, Self.now() - start))
        }
        var single = Row(name: "What follows: one node fails")
        var wide = Row(name: "What follows: 20 nodes fail, 72 h horizon, least chance 0.01")
        var area = Row(name: "What follows: a process fails in an area")
        var random = Generator(state: 7)
        let square = Polygon(outer: [Position(lon: 4.5, lat: 51.8), Position(lon: 5.2, lat: 51.8), Position(lon: 5.2, lat: 52.4),
                                     Position(lon: 4.5, lat: 52.4), Position(lon: 4.5, lat: 51.8)])
        for _ in 0..<runs {
            var start = Self.now()
            let one = Cascade.compute(graph, failure: CascadeFailure(nodes: ["n\(random.below(nodes))"]))
            _ = single.histogram.record(max(1, Self.now() - start))
            single.reached += one.steps.count
            let failing = (0..<20).map { _ in "n\(random.below(nodes))" }
            start = Self.now()
            let many = Cascade.compute(graph, failure: CascadeFailure(nodes: failing), leastProbability: 0.01)
            _ = wide.histogram.record(max(1, Self.now() - start))
            wide.reached += many.steps.count
            start = Self.now()
            let local = Cascade.compute(graph, failure: CascadeFailure(area: [square], areaProcess: "n\(4 * random.below(nodes / 4))"))
            _ = area.histogram.record(max(1, Self.now() - start))
            area.reached += local.steps.count
        }
        for index in [1, 2, 3] {
            var row = [single, wide, area][index - 1]
            row.name += String(format: " (reaches %.0f nodes on average)", Double(row.reached) / Double(max(1, runs)))
            switch index {
            case 1: single = row
            case 2: wide = row
            default: area = row
            }
        }
        return [build, single, wide, area]
    }
}
