import Foundation
import KnooppuntCore
import Testing

@Suite("Cascades over the dependency model")
struct CascadeTests {
    static let assumption = DependencySource(kind: .assumption, reference: "test graph")

    static func node(_ key: String, _ kind: DependencyNodeKind = .function, region: String = "VR13", owner: String? = nil,
                     at position: Position? = nil, population: Int? = nil) -> DependencyNode {
        DependencyNode(key: key, kind: kind, name: key.uppercased(), functionType: kind == .function ? .other : nil, owner: owner,
                       region: kind == .process ? nil : RegionCode(region), location: position, population: population)
    }

    static func edge(_ node: String, on dependsOn: String, _ delay: Int, _ probability: Double = 1) -> DependencyEdge {
        DependencyEdge(node: node, dependsOn: dependsOn, delayMinutes: delay, probability: probability,
                       source: DependencySource(kind: .assumption, reference: "test: \(node) on \(dependsOn)"))
    }

    @Test("a chain is reached link by link, each step at the sum of the delays and named by its edge and source")
    func chain() {
        let graph = DependencyGraph(nodes: ["a", "b", "c", "d"].map { Self.node($0) },
                                    edges: [Self.edge("b", on: "a", 30), Self.edge("c", on: "b", 90, 0.5), Self.edge("d", on: "c", 600)])
        let result = Cascade.compute(graph, failure: CascadeFailure(nodes: ["a"]))
        #expect(result.steps.map(\.node) == ["a", "b", "c", "d"])
        #expect(result.steps.map(\.atMinutes) == [0, 30, 120, 720])
        #expect(result.steps.map(\.probability) == [1, 1, 0.5, 0.5])
        #expect(result.steps[0].via == nil)
        #expect(result.steps[2].via?.dependsOn == "b")
        #expect(result.steps[2].via?.source.reference == "test: c on b")
        // T+0, within 1 h, within 4 h, within 24 h.
        #expect(result.waves.map(\.index) == [0, 1, 2, 3])
        #expect(result.waves.map { $0.steps.map(\.node) } == [["a"], ["b"], ["c"], ["d"]])
    }

    @Test("fan-out reaches every dependent; the earliest path wins and ties go to the likelier path")
    func fanOutAndEarliest() {
        let graph = DependencyGraph(
            nodes: ["root", "x", "y", "z", "w"].map { Self.node($0) },
            edges: [Self.edge("x", on: "root", 10), Self.edge("y", on: "root", 10), Self.edge("z", on: "root", 10),
                    Self.edge("w", on: "x", 100, 0.9), Self.edge("w", on: "y", 50, 0.2), Self.edge("w", on: "z", 50, 0.6)])
        let result = Cascade.compute(graph, failure: CascadeFailure(nodes: ["root"]))
        #expect(result.steps.map(\.node) == ["root", "x", "y", "z", "w"])
        let w = result.steps.last!
        #expect(w.atMinutes == 60)
        #expect(w.via?.dependsOn == "z")
        #expect(abs(w.probability - 0.6) < 1e-12)
    }

    @Test("a cycle does not loop: every node appears once")
    func cycle() {
        let graph = DependencyGraph(nodes: ["a", "b", "c"].map { Self.node($0) },
                                    edges: [Self.edge("b", on: "a", 5), Self.edge("c", on: "b", 5), Self.edge("a", on: "c", 5)])
        let result = Cascade.compute(graph, failure: CascadeFailure(nodes: ["b"]))
        #expect(result.steps.map(\.node) == ["b", "c", "a"])
        #expect(result.steps.map(\.atMinutes) == [0, 5, 10])
    }

    @Test("steps below the least chance or after the horizon are left out and counted")
    func pruning() {
        let graph = DependencyGraph(nodes: ["a", "b", "c", "d"].map { Self.node($0) },
                                    edges: [Self.edge("b", on: "a", 10, 0.2), Self.edge("c", on: "b", 10, 0.2), Self.edge("d", on: "a", 5000)])
        let result = Cascade.compute(graph, failure: CascadeFailure(nodes: ["a"]), horizonMinutes: 4320, leastProbability: 0.05)
        #expect(result.steps.map(\.node) == ["a", "b"])
        #expect(result.prunedSteps == 2)
    }

    @Test("the same graph gives the same steps in the same order, whatever the order it was given in")
    func deterministic() {
        let nodes = (0..<40).map { Self.node("n\($0)") }
        var edges: [DependencyEdge] = []
        for i in 1..<40 { edges.append(Self.edge("n\(i)", on: "n\((i * 7 + 3) % i)", (i * 13) % 5 * 10, 0.9)) }
        let one = Cascade.compute(DependencyGraph(nodes: nodes, edges: edges), failure: CascadeFailure(nodes: ["n0"]))
        let other = Cascade.compute(DependencyGraph(nodes: nodes.reversed(), edges: edges.reversed()), failure: CascadeFailure(nodes: ["n0"]))
        #expect(one.steps == other.steps)
        #expect(one.steps.count > 5)
    }

