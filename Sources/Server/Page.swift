import HTTPTypes
import Hummingbird

/// The web page at `/`: HTML, CSS and JavaScript compiled into the binary, so that the page
/// needs no network and no file beside the program.
enum Page {
    struct File {
        let bytes: [UInt8]
        let contentType: String
    }

    private static let files: [String: File] = [
        "/": File(bytes: PackageResources.index_html, contentType: "text/html; charset=utf-8"),
        "/page.css": File(bytes: PackageResources.page_css, contentType: "text/css; charset=utf-8"),
        "/page.js": File(bytes: PackageResources.page_js, contentType: "text/javascript; charset=utf-8"),
    ]

    static func file(at path: String) -> File? { files[path] }

    /// Every answer: what it is, and a policy that lets the page run only its own script and
    /// style, so that even text that slipped into markup could not run.
    static func headers(contentType: String) -> HTTPFields {
        [
            .contentType: contentType,
            .init("X-Content-Type-Options")!: "nosniff",
            .init("Content-Security-Policy")!: "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            .init("Referrer-Policy")!: "no-referrer",
            .cacheControl: "no-store",
        ]
    }
}
