import Foundation

/// A version of a node of the dependency model was recorded (decision 0032): created, changed, imported or
/// withdrawn. The name is left out for a confidential object: the journal is read more widely than the model.
public struct DependencyNodeRecorded: JournalEvent {
    public static let kind = JournalKind.dependencyNodeRecorded
    public var node: String
    public var version: Int
    public var kind: String
    public var region: String?
    public var change: String
    public var name: String?
    public var reason: String?

    public init(node: String, version: Int, kind: String, region: String?, change: String, name: String?, reason: String? = nil) {
        self.node = node
        self.version = version
        self.kind = kind
        self.region = region
        self.change = change
        self.name = name
        self.reason = reason
    }
}

/// A version of a dependency ("`node` depends on `dependsOn`") was recorded or withdrawn, with its source.
public struct DependencyEdgeRecorded: JournalEvent {
    public static let kind = JournalKind.dependencyEdgeRecorded
    public var node: String
    public var dependsOn: String
    public var version: Int
    public var change: String
    public var source: String
    public var reason: String?

    public init(node: String, dependsOn: String, version: Int, change: String, source: String, reason: String? = nil) {
        self.node = node
        self.dependsOn = dependsOn
        self.version = version
        self.change = change
        self.source = source
        self.reason = reason
    }
}

/// A dependency model was taken in from JSON, all or nothing.
public struct DependencyModelImported: JournalEvent {
    public static let kind = JournalKind.dependencyModelImported
    public var nodesCreated: Int
    public var nodesChanged: Int
    public var edgesCreated: Int
    public var edgesChanged: Int
    public var unchanged: Int

    public init(nodesCreated: Int, nodesChanged: Int, edgesCreated: Int, edgesChanged: Int, unchanged: Int) {
        self.nodesCreated = nodesCreated
        self.nodesChanged = nodesChanged
        self.edgesCreated = edgesCreated
        self.edgesChanged = edgesChanged
        self.unchanged = unchanged
    }
}

/// An administrator changed the bestuurlijke netwerkkaart (decision 0033): a new version of the whole map.
public struct NetworkMapChanged: JournalEvent {
    public static let kind = JournalKind.networkMapChanged
    public var version: Int
    public var responsibilities: Int
    /// What changed, in a few words: "Burgemeester · Openbare orde en veiligheid · Lauwe fase vastgelegd".
    public var summary: String

    public init(version: Int, responsibilities: Int, summary: String) {
        self.version = version
        self.responsibilities = responsibilities
        self.summary = summary
    }
}

/// A version of a scenario of the library was recorded (decision 0032).
public struct ScenarioRecorded: JournalEvent {
    public static let kind = JournalKind.dependencyScenarioRecorded
    public var scenario: UUID
    public var version: Int
    public var scope: String
    public var title: String

    public init(scenario: UUID, version: Int, scope: String, title: String) {
        self.scenario = scenario
        self.version = version
        self.scope = scope
        self.title = title
    }
}
