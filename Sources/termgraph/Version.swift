/// `termgraph --version`: the release this source is, and the commit it was built from.
enum Version {
    /// The release; raised with each one (docs/install.md).
    static let release = "0.9.0"

    static var text: String { "termgraph \(release) (\(buildCommit))" }
}
