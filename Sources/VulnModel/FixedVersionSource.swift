/// Where the versions that fix a CVE for a product can be read: the upper bounds (`versionEndExcluding`) of the
/// CVE's vulnerable criteria for that product. The match index answers it, however the knowledge base was loaded
/// (from feeds or from a snapshot).
public protocol FixedVersionSource: Sendable {
    /// The distinct fixing versions of `cve` for `vendor:product` (lower-case, as NVD writes them), sorted as text.
    func fixedVersions(of cve: CVEID, vendor: String, product: String) -> [String]
}
