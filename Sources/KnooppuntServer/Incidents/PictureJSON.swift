import Foundation
import KnooppuntCore
import KnooppuntInterop
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// The picture as the API answers it: byte for byte the JSON the API's encoder (configure: sorted keys,
/// slashes unescaped, ISO 8601 dates in whole seconds) writes for a `PictureView`, with the entries written
/// here. The encoder builds a tree of every value and sorts the keys of every object before it writes; for a
/// picture with a thousand entries that was a quarter of the answer's time once the rows were read without
/// Fluent models. Everything but the entries still goes through the encoder (decision 0035, time travel).
enum PictureJSON {
    /// The answer for `picture`, with the headers the encoder would have set; entries written before come from
    /// `memory`.
    static func response(_ picture: PictureView, memory: EntryJSONMemory? = nil) throws -> Response {
        var headers = HTTPHeaders()
        let body = try encode(picture, memory: memory, headers: &headers)
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }

    /// The JSON of `picture` as the API's encoder writes it. The object's keys are sorted, so "entries" comes
    /// after the keys of `Head` and before those of `Tail`.
    static func encode(_ picture: PictureView, memory: EntryJSONMemory? = nil, headers: inout HTTPHeaders) throws -> ByteBuffer {
        let encoder = try apiEncoder()
        var head = ByteBuffer()
        try encoder.encode(Head(picture), to: &head, headers: &headers)
        var tail = ByteBuffer()
        try encoder.encode(Tail(picture), to: &tail, headers: &headers)
        guard head.readableBytesView.last == UInt8(ascii: "}"), tail.readableBytesView.first == UInt8(ascii: "{") else {
            throw Abort(.internalServerError, reason: "the picture's encoder does not write JSON objects")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(head.readableBytes + tail.readableBytes + 640 * picture.entries.count)
        bytes += head.readableBytesView.dropLast()
        append(#","entries":["#, to: &bytes)
        if let memory {
            for (index, json) in try memory.json(of: picture.entries, write: written).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes += json
            }
        } else {
            for (index, entry) in picture.entries.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                try write(entry, into: &bytes)
            }
        }
        append("],", to: &bytes)
        bytes += tail.readableBytesView.dropFirst()
        var body = ByteBufferAllocator().buffer(capacity: bytes.count)
        body.writeBytes(bytes)
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

    /// One entry as the encoder writes an `EntryView`: its keys sorted, those without a value left out. Each
    /// key is written with the comma before it, which the first one leaves off.
    static func write(_ entry: EntryView, into bytes: inout [UInt8]) throws {
        var object = ObjectWriter()
        // The writer holds the bytes while it writes, as their only owner, so they are not copied.
        swap(&object.bytes, &bytes)
        object.bytes.append(UInt8(ascii: "{"))
        try object.date(#","admittedAt":"#, entry.admittedAt)
        object.string(#","admittedBy":"#, entry.admittedBy)
        object.string(#","author":"#, entry.author)
        object.bool(#","awaitingAdmission":"#, entry.awaitingAdmission)
        object.string(#","classification":"#, entry.classification.rawValue)
        object.id(#","id":"#, entry.id)
        object.bool(#","inSharedPicture":"#, entry.inSharedPicture)
        try object.location(#","location":"#, entry.location)
        try object.date(#","observedAt":"#, entry.observedAt)
        object.string(#","onBehalfOf":"#, entry.onBehalfOf)
        object.string(#","organisation":"#, entry.organisation)
        object.bool(#","overdue":"#, entry.overdue)
        object.string(#","priority":"#, entry.priority.rawValue)
        object.string(#","source":"#, entry.source)
        object.string(#","text":"#, entry.text)
        object.string(#","theme":"#, entry.theme.description)
        try object.date(#","updatedAt":"#, entry.updatedAt)
        object.string(#","verification":"#, entry.verification.rawValue)
        try object.date(#","verifiedAt":"#, entry.verifiedAt)
        object.string(#","verifiedBy":"#, entry.verifiedBy)
        object.int(#","version":"#, entry.version)
        object.bytes.append(UInt8(ascii: "}"))
        swap(&object.bytes, &bytes)
    }

    /// The JSON of one entry on its own.
    static func written(_ entry: EntryView) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(640)
        try write(entry, into: &bytes)
        return bytes
    }

    /// Writes the keys and values of one JSON object in the order given.
    private struct ObjectWriter {
        var bytes: [UInt8] = []
        private var first = true

        /// `key` is `,"name":`; the first key of the object goes without its comma.
        private mutating func key(_ key: StaticString) {
            let text = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
            bytes.append(contentsOf: first ? UnsafeBufferPointer(rebasing: text.dropFirst()) : text)
            first = false
        }

        mutating func string(_ key: StaticString, _ value: String?) {
            guard let value else { return }
            self.key(key)
            PictureJSON.writeString(value, into: &bytes)
        }

        mutating func id(_ key: StaticString, _ value: UUID) {
            self.key(key)
            bytes.append(UInt8(ascii: "\""))
            UUIDText.write(value, into: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }

        mutating func bool(_ key: StaticString, _ value: Bool) {
            self.key(key)
            PictureJSON.append(value ? "true" : "false", to: &bytes)
        }

        mutating func int(_ key: StaticString, _ value: Int) {
            self.key(key)
            bytes += String(value).utf8
        }

        mutating func date(_ key: StaticString, _ value: Date?) throws {
            guard let value else { return }
            self.key(key)
            if !PictureJSON.writeDate(value, into: &bytes) { bytes += try PictureJSON.encoded(value) }
        }

        mutating func location(_ key: StaticString, _ value: JSONValue?) throws {
            guard let value else { return }
            self.key(key)
            try LocationJSON.write(value, into: &bytes)
        }
    }

    static func append(_ text: StaticString, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The encoder the API answers with (configure).
    static func apiEncoder() throws -> any ContentEncoder { try ContentConfiguration.global.requireEncoder(for: .json) }

    /// The API's encoder's JSON for `value` alone: in an array, as a value on its own need not be a document.
    static func encoded(_ value: some Encodable) throws -> [UInt8] {
        var json = ByteBuffer()
        var headers = HTTPHeaders()
        try apiEncoder().encode([value], to: &json, headers: &headers)
        return Array(json.readableBytesView.dropFirst().dropLast())
    }

    /// A JSON string as the encoder writes it: `"` and `\` escaped, the control characters as \b, \t, \n,
    /// \f, \r or \u00xx (lowercase hex), everything else (slashes, DEL, all non-ASCII) as its UTF-8 bytes.
    static func writeString(_ value: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { text in
            var start = 0
            for index in text.indices {
                let byte = text[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): append("\\\"", to: &bytes)
                case UInt8(ascii: "\\"): append("\\\\", to: &bytes)
                case 0x08: append("\\b", to: &bytes)
                case 0x09: append("\\t", to: &bytes)
                case 0x0A: append("\\n", to: &bytes)
                case 0x0C: append("\\f", to: &bytes)
                case 0x0D: append("\\r", to: &bytes)
                default:
                    let hex: StaticString = "0123456789abcdef"
                    append("\\u00", to: &bytes)
                    bytes.append(hex.utf8Start[Int(byte >> 4)])
                    bytes.append(hex.utf8Start[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A date as the encoder's ISO 8601 strategy writes it, "2027-01-15T08:00:59Z": the second it falls in
    /// (counted from the reference date, as Foundation does), in UTC. Only for the years 1900 to 9999, where
    /// Foundation's Gregorian calendar is the proleptic one computed here; false for any other date.
    static func writeDate(_ date: Date, into bytes: inout [UInt8]) -> Bool {
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
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        bytes.append(UInt8(ascii: "\""))
        digits(year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(ofDay / 3600, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(ofDay / 60 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(ofDay % 60, 2)
        append("Z\"", to: &bytes)
        return true
    }
}

/// An entry's location, a GeoJSON geometry kept as JSON text, read and written again for every picture that
/// shows it. Reading is remembered by the text's bytes (not by `String` equality, which takes canonically
/// equivalent texts for one); writing follows the encoder: strings as `PictureJSON.writeString`, each number
/// as the encoder writes that Double (remembered by its bits: 0.0 and -0.0 are equal and written apart), keys
/// sorted, and an object with a key outside ASCII, whose order is the encoder's to decide, by the encoder.
enum LocationJSON {
    private static let capacity = 20_000
    private static let values = NIOLockedValueBox<[[UInt8]: JSONValue]>([:])
    private static let numbers = NIOLockedValueBox<[UInt64: [UInt8]]>([:])

    /// The location stored as `text`, as `JSONDecoder` reads it.
    static func value(_ text: String) throws -> JSONValue {
        let key = Array(text.utf8)
        if let known = values.withLockedValue({ $0[key] }) { return known }
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(key))
        values.withLockedValue { remember(value, for: key, in: &$0) }
        return value
    }

    /// Writes `value` as the API's encoder writes it.
    static func write(_ value: JSONValue, into bytes: inout [UInt8]) throws {
        switch value {
        case .null: PictureJSON.append("null", to: &bytes)
        case .bool(let flag): PictureJSON.append(flag ? "true" : "false", to: &bytes)
        case .string(let text): PictureJSON.writeString(text, into: &bytes)
        case .number(let number):
            if let known = numbers.withLockedValue({ $0[number.bitPattern] }) { return bytes += known }
            let json = try PictureJSON.encoded(number)
            numbers.withLockedValue { remember(json, for: number.bitPattern, in: &$0) }
            bytes += json
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                try write(item, into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            guard members.keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { return bytes += try PictureJSON.encoded(value) }
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                PictureJSON.writeString(key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                try write(members[key]!, into: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Full, the memory starts again: the locations of the pictures being read come back first.
    private static func remember<Key: Hashable, Value>(_ value: Value, for key: Key, in memory: inout [Key: Value]) {
        if memory.count >= capacity { memory.removeAll(keepingCapacity: true) }
        memory[key] = value
    }
}
