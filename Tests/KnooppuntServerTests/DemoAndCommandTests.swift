import Fluent
import Foundation
import KnooppuntCore
import KnooppuntInterop
import Testing
import Vapor

@testable import KnooppuntServer

@Suite("Demo data")
struct DemoTests {
    @Test("the demo has the regions, the national node, 15+ partners and a user for every role")
    func contents() async throws {
        try await withTestApp { app in
            let organisations = try await OrganisationModel.query(on: app.db).all()
            #expect(organisations.filter { $0.kind == "region" }.count == 25)
            #expect(organisations.filter { $0.kind == "national-node" }.map(\.code) == ["KCR2"])
            #expect(organisations.filter { $0.kind == "partner" }.count >= 15)
            let users = try await UserModel.query(on: app.db).with(\.$organisation).all()
            // Emergency accounts live on the national node only (see below).
            #expect(Set(users.map(\.role)) == Set(Role.allCases.filter { !$0.isEmergencyAccount }.map(\.rawValue)))
            let im = try #require(users.first { $0.username == "im-vr13" })
            #expect(im.role == "informatiemanager")
            #expect(im.organisation.code == "VR13")
            #expect(users.contains { $0.username == "admin" && $0.role == "beheerder" })
        }
    }

    @Test("the demo incident: a picture, a map with an effect area, Rijkswaterstaat linked and alerted")
    func demoIncident() async throws {
        try await withTestApp { app in
            try await DemoIncident.seed(app)
            try await DemoIncident.seed(app)  // once only
            #expect(try await IncidentModel.query(on: app.db).count() == 1)
            let rws = try await HTTP.login(app, "rws")
            let list = try await HTTP.send(app, .GET, "/api/v1/incidents", token: rws).content.decode([IncidentView].self)
            let incident = try #require(list.first)
            #expect(incident.title == "Hoogwater Amstel bij Ouderkerk" && incident.grip == .one)
            let entries = try await Picture.picture(app, incident.id, token: rws).entries
            #expect(entries.count == 7, "three entries, the care home's line via the detached HIN, Rijkswaterstaat's CAP warning and the two effects the risk picture carried")
            #expect(entries.filter { $0.text.hasPrefix("Verwacht effect: ") }.map(\.organisation) == ["RWS", "WS-AGV"], "carried by their authors")
            let pictures = try await HTTP.send(app, .GET, "/api/v1/regions/VR13/risk-pictures", token: try await HTTP.login(app, "im-vr13"))
                .content.decode([RiskPictures.PictureDTO].self)
            #expect(pictures.map(\.status) == [.open, .escalated], "the storm forecast is open; the high water became this incident")
            #expect(pictures.last?.incident == incident.id)
            #expect(entries.contains { $0.onBehalfOf == "AMSTELHOF" && $0.organisation == "VR13" })
            // Waternet's liaison supplied a line that waits for the IM: it sees that one line, Rijkswaterstaat none of it.
            let supplied = try await Picture.picture(app, incident.id, token: try await HTTP.login(app, "liaison-waternet")).entries
            #expect(supplied.map(\.awaitingAdmission) == [true] && supplied.first?.theme == .partner("WATERNET"))
            #expect(entries.contains { $0.source.hasPrefix("CAP Rijkswaterstaat") })
            let sitraps = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/sitraps", token: rws)
                .content.decode([SitRapSummaryDTO].self)
            #expect(sitraps.map(\.number) == [1])
            let im = try await HTTP.login(app, "im-vr13")
            let area = try await HTTP.send(app, .GET, "/api/v1/incidents/\(incident.id)/affected-area", token: im)
                .content.decode(AffectedAreaView.self)
            #expect(area.municipalities.map(\.code).contains("GM0437"))  // Ouder-Amstel
            let alerts = try await HTTP.send(app, .GET, "/api/v1/alerts", token: rws).content.decode([PartnerAlertDTO].self)
            #expect(alerts.map(\.incident) == [incident.id])
        }
    }

    @Test("seeding again changes nothing")
    func idempotent() async throws {
        try await withTestApp { app in
            let before = try await HTTP.journalLength(app)
            #expect(try await DemoSeeder.seed(app) == .skippedNotEmpty)
            #expect(try await HTTP.journalLength(app) == before)
        }
    }
}

@Suite("Command line")
struct CommandTests {
    @Test("user add, passwd and disable work on the database the server uses")
    func userCommands() async throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data-dir", directory.path]

