import Foundation
import KnooppuntCore
import NIOCore
import Vapor

/// The picture as the API answers it: byte for byte the JSON the API's encoder (configure: sorted keys,
/// slashes unescaped, ISO 8601 dates in whole seconds) writes for a `PictureView`, with the entries written
/// here. The encoder builds a tree of every value and sorts the keys of every object before it writes; for a
/// picture with a thousand entries that was a quarter of the answer's time once the rows were read without
/// Fluent models. Everything but the entries still goes through the encoder (decision 0035, time travel).
enum PictureJSON {
    /// The answer for `picture`, with the headers the encoder would have set.
    static func response(_ picture: PictureView) throws -> Response {
        var headers = HTTPHeaders()
        let body = try encode(picture, with: try ContentConfiguration.global.requireEncoder(for: .json), headers: &headers)
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }

    /// The JSON of `picture` as `encoder` writes it. The object's keys are sorted, so "entries" comes after
    /// the keys of `Head` and before those of `Tail`.
    static func encode(_ picture: PictureView, with encoder: any ContentEncoder, headers: inout HTTPHeaders) throws -> ByteBuffer {
        var head = ByteBuffer()
        try encoder.encode(Head(picture), to: &head, headers: &headers)
        var tail = ByteBuffer()
        try encoder.encode(Tail(picture), to: &tail, headers: &headers)
        guard head.readableBytesView.last == UInt8(ascii: "}"), tail.readableBytesView.first == UInt8(ascii: "{") else {
            throw Abort(.internalServerError, reason: "the picture's encoder does not write JSON objects")
        }
        var body = ByteBufferAllocator().buffer(capacity: head.readableBytes + tail.readableBytes + 640 * picture.entries.count)
        body.writeBytes(head.readableBytesView.dropLast())
        body.writeStaticString(#","entries":["#)
        for (index, entry) in picture.entries.enumerated() {
            if index > 0 { body.writeStaticString(",") }
            try write(entry, into: &body, encoder: encoder)
        }
        body.writeStaticString("],")
        body.writeBytes(tail.readableBytesView.dropFirst())
        return body
    }

    /// The keys of the picture before "entries".
    private struct Head: Encodable {
        var actions: [ActionView], at: Date, conflicts: [ConflictView], decisionPoints: [DecisionPointView]
        var decisions: [DecisionView]
        init(_ picture: PictureView) {
            (actions, at, conflicts) = (picture.actions, picture.at, picture.conflicts)
            (decisionPoints, decisions) = (picture.decisionPoints, picture.decisions)
        }
    }

    /// The keys of the picture after "entries".
    private struct Tail: Encodable {
        var incident: IncidentView, lastUpdate: Date, stale: Bool, summaries: [SummaryView], themes: [ThemeCurrencyView]
        init(_ picture: PictureView) {
            (incident, lastUpdate, stale) = (picture.incident, picture.lastUpdate, picture.stale)
            (summaries, themes) = (picture.summaries, picture.themes)
        }
    }

    /// One entry as the encoder writes an `EntryView`: its keys sorted, those without a value left out.
    static func write(_ entry: EntryView, into body: inout ByteBuffer, encoder: any ContentEncoder) throws {
        var object = ObjectWriter(encoder: encoder)
        // The writer holds the buffer while it writes, as its only owner, so the storage is not copied.
        swap(&object.body, &body)
        object.open()
        try object.date("admittedAt", entry.admittedAt)
        object.string("admittedBy", entry.admittedBy)
        object.string("author", entry.author)
        object.bool("awaitingAdmission", entry.awaitingAdmission)
        object.string("classification", entry.classification.rawValue)
        object.string("id", entry.id.uuidString)
        object.bool("inSharedPicture", entry.inSharedPicture)
        try object.encoded("location", entry.location)
        try object.date("observedAt", entry.observedAt)
        object.string("onBehalfOf", entry.onBehalfOf)
        object.string("organisation", entry.organisation)
        object.bool("overdue", entry.overdue)
        object.string("priority", entry.priority.rawValue)
        object.string("source", entry.source)
        object.string("text", entry.text)
        object.string("theme", entry.theme.description)
        try object.date("updatedAt", entry.updatedAt)
        object.string("verification", entry.verification.rawValue)
        try object.date("verifiedAt", entry.verifiedAt)
        object.string("verifiedBy", entry.verifiedBy)
        object.int("version", entry.version)
        object.close()
        swap(&object.body, &body)
    }

    /// Writes one JSON object, key by key in the order given.
    private struct ObjectWriter {
        var body = ByteBuffer()
        let encoder: any ContentEncoder
        private var first = true

        init(encoder: any ContentEncoder) { self.encoder = encoder }

        mutating func open() { body.writeStaticString("{") }

        mutating func close() { body.writeStaticString("}") }

        private mutating func key(_ key: StaticString) {
            body.writeStaticString(first ? "\"" : ",\"")
            first = false
            body.writeStaticString(key)
            body.writeStaticString("\":")
        }

        mutating func string(_ key: StaticString, _ value: String?) {
            guard let value else { return }
            self.key(key)
            PictureJSON.writeString(value, into: &body)
        }

        mutating func bool(_ key: StaticString, _ value: Bool) {
            self.key(key)
            body.writeStaticString(value ? "true" : "false")
        }

        mutating func int(_ key: StaticString, _ value: Int) {
            self.key(key)
            body.writeString(String(value))
        }

        mutating func date(_ key: StaticString, _ value: Date?) throws {
            guard let value else { return }
            self.key(key)
            if !PictureJSON.writeDate(value, into: &body) { try write(encodedBy: encoder, value) }
        }

        /// A value the encoder writes (a GeoJSON location: its numbers are written as the encoder writes them).
        mutating func encoded<Value: Encodable>(_ key: StaticString, _ value: Value?) throws {
            guard let value else { return }
            self.key(key)
            try write(encodedBy: encoder, value)
        }

        /// The encoder's JSON for `value` alone: in an array, as a value on its own need not be a document.
        private mutating func write(encodedBy encoder: any ContentEncoder, _ value: some Encodable) throws {
            var json = ByteBuffer()
            var headers = HTTPHeaders()
            try encoder.encode([value], to: &json, headers: &headers)
            body.writeBytes(json.readableBytesView.dropFirst().dropLast())
        }
    }

    /// A JSON string as the encoder writes it: `"` and `\` escaped, the control characters as \b, \t, \n,
    /// \f, \r or \u00xx (lowercase hex), everything else (slashes, DEL, all non-ASCII) as its UTF-8 bytes.
    static func writeString(_ value: String, into body: inout ByteBuffer) {
        body.writeStaticString("\"")
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                body.writeBytes(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): body.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): body.writeStaticString("\\\\")
                case 0x08: body.writeStaticString("\\b")
                case 0x09: body.writeStaticString("\\t")
                case 0x0A: body.writeStaticString("\\n")
                case 0x0C: body.writeStaticString("\\f")
                case 0x0D: body.writeStaticString("\\r")
                default:
                    let hex: StaticString = "0123456789abcdef"
                    body.writeStaticString("\\u00")
                    body.writeInteger(hex.utf8Start[Int(byte >> 4)])
                    body.writeInteger(hex.utf8Start[Int(byte & 0x0F)])
                }
            }
            body.writeBytes(UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        body.writeStaticString("\"")
    }

    /// A date as the encoder's ISO 8601 strategy writes it, "2027-01-15T08:00:59Z": the second it falls in
    /// (counted from the reference date, as Foundation does), in UTC. Only for the years 1900 to 9999, where
    /// Foundation's Gregorian calendar is the proleptic one computed here; false for any other date.
    static func writeDate(_ date: Date, into body: inout ByteBuffer) -> Bool {
        let reference = date.timeIntervalSinceReferenceDate.rounded(.down)
        guard reference.isFinite, abs(reference) < 1e12 else { return false }
        let seconds = Int64(reference) + 978_307_200
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let ofDay = Int(seconds - days * 86_400)
        // Days since 1970-01-01 to year, month and day (Howard Hinnant's civil_from_days).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
        let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        guard (1900...9999).contains(year) else { return false }
        var text: [UInt8] = Array("0000-00-00T00:00:00Z".utf8)
        func put(_ value: Int, at end: Int, digits: Int) {
            var value = value
            for offset in 0..<digits {
                text[end - offset] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(year, at: 3, digits: 4)
        put(month, at: 6, digits: 2)
        put(day, at: 9, digits: 2)
        put(ofDay / 3600, at: 12, digits: 2)
        put(ofDay / 60 % 60, at: 15, digits: 2)
        put(ofDay % 60, at: 18, digits: 2)
        body.writeStaticString("\"")
        body.writeBytes(text)
        body.writeStaticString("\"")
        return true
    }
}
