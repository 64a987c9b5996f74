import Testing

@testable import KnooppuntCore

@Suite("Per-peer message order")
struct PeerSequenceTests {
    @Test("the next message is applied, earlier ones are duplicates, later ones wait for the gap to fill",
          arguments: [(1, 0, PeerSequence.Verdict.apply), (5, 4, .apply), (4, 4, .duplicate), (1, 9, .duplicate),
                      (3, 1, .gap(expected: 2)), (10, 0, .gap(expected: 1))])
    func verdicts(sequence: Int64, lastApplied: Int64, expected: PeerSequence.Verdict) {
        #expect(PeerSequence.verdict(for: sequence, lastApplied: lastApplied) == expected)
    }
}
