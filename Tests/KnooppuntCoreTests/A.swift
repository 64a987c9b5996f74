import Testing
@testable import KnooppuntCore
@Test func placeholder() { #expect(KnooppuntCoreVersion.value == "0.1.0") }
