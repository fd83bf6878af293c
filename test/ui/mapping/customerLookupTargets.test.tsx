/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import type TestDriver from '@airtable/blocks-testing';
import '@airtable/blocks-testing';
import {waitFor} from '@testing-library/react';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../../dev/emulator/server';
import {readTableSchema} from '../../../frontend/airtable/tableSchema';
import {ConfigKeys} from '../../../frontend/settings/configKeys';
import {parseStoredMapping} from '../../../frontend/settings/mapping/parseStoredMapping';
import {resolveStoredMapping} from '../../../frontend/settings/mapping/resolveStoredMapping';
import {getLinkGroups} from '../../../frontend/sync/links/linkGroups';
import {createRelatedFixture} from '../../fixtures/relatedBase';
import {
    clickSettingsButton,
    createConnectedConfig,
    createTestEnvironment,
    renderApp,
} from '../renderApp';
import {findColumnRowAsync, METADATA_TIMEOUT_MS, readSavedEntry} from './mappingHarness';

let emulator: RunningEmulator;

beforeAll(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 0});
});

afterAll(async () => {
    await emulator.closeAsync();
});

interface LinkGroupSummary {
    readonly table: string;
    readonly column: string;
    readonly isPolymorphic: boolean;
    readonly targets: readonly string[];
}

/**
 * Resolves the saved mapping against the driver's base and summarises each link group the engine
 * forms from it. A group's targets decide the form of its values, in which rows store baselines.
 */
function readSavedLinkGroups(driver: TestDriver): LinkGroupSummary[] {
    const stored: unknown = driver.globalConfig.get(ConfigKeys.mapping);
    const tables = driver.base.tables.map(readTableSchema);
    const {mapping} = parseStoredMapping(stored, {tables});
    const {mappings} = resolveStoredMapping(mapping, tables);
    const directory = new Map(mappings.map(each => [each.table.id, each]));
    return mappings.flatMap(each =>
        getLinkGroups(each, directory).map(group => ({
            table: each.entity.logicalName,
            column: group.column,
            isPolymorphic: group.isPolymorphic,
            targets: group.fields.flatMap(field =>
                (field.mapping.column.targets ?? []).map(target => target.logicalName),
            ),
        })),
    );
}

function readSavedColumn(driver: TestDriver, table: string, column: string) {
    const entry = readSavedEntry(driver, table);
    return entry.fields.find(field => field.column.logicalName === column)?.column;
}

describe('Settings with the migrated mapping', () => {
    test(
        'opening them keeps the Customer lookups',
        async () => {
            const fixture = createRelatedFixture({
                globalConfig: createConnectedConfig(emulator.url),
            });
            const {driver} = renderApp(fixture, createTestEnvironment(fetch, DEV_TOKEN));
            await waitFor(() => expect(driver.globalConfig.get(ConfigKeys.mapping)).toBeDefined());
            const before = readSavedLinkGroups(driver);

            clickSettingsButton(driver);
            await findColumnRowAsync('Company Name');
            await findColumnRowAsync('Potential Customer');
            // The emulator's metadata marks Potential Customer required and the template does
            // not, so this change shows that the live columns of the tables shown were saved.
            await waitFor(
                () =>
                    expect(readSavedColumn(driver, 'opportunity', 'customerid')?.isRequired).toBe(
                        true,
                    ),
                {timeout: METADATA_TIMEOUT_MS},
            );

            const after = readSavedLinkGroups(driver);
            expect(before.map(group => group.column)).toContain('parentcustomerid');
            expect(before.map(group => group.column)).toContain('customerid');
            expect(after).toEqual(before);
        },
        METADATA_TIMEOUT_MS * 2,
    );
});
