import Foundation
import Store
import TestSupport
import Testing

/// Hand-damaged and truncated store files: `verify` names them, `verify --repair` quarantines and rebuilds.
@Suite struct StoreRepairTests {
    typealias F = StoreFixtures

    /// A store with four segments (one per imported file, 20 items each).
    static func makeStore() throws -> (store: String, segments: [String]) {
        let folder = try CommandRunner.temporaryDirectory("store-repair")
        let store = folder.appendingPathComponent("Storage").path
        let files = try StoreFaultTests.writeRound(0, count: 4, in: folder).keys.sorted()
        let result = try CommandRunner.aggregator(["import", "--store", store, "--batch", "1"] + files)
        #expect(result.status == 0)
        let day = try #require(try FileManager.default.contentsOfDirectory(atPath: store + "/segments").first)
        let names = try FileManager.default.contentsOfDirectory(atPath: store + "/segments/" + day).sorted()
        #expect(names.count == 4)
        return (store, names.map { "segments/\(day)/\($0)" })
    }

    static func verify(_ store: String, repair: Bool = false) throws -> CommandResult {
        try CommandRunner.aggregator(["verify", "--store", store] + (repair ? ["--repair"] : []))
    }

    static func quarantined(_ store: String) -> [String] {
        let root = store + "/quarantine"
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { !FileManager.default.isDirectory(root + "/" + $0) }
    }

    @Test func editedSegmentIsNamedQuarantinedAndSalvaged() throws {
        let (store, segments) = try Self.makeStore()
        let path = store + "/" + segments[1]
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "Lasting story 3 ", with: "Lasting story 9 ")
        try text.write(toFile: path, atomically: false, encoding: .utf8)

        let check = try Self.verify(store)
        #expect(check.status == 1)
        #expect(check.standardOutput.contains("error: \(segments[1]): content hash differs"))
        #expect(check.standardError.contains("verify --repair"))

        let repair = try Self.verify(store, repair: true)
        #expect(repair.status == 0, "\(repair.standardOutput)")
        #expect(repair.standardOutput.contains("moved to quarantine; 21 readable record(s) salvaged"))
        #expect(Self.quarantined(store).contains { $0.hasSuffix(segments[1]) })
        #expect(try Self.verify(store).status == 0)
        #expect(try StoreSnapshot.open(at: store).itemCount == 80)
    }

    @Test func truncatedSegmentKeepsItsCompleteLines() throws {
        let (store, segments) = try Self.makeStore()
        let path = store + "/" + segments[2]
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size / 2))
        try handle.close()

        let check = try Self.verify(store)
        #expect(check.status == 1)
        #expect(check.standardOutput.contains("\(segments[2]): size"))
        #expect(check.standardOutput.contains("truncated"))
        let repair = try Self.verify(store, repair: true)
        #expect(repair.status == 0)
        #expect(try Self.verify(store).status == 0)
        let count = try StoreSnapshot.open(at: store).itemCount
        #expect(count > 60 && count < 80)
        // The lost items come back with the next import of their file.
    }

    @Test(arguments: ["garbage", "delete"])
    func damagedIndexIsRebuilt(how: String) throws {
        let (store, segments) = try Self.makeStore()
        let name = try #require(segments[0].split(separator: "/").last).dropLast(6)
        let index = "index/\(name).idx"
        if how == "delete" {
            try FileManager.default.removeItem(atPath: store + "/" + index)
        } else {
            try Data(repeating: 0x41, count: 500).write(to: URL(fileURLWithPath: store + "/" + index))
        }
        #expect(try StoreSnapshot.open(at: store).itemCount == 80, "readers rebuild a bad index in memory")
        let check = try Self.verify(store)
        #expect(check.status == 1)
        #expect(check.standardOutput.contains("error: \(index): "))
        #expect(try Self.verify(store, repair: true).status == 0)
        #expect(try Self.verify(store).standardOutput.contains(": ok: 4 segment(s)"))
    }

    @Test func garbledManifestIsRebuiltFromSegments() throws {
        let (store, _) = try Self.makeStore()
        let before = try StoreSnapshot.open(at: store)
        try Data("{\"format\": \"aggregator-store-manifest\", \"segm".utf8)
            .write(to: URL(fileURLWithPath: store + "/manifest.json"))
        #expect(throws: StoreError.self) { try StoreSnapshot.open(at: store) }
        let import_ = try CommandRunner.aggregator(["import", "--store", store, "/dev/null"])
        #expect(import_.status == 1)
        #expect(import_.standardError.contains("manifest.json: invalid JSON"))

        let check = try Self.verify(store)
        #expect(check.status == 1)
        #expect(check.standardOutput.contains("error: manifest.json: "))
        let repair = try Self.verify(store, repair: true)
        #expect(repair.status == 0)
        #expect(repair.standardOutput.contains("rebuilt from 4 complete segment(s)"))
        let after = try StoreSnapshot.open(at: store)
        #expect(after.itemCount == 80)
        #expect(after.feeds == before.feeds)
        #expect(Self.quarantined(store).contains { $0.hasSuffix("manifest.json") })
    }

    @Test func invalidJSONLineIsNamedWithItsLineNumber() throws {
        let (store, segments) = try Self.makeStore()
        let path = store + "/" + segments[3]
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        lines[4] = lines[4].dropLast(3)
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let check = try Self.verify(store)
        #expect(check.status == 1)
        #expect(check.standardOutput.contains("line 5"))
        #expect(try Self.verify(store, repair: true).status == 0)
        #expect(try StoreSnapshot.open(at: store).itemCount == 79)
    }
}

extension FileManager {
    fileprivate func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
