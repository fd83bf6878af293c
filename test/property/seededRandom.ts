/**
 * Deterministic randomness for one property case, so a failing case replays with the same GUIDs
 * and retry jitter: mulberry32, a 32-bit generator that is small and fast, not cryptographic.
 */
import {parseGuid, type Guid} from '../../frontend/sync';

export interface SeededRandom {
    /** Returns a number in [0, 1). */
    next(): number;
    /** Returns a random version 4 GUID in lower case. */
    nextGuid(): Guid;
}

export function createSeededRandom(seed: number): SeededRandom {
    let state = seed >>> 0;
    const next = (): number => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    };
    const hexDigits = (count: number): string =>
        Array.from({length: count}, () => Math.floor(next() * 16).toString(16)).join('');

    return {
        next,
        nextGuid: () => {
            // The variant digit of a version 4 GUID is 8, 9, a or b.
            const variant = (8 + Math.floor(next() * 4)).toString(16);
            return parseGuid(
                `${hexDigits(8)}-${hexDigits(4)}-4${hexDigits(3)}-${variant}${hexDigits(3)}-${hexDigits(12)}`,
            );
        },
    };
}
