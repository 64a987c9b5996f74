import Foundation

/// Writes a CAP 1.2 alert in the element order the OASIS schema prescribes.
public enum CAPWriter {
    public static func xml(_ alert: CAPAlert) -> Data {
        var out = XMLText()
        out.line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        out.open("alert", attributes: "xmlns=\"\(CAPVersion.v1_2.namespace)\"")
        out.element("identifier", alert.identifier)
        out.element("sender", alert.sender)
        out.element("sent", alert.sent)
        out.element("status", alert.status)
        out.element("msgType", alert.msgType)
        out.element("source", alert.source)
        out.element("scope", alert.scope)
        out.element("restriction", alert.restriction)
        out.element("addresses", alert.addresses)
        for code in alert.codes { out.element("code", code) }
        out.element("note", alert.note)
        out.element("references", alert.references)
        out.element("incidents", alert.incidents)
        for info in alert.infos { write(info, into: &out) }
        out.close("alert")
        return Data(out.text.utf8)
    }

    private static func write(_ info: CAPInfo, into out: inout XMLText) {
        out.open("info")
        out.element("language", info.language)
        for category in info.categories { out.element("category", category) }
        out.element("event", info.event)
        for response in info.responseTypes { out.element("responseType", response) }
        out.element("urgency", info.urgency)
        out.element("severity", info.severity)
        out.element("certainty", info.certainty)
        out.element("audience", info.audience)
        for code in info.eventCodes { out.pair("eventCode", code) }
        out.element("effective", info.effective)
        out.element("onset", info.onset)
        out.element("expires", info.expires)
        out.element("senderName", info.senderName)
        out.element("headline", info.headline)
        out.element("description", info.description)
        out.element("instruction", info.instruction)
        out.element("web", info.web)
        out.element("contact", info.contact)
        for parameter in info.parameters { out.pair("parameter", parameter) }
        for resource in info.resources {
            out.open("resource")
            out.element("resourceDesc", resource.resourceDesc)
            // CAP 1.2 requires a MIME type; CAP 1.1 resources may lack one.
            out.element("mimeType", resource.mimeType ?? "application/octet-stream")
            out.element("size", resource.size)
            out.element("uri", resource.uri)
            out.element("derefUri", resource.derefUri)
            out.element("digest", resource.digest)
            out.close("resource")
        }
        for area in info.areas {
            out.open("area")
            out.element("areaDesc", area.areaDesc)
            for polygon in area.polygons { out.element("polygon", polygon) }
            for circle in area.circles { out.element("circle", circle) }
            for geocode in area.geocodes { out.pair("geocode", geocode) }
            out.element("altitude", area.altitude)
            out.element("ceiling", area.ceiling)
            out.close("area")
        }
        out.close("info")
    }
}

/// Indented XML text built element by element, every value escaped.
struct XMLText {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ content: String) {
        text += String(repeating: "  ", count: depth) + content + "\n"
    }

    mutating func open(_ name: String, attributes: String = "") {
        line(attributes.isEmpty ? "<\(name)>" : "<\(name) \(attributes)>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</\(name)>")
    }

    mutating func element(_ name: String, _ value: String?) {
        guard let value else { return }
        line("<\(name)>\(Markup.escape(value))</\(name)>")
    }

    mutating func pair(_ name: String, _ value: CAPValue) {
        open(name)
        element("valueName", value.valueName)
        element("value", value.value)
        close(name)
    }
}
