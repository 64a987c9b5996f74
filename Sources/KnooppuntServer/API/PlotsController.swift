import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Vapor

/// The incident map: plots as GeoJSON (`application/geo+json`), versioned, and the affected area.
struct PlotsController: RouteCollection {
    static let geoJSON = HTTPMediaType(type: "application", subType: "geo+json")

    func boot(routes: RoutesBuilder) throws {
        let plots = routes.grouped("incidents", ":incident", "plots")
        plots.get(use: list)
        plots.post(use: create)
        plots.on(.POST, "import", body: .collect(maxSize: "5mb"), use: importPlots)
        plots.patch(":plot", use: update)
        plots.delete(":plot", use: remove)
        plots.post(":plot", "verification", use: verify)
        plots.get(":plot", "versions", use: versions)
        routes.get("incidents", ":incident", "affected-area", use: affectedArea)
        routes.get("coordinates", use: coordinates)
    }

    /// Converts between WGS84 and RD New (EPSG:28992): give `x` and `y` (metres) or `lat` and `lon`.
    func coordinates(req: Request) async throws -> CoordinatesDTO {
        _ = try req.requireUserExplaining()
        func number(_ name: String) throws -> Double? {
            guard let text = req.query[String.self, at: name] else { return nil }
            guard let value = UntrustedNumber.decimal(text.replacingOccurrences(of: ",", with: "."), in: -10_000_000...10_000_000) else {
                throw Problem.invalid("'\(name)' must be a number, not '\(text)'", field: name)
            }
            return value
        }
        if let x = try number("x"), let y = try number("y") {
            let point = RDPoint(x: x, y: y)
            guard point.isInGrid else {
                throw Problem.invalid("RD x \(x), y \(y) lies outside the RD grid (x 0–300000, y 289000–629000 metres)", field: "x")
            }
            let position = RDCoordinates.position(from: point)
            return CoordinatesDTO(x: x, y: y, lat: position.lat, lon: position.lon)
        }
        if let lat = try number("lat"), let lon = try number("lon") {
            guard (-90...90).contains(lat), (-180...180).contains(lon) else {
                throw Problem.invalid("lat must be −90…90 and lon −180…180", field: "lat")
            }
            let point = RDCoordinates.rd(from: Position(lon: lon, lat: lat))
            guard point.isInGrid else {
                throw Problem.invalid("\(lat), \(lon) lies outside the RD grid, which covers the Netherlands", field: "lat")
            }
            return CoordinatesDTO(x: point.x, y: point.y, lat: lat, lon: lon)
        }
        throw Problem.invalid("give 'x' and 'y' (RD New, metres) or 'lat' and 'lon' (WGS84, degrees)")
    }

    // MARK: Reading

