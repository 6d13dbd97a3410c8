/// Articles by their key: the slug, trimmed of `/`, NFC, case-folded. Tried first, so that a
/// page whose slug is `Web/API/Gamepad/index` stays distinct from `Web/API/Gamepad`.
struct SlugKeyLookup: TargetLookup {
    private var byKey: [String: Int] = [:]

    /// - Parameter keys: every article's key, in article order; the first of a key wins.
    init(keys: [String]) {
        byKey.reserveCapacity(keys.count)
        for (i, key) in keys.enumerated() where byKey[key] == nil {
            byKey[key] = i
        }
    }

    func article(forKey key: String) -> Int? { byKey[key] }
}
