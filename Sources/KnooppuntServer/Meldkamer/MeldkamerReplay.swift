import ArgumentParser
import AsyncHTTPClient
import Fluent
import Foundation
import KnooppuntCore
import Vapor

/// Replays meldkamer messages for an exercise (issue 20): at their original pace, or N× faster, as exercise
/// messages of one meldkamer, through the normal intake. The messages keep their spacing; their clock is
/// moved so the last one falls at the moment the replay started, so the grouping's time windows hold as on
/// the night itself and no message lies in the future.
actor MeldkamerReplays {
    struct Status: Content, Equatable {
        var meldkamer: String
        var total: Int
        var sent: Int
        var speed: Double
        var startedAt: Date
        var running: Bool
        /// Why it stopped early, if it did.
        var problem: String?
    }

    private var runs: [String: (task: Task<Void, Never>, status: Status)] = [:]

    /// The bundled set: the fire service's P2000 messages in Amsterdam on New Year's Eve 2019–2020.
    static func bundledSet() throws -> [MeldkamerIntake.MessageInput] {
        guard let url = Bundle.module.url(forResource: "p2000-amsterdam-nye2019", withExtension: "jsonl", subdirectory: "Resources/Reference")
        else { throw Problem.notFound("the bundled replay set is missing") }
        return try MeldkamerFile.read(try String(contentsOf: url, encoding: .utf8))
    }

    /// Each message with the delay (seconds from the start) at which it is sent and its moved time.
    static func schedule(_ inputs: [MeldkamerIntake.MessageInput], speed: Double, now: Date) -> [(delay: Double, input: MeldkamerIntake.MessageInput)] {
        let times = inputs.map { $0.receivedAt.flatMap(DateTimeText.parse) }
        guard let first = times.compactMap({ $0 }).min(), let last = times.compactMap({ $0 }).max() else {
            return inputs.enumerated().map { (Double($0.offset) / speed, $0.element) }
        }
        let shift = now.timeIntervalSince(last)
        return zip(inputs, times).map { input, time in
            var moved = input
            let at = time ?? first
            moved.receivedAt = JournalTime.string(from: at.addingTimeInterval(shift))
            return (at.timeIntervalSince(first) / speed, moved)
        }.sorted { $0.delay < $1.delay }
    }

    func status(_ meldkamer: String) -> Status? { runs[meldkamer]?.status }

    func start(
        _ inputs: [MeldkamerIntake.MessageInput], speed: Double, meldkamer: String, by author: PictureStore.Author, app: Application
    ) throws -> Status {
        if let run = runs[meldkamer], run.status.running {
            throw Problem.conflict("a replay for \(meldkamer) is running (\(run.status.sent) of \(run.status.total) sent); stop it first")
        }
        let context = app.knooppunt
        let plan = Self.schedule(inputs, speed: speed, now: context.clock.now())
        let status = Status(meldkamer: meldkamer, total: plan.count, sent: 0, speed: speed, startedAt: context.clock.now(), running: true)
        let task = Task { [weak self] in
            let started = ContinuousClock.now
            for (delay, input) in plan {
                let due = started.advanced(by: .milliseconds(Int64(delay * 1000)))
                do { try await Task.sleep(until: due, clock: .continuous) } catch { break }
                var message = input
                message.exercise = true
                do {
                    let intake = MeldkamerIntake(db: app.db, context: context)
                    _ = try await intake.take(try intake.check([message]), meldkamer: meldkamer, by: author, threadPool: nil)
                    await self?.sent(meldkamer)
                } catch {
                    await self?.finish(meldkamer, problem: "\(error)")
                    return
                }
            }
            await self?.finish(meldkamer, problem: nil)
        }
        runs[meldkamer] = (task, status)
        return status
    }

    func stop(_ meldkamer: String) -> Status? {
        guard let run = runs[meldkamer] else { return nil }
        run.task.cancel()
        var status = run.status
        status.running = false
        runs[meldkamer] = (run.task, status)
        return status
    }

    func stopAll() {
        for (code, run) in runs {
            run.task.cancel()
            runs[code]?.status.running = false
        }
    }

    private func sent(_ meldkamer: String) { runs[meldkamer]?.status.sent += 1 }

    private func finish(_ meldkamer: String, problem: String?) {
        runs[meldkamer]?.status.running = false
        runs[meldkamer]?.status.problem = problem
    }
}

