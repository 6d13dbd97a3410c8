/// One way a link's path form can name an article: the resolver asks its lookups in order,
/// each form in NFC and case-folded (its key), and the first that knows the key wins.
///
/// A new way of finding link targets (a vault's note names, a site's redirects) is one more
/// type conforming to this, placed in the resolver's list by the configuration.
protocol TargetLookup: Sendable {
    /// The article (its position in the resolver's article list) whose name this lookup knows
    /// as `key`, or nil.
    func article(forKey key: String) -> Int?

    /// What `key` reaches from a link written in the folder `folder` (folded as keys are): an
    /// article, an article chosen among several, or an attachment; nil when nothing. Lookups
    /// whose answer depends on where the link stands (a vault's note names) say so here.
    func match(_ key: String, from folder: String) -> LinkTarget?
}

extension TargetLookup {
    func match(_ key: String, from folder: String) -> LinkTarget? {
        article(forKey: key).map(LinkTarget.article)
    }
}
