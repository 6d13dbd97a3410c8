import Foundation
import TermgraphKit
import TermgraphCore
import Testing
import TestSupport

/// The server's delta build: after every change, what a held corpus answers is what a fresh
/// build of the folder answers, byte for byte, while only the links a change can reach are
/// resolved again.
@Suite struct HeldCorpusTests {
    /// Every answer compared: the whole graph as JSON node-link (nodes with every field, edges
    /// with weights and anchor texts, categories), the problems, the counts, the four lists,
    /// lookups of names, and the term tables byte for byte.
    private func answers(_ workspace: Workspace, names: [String]) throws -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json<T: Encodable>(_ value: T) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }
        let graph = try workspace.graph().graph
        var all = [String(decoding: try GraphExporters.named("json")!.bytes(graph), as: UTF8.self),
                   try json(CheckQuery().run(in: workspace)), try json(StatsQuery().run(in: workspace))]
        for kind in TermListKind.allCases { all.append(try json(OrphansQuery(kind: kind).run(in: workspace))) }
        for name in names {
            all.append(try json(TermsQuery(query: name, limit: 5).run(in: workspace)))
            // A term's page: its links in and out with the file and line of each.
            do {
                all.append(try json(NodeQuery(term: name).run(in: workspace)))
            } catch {
                all.append("\(error)")
            }
        }
        var tables = ByteWriter()
        try workspace.terms().encode(to: &tables)
        all.append(tables.bytes.map { String($0, radix: 16) }.joined(separator: " "))
        return all
    }

    /// A random corpus changed at random, a few files a step: files written, rewritten,
    /// renamed and removed, slugs and titles changed, aliases added, slugs made to repeat,
    /// links in every form (absolute, relative, wikilinks, note names, wanted terms).
    private func randomEdits(vault: Bool, seed: UInt64, steps: Int, indexed: Bool = false, watching: Bool = false) throws -> (deltas: Int, resolved: Int, articles: Int, full: Int) {
        var random = SeededRandom(seed: seed)
        let folders = ["", "a/", "b/", "a/c/"]
        let names = (0..<24).map { "n\($0)" } + ["alpha", "مكتب", "تسوية", "Omega Point"]
        let corpus = try TemporaryCorpus(vault ? ["termgraph.yml": "links: names\n"] : [:])
        defer { corpus.remove() }
        var files: [String] = []
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        func link() -> String {
            let name = pick(names), folder = pick(folders), text = pick(["", "see \(pick(names))", "والمكتب", "Alpha"])
            let slug = name.replacingOccurrences(of: " ", with: "-").lowercased()
            switch random.next() % (vault ? 6 : 8) {
            case 0: return "[[\(name)\(text.isEmpty ? "" : "|" + text)]]"
            case 1: return "[[\(folder)\(name)]]"
            case 2: return "[\(text.isEmpty ? "t" : text)](/\(folder)\(slug))"
            case 3: return "[\(text.isEmpty ? "t" : text)](../\(slug).md)"
            case 4: return "[\(text.isEmpty ? "t" : text)](\(slug).md)"
            case 5: return random.next() % 2 == 0 ? "[[wanted-\(random.next() % 4)]]" : "![[picture-\(random.next() % 2).png]]"
            case 6: return "[x](/old-\(pick(names).count))"
            default: return "[out](https://example.org/\(slug))"
            }
        }
        func article() -> String {
            var front = ["title: \(pick(names)) \(random.next() % 3)"]
            if random.next() % 3 == 0 { front.append("slug: \(pick(names).lowercased().replacingOccurrences(of: " ", with: "-"))") }
            if random.next() % 4 == 0 { front.append("aliases: [/old-\(pick(names).count), \(pick(names))]") }
            let body = (0..<Int(random.next() % 6)).map { _ in link() }.joined(separator: " and ")
            return "---\n" + front.joined(separator: "\n") + "\n---\n\n# Heading\n\n" + body + "\n"
        }
        func newPath() -> String { pick(folders) + pick(names) + (random.next() % 5 == 0 ? " 2" : "") + ".md" }
        for _ in 0..<40 {
            let path = newPath()
            try corpus.write(path, article())
            if !files.contains(path) { files.append(path) }
        }
        // Files written within the second a walk begins are read again at the next update (their
        // stamps cannot vouch for them yet): the corpus is let age once, so that the updates
        // after it take most files as held.
        Thread.sleep(forTimeInterval: 1.05)
        // The server's way: the first update takes the records an index holds.
        let cache = corpus.url.appendingPathExtension("index")
        defer { try? FileManager.default.removeItem(at: cache) }
        if indexed { _ = try Workspace(root: corpus.url, cacheFolder: cache).graph() }
        var held = HeldCorpus(root: corpus.url, cacheFolder: cache, useIndex: indexed)
        var deltas = 0, resolved = 0, articles = 0, full = 0
        // With `watching`, each update is told the folders a change happened in, as inotify
        // tells a server: the folder of each file written, removed or renamed, and the parent
        // of each folder made or moved.
        var changed = Set<String>()
        func parent(_ path: String) -> String { path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) } ?? "" }
        func touch(_ path: String) {
            var folder = parent(path)
            changed.insert(folder)
            while !folder.isEmpty && !FileManager.default.fileExists(atPath: corpus.url.appendingPathComponent(folder).path) {
                folder = parent(folder)
                changed.insert(folder)
            }
        }
        for step in 0..<steps {
            for _ in 0..<(1 + Int(random.next() % 3)) {
                switch random.next() % 8 {
                case 7:
                    // A whole folder moves to another one and back.
                    let (from, to) = FileManager.default.fileExists(atPath: corpus.url.appendingPathComponent("a/c").path) ? ("a/c", "b/c") : ("b/c", "a/c")
                    guard FileManager.default.fileExists(atPath: corpus.url.appendingPathComponent(from).path),
                          !FileManager.default.fileExists(atPath: corpus.url.appendingPathComponent(to).path) else { continue }
                    touch(from)
                    touch(to)
                    try FileManager.default.createDirectory(at: corpus.url.appendingPathComponent(to).deletingLastPathComponent(),
                                                            withIntermediateDirectories: true)
                    try FileManager.default.moveItem(at: corpus.url.appendingPathComponent(from), to: corpus.url.appendingPathComponent(to))
                    files = files.map { $0.hasPrefix(from + "/") ? to + $0.dropFirst(from.count) : $0 }
                case 6:
                    // A picture (a vault's links reach it as an attachment) appears or goes.
                    let name = "picture-\(random.next() % 2).png"
                    touch(name)
                    let picture = corpus.url.appendingPathComponent(name)
                    if FileManager.default.fileExists(atPath: picture.path) {
                        try FileManager.default.removeItem(at: picture)
                    } else {
                        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: picture)
                    }
                case 0, 1:
                    let path = random.next() % 2 == 0 || files.isEmpty ? newPath() : pick(files)
                    touch(path)
                    try corpus.write(path, article())
                    if !files.contains(path) { files.append(path) }
                case 2 where !files.isEmpty:
                    let path = pick(files)
                    touch(path)
                    try FileManager.default.removeItem(at: corpus.url.appendingPathComponent(path))
                    files.removeAll { $0 == path }
                case 3 where !files.isEmpty:
                    let from = pick(files), to = newPath()
                    guard !files.contains(to) else { continue }
                    touch(from)
                    touch(to)
                    try FileManager.default.createDirectory(at: corpus.url.appendingPathComponent(to).deletingLastPathComponent(),
                                                            withIntermediateDirectories: true)
                    try FileManager.default.moveItem(at: corpus.url.appendingPathComponent(from), to: corpus.url.appendingPathComponent(to))
                    files.removeAll { $0 == from }
                    files.append(to)
                default:
                    // The same links under a new title: only names change.
                    guard let path = files.isEmpty ? nil : pick(files) else { continue }
                    let text = try String(contentsOf: corpus.url.appendingPathComponent(path), encoding: .utf8)
                    let retitled = text.replacingOccurrences(of: "title: ", with: "title: \(pick(names)) ")
                    touch(path)
                    try corpus.write(path, retitled)
                }
            }
            let (workspace, update) = try held.update(changedFolders: watching ? Set(changed.map { Array($0.utf8) }) : nil)
            changed = []
            let fresh = Workspace(root: corpus.url, useIndex: false)
            let asked = ["alpha", "مكتب", "Omega Point", "n3", "والمكتب", "wanted-1", "old-2"]
            let expected = try answers(fresh, names: asked)
            let got = try answers(workspace, names: asked)
            for (a, b) in zip(got, expected) where a != b {
                Issue.record("seed \(seed), step \(step) (\(update)):\n held: \(a)\nfresh: \(b)")
            }
            if step > 0 {
                // In a vault a picture that appears or goes changes what links reach: a full
                // resolution; a site's links never reach pictures.
                if !vault { #expect(!update.full, "only the first update reads everything") }
                if update.full { full += 1 } else { deltas += 1 }
                // Told the folders, an update reads only them.
                #expect(update.walkedEverything == !watching, "step \(step)")
                resolved += update.articlesResolved
                let graph = try fresh.graph().graph
                articles += graph.nodes.indices.filter { !graph.nodes.isStub($0) }.count
            }
        }
        return (deltas, resolved, articles, full)
    }

    @Test(arguments: [1, 2, 3] as [UInt64]) func aSiteChangedAtRandomAnswersAsAFreshBuild(seed: UInt64) throws {
        let (deltas, resolved, articles, _) = try randomEdits(vault: false, seed: seed, steps: 40, indexed: seed == 2, watching: seed != 1)
        #expect(deltas == 39)
        // Some links are left as they were resolved: a delta build resolves fewer than all.
        #expect(resolved < articles, "\(resolved) articles resolved again of \(articles)")
    }

    @Test(arguments: [4, 5, 6] as [UInt64]) func aVaultChangedAtRandomAnswersAsAFreshBuild(seed: UInt64) throws {
        let (deltas, resolved, articles, full) = try randomEdits(vault: true, seed: seed, steps: 40, watching: seed != 4)
        // Pictures came and went: some updates resolved everything, most only what changed.
        #expect(full > 0 && deltas > full, "\(full) full updates, \(deltas) delta updates")
        #expect(deltas + full == 39)
        #expect(resolved < articles, "\(resolved) articles resolved again of \(articles)")
    }

    /// An edit that changes one article's links resolves that article and the ones whose links
    /// looked up its names, no other; a new article that answers a wanted term is linked.
    @Test func anEditResolvesOnlyWhatItReaches() throws {
        var files: [String: String] = [:]
        for i in 0..<50 { files["t\(i).md"] = "---\ntitle: Term \(i)\n---\n[next](/t\(i + 1))\n" }
        let corpus = try TemporaryCorpus(files)
        defer { corpus.remove() }
        // A file written within the second the walk begins is read again whatever its stamp says
        // (its stamp cannot vouch for it yet): each update here waits for the next second.
        func settle() { Thread.sleep(forTimeInterval: 1.05) }
        settle()
        var held = HeldCorpus(root: corpus.url, useIndex: false)
        #expect(try held.update().update == HeldCorpus.Update(filesChanged: 50, articlesResolved: 50, full: true))
        // t10's body changes; t9 links to t10, so its link is looked at again too.
        try corpus.write("t10.md", "---\ntitle: Term 10\n---\n[back](/t3) [new](/t99)\n")
        settle()
        let (edited, update) = try held.update()
        #expect(update == HeldCorpus.Update(filesChanged: 1, articlesResolved: 2, full: false))
        #expect(try PathQuery(from: "t10", to: "t5").run(in: edited).length == 3)
        #expect(try OrphansQuery(kind: .wanted).run(in: edited).terms.map(\.slug) == ["t50", "t99"])
        // t99 is written: the link from t10 (and no other) now reaches it.
        try corpus.write("t99.md", "---\ntitle: Ninety-nine\n---\n")
        settle()
        let (added, second) = try held.update()
        #expect(second == HeldCorpus.Update(filesChanged: 1, articlesResolved: 2, full: false))
        #expect(try OrphansQuery(kind: .wanted).run(in: added).terms.map(\.slug) == ["t50"])
        #expect(try PathQuery(from: "t9", to: "Ninety-nine").run(in: added).length == 2)
    }
}
