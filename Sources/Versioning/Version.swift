/// A version string as found in NVD and inventories, parsed once for comparison.
///
/// Versions form a partial order: `Version.compare` answers `.less`, `.equal` or `.greater` only when the answer
/// holds under every reasonable reading of both strings, and `.indeterminate(reason)` otherwise. The rules, in the
/// order they apply (docs/adr/0002-version-comparison.md gives the reasons and the figures on real NVD data):
///
/// 1. **Text.** ASCII is lower-cased, CPE escapes (`\`) dropped, surrounding spaces trimmed; a leading `v1.2`,
///    `version 1.2`, `firmware_1.2` or `release_1.2` is read as `1.2`. `-` (CPE NA) and the empty string have no
///    version content and equal only an identical string.
/// 2. **Epoch.** Digits before the first colon are a Debian epoch (`1:2.3-4`), compared first. An epoch on one
///    side only (other than `0:`) is indeterminate: it exists because upstream numbering broke. `1.8.0:update_381`
///    has no epoch; that colon joins a CPE version and its update field.
/// 3. **Scheme.** The start decides a scheme: a release (`1.2`), a year (`2023.3`, 1990–2099), a date (`20230101`,
///    `2023-01-01`), a date with the year last (`02-08-2013`), or a word (`b.11.31`, a git hash). Different
///    schemes are indeterminate. Year-last dates order by year, then by day and month only if the day-first and
///    month-first readings agree.
/// 4. **Elements.** Digit runs are numbers, letter runs are words; `.`, `_`, `+`, `:`, parentheses and spaces only
///    separate (`12.1(14)e7` is 12, 1, 14, `e`, 7).
/// 5. **Release, then qualifier.** The leading numbers are the release; the first marker or word starts the
///    qualifier. Releases compare first with missing numbers read as zero (`1.0` = `1.0.0`, `1.0.0t` < `1.0.1`,
///    `2.0-rc1` = `2.0.0-rc1`), then qualifiers element by element.
/// 6. **Revisions.** `-` followed by a digit after a number starts a revision (`2.3-4`): the whole upstream part is
///    compared before any revision, so `2.3-4` < `2.3.1` and `2.3-4` > `2.3`.
/// 7. **Numbers** compare by value. When a number other than the first has a leading zero and the digit counts
///    differ (`1.02` vs `1.2`, `2.4.051` vs `2.4.6`), it may be a decimal fraction: the answer stands only if the
///    integer and fraction readings agree (`1.02` < `1.10`). A zero-padded major (`009.016(001)`) marks fixed-width
///    padding, so that version's numbers are plain integers (= `9.16(1)`).
/// 8. **Pre-releases** sort below the release: `dev`/`snapshot`/`nightly`/`canary` < `alpha` < `beta` <
///    `milestone` < `pre`/`preview` < `rc`/`cr`. A single `a`, `b` or `c` with a number means alpha, beta or rc only
///    where the qualifier starts (`1.0b2`, `2.8.0-b1`), not later (Java `_381-b09`). Debian `~` sorts below the
///    release but is not ranked against named markers.
/// 9. **Post-releases** sort above the release: patch (`p`, `pl`, `patch`, `post`), update (`u`, `upd`, `update`,
///    and Java's `_381` after a number), service pack (`sp`), revision (`r`, `rev`), `build`, `hotfix`/`hf`, fix pack
///    (`fp`), cumulative patch (`cp`), `sr`, `su`, `mr`. Different kinds never order against each other.
/// 10. **Letter releases**: one letter glued to a number and not followed by a digit, or OpenSSL's continuation past
///    `z` (`1.1.1w`, `2.8.123e`, `0.9.8zh`), is a post-release ordered alphabetically, prefix first (`z` < `za`).
/// 11. **Release words** `final`, `release`, `ga`, `stable`, `lts` mean nothing at the end or before another word.
/// 12. **Opaque tokens** equal only themselves and order against nothing else: any other word (Cisco trains `se`,
///    `12.4xk`; editions), a separate `x` or `*` where a release number belongs (`5.x`), hex runs that look like
///    hashes, and numbers of more than 15 significant digits.
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
