import Foundation
import KnooppuntCore

/// The EDXL-RM 1.0 messages Knooppunt exchanges for assistance (bijstand): a request for resources, a
/// commitment of resources to it, and their release.
public enum RMKind: String, Sendable, CaseIterable, Codable {
    case requestResource = "RequestResource"
    case commitResource = "CommitResource"
    case releaseResource = "ReleaseResource"

    var schemaPath: String { "edxl-rm/EDXL-RM\(rawValue).xsd" }
}

/// One ResourceInformation element: what is asked for, committed or released.
public struct RMResource: Sendable, Equatable, Codable {
    public var elementID: String
    /// Answers an element of an earlier message (commit and release).
    public var precedingElementID: String?
    /// Accept, Decline or Provisional (commit and release).
    public var responseType: String?
    public var resourceID: String?
    public var name: String?
    /// TypeStructure: the value list and the type in it.
    public var typeListURN: String?
    public var typeValue: String?
    /// TypeInfo/Resource (free text), when given.
    public var typeText: String?
    public var minimumCapabilities: String?
    public var quantity: Int?
    /// The first ScheduleInformation: its type, time and place.
    public var scheduleType: String?
    public var scheduleTime: String?
    public var locationText: String?

    public init(elementID: String, precedingElementID: String? = nil, responseType: String? = nil, resourceID: String? = nil,
                name: String? = nil, typeListURN: String? = nil, typeValue: String? = nil, typeText: String? = nil,
                minimumCapabilities: String? = nil, quantity: Int? = nil, scheduleType: String? = nil, scheduleTime: String? = nil,
                locationText: String? = nil) {
        self.elementID = elementID
        self.precedingElementID = precedingElementID
        self.responseType = responseType
        self.resourceID = resourceID
        self.name = name
        self.typeListURN = typeListURN
        self.typeValue = typeValue
        self.typeText = typeText
        self.minimumCapabilities = minimumCapabilities
        self.quantity = quantity
        self.scheduleType = scheduleType
        self.scheduleTime = scheduleTime
        self.locationText = locationText
    }

    /// What the resource is, in words: its type text, else its type value, else its name.
    public var typeDescription: String {
        [typeText ?? typeValue ?? name, minimumCapabilities].compactMap { $0 }.joined(separator: ", ")
    }
}

public struct RMMessage: Sendable, Equatable, Codable {
    public var kind: RMKind
    public var messageID: String
    public var sent: String
    public var description: String?
    public var originatingMessageID: String
    public var precedingMessageID: String?
    public var incidentID: String?
    public var incidentDescription: String?
    public var contactDescription: String?
    public var contactRole: String?
    public var contactLocation: String?
    public var resources: [RMResource]

    public init(kind: RMKind, messageID: String, sent: String, description: String? = nil, originatingMessageID: String,
                precedingMessageID: String? = nil, incidentID: String? = nil, incidentDescription: String? = nil,
                contactDescription: String? = nil, contactRole: String? = nil, contactLocation: String? = nil, resources: [RMResource]) {
        self.kind = kind
        self.messageID = messageID
        self.sent = sent
        self.description = description
        self.originatingMessageID = originatingMessageID
        self.precedingMessageID = precedingMessageID
        self.incidentID = incidentID
        self.incidentDescription = incidentDescription
        self.contactDescription = contactDescription
        self.contactRole = contactRole
        self.contactLocation = contactLocation
        self.resources = resources
    }

    /// The quantity asked for or given: the sum of the elements' quantities, each element without one
    /// counting as one unit (a commitment names each unit in its own element).
    public var totalQuantity: Int { resources.map { $0.quantity ?? 1 }.reduce(0, +) }
}

/// Reads EDXL-RM 1.0 RequestResource, CommitResource and ReleaseResource: safe parsing, the OASIS
/// schema of that message, then the fields Knooppunt uses.
public enum RMReader {
    public static let namespace = "urn:oasis:names:tc:emergency:EDXL:RM:1.0:msg"
    public static let maximumBytes = 2 * 1024 * 1024

