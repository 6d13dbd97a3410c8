import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` for the command: the git commit the binary is built from
/// (`git rev-parse --short=12 HEAD`), or `unknown` outside a git checkout. The command runs
/// again whenever `.git/HEAD` or the branch it names moves (a commit, a checkout, a merge), so
/// the version never names an older commit.
@main
struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let file = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
        let script = #"""
            commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
            printf '/// The git commit this binary was built from.\nlet buildCommit = "%s"\n' "$commit" > "$2"
            """#
        return [.buildCommand(
            displayName: "Recording the git commit of the build",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", script, "sh", package.path, file.path],
            inputFiles: Self.gitState(package),
            outputFiles: [file])]
    }

    /// The files that change when the checked-out commit does: `.git/HEAD`, the branch file it
    /// points to, and `packed-refs` (or, in a worktree, the `.git` file that leads to its own).
    static func gitState(_ package: URL) -> [URL] {
        let git = package.appending(path: ".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: git.path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else { return [git] }
        var files = [git.appending(path: "HEAD")]
        if let head = try? String(contentsOf: files[0], encoding: .utf8), head.hasPrefix("ref: ") {
            let ref = git.appending(path: head.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines))
            if FileManager.default.fileExists(atPath: ref.path) { files.append(ref) }
        }
        let packed = git.appending(path: "packed-refs")
        if FileManager.default.fileExists(atPath: packed.path) { files.append(packed) }
        return files
    }
}
