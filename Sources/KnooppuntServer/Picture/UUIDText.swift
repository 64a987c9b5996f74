import Foundation

/// UUIDs to and from their text without Foundation's C parser and formatter (`sscanf`, `sprintf`), which
/// took a twentieth of a picture's time with a thousand entries, each read and written once.
enum UUIDText {
    /// The UUID of the 36 characters `text`, as `UUID(uuidString:)` reads them, which it is left to for
    /// anything but 32 hex digits in groups of 8-4-4-4-12.
    static func parse(_ text: String) -> UUID? {
        var text = text
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let fast = text.withUTF8 { bytes in
            withUnsafeMutableBytes(of: &uuid) { value -> Bool in
                guard bytes.count == 36 else { return false }
                var index = 0
                for (offset, byte) in bytes.enumerated() {
                    if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                        guard byte == UInt8(ascii: "-") else { return false }
                        continue
                    }
                    guard let nibble = Self.nibble(byte) else { return false }
                    value[index / 2] |= index % 2 == 0 ? nibble << 4 : nibble
                    index += 1
                }
                return true
            }
        }
        return fast ? UUID(uuid: uuid) : UUID(uuidString: text)
    }

    /// `id.uuidString`, in its uppercase hex digits, appended to `bytes`.
    static func write(_ id: UUID, into bytes: inout [UInt8]) {
        let hex: StaticString = "0123456789ABCDEF"
        withUnsafeBytes(of: id.uuid) { value in
            for (index, byte) in value.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(UInt8(ascii: "-")) }
                bytes.append(hex.utf8Start[Int(byte >> 4)])
                bytes.append(hex.utf8Start[Int(byte & 0x0F)])
            }
        }
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
