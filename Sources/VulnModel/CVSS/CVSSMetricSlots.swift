/// The parsed metric values of one vector: 32 slots of 4 bits, indexed like `CVSSSchema`. A slot holds 0 when the
/// metric is absent and `n + 1` for the schema's `n`th value. Two words instead of an array keep `CVSSVector`
/// free of heap allocations (v4 has exactly 32 metrics; no metric has more than 6 values).
struct CVSSMetricSlots: Hashable, Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// The value index stored for `metric`, or nil when the vector does not carry it.
    subscript(metric: Int) -> Int? {
        let shift = UInt64((metric & 15) * 4)
        let nibble = Int(((metric < 16 ? low : high) >> shift) & 0xF)
        return nibble == 0 ? nil : nibble - 1
    }

    mutating func set(_ metric: Int, value: Int) {
        let shift = UInt64((metric & 15) * 4)
        let bits = UInt64(value + 1) << shift
        if metric < 16 { low |= bits } else { high |= bits }
    }
}
