import Foundation

public enum CAPVersion: String, Sendable, Codable, CaseIterable {
    case v1_2 = "1.2"
    case v1_1 = "1.1"

    public var namespace: String { "urn:oasis:names:tc:emergency:cap:\(rawValue)" }
    var schemaFile: String { self == .v1_2 ? "CAP-v1.2" : "CAP-v1.1" }
}

/// A CAP message as received: its content, version, signature status and the exact bytes.
public struct CAPMessage: Sendable {
    public let alert: CAPAlert
    public let version: CAPVersion
    public let signature: SignatureStatus
    /// The message byte-for-byte as it arrived; a signed alert stays verifiable from these.
    public let original: Data
}

/// Why a CAP message was refused; every reason names the problem (and the line where known).
public struct CAPRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let reasons: [String]
    public init(_ reasons: [String]) { self.reasons = reasons }
    public init(_ reason: String) { self.reasons = [reason] }
    public var description: String { reasons.joined(separator: "; ") }
}

/// Reads CAP 1.2 and 1.1 alerts: safe parsing, the OASIS schema, the enveloped signature and the
/// rules of the CAP specification that the schema cannot express.
public enum CAPReader {
    /// Largest message accepted (a signed alert with a detailed coastline runs to about 1 MB).
    public static let maximumBytes = 5 * 1024 * 1024

    public static func read(_ data: Data) throws(CAPRefusal) -> CAPMessage {
        guard data.count <= maximumBytes else {
            throw CAPRefusal("the message is \(data.count) bytes; at most \(maximumBytes) bytes are accepted")
        }
        let document: SafeXMLDocument
        do { document = try SafeXML.parse(data) } catch {
            throw CAPRefusal("not accepted as XML: \(error)")
        }
        guard let root = document.root else { throw CAPRefusal("the document has no root element") }
        guard root.name == "alert" else {
            throw CAPRefusal("the root element is <\(root.name)>, not a CAP <alert>")
        }
        guard let version = CAPVersion.allCases.first(where: { $0.namespace == root.namespace }) else {
            throw CAPRefusal("<alert> is in namespace \"\(root.namespace ?? "none")\"; CAP 1.2 uses"
                + " \"\(CAPVersion.v1_2.namespace)\" (CAP 1.1 \"\(CAPVersion.v1_1.namespace)\" is accepted too)")
        }
        let schemaProblems: [XMLProblem]
        do { schemaProblems = try CAPSchemas.schema(for: version).validate(document) } catch {
            throw CAPRefusal("the CAP \(version.rawValue) schema is not available: \(error)")
        }
        if !schemaProblems.isEmpty {
            throw CAPRefusal(schemaProblems.map { "not valid CAP \(version.rawValue): \(readable($0))" })
        }
        let signature: SignatureStatus
        do { signature = try XMLSignatures.check(document, original: data) } catch {
            throw CAPRefusal("signature refused: \(error)")
        }
        let alert = alert(from: root)
        let problems = CAPRules.problems(alert, root: root)
        if !problems.isEmpty { throw CAPRefusal(problems) }
        return CAPMessage(alert: alert, version: version, signature: signature, original: data)
    }

