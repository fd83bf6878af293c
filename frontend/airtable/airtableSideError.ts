/**
 * Errors the Airtable adapter raises instead of letting a write reach the SDK, where a rejected
 * write can crash the extension. The class is part of the engine's port, so the engine can tell
 * a rejected row from a failure of the whole call.
 */
export {
    AirtableSideError,
    type AirtableRowRejection,
    type AirtableSideErrorCode,
} from '../sync/ports';
