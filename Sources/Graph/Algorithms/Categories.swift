import Foundation
import TermgraphCore
extension KnowledgeGraph {
    /// Gives every hub without a category its own, and every other article without one the
    /// category of its nearest hub, counting links
    /// in either direction; an article with two or more categories at the nearest distance,
    /// or with no hub in reach, keeps none. Stubs are stepping stones but get no category.
    ///
    /// - Parameter hubs: node index → category index, for the hub articles.
    public mutating func inferCategories(hubs: [Int: Int]) {
        let unknown = -1, conflicting = -2
        var label = [Int](repeating: unknown, count: nodeCount)
        var frontier: [Int] = []
        for (hub, category) in hubs.sorted(by: { $0.key < $1.key }) where label[hub] == unknown {
            label[hub] = category
            frontier.append(hub)
        }
        var distance = [Int32](repeating: -1, count: nodeCount)
        for hub in frontier { distance[hub] = 0 }
        var level: Int32 = 0
        while !frontier.isEmpty {
            level += 1
            var next: [Int] = []
            for u in frontier {
                forEachNeighbor(of: u, forward: true, undirected: true) { v in
                    if distance[v] < 0 {
                        distance[v] = level
                        label[v] = label[u]
                        next.append(v)
                    } else if distance[v] == level && label[v] != label[u] {
                        label[v] = conflicting
                    }
                }
            }
            frontier = next
        }
        for v in nodes.indices where !nodes[v].isStub && nodes[v].category == nil && label[v] >= 0 {
            nodes[v].category = label[v]
            // A hub's category is declared in termgraph.yml, not inferred.
            nodes[v].categoryInferred = hubs[v] == nil
        }
    }

    /// Edges from articles of category `row` to articles of category `column`, cell by cell:
    /// only the cells that are not zero, so that N categories never cost N² (200,000
    /// categories would be 320 GB of zeros).
    public func categoryMatrix(from sources: (Int) -> Bool = { _ in true }) -> CategoryMatrix {
        let size = categoryNames.count
        var counts: [Int: Int] = [:]
        for e in 0..<edgeCount where sources(Int(edgeSource[e])) {
            if let a = nodes.category(Int(edgeSource[e])), let b = nodes.category(Int(edgeTarget[e])), a < size, b < size {
                counts[a * size + b, default: 0] += 1
            }
        }
        return CategoryMatrix(size: size, cells: counts.keys.sorted().map {
            CategoryMatrix.Cell(row: $0 / size, column: $0 % size, count: counts[$0]!)
        })
    }

    /// The articles whose `categories` attribute (a MediaWiki page's categories, or a
    /// front-matter list) names `name`, in slug-key order. Names compare as MediaWiki compares
    /// them: `_` as space, the first letter in any case.
    public func members(listing name: String) -> [Int] {
        let wanted = Self.groupKey(name)
        return nodes.indices.filter { v in
            guard !nodes.isStub(v) else { return false }
            return nodes[v].attributes.contains { attribute in
                guard attribute.name == "categories" else { return false }
                switch attribute.value {
                case .list(let items): return items.contains { Self.groupKey($0) == wanted }
                case .text(let text): return Self.groupKey(text) == wanted
                }
            }
        }
    }

    private static func groupKey(_ name: String) -> String {
        let spaced = name.replacingOccurrences(of: "_", with: " ").trimmingCharacters(in: .whitespaces)
        guard let first = spaced.first else { return spaced }
        return first.lowercased() + spaced.dropFirst()
    }

    /// The articles whose category (explicit or inferred) is `category`, in slug-key order.
    public func members(ofCategory category: Int) -> [Int] {
        nodes.indices.filter { !nodes.isStub($0) && nodes.category($0) == category }
    }
}

/// The category cross-link matrix, sparse: the cells that are not zero, by row then column.
///
/// ```swift
/// let matrix = graph.categoryMatrix()
/// matrix[0, 1]     // edges from category 0 to category 1
/// matrix.cells     // [Cell(row: 0, column: 0, count: 86), …]
/// ```
public struct CategoryMatrix: Sendable, Equatable {
    public struct Cell: Sendable, Equatable {
        public let row: Int
        public let column: Int
        public let count: Int

        public init(row: Int, column: Int, count: Int) {
            self.row = row
            self.column = column
            self.count = count
        }
    }

    /// Rows and columns: the number of categories.
    public let size: Int
    /// Every cell with a count above zero, sorted by (row, column).
    public let cells: [Cell]

    public init(size: Int, cells: [Cell]) {
        self.size = size
        self.cells = cells
    }

    /// The count in one cell, zero for a cell not listed.
    public subscript(row: Int, column: Int) -> Int {
        var low = 0, high = cells.count
        while low < high {
            let mid = (low + high) / 2
            if (cells[mid].row, cells[mid].column) < (row, column) { low = mid + 1 } else { high = mid }
        }
        return low < cells.count && cells[low].row == row && cells[low].column == column ? cells[low].count : 0
    }
}
