/**
 * The per-row sync state kept as compact JSON in the row's "Sync state" long-text field. It stores
 * the Dynamics version (ETag) seen at the last sync, whether a create in Dynamics is still pending,
 * and one hash per mapped column of the canonical value both sides agreed on. The hashes are the
 * baseline of the field-level three-way merge.
 *
 * Encoded form, with short keys because the state is stored in every row:
 * `{"v":1,"e":"W/\"1200503\"","p":1,"f":{"name":"1x2y3z…"}}`, where `p` appears only while a create
 * is pending.
 */
import {formatHash, hashTextToHalves, isFormattedHash, type HashHalves} from './hash';
import type {CanonicalValue} from './values';

export const SYNC_STATE_FORMAT_VERSION = 1;

/** Baseline hashes keyed by column logical name. */
export type FieldHashes = Readonly<Record<string, string>>;

export interface SyncState {
    readonly version: string | null;
    readonly isPendingCreate: boolean;
    readonly fieldHashes: FieldHashes;
}

export type SyncStateParseResult =
    | {readonly ok: true; readonly state: SyncState | null}
    | {readonly ok: false; readonly reason: string};

export function hashValue(value: CanonicalValue): string {
    return formatHash(hashValueToHalves(value));
}

/** Returns whether `hash` is `hashValue(value)`, without building the text of the value's hash. */
export function isHashOfValue(value: CanonicalValue, hash: string): boolean {
    return isFormattedHash(hashValueToHalves(value), hash);
}

/**
 * Hashes the value with a tag for its type in front, so the number 1, the text '1' and true hash
 * differently. A text's tag is hashed before it rather than joined to it, so the text is not copied.
 */
function hashValueToHalves(value: CanonicalValue): HashHalves {
    if (value === null) {
        return hashTextToHalves('z');
    }
    if (typeof value === 'string') {
        return hashTextToHalves(value, 's');
    }
    if (typeof value === 'number') {
        // String(-0) is '0', so -0 and 0 share one hash, as they are equal.
        return hashTextToHalves(String(value), 'n');
    }
    return hashTextToHalves(value ? 'b1' : 'b0');
}

export function encodeSyncState(state: SyncState): string {
    const encoded: {v: number; e: string | null; p?: 1; f: FieldHashes} = {
        v: SYNC_STATE_FORMAT_VERSION,
        e: state.version,
        f: state.fieldHashes,
    };
    if (state.isPendingCreate) {
        encoded.p = 1;
    }
    return JSON.stringify(encoded);
}

/**
 * Parses the text of a "Sync state" cell. An empty cell is `{ok: true, state: null}` (no baseline).
 * Text that is not a state this version wrote, such as a hand edit, returns the reason instead of
 * throwing, and callers treat the row as having no baseline.
 */
export function parseSyncState(cell: unknown): SyncStateParseResult {
    if (cell === null || cell === undefined || cell === '') {
        return {ok: true, state: null};
    }
    if (typeof cell !== 'string') {
        return {ok: false, reason: 'The sync state is not text.'};
    }

    let json: unknown;
    try {
        json = JSON.parse(cell);
    } catch {
        return {ok: false, reason: 'The sync state is not valid JSON.'};
    }
    return parseSyncStateJson(json);
}

function parseSyncStateJson(json: unknown): SyncStateParseResult {
    if (!isPlainObject(json)) {
        return {ok: false, reason: 'The sync state is not a JSON object.'};
    }
    if (json.v !== SYNC_STATE_FORMAT_VERSION) {
        return {ok: false, reason: `The sync state has format version ${String(json.v)}.`};
    }

    const version = json.e ?? null;
    if (version !== null && typeof version !== 'string') {
        return {ok: false, reason: 'The sync state has a version that is not text.'};
    }
    const pendingFlag = json.p ?? 0;
    if (pendingFlag !== 0 && pendingFlag !== 1) {
        return {ok: false, reason: 'The sync state has an invalid pending-create flag.'};
    }
    const fieldHashes = parseFieldHashes(json.f);
    if (fieldHashes === null) {
        return {ok: false, reason: 'The sync state has invalid field hashes.'};
    }

    return {ok: true, state: {version, isPendingCreate: pendingFlag === 1, fieldHashes}};
}

function parseFieldHashes(json: unknown): FieldHashes | null {
    if (json === undefined) {
        return {};
    }
    if (!isPlainObject(json)) {
        return null;
    }
    // A loop over the keys, because `Object.entries` allocates a pair per hash of every row.
    const hashes: Record<string, string> = {};
    for (const logicalName in json) {
        const hash = json[logicalName];
        if (typeof hash !== 'string') {
            return null;
        }
        hashes[logicalName] = hash;
    }
    return hashes;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
