/**
 * A person opens the connection settings and maps two Opportunity columns that the default
 * mapping leaves out: the estimated close date and the status reason. After a sync, Airtable
 * shows their values exactly as Dynamics stores them.
 */
import path from 'node:path';
import type {Locator} from 'playwright-core';
import {
    ARTIFACTS_DIR,
    openSandboxAsync,
    signInAsync,
    STEP_TIMEOUT_MS,
    syncAsync,
    waitForTextAsync,
    type SandboxSession,
    type SyncResult,
} from './support/sandboxSession';

const OPPORTUNITIES_TABLE_ID = 'tblOpportunities';
const ACCOUNTS_TABLE_ID = 'tblAccounts';

/** The emulator's sample opportunity "Bottling line upgrade", which has a synced row. */
const BOTTLING_LINE_ID = 'd3f6a4d2-7e31-4a2c-9d9f-000000000006';
/** The sample opportunity whose status reason the test sets to On Hold before the sync. */
const ON_HOLD_OPPORTUNITY_ID = 'd3f6a4d2-7e31-4a2c-9d9f-000000000002';
/** The emulator's `statuscode` option values and labels of an opportunity. */
const STATUS_LABELS: Readonly<Record<number, string>> = {
    1: 'In Progress',
    2: 'On Hold',
    3: 'Won',
    4: 'Canceled',
    5: 'Out-Sold',
};
const ON_HOLD = 2;

/** The cells of one Opportunities row, as `getCellValueAsString` returns them. */
interface OpportunityCells {
    readonly dynamicsId: string;
    readonly closeDate: string;
    readonly statusReason: string;
    readonly estimatedValue: number | null;
    readonly customerRowIds: readonly string[];
}

describe('mapping columns in the panel', () => {
    let session: SandboxSession;
    let synced: SyncResult;
    let rows: readonly OpportunityCells[];

    beforeAll(async () => {
        session = await openSandboxAsync('mapping');
        session.emulator.store.update('opportunity', ON_HOLD_OPPORTUNITY_ID, {statuscode: ON_HOLD});
        await signInAsync(session);

        const {page} = session;
        await page.getByRole('button', {name: 'Connection settings'}).click();
        const section = getMappingSection(session, 'Opportunity');
        await mapColumnAsync(section, 'Est. Close Date', 'Est. Close Date');
        await mapColumnAsync(section, 'Status Reason', 'Status Reason');
        await chooseDirectionAsync(section, 'Status Reason', 'Dynamics → Airtable only');
        await section.screenshot({path: path.join(ARTIFACTS_DIR, 'mapping-panel.png')});
        await page.getByRole('button', {name: 'Close', exact: true}).click();

        synced = await syncAsync(session, 'sync', 'apply');
        rows = await readOpportunityRowsAsync(session);
        await page
            .getByTestId(`records-preview-${OPPORTUNITIES_TABLE_ID}`)
            .screenshot({path: path.join(ARTIFACTS_DIR, 'mapping-result.png')});
    });

    afterAll(async () => {
        await session?.closeAsync();
    });

    test('sync has no failures', () => {
        expect(synced.counts['Failed']).toBe(0);
    });

    test('every opportunity has a row', () => {
        const rowIds = rows.map(row => row.dynamicsId).sort();
        const opportunityIds = session.emulator.store
            .list('opportunity')
            .map(record => String(record['opportunityid']))
            .sort();

        expect(rowIds).toEqual(opportunityIds);
    });

    test('close dates match Dynamics', () => {
        const mismatches = rows.filter(
            row => row.closeDate !== getOpportunity(session, row.dynamicsId)['estimatedclosedate'],
        );

        expect(mismatches).toEqual([]);
    });

    test('status reasons match Dynamics', () => {
        const mismatches = rows.filter(row => {
            const status = Number(getOpportunity(session, row.dynamicsId)['statuscode']);
            return row.statusReason !== STATUS_LABELS[status];
        });

        expect(mismatches).toEqual([]);
    });

    test('changed status reason arrives', () => {
        const onHold = rows.find(row => row.dynamicsId === ON_HOLD_OPPORTUNITY_ID);

        expect(onHold?.statusReason).toBe('On Hold');
    });

    test('synced row gets close date', () => {
        const bottlingLine = rows.find(row => row.dynamicsId === BOTTLING_LINE_ID);

        expect(bottlingLine?.closeDate).toBe(
            getOpportunity(session, BOTTLING_LINE_ID)['estimatedclosedate'],
        );
    });

    test('estimated value matches Dynamics', () => {
        const onHold = rows.find(row => row.dynamicsId === ON_HOLD_OPPORTUNITY_ID);

        expect(onHold?.estimatedValue).toBe(
            getOpportunity(session, ON_HOLD_OPPORTUNITY_ID)['estimatedvalue'],
        );
    });

    test('potential customer links the account', async () => {
        const onHold = rows.find(row => row.dynamicsId === ON_HOLD_OPPORTUNITY_ID);
        const customerId = getLookupId(
            getOpportunity(session, ON_HOLD_OPPORTUNITY_ID)['customerid'],
        );
        const linkedIds = await readAccountDynamicsIdsAsync(session, onHold?.customerRowIds ?? []);

        expect(linkedIds).toEqual([customerId]);
        session.checkNoPageProblems();
    });
});

