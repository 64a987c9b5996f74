import CLibXML2
import Crypto
import _CryptoExtras
import Foundation
import X509

/// What checking the enveloped XML signatures of a document found. A signature that is present and
/// wrong (altered content, altered signature value, a damaged certificate) is not a status but a
/// refusal: `XMLSignatures.check` throws for it.
public enum SignatureStatus: Sendable, Equatable, Codable {
    /// No ds:Signature on the root element.
    case unsigned
    /// Every signature verified with the key it carries. `signers` names each key's owner.
    /// Whether those signers are trusted is a separate decision; no trust list is consulted here.
    case verified(signers: [String])
    /// A signature uses an algorithm or key form this node cannot check; kept, not vouched for.
    case unverifiable(reason: String)

    public var summary: String {
        switch self {
        case .unsigned: "unsigned"
        case .verified(let signers): "signature verified (\(signers.joined(separator: "; ")))"
        case .unverifiable(let reason): "signature not checked: \(reason)"
        }
    }
}

/// Enveloped XML-DSig verification over the document exactly as received.
public enum XMLSignatures {
    static let dsig = "http://www.w3.org/2000/09/xmldsig#"
    private static let envelopedTransform = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"

    private struct Unverifiable: Error { let reason: String }
    /// The content does not match the digest, read exactly as received.
    private struct DigestMismatch: Error { let problem: XMLProblem }

    /// How the signed content is read. `exact` is the document as received; `compact` drops the
    /// whitespace between elements and what lies outside the root, for alerts that were signed
    /// compact and pretty-printed afterwards (WMO's CAP validator reads them so). Any change of
    /// content, attributes or text still breaks the digest in both readings.
    private enum Reading { case exact, compact }

    /// Checks every enveloped signature of `document`, parsed from `original`.
    public static func check(_ document: SafeXMLDocument, original: Data) throws -> SignatureStatus {
        do {
            return try check(document, reading: .exact)
        } catch let mismatch as DigestMismatch {
            guard let compact = try? SafeXML.parse(original, dropBlankText: true) else { throw mismatch.problem }
            let status: SignatureStatus
            do { status = try check(compact, reading: .compact) } catch is DigestMismatch { throw mismatch.problem }
            // Past the digest in the compact reading, any other refusal (certificate, signature value) is the real reason.
            guard case .verified(let signers) = status else { throw mismatch.problem }
            return .verified(signers: signers.map { "\($0), whitespace between elements not signed" })
        }
    }

    private static func check(_ document: SafeXMLDocument, reading: Reading) throws -> SignatureStatus {
        guard let root = document.rootPointer else { return .unsigned }
        let signatures = XMLTree.children(root, "Signature", namespace: dsig)
        guard !signatures.isEmpty else { return .unsigned }
        var signers: [String] = []
        var unverifiable: [String] = []
        for (index, signature) in signatures.enumerated() {
            let label = signatures.count == 1 ? "the signature" : "signature \(index + 1)"
            do {
                signers.append(try verify(signature, in: document, label: label, reading: reading))
            } catch let skipped as Unverifiable {
                unverifiable.append("\(label): \(skipped.reason)")
            }
        }
        if !unverifiable.isEmpty { return .unverifiable(reason: unverifiable.joined(separator: "; ")) }
        return .verified(signers: signers)
    }

