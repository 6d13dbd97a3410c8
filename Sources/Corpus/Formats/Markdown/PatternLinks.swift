import Foundation

/// The parts of one text run that `link_patterns` may not match (§1d): code spans, HTML and
/// vault comments, and every link, image, autolink and anchor with what it encloses. The inline
/// scanner marks them as it meets them, so what is code or a link is decided in one place.
struct LinkCover {
    /// Whether `[[…]]` is a link; with `wikilinks: false` its text is open to patterns.
    let wikilinks: Bool
    /// Byte ranges of the run, in the order they were marked (they may nest or overlap).
    private(set) var ranges: [Range<Int>] = []

    init(wikilinks: Bool = true) {
        self.wikilinks = wikilinks
    }

    mutating func add(_ start: Int, _ end: Int) {
        if start < end { ranges.append(start..<end) }
    }

    mutating func addWikilink(_ start: Int, _ end: Int) {
        if wikilinks { add(start, end) }
    }
}

/// Applies `link_patterns` to the text of a run outside its cover: each pattern in list order
/// takes the leftmost matches that overlap neither the cover nor an earlier pattern's match.
enum PatternLinks {
    static func scan(_ run: MarkdownBlocks.TextRun, cover: LinkCover, patterns: [LinkPattern], into links: inout [Link]) {
        guard !patterns.isEmpty, !run.bytes.isEmpty else { return }
        let text = String(decoding: run.bytes, as: UTF8.self)
        let string = text as NSString
        let units = UTF16Offsets(run.bytes)
        var taken = TakenRanges(cover.ranges.map { units.utf16($0.lowerBound)..<units.utf16($0.upperBound) })
        let length = string.length
        var found: [(start: Int, link: Link)] = []
        for pattern in patterns {
            var position = 0
            var claimed: [Range<Int>] = []
            while position < length {
                guard let match = pattern.expression.firstMatch(
                    in: text, options: [.withTransparentBounds, .withoutAnchoringBounds],
                    range: NSRange(location: position, length: length - position)) else { break }
                let range = match.range
                let next = NSMaxRange(string.rangeOfComposedCharacterSequence(at: range.location))
                if range.length == 0 {
                    position = next
                    continue
                }
                // This pattern's own matches lie before `position`: only the cover and earlier
                // patterns' matches can stand in the way.
                if let blocker = taken.overlap(range.location, NSMaxRange(range)) {
                    // A match that starts inside a taken range can only start again after it.
                    position = blocker.contains(range.location) ? blocker.upperBound : next
                    continue
                }
                claimed.append(range.location..<NSMaxRange(range))
                let groups: [String?] = (0..<match.numberOfRanges).map { n in
                    let group = match.range(at: n)
                    return group.location == NSNotFound ? nil : string.substring(with: group)
                }
                let (target, anchor) = pattern.link(groups: groups)
                let start = units.byte(range.location)
                found.append((start, Link(target: target, text: anchor, line: run.line(at: start), kind: .pattern)))
                position = NSMaxRange(range)
            }
            taken.merge(claimed)
        }
        found.sort { $0.start < $1.start }
        links += found.map(\.link)
    }
}

/// Converts between byte offsets of a UTF-8 run and the UTF-16 offsets `NSRegularExpression`
/// works in; an ASCII run needs no table.
private struct UTF16Offsets {
    /// For each UTF-16 offset, the byte offset it starts at (nil: the same number).
    private var bytesAt: [Int]?
    private var unitsAt: [Int: Int] = [:]

    init(_ bytes: [UInt8]) {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return }
        var table: [Int] = []
        table.reserveCapacity(bytes.count + 1)
        var byte = 0
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            unitsAt[byte] = table.count
            for _ in 0..<UTF16.width(scalar) { table.append(byte) }
            byte += UTF8.width(scalar)
        }
        unitsAt[byte] = table.count
        table.append(byte)
        bytesAt = table
    }

    func byte(_ unit: Int) -> Int {
        guard let bytesAt else { return unit }
        return bytesAt[min(unit, bytesAt.count - 1)]
    }

    /// A cover boundary always falls between characters (it is at an ASCII delimiter).
    func utf16(_ byte: Int) -> Int {
        guard bytesAt != nil else { return byte }
        return unitsAt[byte] ?? 0
    }
}

/// Ranges already claimed, disjoint and sorted, for the overlap test of each new match.
private struct TakenRanges {
    private var ranges: [Range<Int>] = []

    /// The union of `ranges`, which may nest or overlap.
    init(_ ranges: [Range<Int>]) {
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = self.ranges.last, range.lowerBound <= last.upperBound {
                self.ranges[self.ranges.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                self.ranges.append(range)
            }
        }
    }

    /// The claimed range that meets `start..<end`, if any: being disjoint, only the last one
    /// that starts before `end` can.
    func overlap(_ start: Int, _ end: Int) -> Range<Int>? {
        var low = 0, high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].lowerBound < end { low = mid + 1 } else { high = mid }
        }
        guard low > 0, ranges[low - 1].upperBound > start else { return nil }
        return ranges[low - 1]
    }

    /// Adds ranges that meet none of the claimed ones, sorted among themselves.
    mutating func merge(_ new: [Range<Int>]) {
        guard !new.isEmpty else { return }
        var merged: [Range<Int>] = []
        merged.reserveCapacity(ranges.count + new.count)
        var i = 0, j = 0
        while i < ranges.count || j < new.count {
            if j == new.count || (i < ranges.count && ranges[i].lowerBound < new[j].lowerBound) {
                merged.append(ranges[i]); i += 1
            } else {
                merged.append(new[j]); j += 1
            }
        }
        ranges = merged
    }
}
