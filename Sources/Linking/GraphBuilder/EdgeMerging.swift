import TermgraphCorpus
import TermgraphGraph

/// The merging step: every article's resolved links become edge records with their anchor
/// texts, and links to wanted terms become stub nodes (numbered in the order their first link is
/// met) with a `wanted-link` problem each. A stub's label is the anchor text used most often
/// for it, ties to the first seen; anchor texts are kept in first-seen order. A vault link whose
/// note name fits several notes is an `ambiguous-link` problem naming them all.
struct EdgeMerging {
    /// The stubs, in the order met: stub `s` is node `articleCount + s`. Kept as their three
    /// strings, not as nodes: a dump has hundreds of thousands, and their nodes are made
    /// straight into the graph's array (`Stub.node`).
    var stubs: [Stub] = []

    struct Stub {
        /// The target's last form, as written.
        var written: String
        var key: String
        /// The anchor text used most often for it (`labelStubs`), until then the form written.
        var title: String

        var node: Node { Node(slug: written, key: key, title: title, isStub: true) }
    }
    let articleCount: Int
    var problems: ProblemList
    var edges: [WeightedEdge] = []
    var anchors = AnchorLists.Builder()
    var links = 0
    var external = 0
    var attachments = 0

    /// The stub node of each wanted key.
    private var stubOf: [String: Int32] = [:]
    /// The non-empty anchor texts of links to stubs, in the order met: text `t` is of stub
    /// `textStub[t]`, its bytes `textBytes[textEnd[t - 1] ..< textEnd[t]]` (from 0 for the first).
    private var textStub: [Int32] = []
    private var textEnd: [Int] = []
    private var textBytes: [UInt8] = []
    /// The next article `add` is given.
    private var source = 0

    init(articleCount: Int, problems: ProblemList) {
        self.articleCount = articleCount
        self.problems = problems
    }

    /// Makes room at once for the edges and anchor lists of `links` links, the most they can
    /// give: pages of the room that no edge fills are never touched, so cost nothing.
    mutating func reserve(links: Int) {
        edges.reserveCapacity(links)
        anchors.reserveLists(links)
    }

    /// Adds the links of the next articles of `articles`, resolved slice by slice as
    /// `LinkResolution` gives them.
    mutating func add(_ resolved: [[LinkResolution.ResolvedLinks]], of articles: [Article]) {
        // Room for the batch's edges (at most one per link to an article or a stub), unless
        // `reserve(links:)` made room for all: grown by doubling, or batch by batch, the largest
        // array left once a dump's links are let go of would be copied, and held twice meanwhile.
        let needed = edges.count + resolved.reduce(0) { $0 + $1.reduce(0) { $0 + $1.edges.count + $1.wanted.count } }
        if edges.capacity < needed { edges.reserveCapacity(needed) }
        for chunk in resolved {
            for article in chunk {
                add(article, from: source, list: articles[source].links, path: articles[source].path)
                for (link, chosen, candidates) in article.ambiguous {
                    problems.append(Self.ambiguity(articles[source].links[link], in: articles[source].path,
                                                   chosen: articles[chosen].path, candidates: candidates.map { articles[$0].path }))
                }
                source += 1
            }
        }
    }

    /// The problem of a link whose name fits several notes (their paths in path order).
    static func ambiguity(_ link: Link, in path: String, chosen: String, candidates all: [String]) -> Problem {
        return Problem(file: path, line: link.line, kind: .ambiguousLink,
                       message: "link to \"\(link.target)\" fits \(all.count) notes (\(all.joined(separator: ", "))); it goes to \(chosen)")
    }

    private mutating func add(_ article: LinkResolution.ResolvedLinks, from source: Int, list: LinkList, path: String) {
        links += article.links
        external += article.external
        attachments += article.attachments
        for (k, edge) in article.edges.enumerated() {
            edges.append(WeightedEdge(source: Int32(source), target: edge.target, weight: edge.weight))
            let own = Int(article.anchorStart[k])..<Int(article.anchorStart[k + 1])
            anchors.startList(count: own.count)
            for link in article.anchorLinks[own] { anchors.addText(list.anchorText(Int(link))) }
            anchors.endList()
        }
        // Each stub this article links to: its edge, and the links whose anchor texts it keeps.
        var stubEdges: [Int32: Int] = [:]
        var stubAnchors: [DistinctAnchors] = []
        for (i, key, written) in article.wanted {
            problems.appendWantedLink(file: path, line: list.line(i), target: list.targetText(i))
            let stub: Int32
            if let known = stubOf[key] {
                stub = known
            } else {
                stub = Int32(articleCount + stubs.count)
                stubOf[key] = stub
                stubs.append(Stub(written: written, key: key, title: written))
            }
            let text = list.anchorText(i)
            if !text.isEmpty {
                textStub.append(stub)
                textBytes.append(contentsOf: text)
                textEnd.append(textBytes.count)
            }
            if let k = stubEdges[stub] {
                edges[edges.count - stubAnchors.count + k].weight += 1
                stubAnchors[k].add(i, text: text, of: list)
            } else {
                stubEdges[stub] = stubAnchors.count
                stubAnchors.append(DistinctAnchors())
                stubAnchors[stubAnchors.count - 1].add(i, text: text, of: list)
                edges.append(WeightedEdge(source: Int32(source), target: stub))
            }
        }
        for texts in stubAnchors {
            anchors.startList(count: texts.links.count)
            for link in texts.links { anchors.addText(list.anchorText(link)) }
            anchors.endList()
        }
    }

    /// Each stub's title: the anchor text used most often for it, ties to the first seen
    /// (texts the same as strings compare are one text). Called once every link is added.
    mutating func labelStubs() {
        // Every link is merged: the table of wanted keys is not needed to build the graph.
        stubOf = [:]
        guard let firstStub = textStub.min() else { return }
        // The texts of each stub together, in the order met: a counting sort by stub.
        var start = [Int](repeating: 0, count: articleCount + stubs.count - Int(firstStub) + 1)
        for stub in textStub { start[Int(stub - firstStub) + 1] += 1 }
        for s in 1..<start.count { start[s] += start[s - 1] }
        var fill = start
        var order = [Int32](repeating: 0, count: textStub.count)
        for (t, stub) in textStub.enumerated() {
            order[fill[Int(stub - firstStub)]] = Int32(t)
            fill[Int(stub - firstStub)] += 1
        }
        func text(_ t: Int32) -> String {
            String(decoding: textBytes[(t == 0 ? 0 : textEnd[Int(t) - 1])..<textEnd[Int(t)]], as: UTF8.self)
        }
        var counts: [String: Int] = [:]
        for s in 0..<(start.count - 1) where start[s] < start[s + 1] {
            let own = order[start[s]..<start[s + 1]]
            var best = text(own.first!)
            if own.count > 1 {
                counts.removeAll(keepingCapacity: true)
                for t in own { counts[text(t), default: 0] += 1 }
                var bestCount = 0
                for t in own {
                    let candidate = text(t)
                    if counts[candidate]! > bestCount { (best, bestCount) = (candidate, counts[candidate]!) }
                }
            }
            let stub = s + Int(firstStub) - articleCount
            // The same bytes as the form written (`[[Missing page]]`): one string for both.
            if !best.utf8.elementsEqual(stubs[stub].written.utf8) { stubs[stub].title = best }
        }
        (textStub, textEnd, textBytes) = ([], [], [])
    }
}
