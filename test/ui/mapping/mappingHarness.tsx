/**
 * Opens the App's settings view against the Dataverse emulator, where the field mapping panel
 * reads its metadata, and reads back the mapping it saves. Test files import
 * `@airtable/blocks-testing` before this module.
 */
import type TestDriver from '@airtable/blocks-testing';
import {FieldType} from '@airtable/blocks/models';
import {fireEvent, waitFor, within} from '@testing-library/react';
import {DEV_TOKEN} from '../../../dev/emulator/server';
import {createStaticSignInSession} from '../../../frontend/auth/staticSignInSession';
import {ConfigKeys} from '../../../frontend/settings/configKeys';
import {parseStoredMapping} from '../../../frontend/settings/mapping/parseStoredMapping';
import {toGlobalConfigValue} from '../../../frontend/settings/mapping/storeMapping';
import type {
    StoredMapping,
    StoredTableMapping,
} from '../../../frontend/settings/mapping/storedMapping';
import type {ExtensionEnvironment} from '../../../frontend/ui/environment';
import {
    ACCOUNTS_FIELDS,
    createAccountsFixture,
    type FieldFixture,
} from '../../fixtures/accountsBase';
import {
    clickSettingsButton,
    createConnectedConfig,
    createSessionEnvironment,
    createTestEnvironment,
    renderApp,
    type RenderedApp,
    type RenderOptions,
} from '../renderApp';

/** Loading a table's columns over HTTP may take longer than findBy*'s default second. */
export const METADATA_TIMEOUT_MS = 10_000;

export interface MappingSetup {
    readonly environmentUrl: string;
    /** Fields added to the Accounts table's default ones. */
    readonly extraFields?: readonly FieldFixture[];
    readonly tableName?: string;
    /** A mapping saved before the settings open. */
    readonly storedMapping?: StoredMapping;
    readonly environment?: ExtensionEnvironment;
    readonly options?: RenderOptions;
}

export function textField(id: string, name: string): FieldFixture {
    return {id, name, type: FieldType.SINGLE_LINE_TEXT, options: null, description: null};
}

/** Renders the App with the settings open. */
export function openMappingSettings(setup: MappingSetup): RenderedApp {
    const fixture = createAccountsFixture({
        fields: [...ACCOUNTS_FIELDS, ...(setup.extraFields ?? [])],
        globalConfig: {
            ...createConnectedConfig(setup.environmentUrl),
            ...(setup.storedMapping === undefined
                ? {}
                : {[ConfigKeys.mapping]: toGlobalConfigValue(setup.storedMapping)}),
        },
        ...(setup.tableName === undefined ? {} : {tableName: setup.tableName}),
    });
    const app = renderApp(
        fixture,
        setup.environment ?? createTestEnvironment(fetch, DEV_TOKEN),
        setup.options,
    );
    clickSettingsButton(app.driver);
    return app;
}

/** Returns an environment whose user has not signed in yet. */
export function createSignedOutEnvironment(): ExtensionEnvironment {
    return createSessionEnvironment(fetch, async () => {
        const session = createStaticSignInSession(DEV_TOKEN, 'Test User');
        await session.signOutAsync();
        return session;
    });
}

/**
 * Waits until the row of the column is shown, which happens once its table's columns load. It
 * matches the row's `aria-label` directly, because role queries over a page of many selects take
 * seconds in jsdom.
 */
export async function findColumnRowAsync(displayName: string): Promise<HTMLElement> {
    return waitFor(() => getColumnRow(displayName), {timeout: METADATA_TIMEOUT_MS});
}

export function getColumnRowIfExists(displayName: string): HTMLElement | null {
    const rows = document.querySelectorAll<HTMLElement>('[role="group"]');
    return [...rows].find(row => row.getAttribute('aria-label') === displayName) ?? null;
}

function getColumnRow(displayName: string): HTMLElement {
    const row = getColumnRowIfExists(displayName);
    if (row === null) {
        throw new Error(`No row for the column "${displayName}" is shown.`);
    }
    return row;
}

/** Returns the select that `label` names inside `container`. */
export function getSelect(container: HTMLElement, label: string): HTMLSelectElement {
    const select = within(container).getByLabelText(label);
    if (!(select instanceof HTMLSelectElement)) {
        throw new Error(`"${label}" labels no select element.`);
    }
    return select;
}

/** Chooses an option by its text, because the SDK's Select keeps each value as JSON in the DOM. */
export function chooseOption(select: HTMLSelectElement, optionText: string): void {
    const option = [...select.options].find(candidate => candidate.textContent === optionText);
    if (option === undefined) {
        throw new Error(`The select has no option "${optionText}".`);
    }
    fireEvent.change(select, {target: {value: option.value}});
}

export function getChosenText(select: HTMLSelectElement): string | null {
    return select.options[select.selectedIndex]?.textContent ?? null;
}

/** Returns the section of a Dynamics table, found by its heading's text. */
export function getTableSection(displayName: string): HTMLElement {
    const heading = [...document.querySelectorAll('h3, h4')].find(candidate =>
        candidate.textContent?.startsWith(`${displayName} (`),
    );
    const section = heading?.parentElement?.parentElement;
    if (!(section instanceof HTMLElement)) {
        throw new Error(`No section for the Dynamics table "${displayName}" is shown.`);
    }
    return section;
}

/** Reads the saved entry of a Dynamics table through the extension's own parser. */
export function readSavedEntry(driver: TestDriver, logicalName: string): StoredTableMapping {
    const stored: unknown = driver.globalConfig.get(ConfigKeys.mapping);
    if (stored === undefined) {
        throw new Error('No field mapping is saved yet.');
    }
    const {mapping} = parseStoredMapping(stored, {tables: []});
    const entry = mapping.tables.find(table => table.entity.logicalName === logicalName);
    if (entry === undefined) {
        throw new Error(`The saved mapping has no entry for ${logicalName}.`);
    }
    return entry;
}

/** Returns the Airtable field id the saved entry maps the column to, or null. */
export function getSavedFieldId(entry: StoredTableMapping, column: string): string | null {
    return entry.fields.find(field => field.column.logicalName === column)?.airtableFieldId ?? null;
}
