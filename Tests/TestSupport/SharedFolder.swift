import Foundation
import Testing

/// `../shared` beside the repository: present in CI, absent in a user's fresh clone.
public enum SharedFolder {
    public static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")

    public static var isPresent: Bool { FileManager.default.fileExists(atPath: url.path) }

    public static let skipMessage: Comment = "../shared is absent (a fresh clone): skipping the test that reads it"
}
