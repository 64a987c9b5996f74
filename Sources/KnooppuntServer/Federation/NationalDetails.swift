import AsyncHTTPClient
import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import NIOCore
import Vapor

/// A request from one node to another on behalf of one of its users, signed with the asking node's key.
/// The signature covers the method, path and query, the date, both nodes and the user's name, role and
/// organisation, so none of them can be changed or the request replayed elsewhere or later.
enum NodeRequest {
    static let dateHeader = "Knooppunt-Date"
    static let recipientHeader = "Knooppunt-Recipient"
    static let userHeader = "Knooppunt-User"
    static let roleHeader = "Knooppunt-Role"
    static let organisationHeader = "Knooppunt-Organisation"
    /// How far a request's date may be from the receiving node's clock.
    static let maximumSkew: TimeInterval = 300

    struct OnBehalf: Sendable, Equatable {
        var username: String
        var role: String
        var organisation: String
    }

    static func signedText(method: String, path: String, date: String, sender: String, recipient: String, user: OnBehalf) -> Data {
        Data([method, path, date, sender, recipient, user.username, user.role, user.organisation].joined(separator: "\n").utf8)
    }

    /// The headers of a signed request.
    static func headers(method: String, path: String, date: Date, sender: NodeIdentityModel, recipient: String, user: OnBehalf)
        throws -> HTTPHeaders
    {
        let dateText = CAPTime.format(date)
        let text = signedText(method: method, path: path, date: dateText, sender: sender.name, recipient: recipient, user: user)
        var headers = HTTPHeaders()
        headers.add(name: FederationService.nodeHeader, value: sender.name)
        headers.add(name: recipientHeader, value: recipient)
        headers.add(name: dateHeader, value: dateText)
        headers.add(name: userHeader, value: user.username)
        headers.add(name: roleHeader, value: user.role)
        headers.add(name: organisationHeader, value: user.organisation)
        headers.add(name: FederationService.signatureHeader, value: try NodeKeys.sign(text, privateKey: sender.privateKey))
        headers.add(name: "Accept", value: "application/json")
        headers.add(name: "Connection", value: "close")
        return headers
    }
}

extension FederationService {
    /// Source side: the national node's user a signed request acts for. The source node's own policy then
    /// decides what that user sees, as for any user of the national node (`OrganisationKind.nationalNode`).
    /// Refusals are journaled like refused messages.
    func remoteUser(_ req: Request) async throws -> CurrentUser {
        guard let me = try await identity() else {
            throw Problem(status: .serviceUnavailable, detail: "this node has no identity yet; run `knooppunt node init`")
        }
        let headers = req.headers
        guard let claimed = headers.first(name: Self.nodeHeader)?.trimmingCharacters(in: .whitespaces).lowercased(), !claimed.isEmpty else {
            throw try await refuse(.unauthorized, "the request names no asking node (header \(Self.nodeHeader))", node: nil)
        }
        guard let peer = try await NodePeerModel.query(on: db).filter(\.$name == claimed).first() else {
            throw try await refuse(.forbidden, "node '\(claimed)' is not trusted by this node", node: claimed)
        }
        guard peer.role == "national" else {
            throw try await refuse(.forbidden, "only the national node asks for details on a user's behalf; '\(claimed)' is not trusted as it", node: claimed)
        }
        guard let signature = headers.first(name: Self.signatureHeader), !signature.isEmpty else {
            throw try await refuse(.unauthorized, "the request is not signed (header \(Self.signatureHeader))", node: claimed)
        }
        guard let dateText = headers.first(name: NodeRequest.dateHeader), let date = RFC3339.parse(dateText) else {
            throw try await refuse(.unauthorized, "the request has no valid date (header \(NodeRequest.dateHeader))", node: claimed)
        }
        guard abs(date.timeIntervalSince(context.clock.now())) <= NodeRequest.maximumSkew else {
            throw try await refuse(.unauthorized, "the request is dated \(dateText), more than 5 minutes from this node's clock", node: claimed)
        }
        let user = NodeRequest.OnBehalf(
            username: headers.first(name: NodeRequest.userHeader) ?? "", role: headers.first(name: NodeRequest.roleHeader) ?? "",
            organisation: headers.first(name: NodeRequest.organisationHeader) ?? "")
        let recipient = headers.first(name: NodeRequest.recipientHeader) ?? ""
        let text = NodeRequest.signedText(
            method: req.method.rawValue, path: req.url.string, date: dateText, sender: claimed, recipient: recipient, user: user)
        guard NodeKeys.verify(text, signature: signature, publicKey: peer.publicKey) else {
            throw try await refuse(.forbidden, "the signature does not verify with the key trusted for '\(claimed)'", node: claimed)
        }
        guard recipient == me.name else {
            throw try await refuse(.forbidden, "the request is for '\(recipient)', this node is '\(me.name)'", node: claimed)
        }
        guard !user.username.isEmpty, user.username.count <= 100, !user.organisation.isEmpty, user.organisation.count <= 40 else {
            throw try await refuse(.unauthorized, "the request names no user and organisation it acts for", node: claimed)
        }
        guard let role = Role(rawValue: user.role), !role.isAdministrator else {
            throw try await refuse(.forbidden, "role '\(user.role)' does not read incident information", node: claimed)
        }
        return CurrentUser(
            id: UUID(), username: "\(claimed)/\(user.username)", displayName: user.username, role: role,
            organisationCode: user.organisation, organisationName: user.organisation, organisationKind: .nationalNode,
            regionCode: nil, tokenID: UUID(), credential: .bearer)
    }
}

