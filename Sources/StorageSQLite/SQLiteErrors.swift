import AppCore
import SQLiteKit

/// SQLite's result codes as port errors.
enum SQLiteErrors {
    static func translate(_ error: any Error, _ context: String) -> StoreError? {
        guard let error = error as? SQLiteError else { return nil }
        let detail = "\(context): \(error.message)"
        switch error.reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed, .constraintUniqueRowIDFailed:
            return StoreError(.conflict, detail)
        case .constraintForeignKeyFailed:
            return StoreError(.invalidReference, detail)
        case .constraint, .constraintCheckFailed, .constraintNotNullFailed, .constraintTriggerFailed,
            .constraintStrictDataTypeFailed, .constraintCommitHookFailed, .constraintUserFunctionFailed,
            .constraintVirtualTableFailed, .constraintUpdateTriggerDeletedRow, .mismatch, .tooBig, .range:
            return StoreError(.rejected, detail)
        case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked, .lockedBySharedCache,
            .lockedVirtualTable, .cantOpen, .cantOpenDirectory, .cantOpenInvalidPath, .full, .ioError, .readOnly,
            .permission, .interrupt, .noMemory, .connection, .close:
            return StoreError(.unavailable, detail)
        case .corrupt, .notADatabase, .format:
            return StoreError(.corrupt, detail)
        case .schema:
            return StoreError(.schema, detail)
        default:
            // A trigger's RAISE(ABORT, …) arrives as a plain constraint failure on some builds; its message says so.
            if error.message.contains("append-only") { return StoreError(.rejected, detail) }
            return StoreError(.unavailable, detail)
        }
    }
}
