import Dispatch
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Runs parsing of untrusted documents (XML, large CSV) off Swift's cooperative threads, a few at a
/// time, with a deadline. The cooperative pool has one thread per core — two here — so one slow parse
/// on it stalls every request of the node. A parse that misses its deadline is answered 503 at once;
/// its thread finishes in the background (the prescan bounds how long that can be), and while the pool
/// is full further documents wait their turn or, past the queue bound, are told to come back.
final class ParsingPool: Sendable {
    static let shared = ParsingPool(concurrent: 2, waiting: 16)

    private let queue = DispatchQueue(label: "knooppunt.parsing", attributes: .concurrent)
    private let state: NIOLockedValueBox<(running: Int, waiting: [CheckedContinuation<Void, Never>])>
    private let concurrent: Int
    private let waitingLimit: Int

    init(concurrent: Int, waiting: Int) {
        self.concurrent = concurrent
        self.waitingLimit = waiting
        self.state = .init((0, []))
    }

    /// `work` on a parsing thread; `deadline` counts from when it starts.
    func run<T: Sendable>(_ what: String, deadline: Duration = .seconds(10), _ work: @escaping @Sendable () throws -> T)
        async throws -> T
    {
        try await acquire(what)
        let answer = Answer<T>()
        let result: Result<T, Error> = await withCheckedContinuation { continuation in
            answer.set(continuation)
            let timer = Task {
                try await Task.sleep(for: deadline)
                answer.resume(.failure(Problem(
                    status: .serviceUnavailable,
                    detail: "reading the \(what) took longer than \(deadline.components.seconds) seconds; it was not taken in")))
            }
            queue.async {
                let outcome = Result { try work() }
                timer.cancel()
                self.release()
                answer.resume(outcome)
            }
        }
        return try result.get()
    }

    private func acquire(_ what: String) async throws {
        enum Outcome { case run, wait, refuse }
        let outcome: Outcome = state.withLockedValue { state in
            if state.running < concurrent { state.running += 1; return .run }
            return state.waiting.count < waitingLimit ? .wait : .refuse
        }
        switch outcome {
        case .run: return
        case .refuse:
            throw Problem(status: .serviceUnavailable, detail: "the node is busy reading other documents; send the \(what) again shortly",
                          headers: ["Retry-After": "5"])
        case .wait:
            await withCheckedContinuation { continuation in
                let runNow = state.withLockedValue { state -> Bool in
                    if state.running < concurrent { state.running += 1; return true }
                    state.waiting.append(continuation)
                    return false
                }
                if runNow { continuation.resume() }
            }
        }
    }

    /// Hands the slot to the next waiting document, or frees it.
    private func release() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty { state.running -= 1; return nil }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }

    /// The first of result and deadline resumes the caller; the other is dropped.
    private final class Answer<T: Sendable>: Sendable {
        private let box = NIOLockedValueBox<(continuation: CheckedContinuation<Result<T, Error>, Never>?, done: Bool)>((nil, false))

        func set(_ continuation: CheckedContinuation<Result<T, Error>, Never>) {
            box.withLockedValue { $0.continuation = continuation }
        }

        func resume(_ result: Result<T, Error>) {
            let continuation = box.withLockedValue { state -> CheckedContinuation<Result<T, Error>, Never>? in
                guard !state.done else { return nil }
                state.done = true
                return state.continuation
            }
            continuation?.resume(returning: result)
        }
    }
}
