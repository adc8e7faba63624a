import Foundation

/// Checks every file of a store, and with `repair` moves bad files to `quarantine/<time>/`, salvages the
/// readable records of a damaged segment into a replacement, rebuilds indexes and (if needed) the manifest.
/// Repair never deletes anything.
public enum StoreVerifier {
    /// Verifies the store at `root`. Repair takes the writer lock (waiting for it when `wait` is true).
    public static func verify(at root: String, repair: Bool, wait: Bool = false) throws(StoreError) -> VerifyReport {
        let layout = StoreLayout(root: root)
        if layout.isInterruptedCreation {
            var report = VerifyReport()
            report.findings.append(
                VerifyFinding(
                    path: "store.json",
                    problem: "missing: the store's creation was interrupted (it holds no data; "
                        + "the next writer completes it)", severity: .notice, action: nil))
            return report
        }
        guard FileIO.exists(layout.descriptor) || FileIO.exists(layout.manifest) else {
            throw StoreError.notAStore(path: layout.root)
        }
        let lock = repair ? try StoreLock(layout, command: "verify --repair", wait: wait) : nil
        var run = VerifyRun(layout: layout, repair: repair)
        try run.check()
        withExtendedLifetime(lock) {}
        return run.report
    }
}

/// The state of one verification.
private struct VerifyRun {
    let layout: StoreLayout
    let repair: Bool
    var report = VerifyReport()
    let quarantineFolder: String
    var manifestChanged = false

    init(layout: StoreLayout, repair: Bool) {
        self.layout = layout
        self.repair = repair
        let stamp = Date().rfc3339.replacingOccurrences(of: ":", with: "")
        quarantineFolder = layout.quarantine + "/" + stamp
    }

    mutating func check() throws(StoreError) {
        checkDescriptor()
        var manifest = loadManifest()
        var seen = Set<String>()
        var keptSegments: [SegmentEntry] = []
        var keys = Set<GlobalKey>()
        for segment in manifest.segments {
            seen.insert(segment.path)
            seen.insert(StoreLayout.indexPath(forSegment: segment.path))
            if let kept = try checkSegment(segment, &seen, &keys) { keptSegments.append(kept) }
        }
        if keptSegments != manifest.segments {
            manifest.segments = keptSegments
            manifestChanged = true
        }
        report.itemCount = keys.count
        try checkLeftovers(seen)
        if repair && manifestChanged {
            manifest.generation += 1
            manifest.updated = Date()
            manifest.nextSequence = max(manifest.nextSequence, (manifest.segments.map(\.sequence).max() ?? 0) + 1)
            try manifest.save(layout)
        }
        report.repaired = repair
    }

    // MARK: - store.json and manifest.json

    private mutating func checkDescriptor() {
        let problem: String?
        if let bytes = try? FileIO.read(layout.descriptor) {
            do throws(StoreError) {
                let descriptor = try StoreJSON.decode(StoreDescriptor.self, from: bytes, path: "store.json")
                problem =
                    descriptor.version == StoreLayout.version
                    ? nil : "layout version \(descriptor.version) is not supported"
            } catch {
                problem = "not valid JSON: \(error.description)"
            }
        } else {
            problem = "missing"
        }
        guard let problem else { return }
        var action: String?
        if repair {
            quarantine("store.json")
            var json = JSONWriter()
            try? json.encodedPretty(StoreDescriptor(created: ItemKeys.truncated(Date())))
            json.bytes.append(0x0A)
            action = (try? FileIO.atomicReplace(layout.descriptor, json.bytes)) != nil ? "rewritten" : nil
        }
        add("store.json", problem, action: action)
    }

    private mutating func loadManifest() -> StoreManifest {
        do throws(StoreError) {
            return try StoreManifest.load(layout)
        } catch {
            let problem = FileIO.exists(layout.manifest) ? Self.strip(error.description) : "missing"
            var action: String?
            let rebuilt = rebuildManifest()
            if repair {
                quarantine("manifest.json")
                manifestChanged = true
                action = "rebuilt from \(rebuilt.segments.count) complete segment(s) (run log not recoverable)"
            }
            add("manifest.json", problem, action: action)
            return rebuilt
        }
    }

