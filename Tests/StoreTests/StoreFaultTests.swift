import FeedModel
import Foundation
import Store
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Real faults against the real binary: SIGKILL at random moments, full file systems, concurrent writers.
@Suite(.serialized) struct StoreFaultTests {
    typealias F = StoreFixtures

    /// Writes `count` feed files for round `round`: each has 15 lasting items (retitled every third round)
    /// and 5 items new in this round. Returns the paths and, per path, guid → title.
    static func writeRound(_ round: Int, count: Int, in folder: URL) throws -> [String: [String: String]] {
        var expected: [String: [String: String]] = [:]
        for feed in 0..<count {
            var items: [(guid: String, title: String, text: String)] = []
            for number in 0..<15 {
                items.append(
                    ("f\(feed)-keep-\(number)", "Lasting story \(number) revision \(round / 3)", "Text \(number)."))
            }
            for number in 0..<5 {
                items.append(("f\(feed)-r\(round)-\(number)", "Round \(round) story \(number)", "New text \(number)."))
            }
            let url = folder.appendingPathComponent("feed\(feed).xml")
            try F.write(F.rss(title: "Feed \(feed)", items: items), to: url)
            expected[url.path] = Dictionary(uniqueKeysWithValues: items.map { ($0.guid, $0.title) })
        }
        return expected
    }

