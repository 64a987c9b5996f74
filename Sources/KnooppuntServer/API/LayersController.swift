import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// Map layers: the reference layers (regions, municipalities, provinces) and layers organisations
/// upload as GeoJSON, each with an owner and a classification the access policy honours.
struct LayersController: RouteCollection {
    /// The bundled reference layers: id, Dutch and English name, resource file.
    static let reference: [(id: String, name: LocalizedLabel, file: String)] = [
        ("regions", LocalizedLabel(nl: "Veiligheidsregio's", en: "Safety regions"), "veiligheidsregios"),
        ("municipalities", LocalizedLabel(nl: "Gemeenten", en: "Municipalities"), "gemeenten"),
        ("provinces", LocalizedLabel(nl: "Provincies", en: "Provinces"), "provincies"),
    ]

    func boot(routes: RoutesBuilder) throws {
        let layers = routes.grouped("layers")
        layers.get(use: list)
        layers.on(.POST, body: .collect(maxSize: "5mb"), use: upload)
        layers.get(":layer", use: show)
        layers.on(.PUT, ":layer", body: .collect(maxSize: "5mb"), use: replace)
        layers.delete(":layer", use: delete)
        layers.post(":layer", "break-glass", use: breakGlass)
    }

    func list(req: Request) async throws -> [LayerDTO] {
        let user = try req.requireUserExplaining()
        let now = req.knooppunt.clock.now()
        var result = Self.reference.map { LayerDTO(reference: $0, language: req.uiLanguage) }
        for model in try await LayerModel.query(on: req.db).sort(\.$name).all() {
            let decision = try await Self.decide(user, .read, model, at: now, on: req.db)
            if decision.allowed { result.append(try LayerDTO(model)) }
        }
        return result
    }

    func show(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let id = req.parameters.get("layer") ?? ""
        if let reference = Self.reference.first(where: { $0.id == id }) {
            return try Self.referenceResponse(reference.file, for: req)
        }
        let model = try await Self.layer(req)
        let decision = try await Self.decide(user, .read, model, at: req.knooppunt.clock.now(), on: req.db)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        if decision.obligations.contains(.journalRead) {
            try await AccessService.journalConfidentialRead(
                user.author, .layer(try LayerPayload(model)), context: req.knooppunt, on: req.db)
        }
        return Self.geoJSON(model.geojson)
    }

    func upload(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let name = try Self.name(req)
        let category = try IncidentRequest.enumQuery(req, "category", LayerCategory.self) { LayerCategory(named: $0) } ?? .general
        let classification = try IncidentRequest.enumQuery(req, "classification", Classification.self) {
            Classification(rawValue: $0)
        } ?? category.defaultClassification
        let (text, count) = try Self.content(req)
        let scope = LayerScope(owner: user.organisationCode, classification: classification)
        let decision = AccessPolicy.decide(user.subject, .manage, layer: scope, at: req.knooppunt.clock.now())
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        let now = Microseconds.from(req.knooppunt.clock.now())
        let model = try await req.knooppunt.write(on: req.db) { db in
            let model = LayerModel()
            model.id = NewID.next()
            model.name = name
            model.category = category.rawValue
            model.ownerOrganisation = user.organisationCode
            model.classification = classification.rawValue
            model.version = 1
            model.featureCount = count
            model.geojson = text
            model.updatedAt = now
            model.updatedBy = user.username
            try await model.create(on: db)
            try await Journal.append(
                LayerUploaded(try LayerPayload(model)), on: db, actor: user.username, organisation: user.organisationCode)
            return model
        }
        let response = try await LayerDTO(model).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/layers/\(try model.requireID())")
        return response
    }

    func replace(req: Request) async throws -> LayerDTO {
        let user = try req.requireUserExplaining()
        let model = try await Self.layer(req)
        let decision = try await Self.decide(user, .manage, model, at: req.knooppunt.clock.now(), on: req.db)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        guard let base = req.query[Int.self, at: "baseVersion"] else {
            throw Problem.invalid("query 'baseVersion' is required: the version this replaces", field: "baseVersion")
        }
        let (text, count) = try Self.content(req)
        let now = Microseconds.from(req.knooppunt.clock.now())
        let id = try model.requireID()
        let updated = try await req.knooppunt.write(on: req.db) { db in
            guard let current = try await LayerModel.find(id, on: db) else { throw Problem.notFound("no layer with id \(id)") }
            try PictureStore.checkBase(base, current.version, what: "layer")
            current.version += 1
            current.geojson = text
            current.featureCount = count
            current.updatedAt = now
            current.updatedBy = user.username
            try await current.update(on: db)
            try await Journal.append(
                LayerReplaced(try LayerPayload(current)), on: db, actor: user.username, organisation: user.organisationCode)
            return current
        }
        return try LayerDTO(updated)
    }

    func delete(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUserExplaining()
        let model = try await Self.layer(req)
        let decision = try await Self.decide(user, .manage, model, at: req.knooppunt.clock.now(), on: req.db)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        try await req.knooppunt.write(on: req.db) { db in
            try await LayerGrantModel.query(on: db).filter(\.$layerID == model.requireID()).delete()
            try await model.delete(on: db)
            try await Journal.append(
                LayerDeleted(try LayerPayload(model)), on: db, actor: user.username, organisation: user.organisationCode)
        }
        return .noContent
    }