    /// libxml2 writes element names as {namespace}name; users need only the name.
    private static func readable(_ problem: XMLProblem) -> String {
        let text = problem.description.replacingOccurrences(of: #"\{[^}]*\}"#, with: "", options: .regularExpression)
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }

    static func alert(from root: XMLNode) -> CAPAlert {
        CAPAlert(
            identifier: root.value("identifier") ?? "", sender: root.value("sender") ?? "", sent: root.value("sent") ?? "",
            status: root.value("status") ?? "", msgType: root.value("msgType") ?? "", source: root.value("source"),
            scope: root.value("scope") ?? "", restriction: root.value("restriction"), addresses: root.value("addresses"),
            codes: root.values("code"), note: root.value("note"), references: root.value("references"),
            incidents: root.value("incidents"), infos: root.all("info").map(info))
    }

    private static func info(_ node: XMLNode) -> CAPInfo {
        CAPInfo(
            language: node.value("language"), categories: node.values("category"), event: node.value("event") ?? "",
            responseTypes: node.values("responseType"), urgency: node.value("urgency") ?? "",
            severity: node.value("severity") ?? "", certainty: node.value("certainty") ?? "",
            audience: node.value("audience"), eventCodes: node.all("eventCode").map(pair),
            effective: node.value("effective"), onset: node.value("onset"), expires: node.value("expires"),
            senderName: node.value("senderName"), headline: node.value("headline"),
            description: node.value("description"), instruction: node.value("instruction"), web: node.value("web"),
            contact: node.value("contact"), parameters: node.all("parameter").map(pair),
            resources: node.all("resource").map { resource in
                CAPResource(resourceDesc: resource.value("resourceDesc") ?? "", mimeType: resource.value("mimeType"),
                            size: resource.value("size"), uri: resource.value("uri"),
                            derefUri: resource.value("derefUri"), digest: resource.value("digest"))
            },
            areas: node.all("area").map { area in
                CAPArea(areaDesc: area.value("areaDesc") ?? "", polygons: area.values("polygon"),
                        circles: area.values("circle"), geocodes: area.all("geocode").map(pair),
                        altitude: area.value("altitude"), ceiling: area.value("ceiling"))
            })
    }

    private static func pair(_ node: XMLNode) -> CAPValue {
        CAPValue(valueName: node.value("valueName") ?? "", value: node.value("value") ?? "")
    }
}

/// The rules of the CAP 1.2 specification (§3.2) that the XML schema does not check.
enum CAPRules {
    static func problems(_ alert: CAPAlert, root: XMLNode) -> [String] {
        var problems: [String] = []
        if ["Update", "Cancel", "Ack", "Error"].contains(alert.msgType), alert.references == nil {
            let empty = root.first("references").map { " (line \($0.line): <references> is empty)" } ?? ""
            problems.append("msgType \(alert.msgType) must name the earlier message(s) in <references>\(empty)")
        }
        // The schema checks the pattern of a date-time, not that the day exists (30 February) or is
        // plausible (year 9999); a warning dated so cannot be placed in time.
        if CAPTime.parse(alert.sent) == nil {
            problems.append("sent '\(alert.sent.prefix(40))' is not an existing date-time between 1900 and 2199")
        }
        for (infoIndex, info) in alert.infos.enumerated() {
            for (name, value) in [("effective", info.effective), ("onset", info.onset), ("expires", info.expires)] {
                if let value, CAPTime.parse(value) == nil {
                    problems.append("info \(infoIndex + 1): \(name) '\(value.prefix(40))' is not an existing date-time between 1900 and 2199")
                }
            }
        }
        if alert.scope == "Restricted", (alert.restriction ?? "").isEmpty {
            problems.append("scope Restricted needs a <restriction> saying who may see the alert")
        }
        if alert.scope == "Private", (alert.addresses ?? "").isEmpty {
            problems.append("scope Private needs <addresses> listing the recipients")
        }
        for (infoIndex, info) in alert.infos.enumerated() {
            for (areaIndex, area) in info.areas.enumerated() {
                let place = "info \(infoIndex + 1), area \(areaIndex + 1)"
                for polygon in area.polygons {
                    guard let pairs = CAPShape.pairs(polygon) else {
                        problems.append("\(place): a <polygon> has a pair that is not \"latitude,longitude\" within range")
                        continue
                    }
                    if pairs.count < 4 {
                        problems.append("\(place): a <polygon> has \(pairs.count) points; CAP needs at least 4")
                    } else if pairs.first! != pairs.last! {
                        problems.append("\(place): a <polygon> is not closed (its first and last points differ)")
                    }
                }
                for circle in area.circles where CAPShape.circle(circle) == nil {
                    problems.append("\(place): <circle> \"\(circle)\" is not \"latitude,longitude radius\"")
                }
            }
        }
        return problems
    }
}

private func != (left: (lat: Double, lon: Double), right: (lat: Double, lon: Double)) -> Bool {
    left.lat != right.lat || left.lon != right.lon
}

/// The OASIS schemas, compiled once from the copies shipped with Knooppunt.
enum CAPSchemas {
    static func schema(for version: CAPVersion) throws -> XMLSchema { try InteropSchemas.compiled("cap/\(version.schemaFile).xsd") }
}

/// Schemas shipped in this module's resources (with their credits in Schemas/README.md).
public enum InteropSchemas {
    public static func path(_ relative: String) -> String? {
        guard let base = Bundle.module.resourceURL?.appendingPathComponent("Schemas") else { return nil }
        let url = base.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path) ? url.path : nil
    }

    private static let cache = SchemaCache()

    /// The schema at `relative`, compiled on first use and kept for the life of the process.
    static func compiled(_ relative: String) throws -> XMLSchema {
        try cache.schema(relative) {
            guard let path = path(relative) else { throw XMLProblem("schema \(relative) is missing from the resources") }
            return try XMLSchema(path: path)
        }
    }
}

private final class SchemaCache: @unchecked Sendable {
    private let lock = NSLock()
    private var schemas: [String: XMLSchema] = [:]

    func schema(_ key: String, compile: () throws -> XMLSchema) throws -> XMLSchema {
        try lock.withLock {
            if let schema = schemas[key] { return schema }
            let schema = try compile()
            schemas[key] = schema
            return schema
        }
    }
}
