import Foundation
import Testing

/// `patchbay abi` with a WIT file beside the expression: the package's
/// named types are usable in `--type` and `--function`.
@Suite(.enabled(if: CLI.available, "patchbay binary not built"))
struct AbiWitCLITests {
    @Test func typesComeFromAWitFile() throws {
        let r = try CLI.run(["abi", CLI.sample("calculator.wit"), "--type", "op", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let type = try #require(json["type"] as? [String: Any])
        // variant op { add(operands), sub(operands), mul(operands), negate(s32) }:
        // a u8 tag, padding to 4, then an 8-byte payload (two s32).
        #expect(type["size"] as? Int == 12)
        #expect(type["align"] as? Int == 4)
        #expect(type["flat"] as? [String] == ["i32", "i32", "i32"])
    }

    @Test func aWitFileAloneIsAUsageError() throws {
        let r = try CLI.run(["abi", CLI.sample("calculator.wit")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("give --type or --function"), "\(r.stderr)")
    }
}
