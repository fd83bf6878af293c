/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {fireEvent, screen, within} from '@testing-library/react';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {createRelatedFixture, links, record} from '../fixtures/relatedBase';
import {
    createConnectedConfig,
    createTestEnvironment,
    findEnabledButtonAsync,
    finishSyncAsync,
    RUN_PREVIEW_HEADING,
    renderApp,
    type RenderedApp,
} from './renderApp';

/** A sync of three tables over HTTP takes a few seconds; findBy* waits 1 s by default. */
const SYNC_TIMEOUT_MS = 20_000;

/** How long the tests leave the delete preview open before they decide. */
const DECISION_DELAY_MS = 300;

/** A sample account and one of its contacts, as the emulator seeds them. */
const SAMPLE_ACCOUNT_ID = 'a1d4e2b0-5c1f-4e0a-9b7d-000000000001';
const SAMPLE_CONTACT_NAME = 'Rene Valdes (sample)';

let emulator: RunningEmulator;

beforeEach(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 0});
});

afterEach(async () => {
    await emulator.closeAsync();
});

/** Northwind with two contacts and an opportunity, all created only in Airtable. */
function renderNorthwindApp(options: {readonly isReadOnly?: boolean} = {}): RenderedApp {
    const fixture = createRelatedFixture({
        accounts: [record('recNorthwind', {fldName: 'Northwind Traders', fldCity: 'Oslo'})],
        contacts: [
            record('recAna', {
                fldContactName: 'Ana Ruiz',
                fldFirstName: 'Ana',
                fldLastName: 'Ruiz',
                fldCompany: links('recNorthwind'),
            }),
            record('recBen', {
                fldContactName: 'Ben Ode',
                fldFirstName: 'Ben',
                fldLastName: 'Ode',
                fldCompany: links('recNorthwind'),
            }),
        ],
        opportunities: [
            record('recDeal', {
                fldTopic: 'Espresso machines',
                fldEstimatedValue: 12000,
                fldProbability: 60,
                fldPotentialCustomer: links('recNorthwind'),
                fldContact: links('recAna'),
            }),
        ],
        globalConfig: createConnectedConfig(emulator.url),
    });
    return renderApp(fixture, createTestEnvironment(fetch, DEV_TOKEN), options);
}

async function startSyncAsync(): Promise<void> {
    fireEvent.click(await findEnabledButtonAsync('Sync now'));
}

async function syncAsync(): Promise<void> {
    await startSyncAsync();
    await finishSyncAsync(SYNC_TIMEOUT_MS);
}

async function findPreviewAsync(): Promise<HTMLElement> {
    const heading = await screen.findByText(RUN_PREVIEW_HEADING, {}, {timeout: SYNC_TIMEOUT_MS});
    const dialog = heading.parentElement;
    if (dialog === null) {
        throw new Error('The delete preview has no container.');
    }
    return dialog;
}

async function getJsonAsync(path: string): Promise<Array<Record<string, unknown>>> {
    const response = await fetch(`${emulator.url}/api/data/v9.2/${path}`, {
        headers: {Authorization: `Bearer ${DEV_TOKEN}`, Accept: 'application/json'},
    });
    const body = (await response.json()) as {value?: unknown};
    if (!Array.isArray(body.value)) {
        throw new Error(`The emulator returned no list for ${path}: ${JSON.stringify(body)}`);
    }
    return body.value as Array<Record<string, unknown>>;
}

async function findRecordAsync(setName: string, nameColumn: string, name: string) {
    const rows = await getJsonAsync(`${setName}?$select=${nameColumn}`);
    return rows.find(row => row[nameColumn] === name) ?? null;
}

/** Deletes a record through the Web API, as a Dynamics user would. */
async function deleteInDynamicsAsync(setName: string, id: string): Promise<void> {
    const response = await fetch(`${emulator.url}/api/data/v9.2/${setName}(${id})`, {
        method: 'DELETE',
        headers: {Authorization: `Bearer ${DEV_TOKEN}`},
    });
    if (response.status !== 204) {
        throw new Error(`The emulator rejected the delete of ${id}: ${response.status}`);
    }
}