        let demo = try Binary.run(["demo"] + data)
        #expect(demo.status == 0, "\(demo.error)")
        #expect(demo.output.contains("im-vr13"))

        let added = try Binary.run(
            ["user", "add", "hin-vr12", "--name", "Kees Hoek", "--organisation", "VR12", "--role", "hoofd-informatie"]
                + data, stdin: "eerste-wachtwoord\n")
        #expect(added.status == 0, "\(added.error)")
        let duplicate = try Binary.run(
            ["user", "add", "hin-vr12", "--name", "X", "--organisation", "VR12", "--role", "hin-gedetacheerd"] + data,
            stdin: "eerste-wachtwoord\n")
        #expect(duplicate.status != 0)
        #expect(duplicate.error.contains("already exists"))
        let badRole = try Binary.run(
            ["user", "add", "x1", "--name", "X", "--organisation", "VR12", "--role", "koning"] + data, stdin: "abcdefghijk\n")
        #expect(badRole.status != 0)
        #expect(badRole.error.contains("unknown role 'koning'"))

        let passwd = try Binary.run(["user", "passwd", "hin-vr12"] + data, stdin: "tweede-wachtwoord\n")
        #expect(passwd.status == 0, "\(passwd.error)")
        let short = try Binary.run(["user", "passwd", "hin-vr12"] + data, stdin: "kort\n")
        #expect(short.status != 0)
        #expect(short.error.contains("at least 10 characters"))

        let file = directory.appendingPathComponent("knooppunt.sqlite").path
        try await withTestApp(demo: false, database: .sqliteFile(file)) { app in
            _ = try await HTTP.login(app, "hin-vr12", password: "tweede-wachtwoord")
        }

        let disabled = try Binary.run(["user", "disable", "hin-vr12"] + data)
        #expect(disabled.status == 0, "\(disabled.error)")
        try await withTestApp(demo: false, database: .sqliteFile(file)) { app in
            let response = try await HTTP.send(
                app, .POST, "/api/v1/session", json: #"{"username":"hin-vr12","password":"tweede-wachtwoord"}"#)
            #expect(response.status == .unauthorized)
        }
        let verify = try Binary.run(["verify-journal"] + data)
        #expect(verify.status == 0, "\(verify.error)")
    }

