/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import TestDriver from '@airtable/blocks-testing';
import {fireEvent, render, screen} from '@testing-library/react';
import {startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {createAirtableSide, type AirtableRunSide} from '../../frontend/airtable/airtableSide';
import {SYSTEM_CLOCK} from '../../frontend/dataverse/systemClock';
import {CleanupPanel, type DynamicsAccess} from '../../frontend/ui/CleanupPanel';
import {createRelatedFixture, links, record} from '../fixtures/relatedBase';
import {createEmulatorSide, resolveDriverMappings} from './relatedHarness';

/** Reading three tables over HTTP takes a moment; findBy* waits 1 s by default. */
const READ_TIMEOUT_MS = 10_000;

/** A sample contact and account the emulator seeds. */
const RENE_ID = 'c2e5f3c1-6d20-4f1b-8c8e-000000000001';
const SAMPLE_ACCOUNT_ID = 'a1d4e2b0-5c1f-4e0a-9b7d-000000000001';
/** Ids of records that never existed in the emulator. */
const GONE_CONTACT_ID = 'c2e5f3c1-6d20-4f1b-8c8e-0000000000ff';
const GONE_OPPORTUNITY_ID = 'd3f6a4d2-7e31-4a2c-9d9f-0000000000ff';

let emulator: RunningEmulator;
let airtable: AirtableRunSide | null = null;

beforeEach(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 0});
});

afterEach(async () => {
    airtable?.unloadAll();
    airtable = null;
    await emulator.closeAsync();
});

function createBase(): TestDriver {
    return new TestDriver(
        createRelatedFixture({
            accounts: [record('recSample', {fldName: 'Sample', fldDynamicsId: SAMPLE_ACCOUNT_ID})],
            contacts: [
                record('recRene', {
                    fldContactName: 'Rene Valdes (sample)',
                    fldLastName: 'Valdes (sample)',
                    fldCompany: links('recSample'),
                    fldContactDynamicsId: RENE_ID,
                }),
                record('recEmptiedContact', {fldContactDynamicsId: GONE_CONTACT_ID}),
                record('recNewContact', {fldContactName: 'Ana Ruiz', fldLastName: 'Ruiz'}),
            ],
            opportunities: [
                record('recEmptiedDeal', {fldOpportunityDynamicsId: GONE_OPPORTUNITY_ID}),
            ],
        }),
    );
}

function renderPanel(driver: TestDriver, dynamics?: DynamicsAccess): void {
    airtable = createAirtableSide(driver.base);
    render(
        <driver.Container>
            <CleanupPanel
                base={driver.base}
                mappings={resolveDriverMappings(driver)}
                airtable={airtable}
                dynamics={dynamics ?? {ok: true, createSide: () => createEmulatorSide(emulator)}}
                clock={SYSTEM_CLOCK}
            />
        </driver.Container>,
    );
}

async function findRowsAsync(): Promise<void> {
    fireEvent.click(screen.getByRole('button', {name: 'Clean up'}));
    await screen.findByText(/looks? emptied/, {}, {timeout: READ_TIMEOUT_MS});
}

/**
 * Reads the synced tables through the panel's own Airtable side, whose loaded queries carry the
 * deletes: the TestDriver applies writes only to queries loaded at the time.
 */
async function readTablesAsync(driver: TestDriver) {
    const side = airtable;
    if (side === null) {
        throw new Error('Render the panel first.');
    }
    return Promise.all(resolveDriverMappings(driver).map(mapping => side.readRowsAsync(mapping)));
}

function readCsv(): string {
    const href = screen.getByRole('link', {name: 'Download CSV'}).getAttribute('href') ?? '';
    const prefix = 'data:text/csv;charset=utf-8,';
    expect(href.startsWith(prefix)).toBe(true);
    return decodeURIComponent(href.slice(prefix.length));
}

