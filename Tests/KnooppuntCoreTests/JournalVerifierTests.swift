import Foundation
import Testing

@testable import KnooppuntCore

/// A stand-in digest (FNV-1a, hex) so these tests exercise the chain logic without a crypto library.
let testDigest: DigestFunction = { data in
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    return String(format: "%016llx", hash)
}

func chain(_ count: Int) -> [JournalRecord] {
    var records: [JournalRecord] = []
    var previous = JournalRecord.genesisHash
    for sequence in 1...Int64(count) {
        var record = JournalRecord(
            sequence: sequence, recordedAt: "2026-11-25T10:00:0\(sequence % 10).000Z", actor: "im-vr13",
            organisation: "VR13", kind: "entry.created", payload: #"{"n":\#(sequence)}"#, previousHash: previous)
        record.hash = testDigest(record.hashInput)
        previous = record.hash
        records.append(record)
    }
    return records
}

@Suite("Journal hash chain")
struct JournalVerifierTests {
    func verify(_ records: [JournalRecord], head: JournalRecord?) -> JournalVerifier.Outcome {
        JournalVerifier.verify(
            records, headSequence: head?.sequence ?? 0, headHash: head?.hash ?? JournalRecord.genesisHash,
            digest: testDigest)
    }

    @Test("an untouched chain is intact")
    func intact() {
        let records = chain(6)
        #expect(verify(records, head: records.last) == .intact(events: 6))
        #expect(verify([], head: nil) == .intact(events: 0))
    }

    @Test("an altered field breaks the chain at that event", arguments: [1, 3, 6])
    func altered(at sequence: Int) {
        var records = chain(6)
        records[sequence - 1].payload = #"{"n":999}"#
        #expect(verify(records, head: chain(6).last) == .broken(sequence: Int64(sequence), reason: "stored hash does not match the event's content"))
    }

    @Test("a removed event is named")
    func removed() {
        var records = chain(6)
        records.remove(at: 3)
        guard case .broken(let sequence, let reason) = verify(records, head: chain(6).last) else {
            Issue.record("not detected")
            return
        }
        #expect(sequence == 4)
        #expect(reason.contains("missing"))
    }

    @Test("a removed last event is caught by the head")
    func truncated() {
        let records = chain(6)
        guard case .broken(let sequence, _) = verify(Array(records.dropLast()), head: records.last) else {
            Issue.record("not detected")
            return
        }
        #expect(sequence == 6)
    }

    @Test("swapped events break the chain at the first of them")
    func reordered() {
        var records = chain(6)
        let third = records[2]
        records[2] = records[3]
        records[2].sequence = 3
        records[3] = third
        records[3].sequence = 4
        guard case .broken(let sequence, _) = verify(records, head: chain(6).last) else {
            Issue.record("not detected")
            return
        }
        #expect(sequence == 3)
    }

    @Test("the hash input separates fields unambiguously")
    func unambiguous() {
        var a = chain(1)[0]
        var b = a
        a.actor = "ab"
        a.organisation = "c"
        b.actor = "a"
        b.organisation = "bc"
        #expect(a.hashInput != b.hashInput)
    }
}

@Suite("Hex digests")
struct HexTests {
    @Test("bytes are written as two lowercase digits each, as stored hashes and token digests are")
    func lowercase() {
        #expect(Hex.lowercase([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
        #expect(Hex.lowercase([UInt8]()) == "")
        let every = Hex.lowercase((0...255).map(UInt8.init))
        #expect(every.count == 512)
        #expect(every.hasPrefix("000102") && every.hasSuffix("fdfeff"))
    }
}