/// National side: details stay at the source. The national node asks the source node for an incident's
/// picture on behalf of the user who opens it; the source's policy decides. What came back is kept per
/// user and shown, with its age, when the source cannot be reached; a refusal removes it.
enum NationalDetails {
    struct SitRapListing: Content {
        let id: UUID
        let number: Int
        let issuedAt: Date
        let classification: String
        let title: String
    }

    struct DetailDTO: Content {
        let sourceNode: String
        let summary: IncidentSummary
        let receivedAt: Date
        /// When the details were fetched from the source (now, or earlier when cached).
        let fetchedAt: Date?
        let ageSeconds: Int?
        let fromCache: Bool
        /// Why the source could not be asked now, when it could not.
        let sourceProblem: String?
        let picture: WirePicture?
        /// What the region marked for national sharing, and its SitRaps: kept on the national node.
        let sharedEntries: [SharedEntry]
        let sitraps: [SitRapListing]
    }

    static func requireNationalStaff(_ req: Request) throws -> CurrentUser {
        let user = try req.requireUserExplaining()
        guard user.organisationKind == .nationalNode, !user.role.isAdministrator else {
            throw Problem.forbidden("the national picture from the regional nodes is for the national node's staff")
        }
        guard case .national = req.knooppunt.configuration.role else {
            throw Problem.notFound("this node is not the national node (serve --role national)")
        }
        return user
    }

    static func sharedItems(node: String, incident: UUID, on db: Database) async throws -> ([SharedEntry], [SitRapListing]) {
        let rows = try await NationalItemModel.query(on: db).filter(\.$sourceNode == node).filter(\.$sourceIncident == incident)
            .sort(\.$itemAt, .descending).all()
        let entries = try rows.filter { $0.kind == "entry" }.map { try CanonicalJSON.decode(SharedEntry.self, from: $0.body) }
        let sitraps = try rows.filter { $0.kind == "sitrap" }.map { row in
            let shared = try CanonicalJSON.decode(SharedSitRap.self, from: row.body)
            let report = try CanonicalJSON.decode(SitRap.self, from: shared.content)
            return SitRapListing(id: try row.requireID(), number: shared.number, issuedAt: shared.issuedAt,
                                 classification: shared.classification, title: report.situation.title)
        }
        return (entries, sitraps)
    }