    @Test("import cap takes in valid alerts, refuses invalid ones with their reason, and exits non-zero when any was refused")
    func importCAP() async throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data-dir", directory.path]
        let file = directory.appendingPathComponent("knooppunt.sqlite").path
        try await withTestApp(demo: true, database: .sqliteFile(file)) { _ in }
        let cap = Warnings.corpus
        let good = cap.appendingPathComponent("valid/wmo--sc-valid.xml").path
        let bad = cap.appendingPathComponent("invalid/wmo--sc-invalid_digest.xml").path
        let run = try Binary.run(["import", "cap", good, bad, "--as", "im-vr13"] + data)
        #expect(run.status != 0)
        #expect(run.output.contains("\(good): taken in as urn:oid:2.49.0.0.690.0.2024.5.19.13.18.0 (signature verified"))
        #expect(run.output.contains("\(bad): refused: signature refused: the signature's DigestValue is not valid base64"))
        let again = try Binary.run(["import", "cap", good, "--as", "im-vr13"] + data)
        #expect(again.status == 0, "\(again.error)")
        #expect(again.output.contains("already taken in"))
        let partner = try Binary.run(["import", "cap", good, "--as", "rws"] + data)
        #expect(partner.status != 0 && partner.error.contains("partners share warnings"))
    }

    @Test("import meldkamer takes in the shared Amsterdam set once, groups it into proposals, and refuses an unknown meldkamer")
    func importMeldkamer() async throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data-dir", directory.path]
        let file = directory.appendingPathComponent("knooppunt.sqlite").path
        try await withTestApp(demo: true, database: .sqliteFile(file)) { _ in }
        let set = TestPaths.packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/data/p2000/p2000_brandweer_nye2019_amsterdam.jsonl").path
        let run = try Binary.run(["import", "meldkamer", set, "--meldkamer", "MK-AA"] + data)
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("297 messages: 297 stored, 0 already there"), "\(run.output)")
        let again = try Binary.run(["import", "meldkamer", set, "--meldkamer", "MK-AA"] + data)
        #expect(again.output.contains("0 stored, 297 already there"), "\(again.output)")
        let unknown = try Binary.run(["import", "meldkamer", set, "--meldkamer", "MK-XX"] + data)
        #expect(unknown.status != 0 && unknown.error.contains("--meldkamer must be one of"))
        let lines = directory.appendingPathComponent("lines.txt")
        try "P 2 BDH-02 Buitenbrand Lijsterbesstraat SGRAVH 159635\nP 1 BR woning , Coolsingel ROTTDM 171230\n".write(to: lines, atomically: true, encoding: .utf8)
        let raw = try Binary.run(["import", "meldkamer", lines.path, "--meldkamer", "MK-DH", "--exercise"] + data)
        // Rotterdam is not Den Haag's: stored, but no proposal (decision 0034).
        #expect(raw.output.contains("2 messages: 2 stored") && raw.output.contains("incident proposals: 1"), "\(raw.output)")
    }

    @Test("node init makes the key pair once, node trust registers a peer, node show lists both")
    func nodeCommands() throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data-dir", directory.path]
        let made = try Binary.run(["node", "init", "--name", "vr13"] + data)
        #expect(made.status == 0, "\(made.error)")
        let key = try #require(made.output.split(separator: "\n").first { $0.hasPrefix("public key ") }?.dropFirst("public key ".count))
        #expect(NodeKeys.publicKey(String(key)) != nil)
        let twice = try Binary.run(["node", "init", "--name", "vr13"] + data)
        #expect(twice.status != 0 && twice.error.contains("already is 'vr13'"))
        let peer = NodeKeys.generate().publicKey
        let trusted = try Binary.run(["node", "trust", "kcr2", "https://kcr2.example.nl", peer] + data)
        #expect(trusted.status == 0, "\(trusted.error)")
        let bad = try Binary.run(["node", "trust", "kcr2", "https://kcr2.example.nl", "not-a-key"] + data)
        #expect(bad.status != 0 && bad.error.contains("not an Ed25519 public key"))
        let shown = try Binary.run(["node", "show"] + data)
        #expect(shown.output.contains("node vr13") && shown.output.contains("public key \(key)"))
        #expect(shown.output.contains("trusts kcr2 at https://kcr2.example.nl with key \(peer)"))
    }

    @Test("report access lists links and broken glass since a date, as text or CSV")
    func accessReport() async throws {
        let directory = try TestPaths.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = ["--data-dir", directory.path]
        let file = directory.appendingPathComponent("knooppunt.sqlite").path
        try await withTestApp(demo: true, database: .sqliteFile(file)) { app in
            let im = try await HTTP.login(app, "im-vr13")
            let chair = try await HTTP.login(app, "voorzitter-vr13")
            let incident = try await Picture.createIncident(app, token: im)
            _ = try await Access.link(app, incident.id, "RWS", token: im)
            let opened = try await HTTP.send(
                app, .POST, "/api/v1/incidents/\(incident.id)/break-glass",
                json: #"{"organisation":"JENV","reason":"Dreiging beoordelen","until":"\#(Access.until(app, hours: 2))"}"#, token: chair)
            #expect(opened.status == .created)
        }
        let text = try Binary.run(["report", "access", "--since", "2000-01-01"] + data)
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.contains("access.granted  im-vr13 (VR13) → RWS"))
        #expect(text.output.contains("access.break-glass  voorzitter-vr13 (VR13) → JENV"))
        #expect(text.output.contains("\"Dreiging beoordelen\""))
        #expect(text.output.contains("2 access events since"))
        let later = try Binary.run(["report", "access", "--since", "2190-01-01"] + data)
        #expect(later.output.contains("0 access events since"))
        let csv = try Binary.run(["report", "access", "--since", "2000-01-01", "--format", "csv"] + data)
        #expect(csv.output.hasPrefix("at,kind,actor,actor_organisation,incident,organisation"))
        let bad = try Binary.run(["report", "access", "--since", "gisteren"] + data)
        #expect(bad.status != 0 && bad.error.contains("--since"))
    }

    @Test("a bad setting stops the start with a message naming the key")
    func badConfiguration() throws {
        let run = try Binary.run(["migrate"], environment: ["KNOOPPUNT_PORT": "http"])
        #expect(run.status != 0)
        #expect(run.error.contains("KNOOPPUNT_PORT"))
    }
}

@Suite("Configuration")
struct ConfigurationTests {
    @Test("defaults: port 8080, ./data, SQLite file in the data folder")
    func defaults() throws {
        let config = try KnooppuntConfiguration.load(environment: [:])
        #expect(config.port == 8080)
        #expect(config.dataDirectory == "./data")
        #expect(config.database == .sqliteFile(URL(fileURLWithPath: "./data/knooppunt.sqlite").path))
    }

