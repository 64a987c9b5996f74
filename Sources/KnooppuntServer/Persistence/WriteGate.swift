/// An async mutex that lets one write transaction at a time run on SQLite. SQLite refuses to upgrade a
/// transaction that has read to one that writes while another writer is active; queueing writers in
/// the process avoids that error instead of surfacing it to users. PostgreSQL needs no gate.
actor WriteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
