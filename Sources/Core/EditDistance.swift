/// Levenshtein distance when it is at most `limit`, else `limit + 1`. Only the cells within
/// `limit` of the diagonal can hold so small a distance, so each row costs `2 * limit + 1` cells
/// whatever the lengths: a long typed term never costs the product of its length and a name's.
public func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
    let beyond = limit + 1
    guard abs(a.count - b.count) <= limit else { return beyond }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    // Cells outside the band read as `beyond`: row 0 past `limit`, and each row's edges.
    var previous = [Int](repeating: beyond, count: b.count + 1)
    for j in 0...min(b.count, limit) { previous[j] = j }
    var current = previous
    for i in 1...a.count {
        let low = max(1, i - limit), high = min(b.count, i + limit)
        current[low - 1] = low == 1 && i <= limit ? i : beyond
        var rowMin = current[low - 1]
        for j in low...high {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost, beyond)
            rowMin = min(rowMin, current[j])
        }
        if high < b.count { current[high + 1] = beyond }
        if rowMin > limit { return beyond }
        swap(&previous, &current)
    }
    return previous[b.count]
}
