/** Checks on text that Dynamics formatted String columns and Airtable typed fields apply. */

// Deliberately permissive: one @, no spaces, a dot in the domain. Dynamics rejects less than RFC 5322
// allows, so this stops the values it certainly rejects without refusing unusual valid addresses.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
// Schemes the Dynamics URL format accepts (http, https, ftp, ftps, onenote, tel, mailto).
const URL_SCHEME_PATTERN = /^(https?|ftps?|onenote|tel|mailto):/i;
// A URL typed without a scheme, such as www.contoso.com/about, which Dynamics forms accept.
const SCHEMELESS_URL_PATTERN = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#]\S*)?$/i;

export function isValidEmail(text: string): boolean {
    return EMAIL_PATTERN.test(text);
}

/**
 * Returns whether Dynamics accepts the text in a String column with the URL format.
 * NOTE: the accepted schemes and the schemeless form follow the Dynamics form behaviour; the Web
 * API's own check has not been compared against a live environment.
 */
export function isValidUrl(text: string): boolean {
    if (/\s/.test(text)) {
        return false;
    }
    if (URL_SCHEME_PATTERN.test(text)) {
        return canParseUrl(text);
    }
    return SCHEMELESS_URL_PATTERN.test(text);
}

export function hasLineBreak(text: string): boolean {
    return /[\r\n]/.test(text);
}

function canParseUrl(text: string): boolean {
    try {
        new URL(text);
        return true;
    } catch {
        return false;
    }
}
