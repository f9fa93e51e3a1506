import CPE
import Versioning

/// One distinct inventory CPE, parsed once however many rows and hosts carry it.
final class InventoryItem: Sendable {
    let text: String
    let name: CPEName
    /// The item's version, when it names one (not ANY or NA).
    let version: Version?
    /// `part:vendor:product` in WFN form, the index key.
    let key: ProductKey
    /// A generic platform name the host runs by virtue of another item (`PlatformImplication`), not a row.
    let isImplied: Bool

    init(text: String, name: CPEName, isImplied: Bool = false) {
        self.text = text
        self.name = name
        self.isImplied = isImplied
        version = name[.version].logical.map(Version.init)
        key = ProductKey(name)
    }

    var productLabel: String { "\(name[.vendor].bound):\(name[.product].bound)" }
}

/// `part:vendor:product`, the key of the criteria index (values as written, lower-cased).
package struct ProductKey: Hashable, Sendable {
    package let text: String

    package init(text: String) { self.text = text }

    init(_ name: CPEName) {
        text = "\(name[.part].bound):\(name[.vendor].bound):\(name[.product].bound)".lowercased()
    }
}
