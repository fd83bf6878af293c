/**
 * Wiring for UI tests of the three related tables against the real emulator: the TestDriver base,
 * the resolved mappings, and a Dynamics side that sends its requests to the emulator.
 */
import TestDriver from '@airtable/blocks-testing';
import {DEV_TOKEN, type RunningEmulator} from '../../dev/emulator/server';
import {readTableSchema} from '../../frontend/airtable/tableSchema';
import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {createDataverseSide} from '../../frontend/dataverse/dataverseSide';
import {SYSTEM_CLOCK} from '../../frontend/dataverse/systemClock';
import {createStaticTokenProvider} from '../../frontend/dataverse/tokenProvider';
import {resolveTemplates} from '../../frontend/settings/resolveTemplates';
import {SYNC_TEMPLATES} from '../../frontend/settings/syncTemplates';
import type {DataverseSide, TableMapping} from '../../frontend/sync';

export function createEmulatorSide(emulator: RunningEmulator): DataverseSide {
    const client = new DataverseClient({
        environmentUrl: emulator.url,
        tokenProvider: createStaticTokenProvider(DEV_TOKEN),
        fetch: (url, init) => fetch(url, init),
        clock: SYSTEM_CLOCK,
    });
    return createDataverseSide(client);
}

/** Resolves the default templates against the driver's base; every found table must fit. */
export function resolveDriverMappings(driver: TestDriver): readonly TableMapping[] {
    const {mappings, resolutions} = resolveTemplates(
        SYNC_TEMPLATES,
        driver.base.tables.map(readTableSchema),
    );
    const notReady = resolutions.filter(
        resolution => resolution.kind !== 'ready' && resolution.kind !== 'tableMissing',
    );
    if (notReady.length > 0) {
        throw new Error(`The test base does not fit the templates: ${JSON.stringify(notReady)}`);
    }
    return mappings;
}
