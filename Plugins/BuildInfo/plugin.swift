import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` before each build of the command: the git commit the binary is built
/// from (`git describe --always --dirty`), or `unknown` outside a git checkout. The file is only
/// replaced when the commit changed, so an unchanged tree does not recompile the command.
@main
struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo")
        let file = output.appending(path: "BuildInfo.swift")
        let script = #"""
            commit=$(git -C "$1" describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)
            mkdir -p "$2"
            printf '/// The git commit this binary was built from.\nlet buildCommit = "%s"\n' "$commit" > "$3.new"
            if cmp -s "$3.new" "$3"; then rm -f "$3.new"; else mv "$3.new" "$3"; fi
            """#
        return [.prebuildCommand(
            displayName: "Recording the git commit of the build",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path, file.path],
            outputFilesDirectory: output)]
    }
}
