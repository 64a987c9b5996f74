import CLibXML2
import Foundation

/// Canonical XML (C14N 1.0, 1.1 and exclusive 1.0) of part of a parsed document, as XML signatures
/// need it: the bytes are produced from the tree as parsed, never from a reformatted copy.
enum CanonicalXML {
    enum Method: Equatable {
        case inclusive10, inclusive11, exclusive10

        init?(algorithm: String) {
            switch algorithm {
            case "http://www.w3.org/TR/2001/REC-xml-c14n-20010315",
                 "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments": self = .inclusive10
            case "http://www.w3.org/2006/12/xml-c14n11", "http://www.w3.org/2006/12/xml-c14n11#WithComments":
                self = .inclusive11
            case "http://www.w3.org/2001/10/xml-exc-c14n#", "http://www.w3.org/2001/10/xml-exc-c14n#WithComments":
                self = .exclusive10
            default: return nil
            }
        }

        var mode: Int32 {
            switch self {
            case .inclusive10: Int32(XML_C14N_1_0.rawValue)
            case .inclusive11: Int32(XML_C14N_1_1.rawValue)
            case .exclusive10: Int32(XML_C14N_EXCLUSIVE_1_0.rawValue)
            }
        }
    }

    /// Which nodes take part: a subtree only, or the whole document without one subtree (the
    /// enveloped-signature transform).
    enum Scope {
        case subtree(xmlNodePtr)
        case documentWithout([xmlNodePtr])
        /// The root element's subtree without the excluded subtrees (nothing outside the root).
        case rootWithout(xmlNodePtr, [xmlNodePtr])
    }

    private final class Visibility {
        let scope: Scope
        init(_ scope: Scope) { self.scope = scope }

        func isVisible(_ node: xmlNodePtr?, parent: xmlNodePtr?) -> Bool {
            guard let node else { return false }
            // Namespace nodes have no parent link of their own; they belong to `parent`.
            let owner = node.pointee.type == XML_NAMESPACE_DECL ? parent : node
            switch scope {
            case .subtree(let top): return Self.isInside(owner, top)
            case .documentWithout(let excluded): return !excluded.contains { Self.isInside(owner, $0) }
            case .rootWithout(let root, let excluded):
                return Self.isInside(owner, root) && !excluded.contains { Self.isInside(owner, $0) }
            }
        }

        static func isInside(_ node: xmlNodePtr?, _ top: xmlNodePtr) -> Bool {
            var current = node
            while let here = current {
                if here == top { return true }
                current = here.pointee.parent
            }
            return false
        }
    }

    static func canonicalize(_ document: SafeXMLDocument, scope: Scope, method: Method, withComments: Bool,
                             inclusivePrefixes: [String] = []) throws -> Data {
        let visibility = Unmanaged.passRetained(Visibility(scope))
        defer { visibility.release() }
        guard let buffer = xmlAllocOutputBuffer(nil) else { throw XMLProblem("canonicalization could not start") }
        var prefixes: [UnsafeMutablePointer<xmlChar>?] = inclusivePrefixes.map { prefix in
            prefix.withCString { xmlStrdup(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
        }
        prefixes.append(nil)
        defer { for prefix in prefixes { if let prefix { knooppunt_xml_free(prefix) } } }
        let result = prefixes.withUnsafeMutableBufferPointer { list in
            xmlC14NExecute(document.doc, { userData, node, parent in
                guard let userData else { return 0 }
                let visibility = Unmanaged<Visibility>.fromOpaque(userData).takeUnretainedValue()
                return visibility.isVisible(node, parent: parent) ? 1 : 0
            }, visibility.toOpaque(), method.mode, inclusivePrefixes.isEmpty ? nil : list.baseAddress,
            withComments ? 1 : 0, buffer)
        }
        defer { xmlOutputBufferClose(buffer) }
        guard result >= 0 else { throw XMLProblem("the signed part of the document could not be canonicalized") }
        xmlOutputBufferFlush(buffer)
        guard let content = xmlOutputBufferGetContent(buffer) else { return Data() }
        return Data(bytes: content, count: Int(xmlOutputBufferGetSize(buffer)))
    }
}

/// Pointer-level helpers for the signature code, which needs the live tree rather than copies.
enum XMLTree {
    static func elements(under node: xmlNodePtr) -> [xmlNodePtr] {
        var out: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { out.append(current) }
            child = current.pointee.next
        }
        return out
    }

    static func name(_ node: xmlNodePtr) -> String { String(cString: node.pointee.name) }

    static func namespace(_ node: xmlNodePtr) -> String? {
        node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
    }

    static func child(_ node: xmlNodePtr, _ localName: String, namespace: String) -> xmlNodePtr? {
        elements(under: node).first { name($0) == localName && self.namespace($0) == namespace }
    }

    static func children(_ node: xmlNodePtr, _ localName: String, namespace: String) -> [xmlNodePtr] {
        elements(under: node).filter { name($0) == localName && self.namespace($0) == namespace }
    }

    static func text(_ node: xmlNodePtr) -> String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { knooppunt_xml_free(content) }
        return String(cString: content)
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { knooppunt_xml_free(value) }
        return String(cString: value)
    }
}
