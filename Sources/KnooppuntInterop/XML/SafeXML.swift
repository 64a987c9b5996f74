import CLibXML2
import Foundation

/// Why an XML document was refused: a sentence that names the problem, and the line where known.
public struct XMLProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String
    public let line: Int?

    public init(_ reason: String, line: Int? = nil) {
        self.reason = reason
        self.line = line
    }

    public var description: String {
        if let line, line > 0 { return "line \(line): \(reason)" }
        return reason
    }
}

/// XML parsing for documents from outside: network access off, external entities never loaded,
/// document type declarations refused. libxml2 is asked for files only when Knooppunt compiles one
/// of its own schemas, from the directory that schema lives in.
public enum SafeXML {
    /// Options for untrusted documents: no network, no DTD loading, no entity substitution,
    /// no messages on stderr (errors are collected and returned).
    static let parseOptions: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue)

    private static let state = LoaderState()

    /// Installs the refusing entity loader once per process.
    static let ready: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { url, _, context in
            guard let url else { SafeXML.state.refused(); return nil }
            guard let path = SafeXML.state.allowedPath(String(cString: url)) else {
                SafeXML.state.refused()
                return nil
            }
            return path.withCString { xmlNewInputFromFile(context, $0) }
        }
    }()

    /// How often a document asked for an external resource and was refused (tests read it to show the
    /// XXE samples caused no file or network access).
    public static var refusedExternalLoads: Int { state.refusedCount }

    /// Parses `data`, refusing anything that is not a well-formed document without a DOCTYPE.
    /// - Parameter dropBlankText: drop whitespace-only text between elements (libxml2's NOBLANKS
    ///   reading); used only to check signatures made before a document was pretty-printed.
    public static func parse(_ data: Data, dropBlankText: Bool = false) throws -> SafeXMLDocument {
        _ = ready
        guard !data.isEmpty else { throw XMLProblem("the document is empty") }
        try XMLPrescan.check(data)
        guard let context = xmlNewParserCtxt() else { throw XMLProblem("the XML parser could not start") }
        defer { xmlFreeParserCtxt(context) }
        let parsed: xmlDocPtr? = data.withUnsafeBytes { bytes in
            xmlCtxtReadMemory(context, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count),
                              "untrusted.xml", nil, parseOptions | (dropBlankText ? Int32(XML_PARSE_NOBLANKS.rawValue) : 0))
        }
        guard let doc = parsed, context.pointee.wellFormed != 0 else {
            if let parsed { xmlFreeDoc(parsed) }
            throw problem(from: xmlCtxtGetLastError(context), fallback: "the document is not well-formed XML")
        }
        if doc.pointee.intSubset != nil || doc.pointee.extSubset != nil {
            xmlFreeDoc(doc)
            throw XMLProblem("the document has a DOCTYPE declaration; it is refused because DTDs and external entities"
                + " are not allowed in exchanged messages")
        }
        return SafeXMLDocument(doc)
    }

    static func problem(from error: UnsafeMutablePointer<xmlError>?, fallback: String) -> XMLProblem {
        guard let error, let message = error.pointee.message else { return XMLProblem(fallback) }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return XMLProblem(text.isEmpty ? fallback : text, line: Int(error.pointee.line))
    }

    /// Lets the entity loader read files under `directory` (a schema's own imports).
    static func allowSchemaDirectory(_ directory: String) {
        state.allow(directory)
    }
}

/// The allow-list of schema directories and the count of refused loads, shared with the C callback.
private final class LoaderState: @unchecked Sendable {
    private let lock = NSLock()
    private var directories: [String] = []
    private var refusals = 0

    func allow(_ directory: String) {
        let standard = URL(fileURLWithPath: directory).standardizedFileURL.path
        lock.withLock { if !directories.contains(standard) { directories.append(standard) } }
    }

    func allowedPath(_ reference: String) -> String? {
        let path: String
        if reference.hasPrefix("file://") {
            guard let url = URL(string: reference), url.isFileURL else { return nil }
            path = url.path
        } else if reference.hasPrefix("/") {
            path = reference
        } else {
            return nil
        }
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        let allowed = lock.withLock { directories.contains { standard.hasPrefix($0 + "/") } }
        return allowed ? standard : nil
    }

    func refused() { lock.withLock { refusals += 1 } }
    var refusedCount: Int { lock.withLock { refusals } }
}

