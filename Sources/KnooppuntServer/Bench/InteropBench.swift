import Foundation
import Histogram
import KnooppuntCore
import KnooppuntInterop

/// `knooppunt bench interop`: how fast the open-standard paths are, on the shared corpus. Each case is
/// run `iterations` times over its inputs; every run is timed on its own.
struct InteropBench {
    struct Case {
        let name: String
        let inputs: Int
        let bytes: Int
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var total: UInt64 = 0

        var markdownRow: String {
            let runs = Double(histogram.totalCount)
            let perSecond = runs / (Double(total) / 1_000_000)
            return String(format: "| %@ | %d | %.0f | %.0f | %.3f | %.3f | %.3f |", name, inputs, Double(bytes) / 1024, perSecond,
                          Double(histogram.valueAtPercentile(50)) / 1000, Double(histogram.valueAtPercentile(99)) / 1000,
                          Double(histogram.max) / 1000)
        }
    }

    let corpus: URL
    let iterations: Int

    static let header = "| Case | Inputs | KiB | Per second | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|"

    private static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds / 1000 }

    private func files(_ folder: String) throws -> [Data] {
        let url = corpus.appendingPathComponent(folder)
        return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "xml" }.sorted { $0.path < $1.path }.map { try Data(contentsOf: $0) }
    }

    private func measure(_ name: String, _ inputs: [Data], _ body: (Data) throws -> Void) rethrows -> Case {
        var result = Case(name: name, inputs: inputs.count, bytes: inputs.reduce(0) { $0 + $1.count })
        for _ in 0..<iterations {
            for input in inputs {
                let start = Self.now()
                try body(input)
                let elapsed = Swift.max(1, Self.now() - start)
                _ = result.histogram.record(elapsed)
                result.total += elapsed
            }
        }
        return result
    }

    func run() throws -> [Case] {
        let valid = try files("cap/valid")
        let signed = valid.filter { $0.range(of: Data("SignatureValue".utf8)) != nil }
        let alerts = try valid.map { try CAPReader.read($0).alert }
        let envelopes = try files("edxl-de/v1.0/valid") + files("edxl-de/v2.0/valid")
        let parsed = try envelopes.map { try EDXLReader.read($0) }
        var cases: [Case] = []
        cases.append(try measure("CAP read: schema, rules, signatures (cap/valid)", valid) { _ = try CAPReader.read($0) })
        cases.append(try measure("CAP read, signed alerts only", signed) { _ = try CAPReader.read($0) })
        var index = 0
        cases.append(measure("CAP write (cap/valid content)", valid) { _ in
            _ = CAPWriter.xml(alerts[index % alerts.count])
            index += 1
        })
        cases.append(try measure("EDXL-DE read (1.0 and 2.0 valid)", envelopes) { _ = try EDXLReader.read($0) })
        index = 0
        cases.append(measure("EDXL-DE write", envelopes) { _ in
            let (envelope, version) = parsed[index % parsed.count]
            _ = EDXLWriter.xml(envelope, version: version)
            index += 1
        })
        let report = Self.largeReport()
        cases.append(measure("SitRap PDF, 300 entries", [Data()]) { _ in
            var pdf = PDFWriter(title: "Bench", footer: "Bench")
            for theme in report.themes {
                pdf.text(theme.name, font: .bold, size: 11)
                for entry in theme.entries { pdf.text("• \(entry.text) (\(entry.source))", indent: 6) }
            }
            _ = pdf.data()
        })
        return cases
    }

    /// A SitRap of 300 verified entries over the five disciplines, composed as the server would.
    static func largeReport() -> SitRap {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let state = IncidentState(title: "Bench", category: .brand, startedAt: start, grip: .two,
                                  involvedRegions: [RegionCode(number: 13)], leadRegion: RegionCode(number: 13))
        let entries = (0..<300).map { number in
            SitRapComposer.SourceEntry(
                theme: Theme.disciplines[number % Theme.disciplines.count],
                text: "Melding \(number): rookontwikkeling richting de A10, verkeer wordt omgeleid via de ring en de tunnel",
                source: "OvD", observedAt: start.addingTimeInterval(Double(number)), priority: .normaal, verification: .verified,
                classification: .internal, inSharedPicture: true, onBehalfOf: nil)
        }
        return SitRapComposer.compose(.init(
            number: 1, reference: "VR13-2027-0001", moment: start.addingTimeInterval(600), state: state, history: [(start, state)],
            entries: entries, decisions: [], actions: [], partners: [], issuedAt: start.addingTimeInterval(600), issuedBy: "bench",
            issuedByOrganisation: "VR13", scheduled: false, unverified: .leaveOut, ceiling: .internal, summary: nil))
    }
}