    /// The details of a source incident for `user`: fetched now from the source node, or its cached copy.
    static func detail(node: String, incident: UUID, for user: CurrentUser, on req: Request) async throws -> DetailDTO {
        let db = req.db
        guard let row = try await NationalIncidentModel.query(on: db).filter(\.$sourceNode == node)
            .filter(\.$sourceIncident == incident).first()
        else { throw Problem.notFound("no incident \(incident) from node '\(node)' in the national picture") }
        let summary = try NationalPicture.summary(row)
        let (entries, sitraps) = try await sharedItems(node: node, incident: incident, on: db)
        let now = req.knooppunt.clock.now()
        let fetched = await fetch(node: node, incident: incident, for: user, context: req.knooppunt, on: db)
        func result(_ picture: WirePicture?, fetchedAt: Date?, cached: Bool, problem: String?) -> DetailDTO {
            DetailDTO(sourceNode: node, summary: summary, receivedAt: Microseconds.date(row.receivedAt), fetchedAt: fetchedAt,
                      ageSeconds: fetchedAt.map { max(0, Int(now.timeIntervalSince($0))) }, fromCache: cached, sourceProblem: problem,
                      picture: picture, sharedEntries: entries, sitraps: sitraps)
        }
        let username = user.username
        switch fetched {
        case .picture(let body):
            let picture = try decodePicture(body, from: node)
            try await req.knooppunt.write(on: db) { db in
                let cache = try await NationalDetailCacheModel.query(on: db).filter(\.$sourceNode == node)
                    .filter(\.$sourceIncident == incident).filter(\.$username == username).first() ?? NationalDetailCacheModel()
                cache.sourceNode = node
                cache.sourceIncident = incident
                cache.username = username
                cache.body = body
                cache.fetchedAt = Microseconds.from(now)
                try await cache.save(on: db)
            }
            return result(picture, fetchedAt: now, cached: false, problem: nil)
        case .refused(let status, let reason):
            // The source decided this user may not see it (any more): nothing cached is shown.
            try await req.knooppunt.write(on: db) { db in
                try await NationalDetailCacheModel.query(on: db).filter(\.$sourceNode == node)
                    .filter(\.$sourceIncident == incident).filter(\.$username == username).delete()
            }
            throw Problem(status: status, detail: "the source node '\(node)' refused: \(reason)")
        case .unreachable(let reason):
            let problem = "the source node '\(node)' cannot be reached: \(reason)"
            guard let cache = try await NationalDetailCacheModel.query(on: db).filter(\.$sourceNode == node)
                .filter(\.$sourceIncident == incident).filter(\.$username == username).first()
            else { return result(nil, fetchedAt: nil, cached: false, problem: problem) }
            return result(try decodePicture(cache.body, from: node), fetchedAt: Microseconds.date(cache.fetchedAt), cached: true, problem: problem)
        }
    }

    private static func decodePicture(_ body: Data, from node: String) throws -> WirePicture {
        do { return try ContentConfiguration.global.requireDecoder(for: .json).decode(WirePicture.self, from: ByteBuffer(data: body), headers: [:]) } catch {
            throw Problem(status: .badGateway, detail: "the source node '\(node)' answered with a picture this node cannot read: \(error)")
        }
    }

    enum Fetched: Sendable {
        case picture(Data)
        case refused(HTTPResponseStatus, String)
        case unreachable(String)
    }

    static func fetch(node: String, incident: UUID, for user: CurrentUser, context: KnooppuntContext, on db: Database) async -> Fetched {
        do {
            guard let me = try await NodeIdentityModel.query(on: db).first() else { return .unreachable("this node has no identity yet") }
            guard let peer = try await NodePeerModel.query(on: db).filter(\.$name == node).first() else {
                return .unreachable("node '\(node)' is not trusted by this node")
            }
            let path = "/api/v1/federation/incidents/\(incident.uuidString)/picture"
            let base = peer.url.hasSuffix("/") ? String(peer.url.dropLast()) : peer.url
            var request = HTTPClientRequest(url: base + path)
            request.method = .GET
            request.headers = try NodeRequest.headers(
                method: "GET", path: path, date: context.clock.now(), sender: me, recipient: node,
                user: .init(username: user.username, role: user.role.rawValue, organisation: user.organisationCode))
            let response = try await HTTPNodeTransport.client.execute(request, timeout: .seconds(10))
            let body = Data(buffer: try await response.body.collect(upTo: 32 * 1024 * 1024))
            switch response.status.code {
            case 200: return .picture(body)
            case 403, 404:
                let reason = (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["detail"] as? String
                return .refused(response.status, reason ?? String(decoding: body.prefix(300), as: UTF8.self))
            default:
                return .unreachable("\(response.status.code) \(String(decoding: body.prefix(300), as: UTF8.self))")
            }
        } catch {
            return .unreachable("no answer: \(error)")
        }
    }
}