/// A parsed document. Owns the libxml2 tree; read it through `root` or canonicalize parts of it.
public final class SafeXMLDocument: @unchecked Sendable {
    let doc: xmlDocPtr

    init(_ doc: xmlDocPtr) { self.doc = doc }
    deinit { xmlFreeDoc(doc) }

    /// The root element as a Swift tree.
    public var root: XMLNode? {
        guard let element = xmlDocGetRootElement(doc) else { return nil }
        return XMLNode(element)
    }

    var rootPointer: xmlNodePtr? { xmlDocGetRootElement(doc) }
}

/// An element read out of a document: qualified by namespace, with attributes, child elements and
/// its own text (the direct text children joined, CDATA included).
public struct XMLNode: Sendable, Equatable {
    public let namespace: String?
    public let name: String
    public let attributes: [String: String]
    public let children: [XMLNode]
    public let text: String
    public let line: Int

    init(_ node: xmlNodePtr) {
        namespace = node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
        name = String(cString: node.pointee.name)
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            let key = String(cString: current.pointee.name)
            if let value = xmlNodeGetContent(UnsafeMutablePointer<xmlNode>(OpaquePointer(current))) {
                attributes[key] = String(cString: value)
                knooppunt_xml_free(value)
            }
            attribute = current.pointee.next
        }
        self.attributes = attributes
        var children: [XMLNode] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: children.append(XMLNode(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default: break
            }
            child = current.pointee.next
        }
        self.children = children
        self.text = text
        line = Int(xmlGetLineNo(node))
    }

    /// Child elements with this local name (in the parent's namespace or any, as CAP documents mix
    /// default and prefixed forms).
    public func all(_ localName: String) -> [XMLNode] { children.filter { $0.name == localName } }
    public func first(_ localName: String) -> XMLNode? { children.first { $0.name == localName } }
    /// The trimmed text of the first child with this name, nil when absent or empty.
    public func value(_ localName: String) -> String? {
        guard let text = first(localName)?.text.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
    public func values(_ localName: String) -> [String] {
        all(localName).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Depth-first search for the first descendant (or self) with this namespace and name.
    public func descendant(namespace: String, name: String) -> XMLNode? {
        if self.namespace == namespace && self.name == name { return self }
        for child in children { if let found = child.descendant(namespace: namespace, name: name) { return found } }
        return nil
    }
}

/// A compiled XML Schema. Compile once, validate many documents from any thread.
public final class XMLSchema: @unchecked Sendable {
    private let schema: xmlSchemaPtr
    public let name: String

    /// Compiles the schema at `path`; its imports are read from the same directory tree only.
    public init(path: String) throws {
        _ = SafeXML.ready
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        SafeXML.allowSchemaDirectory(directory)
        name = URL(fileURLWithPath: path).lastPathComponent
        guard let parser = xmlSchemaNewParserCtxt(path) else { throw XMLProblem("schema \(name) could not be opened") }
        defer { xmlSchemaFreeParserCtxt(parser) }
        let collector = ErrorCollector()
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }
        xmlSchemaSetParserStructuredErrors(parser, collectError, box.toOpaque())
        guard let compiled = xmlSchemaParse(parser) else {
            throw XMLProblem("schema \(name) does not compile: \(collector.messages.first?.description ?? "unknown error")")
        }
        schema = compiled
    }

    deinit { xmlSchemaFree(schema) }

    /// The validation errors, empty when the document is valid.
    public func validate(_ document: SafeXMLDocument) -> [XMLProblem] {
        guard let context = xmlSchemaNewValidCtxt(schema) else { return [XMLProblem("schema validation could not start")] }
        defer { xmlSchemaFreeValidCtxt(context) }
        let collector = ErrorCollector()
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }
        xmlSchemaSetValidStructuredErrors(context, collectError, box.toOpaque())
        let result = xmlSchemaValidateDoc(context, document.doc)
        if result == 0 { return [] }
        return collector.messages.isEmpty ? [XMLProblem("the document does not match schema \(name)")] : collector.messages
    }
}

private final class ErrorCollector {
    var messages: [XMLProblem] = []
}

private let collectError: xmlStructuredErrorFunc = { userData, error in
    guard let userData, let error else { return }
    let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
    guard collector.messages.count < 20 else { return }
    collector.messages.append(SafeXML.problem(from: error, fallback: "schema error"))
}