    @Test("flags win over KNOOPPUNT_* variables, which win over defaults")
    func precedence() throws {
        let env = ["KNOOPPUNT_PORT": "9000", "KNOOPPUNT_HOST": "0.0.0.0", "KNOOPPUNT_DATA_DIR": "/srv/kp"]
        let fromEnv = try KnooppuntConfiguration.load(environment: env)
        #expect(fromEnv.port == 9000)
        #expect(fromEnv.host == "0.0.0.0")
        #expect(fromEnv.database == .sqliteFile("/srv/kp/knooppunt.sqlite"))
        #expect(try KnooppuntConfiguration.load(environment: ["KNOOPPUNT_ROLE": "region", "KNOOPPUNT_REGION": "VR13"]).role
            == .region(RegionCode(number: 13)))
        #expect(try KnooppuntConfiguration.load(environment: [:], overrides: .init(role: "national")).role == .national)
        #expect(try KnooppuntConfiguration.load(environment: [:]).role == .standalone)
        let flagged = try KnooppuntConfiguration.load(
            environment: env, overrides: .init(port: 8181, databaseURL: "postgres://kp:geheim@db.local/kp"))
        #expect(flagged.port == 8181)
        #expect(flagged.database == .postgres("postgres://kp:geheim@db.local/kp"))
    }

    @Test(
        "bad values name their key",
        arguments: [
            (["KNOOPPUNT_PORT": "70000"], "KNOOPPUNT_PORT"),
            (["KNOOPPUNT_DATABASE_URL": "mysql://x"], "KNOOPPUNT_DATABASE_URL"),
            (["KNOOPPUNT_BCRYPT_COST": "4"], "KNOOPPUNT_BCRYPT_COST"),
            (["KNOOPPUNT_SECURE_COOKIES": "ja"], "KNOOPPUNT_SECURE_COOKIES"),
            (["KNOOPPUNT_TILE_URL": "not a url"], "KNOOPPUNT_TILE_URL"),
            (["KNOOPPUNT_ROLE": "province"], "KNOOPPUNT_ROLE"),
            (["KNOOPPUNT_ROLE": "region"], "KNOOPPUNT_REGION"),
            (["KNOOPPUNT_ROLE": "region", "KNOOPPUNT_REGION": "VR26"], "KNOOPPUNT_REGION"),
        ])
    func badValues(environment: [String: String], key: String) {
        #expect(throws: ConfigurationError.self) { try KnooppuntConfiguration.load(environment: environment) }
        do {
            _ = try KnooppuntConfiguration.load(environment: environment)
        } catch {
            #expect(error.key == key)
        }
    }

    @Test("a database password never appears in error messages")
    func redaction() {
        do {
            _ = try KnooppuntConfiguration.load(environment: ["KNOOPPUNT_DATABASE_URL": "mysql://kp:geheim@db/kp"])
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains("geheim"))
        }
    }
}

@Suite("Migrate command")
struct MigrateCommandTests {
    @Test("migrate creates the SQLite file on first run and loads the reference data")
    func sqlite() async throws {
        let directory = try TestPaths.temporaryDirectory().appendingPathComponent("nieuw")
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let run = try Binary.run(["migrate", "--data-dir", directory.path])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("sqlite"))
        let file = directory.appendingPathComponent("knooppunt.sqlite").path
        #expect(FileManager.default.fileExists(atPath: file))
        try await withTestApp(demo: false, database: .sqliteFile(file)) { app async throws in
            #expect(try await RegionModel.query(on: app.db).count() == 25)
            #expect(try await MunicipalityModel.query(on: app.db).count() == 342)
        }
    }

    @Test("with --database-url the same migrations run on PostgreSQL")
    func postgres() async throws {
        let scratch = try await ScratchDatabase.make(explicit: nil)
        guard case .postgres(let url) = scratch.choice else {
            // Without KNOOPPUNT_TEST_DATABASE_URL the SQLite case above covers the command.
            #expect(ScratchDatabase.postgresURL == nil)
            return
        }
        do {
            let run = try Binary.run(["migrate", "--database-url", url])
            #expect(run.status == 0, "\(run.error)")
            #expect(run.output.contains("postgresql"))
            try await withTestApp(demo: false, database: .postgres(url)) { app async throws in
                #expect(try await MunicipalityModel.query(on: app.db).count() == 342)
            }
        } catch {
            try? await scratch.drop()
            throw error
        }
        try await scratch.drop()
    }
}
