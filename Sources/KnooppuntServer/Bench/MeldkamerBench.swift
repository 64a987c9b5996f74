import Foundation
import Histogram
import KnooppuntCore
import KnooppuntInterop

/// `knooppunt bench meldkamer`: the meldkamer intake on one thread. A file of P2000 lines (JSON lines with
/// `message` and `timestamp`) is replayed `rounds` times, each round shifted in time so that it continues
/// where the previous one ended. Every message is read from its text alone (coordinates withheld), located
/// with the gazetteer of the bundled reference data and grouped against the open proposals of its region, as
/// the intake does; proposals whose last message is more than 30 minutes old are closed, so the open set
/// stays what a real stream would keep. The gazetteer is built before the clock starts.
struct MeldkamerBench {
    /// One line of the file: its text and when it was received.
    struct Line: Sendable {
        var text: String
        var receivedAt: Date
    }

    /// The gazetteer of the bundled municipalities and regions, with what building it cost.
    struct Reference {
        var gazetteer: Gazetteer
        var areas: [MunicipalityArea]
        /// Reading the bundled GeoJSON and making the boundaries, in milliseconds.
        var loadMilliseconds: Double
        /// `Gazetteer(areas:regionNames:)` alone, in milliseconds.
        var gazetteerMilliseconds: Double
    }

    /// What one run measured; encoded as the `--json` object.
    struct Report: Encodable {
        var file: String
        var linesPerRound: Int
        var rounds: Int
        var messages: Int
        var proposalsOpened: Int
        var messagesJoined: Int
        /// Announcements and messages without a region: kept, never grouped.
        var messagesNotGrouped: Int
        /// Messages whose municipality was found from the text.
        var messagesWithMunicipality: Int
        var mostOpenProposals: Int
        /// Wall-clock time of the replay (clock reads and recording included), and messages per second of it.
        var seconds: Double
        var messagesPerSecond: Double
        /// The replaying thread's CPU time, and messages per second of it: what one core does when the machine
        /// also runs other work.
        var cpuSeconds: Double
        var messagesPerCPUSecond: Double
        var p50Microseconds: Double
        var p99Microseconds: Double
        var maxMicroseconds: Double
        var referenceLoadMilliseconds: Double
        var gazetteerBuildMilliseconds: Double
        var threads: Int
        var cores: Int

        var text: String {
            [
                "meldkamer intake: \(messages) messages (\(linesPerRound) lines × \(rounds) rounds of \(file)), "
                    + "one thread, \(cores) cores",
                String(
                    format: "reference data read in %.1f ms, gazetteer built in %.1f ms (not timed)",
                    referenceLoadMilliseconds, gazetteerBuildMilliseconds),
                "proposals opened \(proposalsOpened), messages joined \(messagesJoined), not grouped \(messagesNotGrouped), "
                    + "municipality found \(messagesWithMunicipality), at most \(mostOpenProposals) proposals open",
                String(
                    format: "read + locate + group: %.0f msgs/s (%.0f per CPU second); per message p50 %.1f µs, "
                        + "p99 %.1f µs, max %.1f µs",
                    messagesPerSecond, messagesPerCPUSecond, p50Microseconds, p99Microseconds, maxMicroseconds),
            ].joined(separator: "\n")
        }
    }

    let file: String
    let lines: [Line]
    let rounds: Int

