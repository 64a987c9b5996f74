import Foundation

/// Every version of an incident's entries, held in memory per incident in the picture's order (observation
/// time, then entry id), with the incident's last journal sequence when it was read: "as at T" is then a filter
/// of what is held (decision 0035, time travel). An entry version is never changed once written but for its
/// closing (`valid_to`), in the write that adds the next version, and every write of an entry appends an
/// event to the incident's journal. So what is held is true while the incident's last journal sequence is the
/// one it was read at; after a change it is read again, once for all who ask at the same time.
actor EntryHistories {
    /// One incident's versions as of a journal sequence.
    struct History: Sendable {
        let sequence: Int64
        let versions: [EntryVersionRow]

        /// The versions valid at `instant`, in the picture's order.
        func entries(at instant: Int64) -> [EntryVersionRow] { versions.filter { $0.isValid(at: instant) } }
    }

    /// How many versions are held at most, over all incidents (at the bench's 500 to 600 bytes a version,
    /// 100,000 are some 60 MB); the incidents asked about longest ago go first, and an incident with more
    /// versions than that is read for each answer and not held.
    private let budget: Int
    private var held: [UUID: (history: History, used: UInt64)] = [:]
    private var reading: [UUID: (sequence: Int64, task: Task<History, any Error>)] = [:]
    private var uses: UInt64 = 0

    init(budget: Int = 100_000) { self.budget = budget }

    /// The history of `incident` as of journal `sequence`: the one held, the one being read, or what `read`
    /// reads now (all the incident's versions in the picture's order, read after `sequence` was).
    func history(
        of incident: UUID, sequence: Int64, read: @escaping @Sendable () async throws -> [EntryVersionRow]
    ) async throws -> History {
        uses += 1
        if let kept = held[incident], kept.history.sequence == sequence {
            held[incident]?.used = uses
            return kept.history
        }
        if let pending = reading[incident], pending.sequence == sequence { return try await pending.task.value }
        let task = Task { History(sequence: sequence, versions: try await read()) }
        reading[incident] = (sequence, task)
        defer { if reading[incident]?.sequence == sequence { reading[incident] = nil } }
        let history = try await task.value
        // Meanwhile a later history may have been read: it is kept, not this one.
        if (held[incident]?.history.sequence ?? .min) < sequence { keep(history, of: incident) }
        return history
    }

    private func keep(_ history: History, of incident: UUID) {
        guard history.versions.count <= budget else { return }
        held[incident] = (history, uses)
        var count = held.values.reduce(0) { $0 + $1.history.versions.count }
        while count > budget, let oldest = held.min(by: { $0.value.used < $1.value.used }) {
            count -= oldest.value.history.versions.count
            held[oldest.key] = nil
        }
    }
}
