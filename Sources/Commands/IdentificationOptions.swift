import ArgumentParser
import Identification

/// What identification reads besides the inventory, shared by `vans identify` and `vans match`.
struct IdentificationOptions: ParsableArguments {
    @Option(
        name: .customLong("cpe-dictionary"),
        help: """
            The official CPE dictionary (XML) or the derived NVD product index (CSV), .gz or not, or a folder of \
            them (repeatable): more products and their titles for identification.
            """
    )
    var cpeDictionaries: [String] = []

    @Option(help: "The alias dictionary (default: aliases.json found as described below).")
    var aliases: String?

    @Option(help: "The prohibited-product catalogue (default: prohibited-catalogue.json found as described below).")
    var catalogue: String?

    @Option(help: "Reviewer-confirmed mappings (made by `vans identify confirm`), applied before any guess.")
    var confirmed: String?

    @Option(help: "The host for rows whose file names none (a .reg export, a dpkg listing).")
    var host: String?

    static let dataDiscussion = """
        aliases.json and prohibited-catalogue.json are read at run time, so an edit needs no rebuild. Each is \
        found as: the --aliases/--catalogue flag; else $VANS_DATA/identification/ (or $VANS_DATA/); else \
        Data/identification/ under the current directory; else Data/identification/ of the package the vans \
        executable was built in.
        """

    /// Loads the data files and the confirmed mappings and assembles the identifier over `vocabulary`.
    func identifier(vocabulary: CPEVocabulary) throws(CommandFailure) -> InventoryIdentifier {
        let aliasPath = try DataFiles.locate("aliases.json", explicit: aliases)
        let cataloguePath = try DataFiles.locate("prohibited-catalogue.json", explicit: catalogue)
        let aliasDictionary: AliasDictionary
        let prohibited: ProhibitedCatalogue
        do {
            aliasDictionary = try AliasDictionary(jsonBytes: try FileChunks.contents(of: aliasPath), file: aliasPath)
            prohibited = try ProhibitedCatalogue(
                jsonBytes: try FileChunks.contents(of: cataloguePath), file: cataloguePath)
        } catch let error as DataFileError {
            throw CommandFailure(message: error.description)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(message: "\(error)")
        }
        let mappings = try confirmed.map { path throws(CommandFailure) in try ConfirmedStore.load(path) }
        let software = SoftwareIdentifier(
            vocabulary: vocabulary, aliases: aliasDictionary, confirmed: mappings?.mappings ?? [])
        return InventoryIdentifier(identifier: software, checker: ProhibitedChecker(catalogue: prohibited))
    }
}
