import Foundation
import Yams

/// What `fragments: check` and `fragment_patterns` ask for (§1d): whether a link's `#fragment`
/// must name an anchor of its target, and the site's own ways of defining anchors.
public struct FragmentRules: Sendable, Equatable {
    /// Whether fragments are checked; off, no anchor is collected and nothing changes.
    public var check = false
    /// ICU regular expressions whose first group is an id the page defines.
    public var patterns: [String] = []

    public init(check: Bool = false, patterns: [String] = []) {
        self.check = check
        self.patterns = patterns
    }

    /// The patterns compiled, or nil when fragments are not checked.
    package var compiled: FragmentPatterns? {
        check ? FragmentPatterns(patterns) : nil
    }
}

extension CorpusConfig {
    /// `fragments` and `fragment_patterns`; a value of the wrong shape, or a pattern that does not
    /// compile, is a warning at its line and the rest holds.
    mutating func readFragmentSetting(_ name: String, _ value: Node, line: Int?) {
        func ignored(_ expected: String) { ignoreSetting("\(name) must be \(expected)", line: line) }
        switch name {
        case "fragments":
            switch value.scalar?.string {
            case "check": fragments.check = true
            case "ignore", "": fragments.check = false
            default: ignored("check or ignore")
            }
        case "fragment_patterns":
            guard let items = value.sequence.map({ $0.compactMap(\.scalar?.string) }) ?? value.scalar.map({ [$0.string] }) else {
                return ignored("a list of regular expressions")
            }
            for (offset, pattern) in items.enumerated() {
                let itemLine = value.sequence.flatMap { $0[offset].mark?.line } ?? line
                guard let regex = try? NSRegularExpression(pattern: pattern) else {
                    ignoreSetting("fragment pattern \"\(pattern)\" is not a valid regular expression", line: itemLine)
                    continue
                }
                if regex.numberOfCaptureGroups < 1 {
                    ignoreSetting("fragment pattern \"\(pattern)\" has no group (…) to capture the id", line: itemLine)
                    continue
                }
                fragments.patterns.append(pattern)
            }
        default:
            return
        }
    }
}
