/**
 * The extension's settings as read from globalConfig, and their pure validator. Reading is
 * lenient (a missing or unusable value falls back to its default) so the panel can always
 * render. The validator returns a message for the first problem, which the panel shows.
 */
import type {TableDeltaState} from '../sync';
import type {ConflictPolicy} from '../sync/mapping';
import {validateEnvironmentUrl, type ConnectionValidationOptions} from './connection';

export const DEFAULT_CONFLICT_POLICY: ConflictPolicy = 'dynamicsWins';

const CONFLICT_POLICIES: readonly ConflictPolicy[] = ['dynamicsWins', 'airtableWins'];

/** Values as stored under the `ConfigKeys`, not yet checked. */
export interface StoredSettings {
    readonly environmentUrl: unknown;
    readonly conflictPolicy: unknown;
    readonly lastSyncedAt: unknown;
}

export interface Settings {
    /** The environment's origin, or null until an editor sets a valid one. */
    readonly environmentUrl: string | null;
    readonly conflictPolicy: ConflictPolicy;
    /** ISO time of each table's last successful sync, keyed by Airtable table id. */
    readonly lastSyncedAtByTableId: Readonly<Record<string, string>>;
}

export type SettingsValidation =
    | {readonly isValid: true; readonly message: null}
    | {readonly isValid: false; readonly message: string};

export function readSettings(
    stored: StoredSettings,
    options: ConnectionValidationOptions,
): Settings {
    const urlValidation = validateEnvironmentUrl(stored.environmentUrl, options);
    return {
        environmentUrl: urlValidation.isValid ? urlValidation.value : null,
        conflictPolicy: isConflictPolicy(stored.conflictPolicy)
            ? stored.conflictPolicy
            : DEFAULT_CONFLICT_POLICY,
        lastSyncedAtByTableId: readTimestamps(stored.lastSyncedAt),
    };
}

export function validateSettings(
    stored: StoredSettings,
    options: ConnectionValidationOptions,
): SettingsValidation {
    if (stored.environmentUrl === undefined || stored.environmentUrl === null) {
        return invalid('Enter the address of your Dynamics 365 environment to start syncing.');
    }
    if (typeof stored.environmentUrl !== 'string') {
        return invalid('The saved environment address is not text. Enter it again.');
    }
    const urlValidation = validateEnvironmentUrl(stored.environmentUrl, options);
    if (!urlValidation.isValid) {
        return invalid(urlValidation.message);
    }

    const policy = stored.conflictPolicy;
    if (policy !== undefined && policy !== null && !isConflictPolicy(policy)) {
        return invalid(
            `The saved conflict policy "${String(policy)}" is unknown. Choose whether ` +
                `Dynamics or Airtable wins a conflict.`,
        );
    }
    return {isValid: true, message: null};
}

function isConflictPolicy(value: unknown): value is ConflictPolicy {
    return CONFLICT_POLICIES.some(policy => policy === value);
}

/** Keeps only entries that hold a parseable time: a damaged entry means "never synced". */
function readTimestamps(value: unknown): Record<string, string> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return {};
    }
    const timestamps: Record<string, string> = {};
    for (const [tableId, time] of Object.entries(value)) {
        if (typeof time === 'string' && !Number.isNaN(Date.parse(time))) {
            timestamps[tableId] = time;
        }
    }
    return timestamps;
}

/**
 * Reads the stored delta states, keeping only entries of the expected shape. A missing or damaged
 * entry makes the next sync of that table read Dynamics in full.
 */
export function readDeltaStates(value: unknown): Record<string, TableDeltaState> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return {};
    }
    const states: Record<string, TableDeltaState> = {};
    for (const [tableId, state] of Object.entries(value)) {
        if (isDeltaState(state)) {
            states[tableId] = {
                deltaLink: state.deltaLink,
                columnsKey: state.columnsKey,
                rowCount: state.rowCount,
                rowDigest: state.rowDigest,
            };
        }
    }
    return states;
}

function isDeltaState(value: unknown): value is TableDeltaState {
    if (typeof value !== 'object' || value === null) {
        return false;
    }
    const state: Record<string, unknown> = {...value};
    return (
        typeof state.deltaLink === 'string' &&
        typeof state.columnsKey === 'string' &&
        typeof state.rowDigest === 'string' &&
        typeof state.rowCount === 'number' &&
        Number.isInteger(state.rowCount) &&
        state.rowCount >= 0
    );
}

function invalid(message: string): SettingsValidation {
    return {isValid: false, message};
}
