import TermgraphCorpus
import TermgraphGraph

/// The merging step: every article's resolved links become edge records with their anchor
/// texts, and links to wanted terms become stub nodes (numbered in the order their first link is
/// met) with a `wanted-link` problem each. A stub's label is the anchor text used most often
/// for it, ties to the first seen; anchor texts are kept in first-seen order. A vault link whose
/// note name fits several notes is an `ambiguous-link` problem naming them all.
struct EdgeMerging {
    var nodes: [Node]
    var problems: [Problem]
    var edges: [EdgeRecord] = []
    var anchors = AnchorLists.Builder()
    var links = 0
    var external = 0
    var attachments = 0

    private struct Wanted {
        var node: Int32
        var anchorCounts: [String: Int] = [:]
        var anchorOrder: [String] = []
    }
    private var wanted: [String: Wanted] = [:]

    init(nodes: [Node], problems: [Problem]) {
        self.nodes = nodes
        self.problems = problems
    }

    /// Adds the links of `articles`, resolved slice by slice as `LinkResolution` gives them.
    mutating func add(_ resolved: [[LinkResolution.ResolvedLinks]], of articles: [Article]) {
        var source = 0
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
        labelStubs()
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
            edges.append(EdgeRecord(source: Int32(source), target: edge.target, weight: edge.weight))
            let own = Int(article.anchorStart[k])..<Int(article.anchorStart[k + 1])
            anchors.startList(count: own.count)
            for link in article.anchorLinks[own] { anchors.addText(list.anchorText(Int(link))) }
            anchors.endList()
        }
        // Each stub this article links to: its edge, and the links whose anchor texts it keeps.
        var stubEdges: [Int32: Int] = [:]
        var stubAnchors: [DistinctAnchors] = []
        for (i, key, written) in article.wanted {
            let link = list[i]
            problems.append(Problem(file: path, line: link.line, kind: .wantedLink,
                                    message: "link to \"\(link.target)\" matches no article"))
            if wanted[key] == nil {
                wanted[key] = Wanted(node: Int32(nodes.count))
                nodes.append(Node(slug: written, key: key, title: written, isStub: true))
            }
            let stub = wanted[key]!.node
            if !link.text.isEmpty {
                if wanted[key]!.anchorCounts[link.text] == nil { wanted[key]!.anchorOrder.append(link.text) }
                wanted[key]!.anchorCounts[link.text, default: 0] += 1
            }
            if let k = stubEdges[stub] {
                edges[edges.count - stubAnchors.count + k].weight += 1
                stubAnchors[k].add(i, of: list)
            } else {
                stubEdges[stub] = stubAnchors.count
                stubAnchors.append(DistinctAnchors())
                stubAnchors[stubAnchors.count - 1].add(i, of: list)
                edges.append(EdgeRecord(source: Int32(source), target: stub))
            }
        }
        for texts in stubAnchors {
            anchors.startList(count: texts.links.count)
            for link in texts.links { anchors.addText(list.anchorText(link)) }
            anchors.endList()
        }
    }

    /// Each stub's title: the anchor text used most often for it, ties to the first seen.
    private mutating func labelStubs() {
        for stub in wanted.values {
            var best: String?
            var bestCount = 0
            for anchor in stub.anchorOrder where stub.anchorCounts[anchor]! > bestCount {
                best = anchor
                bestCount = stub.anchorCounts[anchor]!
            }
            if let best { nodes[Int(stub.node)].title = best }
        }
    }
}