    /// The map at `?at=` (default now) as a FeatureCollection with its styling, or (`?format=kml`) as KML.
    func list(req: Request) async throws -> Response {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let plots = try await IncidentPicture.visiblePlots(
            incident, scope: try IncidentAccess.scope(version), at: try IncidentRequest.moment(req), user: user, context: req.knooppunt, on: req.db)
        switch req.query[String.self, at: "format"] ?? "geojson" {
        case "geojson":
            return try Self.geoJSONResponse(.object(["type": .string("FeatureCollection"), "features": .array(try plots.map(PlotFeatures.feature))]))
        case "kml":
            let placemarks = plots.compactMap(PlotFeatures.placemark)
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "application", subType: "vnd.google-earth.kml+xml")
            headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(incident.reference).kml\"")
            let text = KMLWriter.document(name: "\(incident.reference) \(try PictureStore.decodeState(version).title)", placemarks: placemarks)
            return Response(status: .ok, headers: headers, body: .init(string: text))
        case let other:
            throw Problem.badRequest("'\(other)' is not a format; use geojson or kml")
        }
    }

    /// Imports a FeatureCollection in one transaction, keeping its styling: this product's properties
    /// (kind, symbol, label, colour, radius, classification), or the common simplestyle ones
    /// (title/name, marker-color/stroke/fill). A feature without a kind gets one from its geometry.
    func importPlots(req: Request) async throws -> Response {
        let (incident, version, user) = try await Self.authorisedToDraw(req)
        guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw Problem.badRequest("the body is empty; send GeoJSON") }
        let value: JSONValue
        do { value = try GeoJSONValidator().validate(Data(buffer: buffer)) } catch {
            throw Problem.invalid("not valid GeoJSON (RFC 7946): \(error.message)")
        }
        guard case .object(let root) = value, case .array(let features)? = root["features"], !features.isEmpty else {
            throw Problem.invalid("send a FeatureCollection with at least one Feature")
        }
        guard features.count <= 1000 else { throw Problem.invalid("at most 1000 plots per import") }
        var plots: [PictureStore.NewPlot] = []
        for (index, feature) in features.enumerated() {
            do {
                let plot = try PlotFeatures.importedPlot(feature)
                try await Self.mayClassify(plot.classification, user: user, incident: incident, version: version, req: req)
                plots.append(plot)
            } catch let problem as Problem {
                throw Problem(status: problem.status, detail: "features[\(index)]: \(problem.detail)", field: problem.field)
            }
        }
        let created = try await PictureStore(db: req.db, context: req.knooppunt).addPlots(plots, to: try incident.requireID(), by: user.author)
        return try Self.geoJSONResponse(
            .object(["type": .string("FeatureCollection"), "features": .array(try created.map(PlotFeatures.feature))]), status: .created)
    }

    func versions(req: Request) async throws -> Response {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let id = try incident.requireID()
        let reader = try await AccessService.reader(
            user.subject, incident: id, scope: try IncidentAccess.scope(version), at: req.knooppunt.clock.now(), on: req.db)
        let versions = try await PictureStore(db: req.db, context: req.knooppunt).plotVersions(try Self.plotID(req), in: id)
            .filter { reader.sees(classification: $0.classification, awaitingAdmission: false, author: $0.authorOrganisation) }
        guard !versions.isEmpty else { throw Problem.notFound("no plot with that id on this incident's map") }
        return try Self.geoJSONResponse(.object(["type": .string("FeatureCollection"), "features": .array(try versions.map(PlotFeatures.feature))]))
    }

    // MARK: Writing

    func create(req: Request) async throws -> Response {
        let (incident, version, user) = try await Self.authorisedToDraw(req)
        let feature = try Self.body(req)
        let properties = try PlotFeatures.properties(feature, allowed: PlotProperties.creatable)
        guard let kind = properties.kind else {
            throw Problem.invalid("properties.kind is required: \(PlotKind.allCases.map(\.rawValue).joined(separator: ", "))", field: "kind")
        }
        let geometry = try PlotFeatures.geometry(feature)
        let style = PlotStyle(kind: kind, symbol: properties.symbol, label: properties.label, colour: properties.colour, radius: properties.radius)
        try IncidentRequest.checked { () throws(PictureRuleViolation) in try PlotRules.validate(style, geometryType: geometry.type) }
        let classification = properties.classification ?? .internal
        try await Self.mayClassify(classification, user: user, incident: incident, version: version, req: req)
        let plot = try await PictureStore(db: req.db, context: req.knooppunt).addPlot(
            .init(style: style, geometry: geometry.json, classification: classification), to: try incident.requireID(), by: user.author)
        let response = try Self.geoJSONResponse(try PlotFeatures.feature(plot), status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/incidents/\(plot.incidentID)/plots/\(plot.plotID)")
        return response
    }

    /// Changes a plot: send a Feature whose properties carry `baseVersion` and what changes; a geometry
    /// moves or reshapes it.
    func update(req: Request) async throws -> Response {
        let (incident, version, user) = try await Self.authorisedToDraw(req)
        let feature = try Self.body(req)
        let properties = try PlotFeatures.properties(feature, allowed: PlotProperties.changeable)
        guard let base = properties.baseVersion else {
            throw Problem.invalid("properties.baseVersion is required: the version this change replaces", field: "baseVersion")
        }
        guard properties.kind == nil else { throw Problem.invalid("a plot keeps its kind; draw a new plot instead", field: "kind") }
        var given: (type: String, json: String)?
        if case .object(let object) = feature, let value = object["geometry"], value != .null { given = try PlotFeatures.geometry(feature) }
        let geometry = given
        if let classification = properties.classification {
            try await Self.mayClassify(classification, user: user, incident: incident, version: version, req: req)
        }
        let changed = try await PictureStore(db: req.db, context: req.knooppunt).changePlot(
            try Self.plotID(req), in: try incident.requireID(), baseVersion: base, by: user.author, kind: PlotUpdated.self
        ) { next in
            if let geometry { next.geometry = geometry.json }
            if let symbol = properties.symbol { next.symbol = symbol.rawValue }
            if let label = properties.label { next.label = label }
            if let colour = properties.colour { next.colour = colour }
            if let radius = properties.radius { next.radius = radius }
            if let classification = properties.classification { next.classification = classification.rawValue }
            let style = PlotStyle(
                kind: PlotKind(rawValue: next.kind) ?? .area, symbol: next.symbol.flatMap(PlotSymbol.init(rawValue:)), label: next.label,
                colour: next.colour, radius: next.radius)
            let type = geometry?.type ?? PlotFeatures.geometryType(next.geometry)
            try IncidentRequest.checked { () throws(PictureRuleViolation) in try PlotRules.validate(style, geometryType: type) }
        }
        return try Self.geoJSONResponse(try PlotFeatures.feature(changed))
    }

    /// Takes a plot off the map (a new version; the timeline still shows it before).
    func remove(req: Request) async throws -> Response {
        let (incident, _, user) = try await Self.authorisedToDraw(req)
        guard let base = req.query[Int.self, at: "baseVersion"] else {
            throw Problem.invalid("query 'baseVersion' is required: the version you remove", field: "baseVersion")
        }
        let removed = try await PictureStore(db: req.db, context: req.knooppunt).changePlot(
            try Self.plotID(req), in: try incident.requireID(), baseVersion: base, by: user.author, kind: PlotRemoved.self
        ) { next in next.removed = true }
        return try Self.geoJSONResponse(try PlotFeatures.feature(removed))
    }

    func verify(req: Request) async throws -> Response {
        let (incident, _, user) = try await IncidentAccess.authorised(req, .verifyEntry)
        let body = try req.decodeStrict(VerificationInput.self)
        let verified = try await PictureStore(db: req.db, context: req.knooppunt).changePlot(
            try Self.plotID(req), in: try incident.requireID(), baseVersion: body.baseVersion, by: user.author, kind: PlotVerification.self
        ) { next in
            guard next.verification != body.status.rawValue else {
                throw Problem.invalid("the plot is \(body.status.rawValue) already", field: "status")
            }
            next.verification = body.status.rawValue
            next.verifiedBy = user.username
        }
        return try Self.geoJSONResponse(try PlotFeatures.feature(verified))
    }

    // MARK: Affected area

    func affectedArea(req: Request) async throws -> AffectedAreaView {
        let (incident, version, user) = try await IncidentAccess.authorised(req, .read)
        let at = try IncidentRequest.moment(req)
        let scope = try IncidentAccess.scope(version)
        let plots = try await IncidentPicture.visiblePlots(incident, scope: scope, at: at, user: user, context: req.knooppunt, on: req.db)
        let state = try PictureStore.decodeState(version)
        return try await AffectedAreaView.compute(incidentLocation: state.location, plots: plots, at: req.knooppunt.clock.now(), on: req.db)
    }

    // MARK: Helpers

    static func authorisedToDraw(_ req: Request) async throws -> (IncidentModel, IncidentVersionModel, CurrentUser) {
        // Drawing on the map belongs to the shared picture: the region's staff, as with actions.
        try await IncidentAccess.authorised(req, .addEntry)
    }

    static func mayClassify(
        _ classification: Classification, user: CurrentUser, incident: IncidentModel, version: IncidentVersionModel, req: Request
    ) async throws {
        let read = try await AccessService.decide(
            user.subject, .init(action: .read, classification: classification, wholePicture: true), incident: try incident.requireID(),
            scope: try IncidentAccess.scope(version), at: req.knooppunt.clock.now(), on: req.db)
        guard read.decision.allowed else {
            throw Problem.forbidden("you cannot mark a plot \(classification.rawValue) that you may not read: \(read.decision.reason)")
        }
    }

    static func plotID(_ req: Request) throws -> UUID {
        try req.pathID("plot")
    }

    /// The request body as a validated GeoJSON Feature.
    static func body(_ req: Request) throws -> JSONValue {
        guard let type = req.headers.contentType, type == .json || type == geoJSON else {
            throw Problem(status: .unsupportedMediaType, detail: "send a GeoJSON Feature as application/geo+json or application/json")
        }
        guard let buffer = req.body.data else { throw Problem.badRequest("the body is empty; send a GeoJSON Feature") }
        let value: JSONValue
        do {
            value = try GeoJSONValidator().validate(Data(buffer: buffer))
        } catch {
            throw Problem.invalid("not valid GeoJSON: \(error.message)")
        }
        guard case .object(let object) = value, case .string("Feature")? = object["type"] else {
            throw Problem.invalid("send one GeoJSON Feature (type \"Feature\")")
        }
        return value
    }

    static func geoJSONResponse(_ value: JSONValue, status: HTTPResponseStatus = .ok) throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = geoJSON
        return Response(status: status, headers: headers, body: .init(string: value.jsonText))
    }
}

/// One position in both systems: RD New metres (rounded to centimetres) and WGS84 degrees.
struct CoordinatesDTO: Content {
    var x: Double
    var y: Double
    var lat: Double
    var lon: Double

    init(x: Double, y: Double, lat: Double, lon: Double) {
        self.x = (x * 100).rounded() / 100
        self.y = (y * 100).rounded() / 100
        self.lat = (lat * 1e7).rounded() / 1e7
        self.lon = (lon * 1e7).rounded() / 1e7
    }
}