/**
 * Returns the mapping panel's section of one Dynamics table: the innermost element that contains
 * the table's heading, its "Sync … records" switch and its column rows.
 */
function getMappingSection(session: SandboxSession, displayName: string): Locator {
    const {page} = session;
    return page
        .locator('div')
        .filter({has: page.getByRole('heading', {name: new RegExp(`^${displayName} \\(`)})})
        .filter({has: page.getByLabel(`Sync ${displayName} records`)})
        .filter({has: page.getByRole('group')})
        .last();
}

/** Chooses the Airtable field of one column in the select labelled "Airtable field for <column>". */
async function mapColumnAsync(
    section: Locator,
    columnName: string,
    fieldName: string,
): Promise<void> {
    const fieldSelect = section.getByLabel(`Airtable field for ${columnName}`, {exact: true});
    await waitForTextAsync(section.page(), fieldSelect);
    await fieldSelect.selectOption({label: fieldName}, {timeout: STEP_TIMEOUT_MS});
}

/** Chooses the direction of a mapped column in the select labelled "Direction for <column>". */
async function chooseDirectionAsync(
    section: Locator,
    columnName: string,
    directionLabel: string,
): Promise<void> {
    const directionSelect = section.getByLabel(`Direction for ${columnName}`, {exact: true});
    await directionSelect.selectOption({label: directionLabel}, {timeout: STEP_TIMEOUT_MS});
}

function getOpportunity(session: SandboxSession, opportunityId: string): Record<string, unknown> {
    return session.emulator.store.get('opportunity', opportunityId);
}

async function readOpportunityRowsAsync(session: SandboxSession): Promise<OpportunityCells[]> {
    return session.page.evaluate(async tableId => {
        const table = window.sandboxDriver?.base.getTableById(tableId);
        const query = await table?.selectRecordsAsync({
            fields: [
                'Dynamics ID',
                'Est. Close Date',
                'Status Reason',
                'Estimated Value',
                'Potential Customer',
            ],
        });
        const cells = (query?.records ?? []).map(record => {
            const estimatedValue = record.getCellValue('Estimated Value');
            const customers = record.getCellValue('Potential Customer');
            return {
                dynamicsId: record.getCellValueAsString('Dynamics ID'),
                closeDate: record.getCellValueAsString('Est. Close Date'),
                statusReason: record.getCellValueAsString('Status Reason'),
                estimatedValue: typeof estimatedValue === 'number' ? estimatedValue : null,
                customerRowIds: Array.isArray(customers)
                    ? customers.map((link: {id: string}) => link.id)
                    : [],
            };
        });
        query?.unloadData();
        return cells.filter(row => row.dynamicsId !== '');
    }, OPPORTUNITIES_TABLE_ID);
}

async function readAccountDynamicsIdsAsync(
    session: SandboxSession,
    rowIds: readonly string[],
): Promise<string[]> {
    return session.page.evaluate(
        async ({tableId, linkedRowIds}) => {
            const table = window.sandboxDriver?.base.getTableById(tableId);
            const query = await table?.selectRecordsAsync({fields: ['Dynamics ID']});
            const ids = linkedRowIds.map(
                id => query?.getRecordByIdIfExists(id)?.getCellValueAsString('Dynamics ID') ?? '',
            );
            query?.unloadData();
            return ids;
        },
        {tableId: ACCOUNTS_TABLE_ID, linkedRowIds: [...rowIds]},
    );
}

function getLookupId(value: unknown): string | null {
    if (typeof value === 'object' && value !== null && 'id' in value) {
        return String(value.id);
    }
    return null;
}
