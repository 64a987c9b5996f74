import Testing
@testable import KnooppuntInterop
@Test func p() { #expect(1 + 1 == 2) }
