import Foundation
import KnooppuntCore

/// Everything the server needs to start, read once from flags and `KNOOPPUNT_*` environment variables.
public struct KnooppuntConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var dataDirectory: String = "./data"
    public var database: DatabaseChoice = .sqliteFile("./data/knooppunt.sqlite")
    /// The password given to every demo user.
    public var demoPassword: String = "demo"
    /// Where Leaflet's files are installed (Debian `libjs-leaflet`).
    public var leafletDirectory: String = "/usr/share/javascript/leaflet"
    /// Whether Leaflet is installed there, so pages can offer a map.
    var leafletInstalled: Bool { FileManager.default.fileExists(atPath: leafletDirectory + "/leaflet.js") }
    /// An optional base-map tile URL template, e.g. PDOK's BRT-Achtergrondkaart.
    public var tileURL: String? = nil
    /// Mark cookies `Secure`. Off by default so the demo works over plain HTTP; set it behind HTTPS.
    public var secureCookies: Bool = false
    /// bcrypt work factor; 12 in production, lower only in tests.
    public var bcryptCost: Int = 12
    /// How long a login session (cookie or API) lasts.
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// Run migrations during start-up.
    public var autoMigrate: Bool = true
    /// When entries count as waiting too long for verification, and pictures as stale.
    public var currency = CurrencyPolicy()
    /// What this node is among the nodes: on its own, a regional node, or the national node (KCR2).
    public var role: NodeRole = .standalone
    /// Addresses of reverse proxies (TLS termination) whose `X-Forwarded-For` is believed; from anyone
    /// else the header is ignored, so a client cannot choose the address the login throttle counts.
    public var trustedProxies: Set<String> = []
    /// A file outside the database to which every signed journal checkpoint is appended (write-once
    /// storage, or shipped elsewhere), so a rewritten database can be caught against it.
    public var journalAnchorFile: String? = nil
    /// A write that runs longer than this ends the `serve` process so its supervisor restarts it.
    public var writeStallLimit: TimeInterval = 60
    /// Whether a write that queues federation messages wakes the outbox delivery right after its commit;
    /// off, messages wait for the next one-second pass (kept to measure the difference).
    public var outboxWake: Bool = true
    /// Whether this process runs the background loops (SitRap schedules, outbox, checkpoints, watchdog):
    /// `serve` does; one-off commands and tests do not.
    public var backgroundTasks: Bool = false

    public enum NodeRole: Sendable, Equatable {
        case standalone
        case region(RegionCode)
        case national
    }

    public init() {}

    /// Where the journal and tables live.
    public enum DatabaseChoice: Sendable, Equatable {
        case sqliteFile(String)
        case sqliteMemory
        case postgres(String)

        public var dialectName: String {
            switch self {
            case .sqliteFile, .sqliteMemory: "sqlite"
            case .postgres: "postgresql"
            }
        }
    }

    /// The environment variables this configuration reads, with what they mean.
    public static let documentedKeys: [(key: String, meaning: String)] = [
        ("KNOOPPUNT_HOST", "address to listen on (default 127.0.0.1)"),
        ("KNOOPPUNT_PORT", "TCP port (default 8080)"),
        ("KNOOPPUNT_DATA_DIR", "folder for the SQLite file and other data (default ./data)"),
        ("KNOOPPUNT_DATABASE_URL", "postgres://user:pass@host/db to use PostgreSQL instead of SQLite"),
        ("KNOOPPUNT_DEMO_PASSWORD", "password of the demo users (default demo)"),
        ("KNOOPPUNT_LEAFLET_DIR", "folder holding leaflet.js and leaflet.css"),
        ("KNOOPPUNT_TILE_URL", "optional base-map tile URL template with {z}/{x}/{y}"),
        ("KNOOPPUNT_SECURE_COOKIES", "true to mark cookies Secure (use behind HTTPS)"),
        ("KNOOPPUNT_BCRYPT_COST", "bcrypt work factor, 10–16 (default 12)"),
        ("KNOOPPUNT_UNVERIFIED_AFTER_MINUTES", "flag entries unverified for this long (default 30)"),
        ("KNOOPPUNT_STALE_AFTER_MINUTES", "call a picture stale after this long without change (default 60)"),
        ("KNOOPPUNT_TRUSTED_PROXIES", "comma-separated addresses of reverse proxies whose X-Forwarded-For is believed"),
        ("KNOOPPUNT_JOURNAL_ANCHOR_FILE", "file outside the database to which signed journal checkpoints are appended"),
        ("KNOOPPUNT_WRITE_STALL_SECONDS", "a write running longer ends serve for its supervisor to restart (default 60)"),
        ("KNOOPPUNT_OUTBOX_WAKE", "false to leave queued federation messages to the one-second outbox pass (default true)"),
    ]

    /// Values given on the command line; nil means "not given", so the environment or default applies.
    public struct Overrides: Sendable {
        public var host: String?
        public var port: Int?
        public var dataDirectory: String?
        public var databaseURL: String?
        public var role: String?
        public var region: String?
        public init(host: String? = nil, port: Int? = nil, dataDirectory: String? = nil, databaseURL: String? = nil,
                    role: String? = nil, region: String? = nil) {
            self.host = host
            self.port = port
            self.dataDirectory = dataDirectory
            self.databaseURL = databaseURL
            self.role = role
            self.region = region
        }
    }

    /// Reads the configuration; flags win over environment variables, which win over defaults.
    public static func load(
        environment: [String: String], overrides: Overrides = .init()
    ) throws(ConfigurationError) -> KnooppuntConfiguration {
        var config = KnooppuntConfiguration()
        let env = environment
        config.host = overrides.host ?? env["KNOOPPUNT_HOST"] ?? config.host
        if let port = overrides.port {
            config.port = port
        } else if let text = env["KNOOPPUNT_PORT"] {
            guard let port = Int(text) else { throw .init(key: "KNOOPPUNT_PORT", problem: "'\(text)' is not a number") }
            config.port = port
        }
        guard (1...65535).contains(config.port) else {
            throw .init(key: "KNOOPPUNT_PORT", problem: "\(config.port) is not a TCP port (1–65535)")
        }
        config.dataDirectory = overrides.dataDirectory ?? env["KNOOPPUNT_DATA_DIR"] ?? config.dataDirectory
        if let url = overrides.databaseURL ?? env["KNOOPPUNT_DATABASE_URL"], !url.isEmpty {
            config.database = try databaseChoice(from: url)
        } else {
            config.database = .sqliteFile(
                URL(fileURLWithPath: config.dataDirectory).appendingPathComponent("knooppunt.sqlite").path)
        }
        if let password = env["KNOOPPUNT_DEMO_PASSWORD"] {
            guard !password.isEmpty else { throw .init(key: "KNOOPPUNT_DEMO_PASSWORD", problem: "must not be empty") }
            config.demoPassword = password
        }
        switch overrides.role ?? env["KNOOPPUNT_ROLE"] {
        case nil, "standalone"?: config.role = .standalone
        case "national"?: config.role = .national
        case "region"?:
            guard let text = overrides.region ?? env["KNOOPPUNT_REGION"], let region = RegionCode(text) else {
                throw .init(key: "KNOOPPUNT_REGION", problem: "a regional node needs its region, VR01 to VR25 (--region)")
            }
            config.role = .region(region)
        case let other?:
            throw .init(key: "KNOOPPUNT_ROLE", problem: "'\(other)' is not a node role; use region, national or standalone")
        }
        config.leafletDirectory = env["KNOOPPUNT_LEAFLET_DIR"] ?? config.leafletDirectory
        if let tiles = env["KNOOPPUNT_TILE_URL"], !tiles.isEmpty {
            guard let url = URL(string: tiles), url.scheme == "https" || url.scheme == "http", url.host != nil else {
                throw .init(key: "KNOOPPUNT_TILE_URL", problem: "'\(tiles)' is not an http(s) URL template")
            }
            config.tileURL = tiles
        }
        if let secure = env["KNOOPPUNT_SECURE_COOKIES"] {
            guard let value = Bool(secure.lowercased()) else {
                throw .init(key: "KNOOPPUNT_SECURE_COOKIES", problem: "'\(secure)' is not true or false")
            }
            config.secureCookies = value
        }
        if let text = env["KNOOPPUNT_BCRYPT_COST"] {
            guard let cost = Int(text), (10...16).contains(cost) else {
                throw .init(key: "KNOOPPUNT_BCRYPT_COST", problem: "'\(text)' is not a whole number from 10 to 16")
            }
            config.bcryptCost = cost
        }
        if let text = env["KNOOPPUNT_TRUSTED_PROXIES"] {
            let addresses = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let bad = addresses.first(where: { !Self.isIPAddress($0) }) {
                throw .init(key: "KNOOPPUNT_TRUSTED_PROXIES", problem: "'\(bad)' is not an IPv4 or IPv6 address")
            }
            config.trustedProxies = Set(addresses)
        }
        if let anchor = env["KNOOPPUNT_JOURNAL_ANCHOR_FILE"], !anchor.isEmpty { config.journalAnchorFile = anchor }
        if let text = env["KNOOPPUNT_WRITE_STALL_SECONDS"] {
            guard let seconds = UntrustedNumber.whole(text, in: 10...3600) else {
                throw .init(key: "KNOOPPUNT_WRITE_STALL_SECONDS", problem: "'\(text)' is not a number of seconds from 10 to 3600")
            }
            config.writeStallLimit = TimeInterval(seconds)
        }
        if let wake = env["KNOOPPUNT_OUTBOX_WAKE"] {
            guard let value = Bool(wake.lowercased()) else {
                throw .init(key: "KNOOPPUNT_OUTBOX_WAKE", problem: "'\(wake)' is not true or false")
            }
            config.outboxWake = value
        }
        config.currency.unverifiedAfter = try minutes(env, "KNOOPPUNT_UNVERIFIED_AFTER_MINUTES") ?? config.currency.unverifiedAfter
        config.currency.staleAfter = try minutes(env, "KNOOPPUNT_STALE_AFTER_MINUTES") ?? config.currency.staleAfter
        return config
    }

    private static func minutes(_ env: [String: String], _ key: String) throws(ConfigurationError) -> TimeInterval? {
        guard let text = env[key] else { return nil }
        guard let value = Int(text), (1...10_080).contains(value) else {
            throw .init(key: key, problem: "'\(text)' is not a number of minutes from 1 to 10080")
        }
        return TimeInterval(value * 60)
    }

    static func databaseChoice(from url: String) throws(ConfigurationError) -> DatabaseChoice {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard URL(string: url)?.host != nil else {
                throw .init(key: "KNOOPPUNT_DATABASE_URL", problem: "'\(redacted(url))' has no host")
            }
            return .postgres(url)
        }
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            return path == ":memory:" ? .sqliteMemory : .sqliteFile(path)
        }
        throw .init(key: "KNOOPPUNT_DATABASE_URL", problem: "'\(redacted(url))' must start with postgres:// or sqlite://")
    }

    /// A literal IPv4 or IPv6 address (no names: a proxy is trusted by the address it connects from).
    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    /// The URL without its password, for messages and logs.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }
}

/// A configuration value that stops the start, naming the key.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public let key: String
    public let problem: String
    public var description: String { "configuration \(key): \(problem)" }
}