    private static func verify(_ signature: xmlNodePtr, in document: SafeXMLDocument, label: String, reading: Reading) throws
        -> String
    {
        // An element without SignedInfo or SignatureValue signs nothing (a placeholder): nothing to check.
        guard let signedInfo = XMLTree.child(signature, "SignedInfo", namespace: dsig),
              let signatureValueNode = XMLTree.child(signature, "SignatureValue", namespace: dsig) else {
            throw Unverifiable(reason: "the Signature element is incomplete (no SignedInfo or SignatureValue)")
        }
        let signatureValue = try strictBase64(XMLTree.text(signatureValueNode), what: "\(label)'s SignatureValue")

        // 1. Every reference's digest must match the content it points at.
        let references = XMLTree.children(signedInfo, "Reference", namespace: dsig)
        guard !references.isEmpty else { throw XMLProblem("\(label) signs no content (no Reference)") }
        for reference in references {
            let uri = XMLTree.attribute(reference, "URI") ?? ""
            guard uri.isEmpty else { throw Unverifiable(reason: "reference to \"\(uri)\" (only whole-document references are checked)") }
            var method = CanonicalXML.Method.inclusive10
            var prefixes: [String] = []
            var enveloped = false
            if let transforms = XMLTree.child(reference, "Transforms", namespace: dsig) {
                for transform in XMLTree.children(transforms, "Transform", namespace: dsig) {
                    let algorithm = XMLTree.attribute(transform, "Algorithm") ?? ""
                    if algorithm == envelopedTransform { enveloped = true; continue }
                    guard let chosen = CanonicalXML.Method(algorithm: algorithm) else {
                        throw Unverifiable(reason: "transform \(algorithm) is not supported")
                    }
                    method = chosen
                    prefixes = inclusivePrefixes(transform)
                }
            }
            guard enveloped, let root = document.rootPointer, signature.pointee.parent == root else {
                throw Unverifiable(reason: "only enveloped signatures over the whole alert are checked")
            }
            guard let digestMethod = XMLTree.child(reference, "DigestMethod", namespace: dsig),
                  let digestValueNode = XMLTree.child(reference, "DigestValue", namespace: dsig) else {
                throw XMLProblem("\(label) has a Reference without DigestMethod or DigestValue")
            }
            let algorithm = XMLTree.attribute(digestMethod, "Algorithm") ?? ""
            let expected = try strictBase64(XMLTree.text(digestValueNode), what: "\(label)'s DigestValue")
            // URI="" selects the document without comments, whatever the canonicalization method says.
            // The enveloped transform removes this signature; a relay that adds its own signature to an
            // already signed alert signs the alert without any signature, so that reading is tried too.
            let others = XMLTree.children(root, "Signature", namespace: dsig)
            var matched = false
            for excluded in others.count > 1 ? [[signature], others] : [[signature]] {
                let scope: CanonicalXML.Scope = reading == .exact ? .documentWithout(excluded) : .rootWithout(root, excluded)
                let content = try CanonicalXML.canonicalize(document, scope: scope, method: method,
                                                            withComments: false, inclusivePrefixes: prefixes)
                guard let digest = digest(content, algorithm: algorithm) else {
                    throw Unverifiable(reason: "digest method \(algorithm) is not supported")
                }
                if digest == expected { matched = true; break }
            }
            guard matched else {
                throw DigestMismatch(problem: XMLProblem("\(label) does not match the content: the digest differs, so the alert was changed after"
                    + " it was signed or the DigestValue was altered"))
            }
        }

        // 2. The signature over SignedInfo must verify with the key it carries.
        let key = try signingKey(signature, label: label)
        guard let canonicalization = XMLTree.child(signedInfo, "CanonicalizationMethod", namespace: dsig),
              let signatureMethod = XMLTree.child(signedInfo, "SignatureMethod", namespace: dsig) else {
            throw XMLProblem("\(label) lacks CanonicalizationMethod or SignatureMethod")
        }
        let c14nAlgorithm = XMLTree.attribute(canonicalization, "Algorithm") ?? ""
        guard let method = CanonicalXML.Method(algorithm: c14nAlgorithm) else {
            throw Unverifiable(reason: "canonicalization \(c14nAlgorithm) is not supported")
        }
        let signedBytes = try CanonicalXML.canonicalize(
            document, scope: .subtree(signedInfo), method: method, withComments: c14nAlgorithm.hasSuffix("#WithComments"),
            inclusivePrefixes: inclusivePrefixes(canonicalization))
        let algorithm = XMLTree.attribute(signatureMethod, "Algorithm") ?? ""
        guard try key.verifies(signatureValue, over: signedBytes, algorithm: algorithm) else {
            throw XMLProblem("\(label)'s SignatureValue does not verify with the signer's key: the signature was altered"
                + " or made with another key")
        }
        return key.owner
    }

    private static func inclusivePrefixes(_ node: xmlNodePtr) -> [String] {
        let exclusive = "http://www.w3.org/2001/10/xml-exc-c14n#"
        guard let list = XMLTree.child(node, "InclusiveNamespaces", namespace: exclusive),
              let value = XMLTree.attribute(list, "PrefixList") else { return [] }
        return value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }

    private static func digest(_ data: Data, algorithm: String) -> Data? {
        switch algorithm {
        case "http://www.w3.org/2000/09/xmldsig#sha1": Data(Insecure.SHA1.hash(data: data))
        case "http://www.w3.org/2001/04/xmlenc#sha256": Data(SHA256.hash(data: data))
        case "http://www.w3.org/2001/04/xmldsig-more#sha384": Data(SHA384.hash(data: data))
        case "http://www.w3.org/2001/04/xmlenc#sha512": Data(SHA512.hash(data: data))
        default: nil
        }
    }

