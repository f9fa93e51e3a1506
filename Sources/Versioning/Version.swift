/// A version string as found in NVD and inventories, parsed once for comparison.
///
/// Versions form a partial order: `Version.compare` answers `.less`, `.equal` or `.greater` only when the answer
/// holds under every reasonable reading of both strings, and `.indeterminate(reason)` otherwise. Rules, in the
/// order they apply (ADR 0002 gives the reasons):
///
/// 1. **Text.** ASCII is lower-cased, CPE escapes (`\`) dropped, surrounding spaces trimmed, and a leading `v`
///    before a digit removed. `-` (CPE NA), `*` and the empty string have no version content and order against
///    nothing but an identical string.
/// 2. **Epoch.** Digits before the first colon are a Debian epoch (`1:2.3-4`) and are compared first. An epoch on
///    one side only (other than `0:`) is indeterminate: it exists because upstream numbering broke.
///    `1.8.0:update_381` has no epoch; the colon there joins a CPE version and update.
/// 3. **Scheme.** The first element decides a scheme: a plain release, a year (`2023.3`, 1990–2099), a date
///    (`20230101`, `2023-01-01`) or a date with the year last (`02-08-2013`). Different schemes are indeterminate.
///    Two year-last dates order by year, then by day and month only if both readings (DMY, MDY) agree.
/// 4. **Elements.** Digit runs are numbers, letter runs are words, everything else separates; parentheses, `.`,
///    `_`, `+` and spaces are all plain separators (`12.1(14)e7` is 12, 1, 14, `e`, 7). Elements compare left to
///    right; a missing element counts as `0`, so `1.0` equals `1.0.0`.
/// 5. **Levels.** `-` followed by a digit after a number starts a revision level (`2.3-4`): the whole upstream
///    part is compared before any revision, so `2.3-4` < `2.3.1`.
/// 6. **Numbers** compare by value. When a number other than the first has a leading zero and the digit counts
///    differ (`1.02` vs `1.2`, `2.4.051` vs `2.4.6`), it may be a decimal fraction; the answer stands only if the
///    integer and the fraction readings agree (`1.02` < `1.10`), else it is indeterminate.
/// 7. **Pre-releases** sort below the release and below any number: `dev`/`snapshot`/`nightly`/`canary` <
///    `alpha` < `beta` < `milestone` < `pre`/`preview` < `rc`/`cr`; `a`/`b` count only when glued between digits
///    (`1.0b2`). Debian `~` sorts below the release but is not ranked against the named markers.
/// 8. **Post-releases** sort above the release and its zeros but below the next number: patch (`p`, `pl`,
///    `patch`, `post`), update (`u`, `upd`, `update`, and Java's `_381` after a number), service pack (`sp`),
///    revision (`r`, `rev`), `build`, `hotfix`/`hf`, fix pack (`fp`), `sr`, `su`, `mr`. Two different kinds never
///    order against each other (`sp1` vs `update2`).
/// 9. **Letter suffixes**: one or two letters glued to a number and not followed by a digit (`1.1.1w`, `0.9.8zh`,
///    `2.8.123e`) are post-releases ordered alphabetically with a prefix first (`z` < `za`).
/// 10. **Release words** `final`, `release`, `ga`, `stable`, `lts` at the end of a version mean nothing.
/// 11. **Opaque tokens** — any other word (Cisco trains `se`, editions, `x` wildcards), git-hash-like hex runs and
///    numbers of more than 15 significant digits — equal only themselves; against anything else the comparison is
///    indeterminate.
///
/// `==` and hashing use the raw text, so `Version("1.0") != Version("1.0.0")` although they compare `.equal`.
public struct Version: Hashable, Sendable, CustomStringConvertible {
    public let raw: String
    let tokens: [VersionToken]
    let epoch: UInt64?
    let scheme: VersionScheme

    public init(_ raw: String) {
        self.raw = raw
        let parsed = VersionParser.parse(raw)
        tokens = parsed.tokens
        epoch = parsed.epoch
        scheme = parsed.scheme
    }

    public var description: String { raw }

    public static func == (lhs: Version, rhs: Version) -> Bool { lhs.raw == rhs.raw }

    public func hash(into hasher: inout Hasher) { hasher.combine(raw) }

    /// Orders two versions, or says why they cannot be ordered. Never allocates unless the answer is
    /// `.indeterminate`.
    public static func compare(_ lhs: Version, _ rhs: Version) -> VersionOrder {
        VersionComparator.compare(lhs, rhs)
    }

    public func compare(to other: Version) -> VersionOrder { VersionComparator.compare(self, other) }

    /// Whether this version satisfies an exact NVD criterion (`cpe:…:1.0:…`). Exact means the same release, with
    /// missing trailing elements read as zero: inventory `1.0.0` satisfies `1.0`, but `1.0.5` does not, since NVD
    /// expresses a series with a range, never with a shorter exact version.
    public func satisfies(exactly criterion: Version) -> RangeMembership {
        VersionRange(exactly: criterion).contains(self)
    }
}
