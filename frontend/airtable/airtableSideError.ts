/**
 * Errors the Airtable adapter raises instead of letting a write reach the SDK, where a rejected
 * write can crash the extension. Callers branch on `code`; `message` is written for a person.
 */
export type AirtableSideErrorCode =
    'tableNotFound' | 'fieldNotFound' | 'tooManyRecords' | 'payloadTooLarge' | 'permissionDenied';

export class AirtableSideError extends Error {
    readonly code: AirtableSideErrorCode;

    constructor(code: AirtableSideErrorCode, message: string) {
        super(message);
        this.name = 'AirtableSideError';
        this.code = code;
    }
}
