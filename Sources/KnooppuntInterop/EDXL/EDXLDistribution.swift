import CLibXML2
import Foundation

public enum EDXLVersion: String, Sendable, Codable, CaseIterable {
    case v1_0 = "1.0"
    case v2_0 = "2.0"

    public var namespace: String { "urn:oasis:names:tc:emergency:EDXL:DE:\(rawValue)" }
    var rootName: String { self == .v1_0 ? "EDXLDistribution" : "edxlDistribution" }
    var schemaPath: String { self == .v1_0 ? "edxl-de/v1.0/EDXL-DE_Schema_v1.0.xsd" : "edxl-de/v2.0/EDXL-DE-envelope-only.xsd" }
}

/// A list of values from a named list (EDXL valueListUrn / valueListURN with values).
public struct EDXLValueList: Sendable, Equatable, Codable {
    public var listURN: String
    public var values: [String]
    public init(listURN: String, values: [String]) {
        self.listURN = listURN
        self.values = values
    }
}

/// Recipients by addressing scheme (e-mail, a node name, …).
public struct EDXLAddress: Sendable, Equatable, Codable {
    public var scheme: String
    public var values: [String]
    public init(scheme: String, values: [String]) {
        self.scheme = scheme
        self.values = values
    }
}

/// One content object: an embedded XML document (kept as standalone canonical XML) or other content.
public struct EDXLContent: Sendable, Equatable, Codable {
    public var description: String?
    public var keywords: [EDXLValueList]
    public var incidentID: String?
    /// The embedded XML document, standalone: it carries every namespace it uses.
    public var xml: Data?
    public var mimeType: String?
    public var uri: String?
    public var data: Data?

    public init(description: String? = nil, keywords: [EDXLValueList] = [], incidentID: String? = nil, xml: Data? = nil,
                mimeType: String? = nil, uri: String? = nil, data: Data? = nil) {
        self.description = description
        self.keywords = keywords
        self.incidentID = incidentID
        self.xml = xml
        self.mimeType = mimeType
        self.uri = uri
        self.data = data
    }

    /// The namespace of the embedded document's root, to tell CAP from other content.
    public var xmlNamespace: String? {
        guard let xml, let root = try? SafeXML.parse(xml).root else { return nil }
        return root.namespace
    }
}

/// An EDXL Distribution Element (1.0 or 2.0): who sends what to whom, around content objects.
public struct EDXLEnvelope: Sendable, Equatable, Codable {
    public var distributionID: String
    public var senderID: String
    public var dateTimeSent: String
    /// Required in 2.0.
    public var dateTimeExpires: String?
    public var status: String
    /// 1.0 distributionType, 2.0 distributionKind: Report, Update, Cancel, Request, Response, Dispatch, Ack, Error, …
    public var kind: String
    /// 1.0: free text (required); 2.0: Unclassified or Classified.
    public var confidentiality: String?
    public var language: String?
    public var senderRoles: [EDXLValueList]
    public var recipientRoles: [EDXLValueList]
    public var keywords: [EDXLValueList]
    public var references: [String]
    public var explicitAddresses: [EDXLAddress]
    /// Target areas as canonical XML fragments, written back unchanged.
    public var targetAreas: [Data]
    public var contents: [EDXLContent]

    public init(distributionID: String, senderID: String, dateTimeSent: String, dateTimeExpires: String? = nil, status: String,
                kind: String, confidentiality: String? = nil, language: String? = nil, senderRoles: [EDXLValueList] = [],
                recipientRoles: [EDXLValueList] = [], keywords: [EDXLValueList] = [], references: [String] = [],
                explicitAddresses: [EDXLAddress] = [], targetAreas: [Data] = [], contents: [EDXLContent] = []) {
        self.distributionID = distributionID
        self.senderID = senderID
        self.dateTimeSent = dateTimeSent
        self.dateTimeExpires = dateTimeExpires
        self.status = status
        self.kind = kind
        self.confidentiality = confidentiality
        self.language = language
        self.senderRoles = senderRoles
        self.recipientRoles = recipientRoles
        self.keywords = keywords
        self.references = references
        self.explicitAddresses = explicitAddresses
        self.targetAreas = targetAreas
        self.contents = contents
    }
}