    /// The chair opens a layer to a named organisation for at most 24 hours, with a reason.
    func breakGlass(req: Request) async throws -> Response {
        let user = try req.requireUserExplaining()
        let model = try await Self.layer(req)
        let decision = try await Self.decide(user, .breakGlass, model, at: req.knooppunt.clock.now(), on: req.db)
        guard decision.allowed else { throw Problem.forbidden(decision.reason) }
        let body = try req.decodeStrict(BreakGlassInput.self)
        let code = body.organisation.uppercased()
        guard try await OrganisationModel.query(on: req.db).filter(\.$code == code).first() != nil else {
            throw Problem.invalid("no organisation with code \(code)", field: "organisation")
        }
        let now = req.knooppunt.clock.now()
        let until = body.end(from: now)
        try GrantStore.checkBreakGlass(until: until, now: now)
        let reason = try GrantStore.why(body.reason, field: "reason")
        let grant = try await req.knooppunt.write(on: req.db) { db in
            let grant = LayerGrantModel()
            grant.layerID = try model.requireID()
            grant.organisationCode = code
            grant.reason = reason
            grant.validFrom = Microseconds.from(now)
            grant.validUntil = Microseconds.from(until)
            grant.grantedBy = user.username
            try await grant.create(on: db)
            try await Journal.append(
                AccessLayerBreakGlass(
                    layer: try model.requireID(), name: model.name, owner: model.ownerOrganisation, organisation: code, reason: reason,
                    validUntil: until),
                on: db, actor: user.username, organisation: user.organisationCode)
            return grant
        }
        return try await LayerGrantDTO(organisation: grant.organisationCode, reason: grant.reason, validUntil: until)
            .encodeResponse(status: .created, for: req)
    }

    // MARK: Helpers

    static func decide(_ user: CurrentUser, _ action: LayerAction, _ model: LayerModel, at time: Date, on db: Database) async throws
        -> AccessDecision
    {
        let grants = try await LayerGrantModel.query(on: db).filter(\.$layerID == model.requireID()).all().map(\.grant)
        let scope = LayerScope(owner: model.ownerOrganisation, classification: Classification(rawValue: model.classification) ?? .confidential)
        return AccessPolicy.decide(user.subject, action, layer: scope, grants: grants, at: time)
    }

    static func layer(_ req: Request) async throws -> LayerModel {
        guard let id = req.parameters.get("layer").flatMap(UUID.init(uuidString:)) else {
            throw Problem.notFound("no layer '\(req.parameters.get("layer") ?? "")'; reference layers are regions, municipalities, provinces")
        }
        guard let model = try await LayerModel.find(id, on: req.db) else { throw Problem.notFound("no layer with id \(id)") }
        return model
    }

    static func name(_ req: Request) throws -> String {
        let name = (req.query[String.self, at: "name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard (1...200).contains(name.count) else {
            throw Problem.invalid("query 'name' is required: the layer's name (1 to 200 characters)", field: "name")
        }
        return name
    }

    /// The body as strictly checked GeoJSON, compact, with its number of features.
    static func content(_ req: Request) throws -> (String, Int) {
        guard let type = req.headers.contentType, type == .json || type == PlotsController.geoJSON else {
            throw Problem(status: .unsupportedMediaType, detail: "send the layer as application/geo+json (RFC 7946)")
        }
        guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw Problem.badRequest("the body is empty; send GeoJSON") }
        let value: JSONValue
        do {
            value = try GeoJSONValidator().validate(Data(buffer: buffer))
        } catch {
            throw Problem.invalid("not valid GeoJSON (RFC 7946): \(error.message)")
        }
        var count = 1
        if case .object(let object) = value, case .array(let features)? = object["features"] { count = features.count }
        return (value.jsonText, count)
    }

    /// The bundled reference layers, read and fingerprinted once per process.
    private static let referenceFiles = Result {
        try Dictionary(uniqueKeysWithValues: reference.map { layer -> (String, (body: Data, etag: String)) in
            let body = try ReferenceData.resource(layer.file)
            let digest = Hex.lowercase(SHA256.hash(data: body))
            return (layer.file, (body, "\"\(digest.prefix(32))\""))
        })
    }

    /// A reference layer does not change while the node runs: the browser keeps it a day and revalidates
    /// with its ETag (304, no body), and it travels gzip-compressed when the browser accepts that (issue 16).
    /// It still needs a signed-in user, so only the browser's own cache keeps it (`private`).
    static func referenceResponse(_ file: String, for req: Request) throws -> Response {
        guard let layer = try referenceFiles.get()[file] else { throw Problem.notFound("no reference layer \(file)") }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: layer.etag)
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=86400")
        if req.headers[.ifNoneMatch].contains(where: { $0.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == layer.etag } }) {
            return Response(status: .notModified, headers: headers)
        }
        headers.contentType = PlotsController.geoJSON
        headers.responseCompression = .enable
        return Response(status: .ok, headers: headers, body: .init(data: layer.body))
    }

    static func geoJSON(_ text: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = PlotsController.geoJSON
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}

extension LayerPayload {
    init(_ model: LayerModel) throws {
        self.init(layer: try model.requireID(), name: model.name, owner: model.ownerOrganisation)
    }
}

struct LayerGrantDTO: Content {
    var organisation: String
    var reason: String
    var validUntil: Date
}

struct LayerDTO: Content {
    var id: String
    var name: String
    var category: LayerCategory?
    var owner: String?
    var classification: Classification
    var reference: Bool
    var version: Int?
    var featureCount: Int?
    var updatedAt: Date?

    init(reference: (id: String, name: LocalizedLabel, file: String), language: KnooppuntCore.Language) {
        id = reference.id
        name = reference.name.text(language)
        classification = .public
        self.reference = true
    }

    init(_ model: LayerModel) throws {
        id = try model.requireID().uuidString
        name = model.name
        category = LayerCategory(named: model.category)
        owner = model.ownerOrganisation
        classification = Classification(rawValue: model.classification) ?? .confidential
        reference = false
        version = model.version
        featureCount = model.featureCount
        updatedAt = Microseconds.date(model.updatedAt)
    }
}