/** Reads the given fields of every row. */
async function readRowsAsync(app: RenderedApp, tableId: string, fieldIds: readonly string[]) {
    const table = app.driver.base.getTableById(tableId);
    const query = await table.selectRecordsAsync({fields: [...fieldIds]});
    const rows = query.records.map(row => ({
        id: row.id,
        cells: Object.fromEntries(fieldIds.map(id => [id, row.getCellValue(id)])),
    }));
    query.unloadData();
    return rows;
}

async function readNamesAsync(app: RenderedApp, tableId: string, nameFieldId: string) {
    const rows = await readRowsAsync(app, tableId, [nameFieldId]);
    return rows.map(row => row.cells[nameFieldId]);
}

function getLinkedIds(cell: unknown): string[] {
    return Array.isArray(cell) ? cell.map(link => (link as {id: string}).id) : [];
}

async function deleteRowAsync(app: RenderedApp, tableId: string, rowId: string): Promise<void> {
    await app.driver.base.getTableById(tableId).deleteRecordsAsync([rowId]);
}

describe('related tables', () => {
    test('push links to Dynamics', async () => {
        renderNorthwindApp();

        await syncAsync();

        const northwind = await findRecordAsync('accounts', 'name', 'Northwind Traders');
        const ana = (await getJsonAsync('contacts?$select=fullname,_parentcustomerid_value')).find(
            contact => contact['fullname'] === 'Ana Ruiz',
        );
        const deal = (
            await getJsonAsync(
                'opportunities?$select=name,_customerid_value,_parentcontactid_value',
            )
        ).find(opportunity => opportunity['name'] === 'Espresso machines');
        expect(northwind).not.toBeNull();
        expect(ana?.['_parentcustomerid_value']).toBe(northwind?.['accountid']);
        expect(deal?.['_customerid_value']).toBe(northwind?.['accountid']);
        expect(deal?.['_parentcontactid_value']).toBe(ana?.['contactid']);
    });

    test('pull links to Airtable', async () => {
        const app = renderNorthwindApp();

        await syncAsync();

        const accounts = await readRowsAsync(app, 'tblAccounts', ['fldName', 'fldDynamicsId']);
        const contacts = await readRowsAsync(app, 'tblContacts', ['fldContactName', 'fldCompany']);
        const sampleAccount = accounts.find(
            row => row.cells['fldDynamicsId'] === SAMPLE_ACCOUNT_ID,
        );
        const rene = contacts.find(row => row.cells['fldContactName'] === SAMPLE_CONTACT_NAME);
        expect(sampleAccount).toBeDefined();
        expect(getLinkedIds(rene?.cells['fldCompany'])).toEqual([sampleAccount?.id]);
    });

    test('delete from Airtable cascades', async () => {
        const app = renderNorthwindApp();
        await syncAsync();

        await deleteRowAsync(app, 'tblAccounts', 'recNorthwind');
        await startSyncAsync();
        const preview = await findPreviewAsync();
        expect(
            within(preview).getByText(
                "Deleting Account 'Northwind Traders' in Dynamics also deletes 2 Contacts and 1 Opportunity.",
            ),
        ).toBeTruthy();
        fireEvent.click(within(preview).getByRole('button', {name: 'Apply'}));
        await screen.findByText('Sync finished', {}, {timeout: SYNC_TIMEOUT_MS});

        expect(screen.getByText('Deleted in Dynamics: 1')).toBeTruthy();
        expect(screen.getByText('Deleted in Airtable: 3')).toBeTruthy();
        expect(await findRecordAsync('accounts', 'name', 'Northwind Traders')).toBeNull();
        expect(await findRecordAsync('contacts', 'fullname', 'Ana Ruiz')).toBeNull();
        expect(await findRecordAsync('contacts', 'fullname', 'Ben Ode')).toBeNull();
        expect(await findRecordAsync('opportunities', 'name', 'Espresso machines')).toBeNull();
        await expectNoEmptyRowsAsync(app);
    });

    test('delete from Dynamics cascades', async () => {
        const app = renderNorthwindApp();
        await syncAsync();
        const northwind = await findRecordAsync('accounts', 'name', 'Northwind Traders');

        await deleteInDynamicsAsync('accounts', String(northwind?.['accountid']));
        await startSyncAsync();
        const preview = await findPreviewAsync();
        expect(
            within(preview).getByText(
                "Deleting the row 'Northwind Traders' from Accounts, because its Account was deleted in Dynamics.",
            ),
        ).toBeTruthy();
        expect(
            within(preview).getByText(/^Deleting the row 'Ana Ruiz' from Contacts/),
        ).toBeTruthy();
        fireEvent.click(within(preview).getByRole('button', {name: 'Apply'}));
        await screen.findByText('Sync finished', {}, {timeout: SYNC_TIMEOUT_MS});

        expect(screen.getByText('Deleted in Airtable: 4')).toBeTruthy();
        expect(await readNamesAsync(app, 'tblAccounts', 'fldName')).not.toContain(
            'Northwind Traders',
        );
        expect(await readNamesAsync(app, 'tblContacts', 'fldContactName')).not.toContain(
            'Ana Ruiz',
        );
        expect(await readNamesAsync(app, 'tblOpportunities', 'fldTopic')).not.toContain(
            'Espresso machines',
        );
        await expectNoEmptyRowsAsync(app);
    });

    test('declining changes nothing', async () => {
        const app = renderNorthwindApp();
        await syncAsync();

        await deleteRowAsync(app, 'tblAccounts', 'recNorthwind');
        await startSyncAsync();
        const preview = await findPreviewAsync();
        fireEvent.click(within(preview).getByRole('button', {name: 'Cancel'}));
        await screen.findByText('Sync cancelled', {}, {timeout: SYNC_TIMEOUT_MS});

        expect(await findRecordAsync('accounts', 'name', 'Northwind Traders')).not.toBeNull();
        expect(await findRecordAsync('contacts', 'fullname', 'Ana Ruiz')).not.toBeNull();
        expect(await findRecordAsync('opportunities', 'name', 'Espresso machines')).not.toBeNull();
        expect(await readNamesAsync(app, 'tblContacts', 'fldContactName')).toContain('Ben Ode');
    });

    test('progress waits for the decision', async () => {
        const app = renderNorthwindApp();
        await syncAsync();

        await deleteRowAsync(app, 'tblAccounts', 'recNorthwind');
        await startSyncAsync();
        const preview = await findPreviewAsync();
        // The account's delete in Dynamics, and the rows its cascade removes in Airtable.
        const status = screen.getByText('Waiting for your decision on the preview: 4 deletes');
        expect(
            within(preview).getByText(
                'Approving writes 3 rows in Airtable and 1 record in Dynamics.',
            ),
        ).toBeTruthy();
        expect(screen.queryByText(/^Reading records/)).toBeNull();
        // A person takes a while to decide, and the summary must not count that as sync time.
        await new Promise(resolve => setTimeout(resolve, DECISION_DELAY_MS));
        fireEvent.click(within(preview).getByRole('button', {name: 'Cancel'}));
        await screen.findByText('Sync cancelled', {}, {timeout: SYNC_TIMEOUT_MS});

        expect(status.isConnected).toBe(false);
        const duration = screen.getByText(/^Took \d+\.\d s, plus \d+\.\d s waiting/).textContent;
        const waitSeconds = Number(/plus (\d+\.\d) s/.exec(duration ?? '')?.[1]);
        expect(waitSeconds).toBeGreaterThanOrEqual(DECISION_DELAY_MS / 1000);
    });

    test('read-only users cannot clean up', async () => {
        renderNorthwindApp({isReadOnly: true});

        const button = await screen.findByRole('button', {name: 'Clean up'});
        expect(button.hasAttribute('disabled')).toBe(true);
        expect(
            screen.getByText(/^Only people who can delete records in "Accounts" can clean it up\./),
        ).toBeTruthy();
    });
});

/** Checks that no row of the three tables lost every synced value. */
async function expectNoEmptyRowsAsync(app: RenderedApp): Promise<void> {
    for (const [tableId, nameFieldId] of [
        ['tblAccounts', 'fldName'],
        ['tblContacts', 'fldLastName'],
        ['tblOpportunities', 'fldTopic'],
    ] as const) {
        const names = await readNamesAsync(app, tableId, nameFieldId);
        expect(names.filter(name => name === null || name === '')).toEqual([]);
    }
}
