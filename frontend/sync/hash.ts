/**
 * FNV-1a with a 64-bit state, over the UTF-8 bytes of the text, returned in base 36 (at most 14
 * characters). Fast and deterministic in every JavaScript engine; not a cryptographic hash. The
 * 64-bit multiply is done on four 16-bit limbs so every intermediate product stays exact in a double.
 */
export function hashText(text: string): string {
    return formatHash(hashTextToHalves(text));
}

/** The 64-bit hash as two unsigned 32-bit halves, the form in which hashes can be XORed. */
export interface HashHalves {
    readonly high: number;
    readonly low: number;
}

/**
 * Computes the hash of `hashText(prefix + text)` as two 32-bit halves. The prefix is hashed first
 * instead of being joined to the text, which would copy the text. It must not end in a lone high
 * surrogate, which joining would pair with the text's first code unit.
 */
export function hashTextToHalves(text: string, prefix = ''): HashHalves {
    const hash = new Fnv1a64();
    hash.addText(prefix);
    hash.addText(text);
    return hash.getHalves();
}

/**
 * The running state of one hash. It encodes the text's UTF-8 bytes as it reads them, so no byte
 * array is filled per value, and writes a lone surrogate as U+FFFD, as `TextEncoder` does.
 */
class Fnv1a64 {
    // Offset basis 0xcbf29ce484222325 in four 16-bit limbs, lowest limb first.
    private h0 = 0x2325;
    private h1 = 0x8422;
    private h2 = 0x9ce4;
    private h3 = 0xcbf2;

    addText(text: string): void {
        for (let index = 0; index < text.length; index += 1) {
            const unit = text.charCodeAt(index);
            if (unit < 0x80) {
                this.addByte(unit);
            } else if (unit < 0x800) {
                this.addByte(0xc0 | (unit >> 6));
                this.addByte(0x80 | (unit & 0x3f));
            } else if (unit < 0xd800 || unit > 0xdfff) {
                this.addThreeBytes(unit);
            } else {
                const next = text.charCodeAt(index + 1);
                const isPair = unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
                if (isPair) {
                    this.addFourBytes(0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00));
                    index += 1;
                } else {
                    this.addThreeBytes(REPLACEMENT_CHARACTER);
                }
            }
        }
    }

    getHalves(): HashHalves {
        return {high: this.h3 * 0x10000 + this.h2, low: this.h1 * 0x10000 + this.h0};
    }

    private addThreeBytes(codePoint: number): void {
        this.addByte(0xe0 | (codePoint >> 12));
        this.addByte(0x80 | ((codePoint >> 6) & 0x3f));
        this.addByte(0x80 | (codePoint & 0x3f));
    }

    private addFourBytes(codePoint: number): void {
        this.addByte(0xf0 | (codePoint >> 18));
        this.addByte(0x80 | ((codePoint >> 12) & 0x3f));
        this.addByte(0x80 | ((codePoint >> 6) & 0x3f));
        this.addByte(0x80 | (codePoint & 0x3f));
    }

    private addByte(byte: number): void {
        const h0 = this.h0 ^ byte;
        // Multiply by the FNV prime 0x100000001b3 = 2^40 + 0x1b3, keeping the low 64 bits.
        const t0 = h0 * 0x1b3;
        const t1 = this.h1 * 0x1b3 + (t0 >>> 16);
        const t2 = this.h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
        const t3 = this.h3 * 0x1b3 + (this.h1 << 8) + (t2 >>> 16);
        this.h0 = t0 & 0xffff;
        this.h1 = t1 & 0xffff;
        this.h2 = t2 & 0xffff;
        this.h3 = t3 & 0xffff;
    }
}

/**
 * Returns whether `hash` is what `hashText(text)` returns. It reads the digits of `hash` instead of
 * formatting the hash of the text, because formatting took about two thirds of the time of a hash
 * (Node 20).
 */
export function isHashOfText(text: string, hash: string): boolean {
    return isFormattedHash(hashTextToHalves(text), hash);
}

/** Returns whether `formatHash(halves)` is `hash`, without formatting the halves. */
export function isFormattedHash(halves: HashHalves, hash: string): boolean {
    const highDigits = hash.length - LOW_HALF_DIGITS;
    // `formatHash` writes the high half with no leading zero and the low half in exactly 7 digits.
    const hasLeadingZero = highDigits > 1 && hash.charCodeAt(0) === DIGIT_ZERO;
    if (highDigits < 1 || hasLeadingZero) {
        return false;
    }
    return (
        parseBase36(hash, 0, highDigits) === halves.high &&
        parseBase36(hash, highDigits, hash.length) === halves.low
    );
}

/**
 * Parses the digits of `text` from `start` to `end` in base 36 with lower-case letters, as
 * `formatHash` writes them. Returns NaN when a character is not such a digit.
 */
function parseBase36(text: string, start: number, end: number): number {
    let value = 0;
    for (let index = start; index < end; index += 1) {
        const code = text.charCodeAt(index);
        if (code >= DIGIT_ZERO && code <= DIGIT_NINE) {
            value = value * 36 + (code - DIGIT_ZERO);
        } else if (code >= LETTER_A && code <= LETTER_Z) {
            value = value * 36 + (code - LETTER_A + 10);
        } else {
            return Number.NaN;
        }
    }
    return value;
}

/** Formats a hash in base 36, as `hashText` returns it. */
export function formatHash(hash: HashHalves): string {
    return toBase36(hash.high) + toBase36(hash.low).padStart(LOW_HALF_DIGITS, '0');
}

/**
 * Formats an unsigned 32-bit integer as `Number.prototype.toString(36)` does, but faster: in a
 * Node 20 profile, `toString(36)` took about 40 % of the time of a hash.
 */
function toBase36(value: number): string {
    let digits = '';
    let rest = value;
    do {
        digits = BASE36_DIGITS.charAt(rest % 36) + digits;
        rest = Math.floor(rest / 36);
    } while (rest > 0);
    return digits;
}

// 36^7 exceeds 2^32, so seven base-36 digits always hold the low 32 bits.
const LOW_HALF_DIGITS = 7;
const BASE36_DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;
const LETTER_A = 0x61;
const LETTER_Z = 0x7a;
const REPLACEMENT_CHARACTER = 0xfffd;