/// Why an envelope was refused; every reason names the problem.
public struct EDXLRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let reasons: [String]
    public init(_ reasons: [String]) { self.reasons = reasons }
    public init(_ reason: String) { self.reasons = [reason] }
    public var description: String { reasons.joined(separator: "; ") }
}

/// Unwraps EDXL-DE 1.0 and 2.0: safe parsing, the OASIS schema, and the content objects. Embedded
/// CAP alerts are checked as CAP; other XML content is handed on as it is.
public enum EDXLReader {
    public static let maximumBytes = 10 * 1024 * 1024

    public static func read(_ data: Data) throws(EDXLRefusal) -> (envelope: EDXLEnvelope, version: EDXLVersion) {
        guard data.count <= maximumBytes else {
            throw EDXLRefusal("the envelope is \(data.count) bytes; at most \(maximumBytes) bytes are accepted")
        }
        let document: SafeXMLDocument
        do { document = try SafeXML.parse(data) } catch { throw EDXLRefusal("not accepted as XML: \(error)") }
        guard let root = document.rootPointer, let rootNode = document.root else { throw EDXLRefusal("the document has no root element") }
        guard let version = EDXLVersion.allCases.first(where: { $0.namespace == rootNode.namespace && $0.rootName == rootNode.name }) else {
            throw EDXLRefusal("the root element is <\(rootNode.name)> in namespace \"\(rootNode.namespace ?? "none")\"; EDXL-DE 1.0"
                + " uses <EDXLDistribution> in \(EDXLVersion.v1_0.namespace), 2.0 <edxlDistribution> in \(EDXLVersion.v2_0.namespace)")
        }
        let problems: [XMLProblem]
        do { problems = try EDXLSchemas.schema(for: version).validate(document) } catch {
            throw EDXLRefusal("the EDXL-DE \(version.rawValue) schema is not available: \(error)")
        }
        if !problems.isEmpty {
            throw EDXLRefusal(problems.map {
                "not a valid EDXL-DE \(version.rawValue) envelope: "
                    + $0.description.replacingOccurrences(of: #"\{[^}]*\}"#, with: "", options: .regularExpression)
            })
        }
        let envelope: EDXLEnvelope
        do {
            envelope = version == .v1_0 ? try read10(root, document) : try read20(root, document)
        } catch {
            throw EDXLRefusal("the envelope could not be read: \(error)")
        }
        var contentProblems: [String] = []
        for (index, content) in envelope.contents.enumerated() {
            guard let xml = content.xml, let namespace = content.xmlNamespace,
                  CAPVersion.allCases.contains(where: { $0.namespace == namespace }) else { continue }
            do { _ = try CAPReader.read(xml) } catch {
                contentProblems.append("content object \(index + 1) is a CAP alert that is refused: \(error.description)")
            }
        }
        if !contentProblems.isEmpty { throw EDXLRefusal(contentProblems) }
        return (envelope, version)
    }

    private static let ns1 = EDXLVersion.v1_0.namespace
    private static let ns2 = EDXLVersion.v2_0.namespace

    private static func text(_ node: xmlNodePtr, _ name: String, _ ns: String) -> String? {
        XMLTree.child(node, name, namespace: ns).map { XMLTree.text($0).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    private static func texts(_ node: xmlNodePtr, _ name: String, _ ns: String) -> [String] {
        XMLTree.children(node, name, namespace: ns).map { XMLTree.text($0).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    private static func valueLists(_ node: xmlNodePtr, _ name: String, _ ns: String, urnName: String, valueNS: String,
                                   valueName: String = "value") -> [EDXLValueList] {
        XMLTree.children(node, name, namespace: ns).map { list in
            EDXLValueList(listURN: text(list, urnName, valueNS) ?? "", values: texts(list, valueName, valueNS))
        }
    }

    private static func addresses(_ node: xmlNodePtr, _ ns: String) -> [EDXLAddress] {
        XMLTree.children(node, "explicitAddress", namespace: ns).map {
            EDXLAddress(scheme: text($0, "explicitAddressScheme", ns) ?? "", values: texts($0, "explicitAddressValue", ns))
        }
    }

    /// The first child element of `container`, as standalone canonical XML.
    private static func embedded(_ container: xmlNodePtr, _ document: SafeXMLDocument) throws -> Data? {
        guard let element = XMLTree.elements(under: container).first else { return nil }
        return try CanonicalXML.canonicalize(document, scope: .subtree(element), method: .exclusive10, withComments: false)
    }

    private static func fragment(_ node: xmlNodePtr, _ document: SafeXMLDocument) throws -> Data {
        try CanonicalXML.canonicalize(document, scope: .subtree(node), method: .exclusive10, withComments: false)
    }

    private static func read10(_ root: xmlNodePtr, _ document: SafeXMLDocument) throws -> EDXLEnvelope {
        var envelope = EDXLEnvelope(
            distributionID: text(root, "distributionID", ns1) ?? "", senderID: text(root, "senderID", ns1) ?? "",
            dateTimeSent: text(root, "dateTimeSent", ns1) ?? "", status: text(root, "distributionStatus", ns1) ?? "",
            kind: text(root, "distributionType", ns1) ?? "", confidentiality: text(root, "combinedConfidentiality", ns1),
            language: text(root, "language", ns1),
            senderRoles: valueLists(root, "senderRole", ns1, urnName: "valueListUrn", valueNS: ns1),
            recipientRoles: valueLists(root, "recipientRole", ns1, urnName: "valueListUrn", valueNS: ns1),
            keywords: valueLists(root, "keyword", ns1, urnName: "valueListUrn", valueNS: ns1),
            references: texts(root, "distributionReference", ns1), explicitAddresses: addresses(root, ns1))
        envelope.targetAreas = try XMLTree.children(root, "targetArea", namespace: ns1).map { try fragment($0, document) }
        envelope.contents = try XMLTree.children(root, "contentObject", namespace: ns1).map { object in
            var content = EDXLContent(
                description: text(object, "contentDescription", ns1),
                keywords: valueLists(object, "contentKeyword", ns1, urnName: "valueListUrn", valueNS: ns1),
                incidentID: text(object, "incidentID", ns1))
            if let xml = XMLTree.child(object, "xmlContent", namespace: ns1),
               let embedded = XMLTree.child(xml, "embeddedXMLContent", namespace: ns1) {
                content.xml = try Self.embedded(embedded, document)
            } else if let other = XMLTree.child(object, "nonXMLContent", namespace: ns1) {
                content.mimeType = text(other, "mimeType", ns1)
                content.uri = text(other, "uri", ns1)
                content.data = text(other, "contentData", ns1).flatMap { Data(base64Encoded: $0.filter { !$0.isWhitespace }) }
            }
            return content
        }
        return envelope
    }

    private static func read20(_ root: xmlNodePtr, _ document: SafeXMLDocument) throws -> EDXLEnvelope {
        let ct = "urn:oasis:names:tc:emergency:edxl:ct:1.0"
        var envelope = EDXLEnvelope(
            distributionID: text(root, "distributionID", ns2) ?? "", senderID: text(root, "senderID", ns2) ?? "",
            dateTimeSent: text(root, "dateTimeSent", ns2) ?? "", dateTimeExpires: text(root, "dateTimeExpires", ns2),
            status: text(root, "distributionStatus", ns2) ?? "", kind: text(root, "distributionKind", ns2) ?? "")
        if let descriptor = XMLTree.child(root, "descriptor", namespace: ns2) {
            envelope.confidentiality = text(descriptor, "combinedConfidentiality", ns2)
            envelope.language = text(descriptor, "language", ns2)
            envelope.senderRoles = valueLists(descriptor, "senderRole", ns2, urnName: "ValueListURI", valueNS: ct, valueName: "Value")
            envelope.recipientRoles = valueLists(descriptor, "recipientRole", ns2, urnName: "ValueListURI", valueNS: ct, valueName: "Value")
            envelope.keywords = valueLists(descriptor, "keyword", ns2, urnName: "ValueListURI", valueNS: ct, valueName: "Value")
            envelope.explicitAddresses = addresses(descriptor, ns2)
            envelope.targetAreas = try XMLTree.children(descriptor, "targetAreas", namespace: ns2).map { try fragment($0, document) }
        }
        if let content = XMLTree.child(root, "content", namespace: ns2) {
            envelope.contents = try XMLTree.children(content, "contentObject", namespace: ns2).map { object in
                var item = EDXLContent()
                if let descriptor = XMLTree.child(object, "contentDescriptor", namespace: ns2) {
                    item.description = text(descriptor, "contentDescription", ns2)
                    item.keywords = valueLists(descriptor, "contentKeyword", ns2, urnName: "ValueListURI", valueNS: ct, valueName: "Value")
                }
                if let xml = XMLTree.child(object, "contentXML", namespace: ns2),
                   let embedded = XMLTree.child(xml, "embeddedXMLContent", namespace: ns2) {
                    item.xml = try Self.embedded(embedded, document)
                } else if let other = XMLTree.child(object, "otherContent", namespace: ns2) {
                    item.mimeType = text(other, "mimeType", ns2)
                    item.uri = text(other, "uri", ns2)
                    item.data = text(other, "contentData", ns2).flatMap { Data(base64Encoded: $0.filter { !$0.isWhitespace }) }
                }
                return item
            }
        }
        return envelope
    }
}

/// Writes EDXL-DE 1.0 or 2.0 in the schema's element order. Embedded XML goes in as its canonical form.
public enum EDXLWriter {
    public static func xml(_ envelope: EDXLEnvelope, version: EDXLVersion) -> Data {
        var out = XMLText()
        out.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        switch version {
        case .v1_0:
            out.open("EDXLDistribution", attributes: "xmlns=\"\(version.namespace)\"")
            out.element("distributionID", envelope.distributionID)
            out.element("senderID", envelope.senderID)
            out.element("dateTimeSent", envelope.dateTimeSent)
            out.element("distributionStatus", envelope.status)
            out.element("distributionType", envelope.kind)
            out.element("combinedConfidentiality", envelope.confidentiality ?? "UNCLASSIFIED AND NOT SENSITIVE")
            out.element("language", envelope.language)
            lists(envelope.senderRoles, "senderRole", urn: "valueListUrn", value: "value", prefix: "", into: &out)
            lists(envelope.recipientRoles, "recipientRole", urn: "valueListUrn", value: "value", prefix: "", into: &out)
            lists(envelope.keywords, "keyword", urn: "valueListUrn", value: "value", prefix: "", into: &out)
            for reference in envelope.references { out.element("distributionReference", reference) }
            addresses(envelope.explicitAddresses, into: &out)
            for area in envelope.targetAreas { out.line(String(decoding: area, as: UTF8.self)) }
            for content in envelope.contents {
                out.open("contentObject")
                out.element("contentDescription", content.description)
                lists(content.keywords, "contentKeyword", urn: "valueListUrn", value: "value", prefix: "", into: &out)
                out.element("incidentID", content.incidentID)
                if let xml = content.xml {
                    out.open("xmlContent")
                    out.open("embeddedXMLContent")
                    out.line(embeddable(xml))
                    out.close("embeddedXMLContent")
                    out.close("xmlContent")
                } else {
                    out.open("nonXMLContent")
                    out.element("mimeType", content.mimeType ?? "application/octet-stream")
                    out.element("uri", content.uri)
                    out.element("contentData", content.data?.base64EncodedString())
                    out.close("nonXMLContent")
                }
                out.close("contentObject")
            }
            out.close("EDXLDistribution")
        case .v2_0:
            // 2.0 is an xlink structure: the distribution is an extended link, its parts resources.
            out.open("edxlDistribution", attributes: "xlink:type=\"extended\" xmlns=\"\(version.namespace)\""
                + " xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:ct=\"urn:oasis:names:tc:emergency:edxl:ct:1.0\"")
            out.element("distributionID", envelope.distributionID)
            out.element("senderID", envelope.senderID)
            out.element("dateTimeSent", envelope.dateTimeSent)
            out.element("dateTimeExpires", envelope.dateTimeExpires ?? envelope.dateTimeSent)
            out.element("distributionStatus", envelope.status)
            out.element("distributionKind", envelope.kind)
            out.open("descriptor", attributes: "xlink:type=\"resource\"")
            out.element("combinedConfidentiality", envelope.confidentiality)
            out.element("language", envelope.language)
            lists(envelope.senderRoles, "senderRole", urn: "ValueListURI", value: "Value", prefix: "ct:", into: &out)
            lists(envelope.recipientRoles, "recipientRole", urn: "ValueListURI", value: "Value", prefix: "ct:", into: &out)
            lists(envelope.keywords, "keyword", urn: "ValueListURI", value: "Value", prefix: "ct:", into: &out)
            addresses(envelope.explicitAddresses, into: &out)
            for area in envelope.targetAreas { out.line(String(decoding: area, as: UTF8.self)) }
            out.close("descriptor")
            if !envelope.contents.isEmpty {
                out.open("content", attributes: "xlink:type=\"resource\"")
                for content in envelope.contents {
                    out.open("contentObject", attributes: "xlink:type=\"resource\"")
                    if content.description != nil || !content.keywords.isEmpty {
                        out.open("contentDescriptor")
                        out.element("contentDescription", content.description)
                        lists(content.keywords, "contentKeyword", urn: "ValueListURI", value: "Value", prefix: "ct:", into: &out)
                        out.close("contentDescriptor")
                    }
                    if let xml = content.xml {
                        out.open("contentXML")
                        out.open("embeddedXMLContent")
                        out.line(embeddable(xml))
                        out.close("embeddedXMLContent")
                        out.close("contentXML")
                    } else {
                        out.open("otherContent")
                        out.element("mimeType", content.mimeType ?? "application/octet-stream")
                        if let uri = content.uri { out.element("uri", uri) }
                        out.element("contentData", content.data?.base64EncodedString())
                        out.close("otherContent")
                    }
                    out.close("contentObject")
                }
                out.close("content")
            }
            out.close("edxlDistribution")
        }
        return Data(out.text.utf8)
    }

    /// An XML document as an element to embed: its canonical form, without the XML declaration.
    static func embeddable(_ xml: Data) -> String {
        guard let document = try? SafeXML.parse(xml), let root = document.rootPointer,
              let canonical = try? CanonicalXML.canonicalize(document, scope: .subtree(root), method: .exclusive10, withComments: false)
        else { return Markup.escape(String(decoding: xml, as: UTF8.self)) }
        return String(decoding: canonical, as: UTF8.self)
    }

    private static func lists(_ lists: [EDXLValueList], _ name: String, urn: String, value valueName: String, prefix: String,
                              into out: inout XMLText) {
        for list in lists {
            out.open(name)
            out.element(prefix + urn, list.listURN)
            for value in list.values { out.element(prefix + valueName, value) }
            out.close(name)
        }
    }

    private static func addresses(_ addresses: [EDXLAddress], into out: inout XMLText) {
        for address in addresses {
            out.open("explicitAddress")
            out.element("explicitAddressScheme", address.scheme)
            for value in address.values { out.element("explicitAddressValue", value) }
            out.close("explicitAddress")
        }
    }
}

enum EDXLSchemas {
    static func schema(for version: EDXLVersion) throws -> XMLSchema { try InteropSchemas.compiled(version.schemaPath) }
}