    @Test("an area fails what lies in it; a process failing in an area passes on only to what lies there")
    func area() {
        let square = Polygon(outer: [Position(lon: 4.8, lat: 52.3), Position(lon: 5.0, lat: 52.3), Position(lon: 5.0, lat: 52.4),
                                     Position(lon: 4.8, lat: 52.4), Position(lon: 4.8, lat: 52.3)])
        let inside = Position(lon: 4.9, lat: 52.35), outside = Position(lon: 4.5, lat: 52.0)
        let graph = DependencyGraph(
            nodes: [Self.node("power", .process), Self.node("pump-in", at: inside), Self.node("pump-out", at: outside),
                    Self.node("polder", at: inside, population: 1000)],
            edges: [Self.edge("pump-in", on: "power", 0), Self.edge("pump-out", on: "power", 0), Self.edge("polder", on: "pump-in", 720)])
        let local = Cascade.compute(graph, failure: CascadeFailure(area: [square], areaProcess: "power"))
        #expect(local.steps.map(\.node) == ["power", "pump-in", "polder"])
        #expect(local.steps[0].onlyInArea)
        #expect(local.population == 1000)
        let everything = Cascade.compute(graph, failure: CascadeFailure(area: [square]))
        #expect(everything.steps.map(\.node) == ["polder", "pump-in"])
    }

    @Test("the result names the regions to inform, the partners to alert and whether it crosses regions")
    func whoToTell() {
        let graph = DependencyGraph(
            nodes: [Self.node("a", region: "VR17", owner: "HBR"), Self.node("b", region: "VR18", owner: "PRORAIL"), Self.node("c", region: "VR17")],
            edges: [Self.edge("b", on: "a", 60), Self.edge("c", on: "a", 60)])
        let result = Cascade.compute(graph, failure: CascadeFailure(nodes: ["a"]))
        #expect(result.regions.map(\.rawValue) == ["VR17", "VR18"])
        #expect(result.regionsToInform(besides: [RegionCode("VR17")!]).map(\.rawValue) == ["VR18"])
        #expect(result.partners == ["HBR", "PRORAIL"])
        #expect(result.crossesRegions)
    }

    @Test("the port example of seed 004: port → access roads → emergency reachability → chemical train in an urban area")
    func portExample() {
        let graph = DependencyGraph(nodes: DependencyExamples.nodes, edges: DependencyExamples.edges)
        let result = Cascade.compute(graph, failure: CascadeFailure(nodes: ["vr17-havensysteem"]))
        let order = result.steps.map(\.node)
        let chain = ["vr17-containerterminal", "vr17-aanvoerroutes", "vr17-bereikbaarheid-hulpdiensten", "vr18-chemietrein-stedelijk"]
        let positions = chain.map { order.firstIndex(of: $0) }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        // Every step after the first names an edge from the seed.
        for step in result.steps.dropFirst() { #expect(step.via?.source.kind == .seed) }
        #expect(result.crossesRegions)
        #expect(result.partners.contains("PRORAIL"))
    }

    @Test("the examples and the vital processes make a model without problems")
    func examplesAreValid() {
        #expect(VitalProcesses.nodes.count == 28)
        #expect(DependencyRules.problems(nodes: DependencyExamples.nodes, edges: DependencyExamples.edges).isEmpty)
    }

    @Test("a model's problems name the item and field: bad keys, unknown nodes, twice the same edge, no source")
    func problems() {
        let nodes = [Self.node("a"), Self.node("a"), DependencyNode(key: "Bad Key", kind: .object, name: "x")]
        var noSource = Self.edge("a", on: "ghost", 10)
        noSource.source.reference = ""
        let edges = [noSource, Self.edge("a", on: "ghost", 10), Self.edge("a", on: "a", -1, 2)]
        let fields = Set(DependencyRules.problems(nodes: nodes, edges: edges).map(\.field))
        for expected in ["nodes[1].key", "nodes[2].key", "nodes[2].name", "nodes[2].location", "edges[0].source.reference",
                         "edges[0].dependsOn", "edges[1]", "edges[2].delayMinutes", "edges[2].probability"] {
            #expect(fields.contains(expected), "missing \(expected) in \(fields.sorted())")
        }
    }

    @Test("a confidential object is read by its owner and its region's staff only; processes by everyone")
    func access() {
        let object = DependencyExamples.polderNodes[1]
        #expect(object.classification == .confidential)
        func subject(_ role: Role, _ org: String, _ kind: OrganisationKind, _ region: String?) -> Subject {
            Subject(username: "u", role: role, organisationCode: org, organisationKind: kind, regionCode: region.flatMap(RegionCode.init))
        }
        #expect(DependencyRules.read(subject(.partnerUser, "WS-AGV", .partner, nil), object).allowed)
        #expect(DependencyRules.read(subject(.informatiemanager, "VR13", .region, "VR13"), object).allowed)
        #expect(!DependencyRules.read(subject(.informatiemanager, "VR17", .region, "VR17"), object).allowed)
        #expect(!DependencyRules.read(subject(.partnerUser, "KPN", .partner, nil), object).allowed)
        #expect(!DependencyRules.read(subject(.kcr2Analist, "KCR2", .nationalNode, nil), object).allowed)
        #expect(DependencyRules.read(subject(.partnerUser, "KPN", .partner, nil), VitalProcesses.nodes[0]).allowed)
        #expect(!DependencyRules.keep(subject(.risicoadviseur, "VR13", .region, "VR13"), VitalProcesses.nodes[0]).allowed)
        #expect(DependencyRules.keep(subject(.risicoadviseur, "VR13", .region, "VR13"), object).allowed)
        #expect(!DependencyRules.keep(subject(.voorzitter, "VR13", .region, "VR13"), object).allowed)
    }
}