    public static func read(_ data: Data) throws(EDXLRefusal) -> RMMessage {
        guard data.count <= maximumBytes else {
            throw EDXLRefusal("the message is \(data.count) bytes; at most \(maximumBytes) bytes are accepted")
        }
        let document: SafeXMLDocument
        do { document = try SafeXML.parse(data) } catch { throw EDXLRefusal("not accepted as XML: \(error)") }
        guard let root = document.root else { throw EDXLRefusal("the document has no root element") }
        guard root.namespace == namespace, let kind = RMKind(rawValue: root.name) else {
            throw EDXLRefusal("the root element is <\(root.name)> in namespace \"\(root.namespace ?? "none")\"; expected an EDXL-RM 1.0 "
                + RMKind.allCases.map(\.rawValue).joined(separator: ", ") + " in \(namespace)")
        }
        let problems: [XMLProblem]
        do { problems = try InteropSchemas.compiled(kind.schemaPath).validate(document) } catch {
            throw EDXLRefusal("the EDXL-RM \(kind.rawValue) schema is not available: \(error)")
        }
        if !problems.isEmpty {
            throw EDXLRefusal(problems.map {
                "not a valid EDXL-RM \(kind.rawValue): " + $0.description.replacingOccurrences(of: #"\{[^}]*\}"#, with: "", options: .regularExpression)
            })
        }
        let contact = root.first("ContactInformation")
        return RMMessage(
            kind: kind, messageID: root.value("MessageID") ?? "", sent: root.value("SentDateTime") ?? "",
            description: root.value("MessageDescription"), originatingMessageID: root.value("OriginatingMessageID") ?? "",
            precedingMessageID: root.value("PrecedingMessageID"), incidentID: root.first("IncidentInformation")?.value("IncidentID"),
            incidentDescription: root.first("IncidentInformation")?.value("IncidentDescription"),
            contactDescription: contact?.value("ContactDescription"), contactRole: contact?.value("ContactRole"),
            contactLocation: contact?.first("ContactLocation")?.value("LocationDescription"),
            resources: try root.all("ResourceInformation").map(resource))
    }

    /// The most units one resource element may ask for or give; more is not a real deployment.
    public static let maximumQuantity = 100_000

    private static func resource(_ node: XMLNode) throws(EDXLRefusal) -> RMResource {
        let resource = node.first("Resource")
        let response = node.first("ResponseInformation")
        let schedule = node.first("ScheduleInformation")
        let quantity = node.first("AssignmentInformation")?.first("Quantity")
        let amount = try Self.amount(quantity)
        return RMResource(
            elementID: node.value("ResourceInfoElementID") ?? "", precedingElementID: response?.value("PrecedingResourceInfoElementID"),
            responseType: response?.value("ResponseType"), resourceID: resource?.value("ResourceID"), name: resource?.value("Name"),
            typeListURN: resource?.first("TypeStructure")?.value("ValueListURN"), typeValue: resource?.first("TypeStructure")?.value("Value"),
            typeText: resource?.first("TypeInfo")?.value("Resource"), minimumCapabilities: resource?.first("TypeInfo")?.value("MinimumCapabilities"),
            quantity: amount, scheduleType: schedule?.value("ScheduleType"), scheduleTime: schedule?.value("DateTime"),
            locationText: schedule?.first("Location")?.value("LocationDescription"))
    }
}

extension RMReader {
    /// The number of units in a `<Quantity>`: the digits of `QuantityText` ("2 pompen"), else
    /// `MeasuredQuantity/Amount` rounded. A value that is not a finite number from 0 to
    /// `maximumQuantity` refuses the message, naming the value.
    static func amount(_ quantity: XMLNode?) throws(EDXLRefusal) -> Int? {
        let range = 0...maximumQuantity
        if let text = quantity?.value("QuantityText") {
            let digits = String(text.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
            if !digits.isEmpty {
                guard let value = UntrustedNumber.whole(digits, in: range) else {
                    throw EDXLRefusal("QuantityText '\(text.prefix(40))' is not a number of units from 0 to \(maximumQuantity)")
                }
                return value
            }
        }
        guard let text = quantity?.first("MeasuredQuantity")?.value("Amount") else { return nil }
        guard let number = UntrustedNumber.decimal(text), let value = UntrustedNumber.rounded(number, in: range) else {
            throw EDXLRefusal("Amount '\(text.prefix(40))' is not a number of units from 0 to \(maximumQuantity)")
        }
        return value
    }
}

/// Writes EDXL-RM 1.0 RequestResource, CommitResource and ReleaseResource in the schema's element order.
public enum RMWriter {
    public static func xml(_ message: RMMessage) -> Data {
        func element(_ name: String, _ value: String?, _ prefix: String = "rmsg") -> String {
            guard let value, !value.isEmpty else { return "" }
            return "<\(prefix):\(name)>\(Markup.escape(value))</\(prefix):\(name)>"
        }
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out += #"<rmsg:\#(message.kind.rawValue) xmlns:rmsg="\#(RMReader.namespace)" xmlns:rm="urn:oasis:names:tc:emergency:EDXL:RM:1.0">"#
        out += element("MessageID", message.messageID)
        out += element("SentDateTime", message.sent)
        out += element("MessageContentType", message.kind.rawValue)
        out += element("MessageDescription", message.description)
        out += element("OriginatingMessageID", message.originatingMessageID)
        if message.kind != .requestResource {
            // Required in a commitment; a release names it when there is one.
            out += element("PrecedingMessageID", message.precedingMessageID ?? (message.kind == .commitResource ? message.originatingMessageID : nil))
        }
        out += "<rmsg:IncidentInformation>" + element("IncidentID", message.incidentID, "rm")
            + element("IncidentDescription", message.incidentDescription, "rm") + "</rmsg:IncidentInformation>"
        out += "<rmsg:ContactInformation>" + element("ContactDescription", message.contactDescription, "rm")
            + element("ContactRole", message.contactRole, "rm")
        if let location = message.contactLocation {
            out += "<rm:ContactLocation>" + element("LocationDescription", location, "rm") + "</rm:ContactLocation>"
        }
        out += "</rmsg:ContactInformation>"
        for resource in message.resources {
            out += "<rmsg:ResourceInformation>" + element("ResourceInfoElementID", resource.elementID)
            if message.kind != .requestResource, let response = resource.responseType {
                out += "<rmsg:ResponseInformation>" + element("PrecedingResourceInfoElementID", resource.precedingElementID, "rm")
                    + element("ResponseType", response, "rm") + "</rmsg:ResponseInformation>"
            }
            out += "<rmsg:Resource>" + element("ResourceID", resource.resourceID) + element("Name", resource.name)
            if let urn = resource.typeListURN, let value = resource.typeValue {
                out += "<rmsg:TypeStructure>" + element("ValueListURN", urn, "rm") + element("Value", value, "rm") + "</rmsg:TypeStructure>"
            }
            if resource.typeText != nil || resource.minimumCapabilities != nil {
                out += "<rmsg:TypeInfo>" + (resource.typeText.map { "<Resource>\(Markup.escape($0))</Resource>" } ?? "")
                    + (resource.minimumCapabilities.map { "<MinimumCapabilities>\(Markup.escape($0))</MinimumCapabilities>" } ?? "")
                    + "</rmsg:TypeInfo>"
            }
            out += "</rmsg:Resource>"
            if let quantity = resource.quantity {
                out += "<rmsg:AssignmentInformation><rmsg:Quantity><rm:QuantityText>\(quantity)</rm:QuantityText></rmsg:Quantity>"
                    + "</rmsg:AssignmentInformation>"
            }
            if let type = resource.scheduleType {
                out += "<rmsg:ScheduleInformation>" + element("ScheduleType", type) + element("DateTime", resource.scheduleTime)
                if let location = resource.locationText {
                    out += "<rmsg:Location>" + element("LocationDescription", location, "rm") + "</rmsg:Location>"
                }
                out += "</rmsg:ScheduleInformation>"
            }
            out += "</rmsg:ResourceInformation>"
        }
        out += "</rmsg:\(message.kind.rawValue)>\n"
        return Data(out.utf8)
    }
}