    /// Base64 as XML Schema defines it: whitespace allowed, but the encoding must be the canonical
    /// one. Unused padding bits that are not zero mean the value was altered and are refused.
    static func strictBase64(_ text: String, what: String) throws -> Data {
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact), data.base64EncodedString() == compact else {
            throw XMLProblem("\(what) is not valid base64 (it was altered or damaged)")
        }
        return data
    }

    // MARK: Keys

    private struct VerificationKey {
        enum Material { case rsa(_RSA.Signing.PublicKey), p256(P256.Signing.PublicKey), p384(P384.Signing.PublicKey) }
        let material: Material
        let owner: String

        func verifies(_ signature: Data, over data: Data, algorithm: String) throws -> Bool {
            let more = "http://www.w3.org/2001/04/xmldsig-more#"
            switch (material, algorithm) {
            case (.rsa(let key), "http://www.w3.org/2000/09/xmldsig#rsa-sha1"):
                return key.isValidSignature(.init(rawRepresentation: signature), for: Insecure.SHA1.hash(data: data),
                                            padding: .insecurePKCS1v1_5)
            case (.rsa(let key), more + "rsa-sha256"):
                return key.isValidSignature(.init(rawRepresentation: signature), for: SHA256.hash(data: data),
                                            padding: .insecurePKCS1v1_5)
            case (.rsa(let key), more + "rsa-sha384"):
                return key.isValidSignature(.init(rawRepresentation: signature), for: SHA384.hash(data: data),
                                            padding: .insecurePKCS1v1_5)
            case (.rsa(let key), more + "rsa-sha512"):
                return key.isValidSignature(.init(rawRepresentation: signature), for: SHA512.hash(data: data),
                                            padding: .insecurePKCS1v1_5)
            case (.p256(let key), more + "ecdsa-sha256"):
                guard let value = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
                return key.isValidSignature(value, for: SHA256.hash(data: data))
            case (.p384(let key), more + "ecdsa-sha384"):
                guard let value = try? P384.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
                return key.isValidSignature(value, for: SHA384.hash(data: data))
            default:
                throw Unverifiable(reason: "signature method \(algorithm) with this key type is not supported")
            }
        }
    }

    private static func signingKey(_ signature: xmlNodePtr, label: String) throws -> VerificationKey {
        guard let keyInfo = XMLTree.child(signature, "KeyInfo", namespace: dsig) else {
            throw Unverifiable(reason: "no KeyInfo, so no key to check it with")
        }
        if let x509 = XMLTree.child(keyInfo, "X509Data", namespace: dsig),
           let certificateNode = XMLTree.child(x509, "X509Certificate", namespace: dsig) {
            let der = try strictBase64(XMLTree.text(certificateNode), what: "\(label)'s X509Certificate")
            let certificate: Certificate
            do { certificate = try Certificate(derEncoded: [UInt8](der)) } catch {
                throw XMLProblem("\(label)'s X509Certificate is not a readable certificate")
            }
            let owner = certificate.subject.description
            if let p256 = P256.Signing.PublicKey(certificate.publicKey) {
                return VerificationKey(material: .p256(p256), owner: owner)
            }
            if let p384 = P384.Signing.PublicKey(certificate.publicKey) {
                return VerificationKey(material: .p384(p384), owner: owner)
            }
            // Older alerts are signed with 1024-bit RSA keys, which the checked initialisers refuse.
            if let rsa = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: Data(certificate.publicKey.subjectPublicKeyInfoBytes)) {
                return VerificationKey(material: .rsa(rsa), owner: owner)
            }
            throw Unverifiable(reason: "the certificate's key type is not supported")
        }
        if let keyValue = XMLTree.child(keyInfo, "KeyValue", namespace: dsig),
           let rsaValue = XMLTree.child(keyValue, "RSAKeyValue", namespace: dsig),
           let modulusNode = XMLTree.child(rsaValue, "Modulus", namespace: dsig),
           let exponentNode = XMLTree.child(rsaValue, "Exponent", namespace: dsig) {
            let modulus = try strictBase64(XMLTree.text(modulusNode), what: "\(label)'s RSA Modulus")
            let exponent = try strictBase64(XMLTree.text(exponentNode), what: "\(label)'s RSA Exponent")
            guard let key = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: DER.rsaPublicKey(modulus: modulus,
                                                                                                   exponent: exponent)) else {
                throw XMLProblem("\(label)'s RSAKeyValue is not a usable RSA key")
            }
            return VerificationKey(material: .rsa(key), owner: "RSA key of \(key.keySizeInBits) bits given in the message")
        }
        throw Unverifiable(reason: "KeyInfo carries no certificate or RSA key value")
    }
}

/// Just enough DER to turn an RSA modulus and exponent into a PKCS#1 public key.
enum DER {
    static func rsaPublicKey(modulus: Data, exponent: Data) -> Data {
        sequence(integer(modulus) + integer(exponent))
    }

    private static func integer(_ bytes: Data) -> Data {
        var value = Data(bytes.drop(while: { $0 == 0 }))
        if value.isEmpty { value = Data([0]) }
        if value[value.startIndex] & 0x80 != 0 { value.insert(0, at: 0) }
        return Data([0x02]) + length(value.count) + value
    }

    private static func sequence(_ content: Data) -> Data { Data([0x30]) + length(content.count) + content }

    private static func length(_ count: Int) -> Data {
        if count < 0x80 { return Data([UInt8(count)]) }
        var bytes: [UInt8] = []
        var remaining = count
        while remaining > 0 { bytes.insert(UInt8(remaining & 0xff), at: 0); remaining >>= 8 }
        return Data([0x80 | UInt8(bytes.count)] + bytes)
    }
}