/// Messages in a file: JSON lines (objects with `text` or `message`, `receivedAt` or `timestamp`, and
/// optionally `lat`, `lon`, `source`; other fields are ignored, and so is a `source` longer than a sender's
/// name, such as a data set's provenance) or raw pager lines, one per line.
enum MeldkamerFile {
    static let maximumMessages = 100_000

    static func read(_ text: String) throws -> [MeldkamerIntake.MessageInput] {
        var inputs: [MeldkamerIntake.MessageInput] = []
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard inputs.count < maximumMessages else {
                throw Problem.invalid("at most \(maximumMessages) messages per file", field: "line \(number + 1)")
            }
            if trimmed.hasPrefix("{") {
                guard let object = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any] else {
                    throw Problem.invalid("line \(number + 1) is not a JSON object", field: "line \(number + 1)")
                }
                guard let text = (object["text"] ?? object["message"]) as? String else {
                    throw Problem.invalid("line \(number + 1) has no text (or message)", field: "line \(number + 1)")
                }
                inputs.append(
                    MeldkamerIntake.MessageInput(
                        text: text, receivedAt: (object["receivedAt"] ?? object["timestamp"]) as? String,
                        source: (object["source"] as? String).flatMap { $0.count <= MeldkamerIntake.maximumSource ? $0 : nil },
                        lat: (object["lat"] as? NSNumber)?.doubleValue,
                        lon: (object["lon"] as? NSNumber)?.doubleValue))
            } else {
                inputs.append(contentsOf: MeldkamerIntake.inputs(plainText: trimmed))
            }
        }
        return inputs
    }
}

/// `knooppunt import meldkamer FILE --replay`: posts the messages one by one to a running node's intake, at
/// their original spacing divided by `speed`, with a calamiteitencoördinator's token.
struct MeldkamerReplayClient {
    let url: String?
    let token: String?
    let speed: Double
    let exercise: Bool

    func run(_ inputs: [MeldkamerIntake.MessageInput]) async throws {
        guard let url, let base = URL(string: url), base.scheme == "http" || base.scheme == "https" else {
            throw ValidationError("--replay needs --url, the node's address (http://host:port)")
        }
        guard let token, !token.isEmpty else {
            throw ValidationError("--replay needs a calamiteitencoördinator's bearer token: --token or KNOOPPUNT_TOKEN")
        }
        guard speed.isFinite, (1...100_000).contains(speed) else { throw ValidationError("--speed must be 1 to 100000") }
        let plan = MeldkamerReplays.schedule(inputs, speed: speed, now: Date())
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await send(plan, client: client, base: base, token: token)
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func send(_ plan: [(delay: Double, input: MeldkamerIntake.MessageInput)], client: HTTPClient, base: URL, token: String) async throws {
        let started = ContinuousClock.now
        var sent = 0
        for (delay, input) in plan {
            try await Task.sleep(until: started.advanced(by: .milliseconds(Int64(delay * 1000))), clock: .continuous)
            var message = input
            message.exercise = exercise
            var request = HTTPClientRequest(url: base.appendingPathComponent("api/v1/meldkamer/messages").absoluteString)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.body = .bytes(ByteBuffer(data: try JSONEncoder().encode(message)))
            let response = try await client.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .created || response.status == .ok else {
                throw ValidationError("the node refused message \(sent + 1) (\(response.status.code)): \(String(buffer: body).prefix(300))")
            }
            sent += 1
            print("\(sent)/\(plan.count) \(message.text.prefix(80))")
        }
        print("replayed \(sent) messages at \(speed)×")
    }
}
