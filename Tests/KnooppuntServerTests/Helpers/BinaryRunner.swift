import Foundation
import Testing

/// Runs the real `knooppunt` executable and captures what it prints.
struct BinaryRun {
    let status: Int32
    let output: String
    let error: String
}

enum Binary {
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> BinaryRun {
        let binary = TestPaths.binary
        #expect(
            FileManager.default.isExecutableFile(atPath: binary.path),
            "build the executable first (swift build); looked for \(binary.path)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["KNOOPPUNT_DATABASE_URL"] = nil
        env["KNOOPPUNT_BCRYPT_COST"] = "10"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return BinaryRun(
            status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
            error: String(decoding: errors, as: UTF8.self))
    }
}
