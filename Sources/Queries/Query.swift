/// A question the contract defines (§4), answered from a workspace. Every front end runs
/// queries through `run(in:)`, which never gives an answer read from a damaged index.
public protocol Query: Sendable {
    associatedtype Answer: Encodable & Sendable
    /// The answer from the workspace's graph as it is now.
    func answer(in workspace: Workspace) throws(QueryError) -> Answer
}

extension Query {
    /// The answer; when the index turned out damaged while it was read, the index is rebuilt
    /// and the answer given is the rebuilt graph's.
    public func run(in workspace: Workspace) throws(QueryError) -> Answer {
        try workspace.trusted { () throws(QueryError) in try answer(in: workspace) }
    }
}
