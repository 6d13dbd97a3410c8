import TermgraphCore
extension KnowledgeGraph {
    /// Appends the whole graph to `writer`, flat arrays as raw words.
    package func encode(to writer: inout ByteWriter) {
        writer.write(categoryNames)
        nodes.encode(to: &writer)
        writer.write(edgeSource)
        writer.write(edgeTarget)
        writer.write(edgeWeight)
        edgeAnchors.encode(to: &writer)
        writer.write(outOffsets)
        writer.write(inOffsets)
        writer.write(inEdges)
        writer.write(title)
        writer.write(language)
    }

    /// Reads a graph written by `encode(to:)`, checking that its arrays fit together. Nodes and
    /// anchor texts stay encoded in the reader's buffer until they are asked for.
    package init(from reader: inout ByteReader) throws(ByteReader.Corrupt) {
        let categoryNames = try reader.readStrings()
        let damage = DamageFlag()
        let nodes = try NodeList.decode(from: &reader, categories: categoryNames.count, damage: damage)
        let n = nodes.count
        let source = try reader.readInt32s(), target = try reader.readInt32s(), weight = try reader.readInt32s()
        guard target.count == source.count, weight.count == source.count else { throw ByteReader.Corrupt() }
        let anchors = try AnchorLists.decode(from: &reader, edges: source.count, damage: damage)
        let outOffsets = try reader.readInt32s(), inOffsets = try reader.readInt32s(), inEdges = try reader.readInt32s()
        guard outOffsets.count == n + 1, inOffsets.count == n + 1, inEdges.count == source.count,
              source.allSatisfy({ $0 >= 0 && Int($0) < n }), target.allSatisfy({ $0 >= 0 && Int($0) < n }),
              inEdges.allSatisfy({ $0 >= 0 && Int($0) < source.count }),
              outOffsets.first == 0, inOffsets.first == 0,
              outOffsets.last.map({ Int($0) == source.count }) ?? false,
              inOffsets.last.map({ Int($0) == source.count }) ?? false,
              zip(outOffsets, outOffsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              zip(inOffsets, inOffsets.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw ByteReader.Corrupt() }
        self.init(nodes: nodes, edgeSource: source, edgeTarget: target, edgeWeight: weight, edgeAnchors: anchors,
                  outOffsets: outOffsets, inOffsets: inOffsets, inEdges: inEdges, categoryNames: categoryNames,
                  title: try reader.readOptionalString(), language: try reader.readOptionalString(), damage: damage)
    }
}