    /// The lines of a JSON-lines file, in the order given; every line needs a `message` and a `timestamp`.
    static func lines(of url: URL) throws -> [Line] {
        struct Record: Decodable {
            let message: String
            let timestamp: String
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        let formatter = ISO8601DateFormatter()
        var lines: [Line] = []
        for (number, row) in text.split(whereSeparator: \.isNewline).enumerated()
        where !row.allSatisfy(\.isWhitespace) {
            guard let record = try? JSONDecoder().decode(Record.self, from: Data(row.utf8)),
                let date = formatter.date(from: record.timestamp)
            else { throw BenchError("\(url.path) line \(number + 1): no message and ISO 8601 timestamp") }
            lines.append(Line(text: record.message, receivedAt: date))
        }
        guard !lines.isEmpty else { throw BenchError("\(url.path) holds no messages") }
        return lines
    }

    /// The gazetteer the server would build from its bundled municipality and region files.
    static func reference() throws -> Reference {
        let loadStart = now()
        let regionFeatures = try FeatureCollectionReader.read(ReferenceData.resource("veiligheidsregios"))
        let municipalityFeatures = try FeatureCollectionReader.read(ReferenceData.resource("gemeenten"))
        var regionNames: [(String, RegionCode)] = []
        for feature in regionFeatures {
            guard let code = feature.properties["vr_code"].flatMap(RegionCode.init) else { continue }
            for key in ["vr_name", "vr_name_alt"] {
                if let name = feature.properties[key] { regionNames.append((name, code)) }
            }
        }
        let areas = municipalityFeatures.compactMap { feature -> MunicipalityArea? in
            let p = feature.properties
            guard let code = p["gm_code"], let region = p["vr_code"].flatMap(RegionCode.init) else { return nil }
            return MunicipalityArea(
                code: code, name: p["gm_name"] ?? code, region: region,
                boundary: GeoJSONShapes.polygons(fromJSON: feature.geometryJSON))
        }
        let buildStart = now()
        let gazetteer = Gazetteer(areas: areas, regionNames: regionNames)
        let end = now()
        return Reference(
            gazetteer: gazetteer, areas: areas, loadMilliseconds: Double(buildStart - loadStart) / 1e6,
            gazetteerMilliseconds: Double(end - buildStart) / 1e6)
    }

    /// Rounds needed for at least `messages` messages.
    static func rounds(toReach messages: Int, lines: Int) -> Int { max(1, (messages + lines - 1) / max(1, lines)) }

    /// How far each round is moved in time: the file's span plus its average gap, so the next round's first
    /// message follows the last one as the file's messages follow each other.
    static func shift(of lines: [Line]) -> TimeInterval {
        let times = lines.map(\.receivedAt)
        guard let first = times.min(), let last = times.max(), lines.count > 1, last > first else { return 60 }
        let span = last.timeIntervalSince(first)
        return span + span / Double(lines.count - 1)
    }

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// The CPU time of the calling thread, in nanoseconds.
    private static func threadCPUTime() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    func run(reference: Reference) -> Report {
        let gazetteer = reference.gazetteer
        let areas = reference.areas
        let locate: (Position) -> GazetteerMunicipality? = { point in
            Gazetteer.municipality(at: point, in: areas).flatMap { gazetteer.municipality(code: $0.code) }
        }
        let shift = Self.shift(of: lines)
        var histogram = Histogram<UInt64>(highestTrackableValue: 10_000_000_000, numberOfSignificantValueDigits: .three)
        var open: [RegionCode: [ProposalSnapshot]] = [:]
        var opened = 0, joined = 0, notGrouped = 0, located = 0, mostOpen = 0
        let runStart = Self.now()
        let cpuStart = Self.threadCPUTime()
        for round in 0..<rounds {
            let offset = shift * Double(round)
            for line in lines {
                let receivedAt = line.receivedAt.addingTimeInterval(offset)
                let start = Self.now()
                let reading = MeldkamerReader.read(line.text, coordinates: nil, gazetteer: gazetteer, locate: locate)
                let message = GroupedMessage(receivedAt: receivedAt, reading: reading)
                if ProposalGrouping.proposes(reading), let region = reading.region {
                    // A proposal whose last message is more than the window old takes no more messages.
                    open[region, default: []].removeAll {
                        receivedAt.timeIntervalSince($0.lastAt) > ProposalGrouping.streetWindow
                    }
                    if let match = ProposalGrouping.match(message, among: open[region] ?? []),
                        let index = open[region]?.firstIndex(where: { $0.id == match.proposalID })
                    {
                        open[region]?[index].messages.append(message)
                        joined += 1
                    } else {
                        opened += 1
                        open[region, default: []].append(
                            ProposalSnapshot(id: "p\(opened)", region: region, messages: [message]))
                    }
                    mostOpen = max(mostOpen, open[region]?.count ?? 0)
                } else {
                    notGrouped += 1
                }
                _ = histogram.record(max(1, Self.now() - start))
                if reading.municipality != nil { located += 1 }
            }
        }
        let cpuSeconds = Double(Self.threadCPUTime() - cpuStart) / 1e9
        let seconds = Double(Self.now() - runStart) / 1e9
        let messages = lines.count * rounds
        return Report(
            file: file, linesPerRound: lines.count, rounds: rounds, messages: messages, proposalsOpened: opened,
            messagesJoined: joined, messagesNotGrouped: notGrouped, messagesWithMunicipality: located,
            mostOpenProposals: mostOpen, seconds: seconds, messagesPerSecond: Double(messages) / seconds,
            cpuSeconds: cpuSeconds, messagesPerCPUSecond: Double(messages) / cpuSeconds,
            p50Microseconds: Double(histogram.valueAtPercentile(50)) / 1000,
            p99Microseconds: Double(histogram.valueAtPercentile(99)) / 1000, maxMicroseconds: Double(histogram.max) / 1000,
            referenceLoadMilliseconds: reference.loadMilliseconds, gazetteerBuildMilliseconds: reference.gazetteerMilliseconds,
            threads: 1, cores: ProcessInfo.processInfo.activeProcessorCount)
    }
}
