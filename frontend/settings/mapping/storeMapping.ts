/**
 * Turns a stored mapping into the plain JSON globalConfig keeps, and checks its size first, because
 * globalConfig rejects an installation's settings above 150 kB in total.
 *
 * @example
 * const check = checkCanStoreMapping(mapping);
 * if (check.ok) await globalConfig.setAsync(ConfigKeys.mapping, toGlobalConfigValue(mapping));
 */
import type {GlobalConfigValue} from '@airtable/blocks/types';
import type {CheckResult} from '../../airtable/checkResult';
import type {StoredMapping} from './storedMapping';

/**
 * The share of globalConfig's 150 kB (the SDK's `global_config.d.ts`, 1.19) the mapping may use.
 * The rest is left to the connection settings, sync timestamps and the run history.
 */
export const MAX_STORED_MAPPING_BYTES = 100_000;

/** Returns the mapping as JSON values only: optional properties that are undefined are dropped. */
export function toGlobalConfigValue(mapping: StoredMapping): GlobalConfigValue {
    return JSON.parse(JSON.stringify(mapping)) as GlobalConfigValue;
}

/** Returns the size of the mapping's JSON in bytes, as UTF-8. */
export function measureStoredMappingBytes(mapping: StoredMapping): number {
    return new TextEncoder().encode(JSON.stringify(mapping)).length;
}

export function checkCanStoreMapping(mapping: StoredMapping): CheckResult {
    const bytes = measureStoredMappingBytes(mapping);
    if (bytes <= MAX_STORED_MAPPING_BYTES) {
        return {ok: true};
    }
    const kilobytes = Math.ceil(bytes / 1000);
    return {
        ok: false,
        reason:
            `The field mapping needs ${kilobytes} kB, more than the ` +
            `${MAX_STORED_MAPPING_BYTES / 1000} kB this extension can save. Remove tables or ` +
            'fields you do not sync, then save again.',
    };
}
