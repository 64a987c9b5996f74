import Foundation
import NIOConcurrencyHelpers

/// Each entry version's JSON as `PictureJSON` writes it, remembered by entry, version and whether it is overdue:
/// a version never changes once written (decision 0005), so neither does its JSON, and a picture as at any
/// moment is then mostly the JSON of versions written before (decision 0035, time travel). Full, the memory
/// starts again.
final class EntryJSONMemory: Sendable {
    private struct Key: Hashable {
        let entry: UUID
        let version: Int
        let overdue: Bool
    }

    /// Bytes of JSON held at most.
    private let budget: Int
    private let memory = NIOLockedValueBox<(json: [Key: [UInt8]], bytes: Int)>(([:], 0))

    init(budget: Int = 32 << 20) { self.budget = budget }

    /// The JSON of each of `entries`, remembered or written now by `write`.
    func json(of entries: [EntryView], write: (EntryView) throws -> [UInt8]) rethrows -> [[UInt8]] {
        let keys = entries.map { Key(entry: $0.id, version: $0.version, overdue: $0.overdue) }
        var json = memory.withLockedValue { held in keys.map { held.json[$0] } }
        var written: [(Key, [UInt8])] = []
        for index in json.indices where json[index] == nil {
            let bytes = try write(entries[index])
            json[index] = bytes
            written.append((keys[index], bytes))
        }
        if !written.isEmpty {
            memory.withLockedValue { held in
                for (key, bytes) in written {
                    if held.bytes + bytes.count > budget { held = ([:], 0) }
                    held.json[key] = bytes
                    held.bytes += bytes.count
                }
            }
        }
        return json.map { $0! }
    }
}