    /// A manifest listing every complete segment on disk, with feeds and marks replayed from them.
    private func rebuildManifest() -> StoreManifest {
        var manifest = StoreManifest()
        var bySequence: [Int: SegmentEntry] = [:]
        var files: [Int: SegmentFile] = [:]
        for day in FileIO.list(layout.segments) {
            for name in FileIO.list(layout.segments + "/" + day) where name.hasSuffix(".jsonl") {
                let relative = "segments/\(day)/\(name)"
                guard let sequence = StoreLayout.sequence(ofFileNamed: name), bySequence[sequence] == nil,
                    let bytes = try? FileIO.read(layout.absolute(relative))
                else { continue }
                let file = SegmentFile(bytes: bytes, path: relative)
                guard file.isValid, file.sequence == sequence else { continue }
                var created = Date()
                if case .header(_, let date)? = file.lines.first?.record { created = date }
                bySequence[sequence] = SegmentEntry(
                    sequence: sequence, path: relative, bytes: bytes.count,
                    hash: StoreLayout.hex(StoreWriter.fileHash(bytes)), records: file.dataRecords.count,
                    created: created)
                files[sequence] = file
            }
        }
        for sequence in bySequence.keys.sorted() {
            guard let entry = bySequence[sequence], let file = files[sequence] else { continue }
            manifest.segments.append(entry)
            for record in file.dataRecords {
                switch record {
                case .feed(let info): manifest.feeds[info.key, default: FeedRecord()].info = info
                case .feedState(let key, let state): manifest.feeds[key, default: FeedRecord()].state = state
                case .mark(let name, let value): manifest.marks[name] = value
                default: break
                }
            }
            manifest.nextSequence = sequence + 1
            manifest.updated = max(manifest.updated, entry.created)
        }
        return manifest
    }

    // MARK: - Segments and indexes

    /// Checks one segment and its index; returns the entry to keep in the manifest (nil: dropped).
    private mutating func checkSegment(
        _ segment: SegmentEntry, _ seen: inout Set<String>, _ keys: inout Set<GlobalKey>
    ) throws(StoreError) -> SegmentEntry? {
        report.segmentsChecked += 1
        let path = layout.absolute(segment.path)
        guard let bytes = try? FileIO.read(path) else {
            add(segment.path, "missing (listed in manifest.json)", action: repair ? "removed from the manifest" : nil)
            return repair ? nil : segment
        }
        let file = SegmentFile(bytes: bytes, path: segment.path)
        var problems = file.problems
        if bytes.count != segment.bytes {
            problems.insert("size \(bytes.count) bytes, the manifest says \(segment.bytes)", at: 0)
        } else if StoreLayout.hex(StoreWriter.fileHash(bytes)) != segment.hash {
            problems.insert("content hash differs from the manifest's (the file was modified)", at: 0)
        }
        if let sequence = file.sequence, sequence != segment.sequence {
            problems.append("header names segment \(sequence), the manifest \(segment.sequence)")
        }
        report.recordsChecked += file.lines.count
        for entry in file.indexEntries where entry.kind == .item {
            keys.insert(GlobalKey(feed: entry.feedKey, item: entry.itemKey))
        }
        guard problems.isEmpty else {
            let summary = problems.prefix(3).joined(separator: "; ") + (problems.count > 3 ? "; …" : "")
            guard repair else {
                add(segment.path, summary, action: nil)
                return segment
            }
            quarantine(segment.path)
            quarantine(StoreLayout.indexPath(forSegment: segment.path))
            let records = file.dataRecords
            guard !records.isEmpty else {
                add(segment.path, summary, action: "moved to quarantine; nothing readable to salvage")
                return nil
            }
            var builder = try SegmentBuilder(sequence: segment.sequence, created: segment.created)
            for record in records { try builder.append(record) }
            let (entry, _) = try writeSalvage(builder, replacing: segment)
            seen.insert(entry.path)
            seen.insert(StoreLayout.indexPath(forSegment: entry.path))
            add(
                segment.path, summary,
                action: "moved to quarantine; \(records.count) readable record(s) salvaged into \(entry.path)")
            return entry
        }
        checkIndex(segment, expected: file.indexEntries)
        return segment
    }

