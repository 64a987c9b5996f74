import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Bovenregionale bundelingen on the national node: the national analysts join incidents of two or more
/// regions into one picture (a flood along a river, a heatwave). Not the IRBT: that is the voorzitters'
/// team on one incident (decision 0021). Made and changed by the national node's staff, journaled. Stored
/// and addressed as "groupings" (tables, paths, journal kinds), which stay as they were.
enum NationalGroupings {
    struct MemberRef: Content, Equatable {
        let node: String
        let incident: UUID
    }

    struct GroupingRequest: StrictDecodable {
        let name: String
        let description: String?
        let incidents: [MemberRef]
        enum CodingKeys: String, CodingKey, CaseIterable { case name, description, incidents }
        static var nestedFields: [String: [String]] { ["incidents": ["node", "incident"]] }
    }

    struct MembersRequest: StrictDecodable {
        let incidents: [MemberRef]
        enum CodingKeys: String, CodingKey, CaseIterable { case incidents }
        static var nestedFields: [String: [String]] { ["incidents": ["node", "incident"]] }
    }

    struct MemberDTO: Content {
        let node: String
        let summary: IncidentSummary
    }

    struct GroupingDTO: Content {
        let id: UUID
        let name: String
        let description: String
        let createdAt: Date
        let createdBy: String
        let members: [MemberDTO]
        /// Every region involved in one of its incidents.
        let regions: [RegionCode]
        let highestGRIP: GRIPLevel?
        /// Entries the regions shared for these incidents, newest first, with their source node.
        let sharedEntries: [SourcedEntry]?
    }

    struct SourcedEntry: Content {
        let node: String
        let entry: SharedEntry
    }

    /// The distinct incidents named, each in the national picture; together they must span two or more
    /// regions, or the bundeling would not be bovenregionaal.
    private static func checkMembers(_ refs: [MemberRef], on db: Database) async throws -> [MemberRef] {
        var seen = Set<String>()
        var unique: [MemberRef] = []
        var regions = Set<RegionCode>()
        for ref in refs where seen.insert("\(ref.node)/\(ref.incident)").inserted {
            guard let row = try await NationalIncidentModel.query(on: db).filter(\.$sourceNode == ref.node)
                .filter(\.$sourceIncident == ref.incident).first()
            else { throw Problem.invalid("no incident \(ref.incident) from node '\(ref.node)' in the national picture", field: "incidents") }
            regions.formUnion(try NationalPicture.summary(row).involvedRegions)
            unique.append(ref)
        }
        guard unique.count >= 2 else {
            throw Problem.invalid("a bovenregionale bundeling joins at least two incidents", field: "incidents")
        }
        guard regions.count >= 2 else {
            throw Problem.invalid(
                "a bovenregionale bundeling joins incidents of two or more regions; these involve only "
                    + regions.sorted().map(\.rawValue).joined(separator: ", "), field: "incidents")
        }
        return unique
    }

    static func create(_ body: GroupingRequest, by user: CurrentUser, context: KnooppuntContext, on db: Database) async throws -> UUID {
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...120).contains(name.count) else { throw Problem.invalid("the name must be 3 to 120 characters", field: "name") }
        let description = (body.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard description.count <= 2000 else { throw Problem.invalid("the description is longer than 2000 characters", field: "description") }
        let at = Microseconds.from(context.clock.now())
        return try await context.write(on: db) { db in
            let members = try await checkMembers(body.incidents, on: db)
            let grouping = NationalGroupingModel()
            grouping.id = NewID.next()
            grouping.name = name
            grouping.description = description
            grouping.createdAt = at
            grouping.createdBy = user.username
            try await grouping.create(on: db)
            let id = try grouping.requireID()
            try await replaceMembers(id, with: members, by: user.username, at: at, on: db)
            try await Journal.append(
                NationalGroupingCreated(GroupingPayload(grouping: id, name: name, members: members.map { "\($0.node)/\($0.incident)" })),
                on: db, actor: user.username, organisation: user.organisationCode)
            return id
        }
    }

    static func setMembers(_ id: UUID, _ refs: [MemberRef], by user: CurrentUser, context: KnooppuntContext, on db: Database) async throws {
        let at = Microseconds.from(context.clock.now())
        try await context.write(on: db) { db in
            guard let grouping = try await NationalGroupingModel.find(id, on: db) else { throw Problem.notFound("no bovenregionale bundeling \(id)") }
            let members = try await checkMembers(refs, on: db)
            try await replaceMembers(id, with: members, by: user.username, at: at, on: db)
            try await Journal.append(
                NationalGroupingChanged(GroupingPayload(
                    grouping: id, name: grouping.name, members: members.map { "\($0.node)/\($0.incident)" })),
                on: db, actor: user.username, organisation: user.organisationCode)
        }
    }

    private static func replaceMembers(_ id: UUID, with members: [MemberRef], by username: String, at: Int64, on db: Database) async throws {
        try await NationalGroupingMemberModel.query(on: db).filter(\.$groupingID == id).delete()
        for ref in members {
            let member = NationalGroupingMemberModel()
            member.groupingID = id
            member.sourceNode = ref.node
            member.sourceIncident = ref.incident
            member.addedAt = at
            member.addedBy = username
            try await member.create(on: db)
        }
    }

    static func all(withEntries: Bool = false, on db: Database) async throws -> [GroupingDTO] {
        try await NationalGroupingModel.query(on: db).sort(\.$createdAt, .descending).all().asyncMap {
            try await dto($0, withEntries: withEntries, on: db)
        }
    }

    static func one(_ id: UUID, on db: Database) async throws -> GroupingDTO {
        guard let grouping = try await NationalGroupingModel.find(id, on: db) else { throw Problem.notFound("no bovenregionale bundeling \(id)") }
        return try await dto(grouping, withEntries: true, on: db)
    }

    private static func dto(_ grouping: NationalGroupingModel, withEntries: Bool, on db: Database) async throws -> GroupingDTO {
        let id = try grouping.requireID()
        var members: [MemberDTO] = []
        var entries: [SourcedEntry] = []
        for member in try await NationalGroupingMemberModel.query(on: db).filter(\.$groupingID == id).all() {
            guard let row = try await NationalIncidentModel.query(on: db).filter(\.$sourceNode == member.sourceNode)
                .filter(\.$sourceIncident == member.sourceIncident).first() else { continue }
            members.append(MemberDTO(node: member.sourceNode, summary: try NationalPicture.summary(row)))
            if withEntries {
                let (shared, _) = try await NationalDetails.sharedItems(node: member.sourceNode, incident: member.sourceIncident, on: db)
                entries += shared.map { SourcedEntry(node: member.sourceNode, entry: $0) }
            }
        }
        members.sort { ($0.summary.grip, $0.summary.reference) > ($1.summary.grip, $1.summary.reference) }
        let regions = Set(members.flatMap(\.summary.involvedRegions)).sorted { $0.rawValue < $1.rawValue }
        return GroupingDTO(
            id: id, name: grouping.name, description: grouping.description, createdAt: Microseconds.date(grouping.createdAt),
            createdBy: grouping.createdBy, members: members, regions: regions, highestGRIP: members.map(\.summary.grip).max(),
            sharedEntries: withEntries ? entries.sorted { $0.entry.updatedAt > $1.entry.updatedAt } : nil)
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        result.reserveCapacity(count)
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
