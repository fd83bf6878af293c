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

/** Computes the hash of `hashText` as two 32-bit halves. */
export function hashTextToHalves(text: string): HashHalves {
    const bytes = UTF8_ENCODER.encode(text);
    // Offset basis 0xcbf29ce484222325, lowest limb first.
    let h0 = 0x2325;
    let h1 = 0x8422;
    let h2 = 0x9ce4;
    let h3 = 0xcbf2;

    for (const byte of bytes) {
        h0 ^= byte;
        // Multiply by the FNV prime 0x100000001b3 = 2^40 + 0x1b3, keeping the low 64 bits.
        const t0 = h0 * 0x1b3;
        const t1 = h1 * 0x1b3 + (t0 >>> 16);
        const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
        const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
        h0 = t0 & 0xffff;
        h1 = t1 & 0xffff;
        h2 = t2 & 0xffff;
        h3 = t3 & 0xffff;
    }

    return {high: h3 * 0x10000 + h2, low: h1 * 0x10000 + h0};
}

/** Formats a hash in base 36, as `hashText` returns it. */
export function formatHash(hash: HashHalves): string {
    return hash.high.toString(36) + hash.low.toString(36).padStart(LOW_HALF_DIGITS, '0');
}

// 36^7 exceeds 2^32, so seven base-36 digits always hold the low 32 bits.
const LOW_HALF_DIGITS = 7;
const UTF8_ENCODER = new TextEncoder();