    private mutating func checkIndex(_ segment: SegmentEntry, expected: [IndexEntry]) {
        let relative = StoreLayout.indexPath(forSegment: segment.path)
        let path = layout.absolute(relative)
        var problem: String?
        var oldVersion: Int?
        if let bytes = try? FileIO.read(path) {
            do throws(StoreError) {
                let version = try IndexFile.check(
                    bytes, path: relative, sequence: segment.sequence, segmentBytes: segment.bytes, expected: expected)
                if version < IndexFile.version { oldVersion = version }
            } catch {
                problem = Self.strip(error.description)
            }
        } else {
            problem = "missing"
        }
        if let oldVersion {
            // Valid, in an older format: readers still use it (reading link records for what it lacks).
            var action: String?
            if repair {
                let bytes = IndexFile.encode(sequence: segment.sequence, segmentBytes: segment.bytes, entries: expected)
                action = (try? FileIO.atomicReplace(path, bytes)) != nil ? "rewritten in the current format" : nil
            }
            add(
                relative,
                "index format \(oldVersion), older than \(IndexFile.version) (still read, more slowly; "
                    + "`verify --repair` rewrites it)", .notice, action: action)
            return
        }
        guard let problem else { return }
        var action: String?
        if repair {
            quarantine(relative)
            let bytes = IndexFile.encode(sequence: segment.sequence, segmentBytes: segment.bytes, entries: expected)
            action = (try? FileIO.atomicReplace(path, bytes)) != nil ? "rebuilt from the segment" : nil
        }
        add(relative, problem + " (derived file)", action: action)
    }

    private func writeSalvage(_ builder: SegmentBuilder, replacing old: SegmentEntry) throws(StoreError)
        -> (SegmentEntry, [String])
    {
        let bytes = try builder.finished()
        let hash = StoreWriter.fileHash(bytes)
        let relative =
            "\(FileIO.parent(of: old.path))/\(StoreLayout.paddedSequence(builder.sequence))-"
            + "\(StoreLayout.hex(hash)).jsonl"
        let path = layout.absolute(relative)
        try FileIO.makeDirectory(FileIO.parent(of: path))
        if FileIO.exists(path) { quarantine(relative) }
        try FileIO.writeNewFile(path, bytes, sync: true)
        let indexBytes = IndexFile.encode(
            sequence: builder.sequence, segmentBytes: bytes.count, entries: builder.entries)
        try FileIO.atomicReplace(layout.absolute(StoreLayout.indexPath(forSegment: relative)), indexBytes)
        try FileIO.syncDirectory(FileIO.parent(of: path))
        let entry = SegmentEntry(
            sequence: builder.sequence, path: relative, bytes: bytes.count, hash: StoreLayout.hex(hash),
            records: builder.records, created: old.created)
        return (entry, [path])
    }

    // MARK: - Leftovers

    private mutating func checkLeftovers(_ seen: Set<String>) throws(StoreError) {
        var leftovers: [String] = []
        for name in FileIO.list(layout.root) where name.contains(".tmp-") { leftovers.append(name) }
        for day in FileIO.list(layout.segments) {
            for name in FileIO.list(layout.segments + "/" + day) where !seen.contains("segments/\(day)/\(name)") {
                leftovers.append("segments/\(day)/\(name)")
            }
        }
        for name in FileIO.list(layout.index) where !seen.contains("index/\(name)") {
            leftovers.append("index/\(name)")
        }
        let known: Set<String> = ["store.json", "manifest.json", "lock", "segments", "index", "quarantine"]
        for name in FileIO.list(layout.root)
        where !known.contains(name) && !name.contains(".tmp-") && !name.hasPrefix(".") && name != "README.md" {
            leftovers.append(name)
        }
        for relative in leftovers {
            var action: String?
            if repair { action = quarantine(relative) ? "moved to quarantine" : nil }
            add(
                relative, "not referenced by manifest.json (left by an interrupted run; ignored)", .notice,
                action: action)
        }
    }

    // MARK: - Helpers

    /// Moves a file (relative path) into this run's quarantine folder, keeping its relative path.
    @discardableResult
    private func quarantine(_ relative: String) -> Bool {
        let source = layout.absolute(relative)
        guard FileIO.exists(source) else { return false }
        let destination = quarantineFolder + "/" + relative
        do {
            try FileManager.default.createDirectory(
                atPath: FileIO.parent(of: destination), withIntermediateDirectories: true)
        } catch {
            return false
        }
        return (try? FileIO.move(source, to: destination)) != nil
    }

    private mutating func add(
        _ path: String, _ problem: String, _ severity: VerifyFinding.Severity = .error, action: String?
    ) {
        report.findings.append(VerifyFinding(path: path, problem: problem, severity: severity, action: action))
    }

    private static func strip(_ message: String) -> String {
        var text = message
        if let dash = text.range(of: " — run `aggregator verify") { text = String(text[..<dash.lowerBound]) }
        if let colon = text.range(of: ": "), text[..<colon.lowerBound].contains("/") || text.hasPrefix("index") {
            text = String(text[colon.upperBound...])
        }
        return text
    }
}