    @Test func killedImportsLoseNothingAcknowledged() throws {
        let folder = try CommandRunner.temporaryDirectory("store-kill")
        var store = folder.appendingPathComponent("Storage").path
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        var acknowledgedFiles = 0
        var round = 0
        // Items are tagged as they are stored, so links are written under the kills too. A one-claim file keeps
        // building the matcher cheap (in a debug build the repository's file takes most of a run, and the kills
        // would almost all land before the first commit).
        let claims = folder.appendingPathComponent("claims.yaml")
        try Data("version: 1\nclaims:\n  - id: rounds\n    title: Round stories\n    query: round OR lasting\n".utf8)
            .write(to: claims)
        let options = ["--store", store, "--batch", "2", "--claims", claims.path]
        // Calibrate: how long one full import of a round takes here.
        let first = try Self.writeRound(round, count: 12, in: folder)
        let clock = ContinuousClock()
        let started = clock.now
        let full = try CommandRunner.aggregator(["import"] + options + first.keys.sorted())
        let duration = clock.now - started
        #expect(full.status == 0, "\(full.standardError)")
        let microseconds =
            Int(duration.components.seconds) * 1_000_000
            + Int(duration.components.attoseconds / 1_000_000_000_000)
        let window = max(microseconds, 20_000) * 13 / 10

        while kills < 55 && round < 400 {
            round += 1
            // A fresh store every 8 rounds keeps verify quick, and kills some runs while they create the store.
            store = folder.appendingPathComponent("Storage-\(round / 8)").path
            let expected = try Self.writeRound(round, count: 12, in: folder)
            let child = try ChildProcess(
                ["import", "--store", store, "--batch", "2", "--claims", claims.path] + expected.keys.sorted())
            usleep(UInt32(Int.random(in: 0...window, using: &generator)))
            guard child.kill() else { continue }
            kills += 1
            let acknowledged = ImportAcknowledgement.parse(child.readOutput())
            acknowledgedFiles += acknowledged.count
            guard FileManager.default.fileExists(atPath: store) else {
                #expect(acknowledged.isEmpty, "killed before the store folder existed, yet items were acknowledged")
                continue
            }
            let verify = try CommandRunner.aggregator(["verify", "--store", store])
            #expect(verify.status == 0, "round \(round): \(verify.standardOutput)\(verify.standardError)")
            let snapshot = try StoreSnapshot.open(at: store)
            for ack in acknowledged {
                let stored = try snapshot.items(inFeed: ack.feedKey)
                let titles = [String: String](
                    stored.map { ($0.item.id, $0.item.title ?? "") }, uniquingKeysWith: { _, last in last })
                for (guid, title) in expected[ack.path] ?? [:] {
                    #expect(
                        titles[guid] == title,
                        "round \(round): \(guid) acknowledged but stored as \(titles[guid] ?? "nothing")")
                }
            }
        }
        #expect(kills >= 50)
        print("kill test: rounds=\(round) kills=\(kills) acknowledged files=\(acknowledgedFiles)")
        #expect(acknowledgedFiles > 0, "no kill landed after a commit: the test proved nothing")
        // After all that, a complete run works and the store is clean.
        let final = try CommandRunner.aggregator(
            ["import", "--store", store] + (try Self.writeRound(round + 1, count: 12, in: folder)).keys.sorted())
        #expect(final.status == 0)
        let verify = try CommandRunner.aggregator(["verify", "--store", store])
        #expect(verify.status == 0)
        #expect(!verify.standardOutput.contains("error"))
    }

    @Test func secondWriterExitsWithCodeThreeAndWaitWaits() throws {
        let folder = try CommandRunner.temporaryDirectory("store-lock")
        let store = folder.appendingPathComponent("Storage").path
        let files = try Self.writeRound(0, count: 2, in: folder).keys.sorted()
        var holder: StoreWriter? = try StoreWriter.open(at: store, command: "fetch")
        let refused = try CommandRunner.aggregator(["import", "--store", store] + files)
        #expect(refused.status == 3)
        #expect(refused.standardError.contains("locked by pid \(getpid()) (aggregator fetch)"))
        #expect(refused.standardError.contains("--wait"))

        let waiting = try ChildProcess(["import", "--wait", "--store", store] + files)
        usleep(300_000)
        #expect(waiting.isRunning)
        withExtendedLifetime(holder) {}
        holder = nil
        let result = waiting.finish()
        #expect(result.status == 0)
        #expect(result.output.contains("new=40"))
    }

    @Test func twoImportsAtOnceBothLand() throws {
        let folder = try CommandRunner.temporaryDirectory("store-two")
        let store = folder.appendingPathComponent("Storage").path
        let one = folder.appendingPathComponent("one")
        let two = folder.appendingPathComponent("two")
        try FileManager.default.createDirectory(at: one, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: two, withIntermediateDirectories: true)
        let first = try Self.writeRound(1, count: 10, in: one).keys.sorted()
        let second = try Self.writeRound(2, count: 10, in: two).keys.sorted()
        let a = try ChildProcess(["import", "--wait", "--store", store, "--batch", "1"] + first)
        let b = try ChildProcess(["import", "--wait", "--store", store, "--batch", "1"] + second)
        #expect(a.finish().status == 0)
        #expect(b.finish().status == 0)
        #expect(try StoreSnapshot.open(at: store).itemCount == 400)
        #expect(try CommandRunner.aggregator(["verify", "--store", store]).status == 0)
    }

    @Test(.enabled(if: TinyFileSystem.canMount, "mounting a tmpfs needs root (mount -t tmpfs)"))
    func fullFileSystemLeavesTheStoreValid() throws {
        let folder = try CommandRunner.temporaryDirectory("store-full")
        let mountPoint = folder.appendingPathComponent("mnt")
        try TinyFileSystem.mount(at: mountPoint, kilobytes: 256)
        defer { TinyFileSystem.unmount(mountPoint) }
        let store = mountPoint.appendingPathComponent("Storage").path
        let feeds = folder.appendingPathComponent("feeds")
        try FileManager.default.createDirectory(at: feeds, withIntermediateDirectories: true)
        let expected = try Self.writeBigRound(count: 40, in: feeds)

        let full = try CommandRunner.aggregator(["import", "--store", store, "--batch", "1"] + expected.keys.sorted())
        #expect(full.status == 1)
        #expect(full.standardError.contains("no space left on the device"), "\(full.standardError)")
        #expect(full.standardError.contains(store))
        let acknowledged = ImportAcknowledgement.parse(full.standardOutput)
        #expect(!acknowledged.isEmpty && acknowledged.count < 40)

        let verify = try CommandRunner.aggregator(["verify", "--store", store])
        #expect(verify.status == 0, "\(verify.standardOutput)")
        let snapshot = try StoreSnapshot.open(at: store)
        for ack in acknowledged {
            #expect(try snapshot.items(inFeed: ack.feedKey).count == 20)
        }
        // Still full: fails again, cleanly. With room, the rest goes in.
        #expect(try CommandRunner.aggregator(["import", "--store", store] + expected.keys.sorted()).status == 1)
        try TinyFileSystem.resize(mountPoint, kilobytes: 8192)
        let rest = try CommandRunner.aggregator(["import", "--store", store] + expected.keys.sorted())
        #expect(rest.status == 0, "\(rest.standardError)")
        #expect(try StoreSnapshot.open(at: store).itemCount == 800)
        #expect(try CommandRunner.aggregator(["verify", "--store", store]).status == 0)
    }

    @Test func fileSizeLimitFailsCleanly() throws {
        let folder = try CommandRunner.temporaryDirectory("store-fsize")
        let store = folder.appendingPathComponent("Storage").path
        let expected = try Self.writeBigRound(count: 6, in: folder)
        let binary = CommandRunner.aggregatorBinary.path
        // Ignored SIGXFSZ survives exec, so a write past the limit fails with EFBIG instead of killing.
        let script = "trap '' XFSZ; ulimit -f 64; exec \"$0\" \"$@\""
        let result = try CommandRunner.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", script, binary, "import", "--store", store, "--batch", "1"] + expected.keys.sorted())
        #expect(result.status == 1)
        #expect(result.standardError.contains("File too large"), "\(result.standardError)")
        let verify = try CommandRunner.aggregator(["verify", "--store", store])
        #expect(verify.status == 0, "\(verify.standardOutput)")
        let all = try CommandRunner.aggregator(["import", "--store", store] + expected.keys.sorted())
        #expect(all.status == 0)
        #expect(try StoreSnapshot.open(at: store).itemCount == 120)
    }

    /// Feeds of 20 items with ~2 KB of text each (a segment per file is ~45 KB).
    static func writeBigRound(count: Int, in folder: URL) throws -> [String: Int] {
        var paths: [String: Int] = [:]
        let text = String(repeating: "Negotiators met again in Istanbul to discuss the ceasefire. ", count: 35)
        for feed in 0..<count {
            let items = (0..<20).map { ("big\(feed)-\($0)", "Big story \(feed)-\($0)", text) }
            let url = folder.appendingPathComponent("big\(feed).xml")
            try F.write(F.rss(title: "Big \(feed)", items: items), to: url)
            paths[url.path] = 20
        }
        return paths
    }
}

/// A tmpfs of a few hundred kilobytes, to fill up for real.
enum TinyFileSystem {
    static let canMount: Bool = {
        guard getuid() == 0, let folder = try? CommandRunner.temporaryDirectory("tmpfs-probe") else { return false }
        defer { try? FileManager.default.removeItem(at: folder) }
        guard (try? mount(at: folder, kilobytes: 64)) != nil else { return false }
        unmount(folder)
        return true
    }()

    struct MountFailed: Error {
        var output: String
    }

    static func mount(at folder: URL, kilobytes: Int) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try CommandRunner.run(
            URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", folder.path])
        if result.status != 0 { throw MountFailed(output: result.standardError) }
    }

    static func resize(_ folder: URL, kilobytes: Int) throws {
        let result = try CommandRunner.run(
            URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,size=\(kilobytes)k", folder.path])
        if result.status != 0 { throw MountFailed(output: result.standardError) }
    }

    static func unmount(_ folder: URL) {
        _ = try? CommandRunner.run(URL(fileURLWithPath: "/bin/umount"), [folder.path])
    }
}
