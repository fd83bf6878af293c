/**
 * Gives jsdom the Web Crypto API and TextEncoder that msal-browser needs. jsdom 26 has
 * `crypto.getRandomValues` but no `crypto.subtle`, and no TextEncoder or TextDecoder, so
 * `new PublicClientApplication()` throws `crypto_nonexistent` without them.
 */
import {webcrypto} from 'node:crypto';
import {TextDecoder, TextEncoder} from 'node:util';

if (typeof window !== 'undefined' && globalThis.crypto?.subtle === undefined) {
    Object.defineProperty(globalThis, 'crypto', {value: webcrypto, configurable: true});
}
if (typeof window !== 'undefined' && typeof globalThis.TextEncoder === 'undefined') {
    Object.assign(globalThis, {TextEncoder, TextDecoder});
}
