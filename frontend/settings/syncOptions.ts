/**
 * The settings of when a sync needs approval and how often the open extension syncs on its
 * own, as read from globalConfig. Reading is lenient: a missing or unusable value falls back to
 * its default, so a damaged setting never turns the preview off.
 */
import {
    DEFAULT_APPROVAL_SETTINGS,
    DEFAULT_MAX_DELETE_SHARE,
    type ApprovalSettings,
} from '../sync/preview/approvalRules';

/** The intervals a person can choose for automatic sync, in minutes. */
export const AUTO_SYNC_MINUTES = [5, 15, 30, 60] as const;

export type AutoSyncMinutes = (typeof AUTO_SYNC_MINUTES)[number];

/** Values as stored under their `ConfigKeys`, not yet checked. */
export interface StoredSyncOptions {
    readonly previewEveryRun: unknown;
    readonly maxDeletePercent: unknown;
    readonly autoSyncMinutes: unknown;
}

export interface SyncOptions {
    readonly approval: ApprovalSettings;
    /** The automatic sync interval, or null when automatic sync is off. */
    readonly autoSyncMinutes: AutoSyncMinutes | null;
}

export type PercentValidation =
    | {readonly isValid: true; readonly value: number}
    | {readonly isValid: false; readonly message: string};

export function readSyncOptions(stored: StoredSyncOptions): SyncOptions {
    const percent = validateMaxDeletePercent(stored.maxDeletePercent);
    return {
        approval: {
            shouldPreviewEveryRun:
                typeof stored.previewEveryRun === 'boolean'
                    ? stored.previewEveryRun
                    : DEFAULT_APPROVAL_SETTINGS.shouldPreviewEveryRun,
            maxDeleteShare: percent.isValid ? percent.value / 100 : DEFAULT_MAX_DELETE_SHARE,
        },
        autoSyncMinutes: toAutoSyncMinutesIfValid(stored.autoSyncMinutes),
    };
}

/** Checks a delete percentage typed as text or stored as a number: 0 to 100. */
export function validateMaxDeletePercent(value: unknown): PercentValidation {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number) || number < 0 || number > 100) {
        return {
            isValid: false,
            message: `The delete share "${String(value)}" is not a percentage. Enter a number from 0 to 100.`,
        };
    }
    return {isValid: true, value: number};
}

export function toAutoSyncMinutesIfValid(value: unknown): AutoSyncMinutes | null {
    return AUTO_SYNC_MINUTES.find(minutes => minutes === value) ?? null;
}
