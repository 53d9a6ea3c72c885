extension Array where Element: Equatable {
    /// Drops the repeats of a sorted array in place: equal elements stand next to each other
    /// then, so each is kept once with no hashing and no second array.
    public mutating func dropRepeats() {
        guard count > 1 else { return }
        var kept = 1
        for i in 1..<count where self[i] != self[kept - 1] {
            self[kept] = self[i]
            kept += 1
        }
        removeLast(count - kept)
    }
}
