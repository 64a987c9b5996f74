import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// What an incident request names besides the incident — entry and record ids, flags, filters, the
/// moment of a time-travel read — read the same way for the API and the web pages, plus the checks on
/// records both apply.
enum IncidentRequest {
    static func incidentID(_ req: Request) throws -> UUID { try req.pathID("incident") }

    static func grantID(_ req: Request) throws -> UUID { try req.pathID("grant") }

    static func conflictID(_ req: Request) throws -> UUID { try req.pathID("conflict") }

    static func entryID(_ req: Request) throws -> UUID { try req.pathID("entry") }

    static func flag(_ req: Request, _ name: String) throws -> Bool? {
        guard let text = req.query[String.self, at: name] else { return nil }
        guard let value = Bool(text) else { throw Problem.badRequest("'\(name)' must be true or false") }
        return value
    }

    static func enumQuery<T>(_ req: Request, _ name: String, _ type: T.Type, _ parse: (String) -> T?) throws -> T? {
        // An empty value (as a form with "any" sends it) means no filter.
        guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
        guard let value = parse(text) else { throw Problem.badRequest("'\(text)' is not a valid \(name)") }
        return value
    }

    static func moment(_ req: Request) throws -> Date {
        guard let text = req.query[String.self, at: "at"] else { return req.knooppunt.clock.now() }
        guard let date = RFC3339.parse(text) else {
            throw Problem.badRequest("'at' must be an RFC 3339 date-time, e.g. 2026-11-25T10:00:00Z")
        }
        return date
    }

    static func recordID(_ req: Request) throws -> UUID { try req.pathID("record") }

    /// The theme named in the path ("algemeen", "brandweer", …, "partner:RWS").
    static func theme(_ req: Request) throws -> Theme {
        guard let text = req.parameters.get("theme"), text.count <= 60, let theme = Theme(text) else {
            throw Problem.notFound("no such theme: use algemeen, brandweer, politie, geneeskundig, bevolkingszorg or partner:CODE")
        }
        return theme
    }

    static func requireOrganisation(_ code: String, on db: Database) async throws {
        guard try await OrganisationModel.query(on: db).filter(\.$code == code).count() == 1 else {
            throw Problem.invalid("no organisation with code '\(code)'", field: "owner")
        }
    }

    /// Runs a Core rule check; its violation becomes a 422 naming the field.
    @discardableResult
    static func checked<T>(_ body: () throws(PictureRuleViolation) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw Problem.invalid(error.message, field: error.field)
        }
    }
}