describe('CleanupPanel', () => {
    test('lists exactly the emptied rows', async () => {
        renderPanel(createBase());

        await findRowsAsync();

        const checkboxes = screen.getAllByRole('checkbox');
        expect(checkboxes.map(checkbox => checkbox.closest('label')?.textContent)).toEqual([
            'Contacts: (empty row, recEmptiedContact)',
            'Opportunities: (empty row, recEmptiedDeal)',
        ]);
        expect(checkboxes.every(checkbox => (checkbox as HTMLInputElement).checked)).toBe(true);
        expect(
            screen.getByText(
                'Every synced field of the row is empty. ' +
                    `Its Contact ${GONE_CONTACT_ID} no longer exists in Dynamics.`,
            ),
        ).toBeTruthy();
    });

    test('offers the ticked rows as CSV', async () => {
        renderPanel(createBase());
        await findRowsAsync();

        fireEvent.click(
            screen.getByRole('checkbox', {name: 'Opportunities: (empty row, recEmptiedDeal)'}),
        );
        const csv = readCsv();

        expect(screen.getByRole('link', {name: 'Download CSV'}).getAttribute('download')).toBe(
            'clean-up-rows.csv',
        );
        expect(csv).toContain(`Contacts,recEmptiedContact,${GONE_CONTACT_ID}`);
        expect(csv).not.toContain('recEmptiedDeal');
    });

    test('names each CSV column once', async () => {
        renderPanel(createBase());
        await findRowsAsync();

        const header = readCsv().split('\r\n')[0]?.split(',') ?? [];

        expect(header.slice(0, 5)).toEqual([
            'Table',
            'Airtable record ID',
            'Dynamics ID',
            'Row name',
            'Reason',
        ]);
        expect(header).toContain('Name');
        expect(new Set(header).size).toBe(header.length);
    });

    test('counts one row in the singular', async () => {
        const driver = new TestDriver(
            createRelatedFixture({
                contacts: [record('recEmptiedContact', {fldContactDynamicsId: GONE_CONTACT_ID})],
            }),
        );
        renderPanel(driver);

        await findRowsAsync();

        expect(
            screen.getByText(
                '1 row looks emptied. Download it before deleting if you may need it again.',
            ),
        ).toBeTruthy();
    });

    test('skips rows with values', async () => {
        const driver = new TestDriver(
            createRelatedFixture({
                contacts: [
                    record('recFilledContact', {
                        fldLastName: 'Ruiz',
                        fldContactDynamicsId: GONE_CONTACT_ID,
                    }),
                ],
            }),
        );
        renderPanel(driver);

        fireEvent.click(screen.getByRole('button', {name: 'Clean up'}));

        expect(
            await screen.findByText(
                'No rows to clean up: every row has a filled synced field.',
                {},
                {timeout: READ_TIMEOUT_MS},
            ),
        ).toBeTruthy();
        expect(screen.queryByRole('checkbox')).toBeNull();
    });

    test('deletes the ticked rows', async () => {
        const driver = createBase();
        renderPanel(driver);
        await findRowsAsync();

        fireEvent.click(screen.getByRole('button', {name: 'Delete 2 rows'}));
        await screen.findByText('Deleted 2 rows.', {}, {timeout: READ_TIMEOUT_MS});

        const [, contacts, opportunities] = await readTablesAsync(driver);
        expect(contacts?.map(row => row.id)).toEqual(['recRene', 'recNewContact']);
        expect(opportunities).toEqual([]);
    });

    test('finds nothing in a clean base', async () => {
        const driver = new TestDriver(createRelatedFixture());
        renderPanel(driver);

        fireEvent.click(screen.getByRole('button', {name: 'Clean up'}));

        expect(
            await screen.findByText(
                'No rows to clean up: every row has a filled synced field.',
                {},
                {timeout: READ_TIMEOUT_MS},
            ),
        ).toBeTruthy();
    });

    test('is disabled for read-only collaborators', () => {
        const driver = createBase();
        driver.simulatePermissionCheck(() => false);
        renderPanel(driver);

        const button = screen.getByRole('button', {name: 'Clean up'});
        expect(button.hasAttribute('disabled')).toBe(true);
        expect(
            screen.getByText(/^Only people who can delete records in "Accounts" can clean it up\./),
        ).toBeTruthy();
    });

    test('is disabled until signed in', () => {
        renderPanel(createBase(), {ok: false, reason: 'Sign in to Dynamics to clean up.'});

        expect(screen.getByRole('button', {name: 'Clean up'}).hasAttribute('disabled')).toBe(true);
        expect(screen.getByText('Sign in to Dynamics to clean up.')).toBeTruthy();
    });
});
