/**
 * A Customer lookup's values are `<guid>` while the mapping lists one target table and
 * `<table>:<guid>` once it lists more. These tests change the targets between two runs, as the
 * mapping panel may, and check that the rows' baselines, stored in the old form, still count.
 */
import type {FieldMapping, TableMapping} from '../../frontend/sync/mapping';
import type {RunSummary} from '../../frontend/sync/outcomes';
import type {SyncInput} from '../../frontend/sync/runSync';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    accountsTable,
    ACME_ID,
    ADA_ID,
    COMPANY,
    CONTACT,
    CONTACTS_TABLE,
    contactsTable,
    createRelationsHarness,
    CUSTOMER_ACCOUNT,
    CUSTOMER_CONTACT,
    DEAL_ID,
    GLOBEX_ID,
    GRACE_ID,
    links,
    OPPORTUNITIES_TABLE,
    opportunitiesTable,
    OPPORTUNITY,
    PARENT_CONTACT,
    reference,
    type RelationsHarness,
} from './relationFixtures';

/** Returns the link mapping with the targets of `others` added to its column's targets. */
function withTargetsOf(mapping: FieldMapping, ...others: FieldMapping[]): FieldMapping {
    const targets = [mapping, ...others].flatMap(each => each.column.targets ?? []);
    return {...mapping, column: {...mapping.column, targets}};
}

/** Company and Potential Customer each link to Accounts and list only the account target. */
const ONE_TARGET_TABLES: readonly TableMapping[] = [
    accountsTable(),
    contactsTable([COMPANY]),
    opportunitiesTable([CUSTOMER_ACCOUNT]),
];

/** The same link fields, with the contact target listed too, as Dynamics' metadata lists it. */
const TWO_TARGET_TABLES: readonly TableMapping[] = [
    accountsTable(),
    contactsTable([withTargetsOf(COMPANY, PARENT_CONTACT)]),
    opportunitiesTable([withTargetsOf(CUSTOMER_ACCOUNT, CUSTOMER_CONTACT)]),
];

/**
 * Syncs Acme and Globex, two contacts of Acme and an opportunity of Acme twice with `tables`, so
 * the rows store their baselines and the next run reads deltas.
 */
async function createSyncedHarnessAsync(
    tables: readonly TableMapping[],
): Promise<RelationsHarness> {
    const harness = createRelationsHarness(tables);
    harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
    harness.dataverse.insertRecord(ACCOUNT, GLOBEX_ID, {name: 'Globex'});
    for (const [id, lastname] of [
        [ADA_ID, 'Lovelace'],
        [GRACE_ID, 'Hopper'],
    ] as const) {
        harness.dataverse.insertRecord(CONTACT, id, {
            lastname,
            parentcustomerid: reference(ACCOUNT, ACME_ID),
        });
    }
    harness.dataverse.insertRecord(OPPORTUNITY, DEAL_ID, {
        name: 'Engines',
        customerid: reference(ACCOUNT, ACME_ID),
    });
    await harness.runAndKeepWatermarksAsync();
    await harness.runAndKeepWatermarksAsync();
    return harness;
}

/** Runs with `overrides` and returns the summary with the writes the run sent to each side. */
async function runCountingWritesAsync(
    harness: RelationsHarness,
    overrides: Partial<SyncInput>,
): Promise<{summary: RunSummary; dynamicsWrites: number; airtableWrites: number}> {
    const dynamicsBefore = harness.dataverse.writeCalls.length;
    const airtableBefore = harness.airtable.writeCalls.length;
    const summary = await harness.runAndKeepWatermarksAsync(overrides);
    return {
        summary,
        dynamicsWrites: harness.dataverse.writeCalls.length - dynamicsBefore,
        airtableWrites: harness.airtable.writeCalls.length - airtableBefore,
    };
}

function countConflicts(summary: RunSummary): number {
    return summary.outcomes.reduce(
        (count, outcome) => count + ('conflicts' in outcome ? outcome.conflicts.length : 0),
        0,
    );
}

/** Each case reads the next run through the delta links, or every record in full. */
const READS = [
    ['delta reads', {}],
    ['full reads', {deltaStates: {}}],
] as const;

describe('Customer lookup targets changing between runs', () => {
    test.each(READS)('gaining a target writes nothing, %s', async (_name, reads) => {
        const harness = await createSyncedHarnessAsync(ONE_TARGET_TABLES);

        const run = await runCountingWritesAsync(harness, {tables: TWO_TARGET_TABLES, ...reads});

        expect(run.summary.error).toBeNull();
        expect(countConflicts(run.summary)).toBe(0);
        expect(run.dynamicsWrites).toBe(0);
        expect(run.airtableWrites).toBe(0);
        expect(run.summary.outcomes.every(outcome => outcome.status === 'unchanged')).toBe(true);
    });

    test.each(READS)('losing a target writes nothing, %s', async (_name, reads) => {
        const harness = await createSyncedHarnessAsync(TWO_TARGET_TABLES);

        const run = await runCountingWritesAsync(harness, {tables: ONE_TARGET_TABLES, ...reads});

        expect(run.summary.error).toBeNull();
        expect(countConflicts(run.summary)).toBe(0);
        expect(run.dynamicsWrites).toBe(0);
        expect(run.airtableWrites).toBe(0);
        expect(run.summary.outcomes.every(outcome => outcome.status === 'unchanged')).toBe(true);
    });

    test('gaining a target pulls a Dynamics edit', async () => {
        const harness = await createSyncedHarnessAsync(ONE_TARGET_TABLES);
        harness.dataverse.editRecord(CONTACT, ADA_ID, {
            parentcustomerid: reference(ACCOUNT, GLOBEX_ID),
        });

        const run = await runCountingWritesAsync(harness, {
            tables: TWO_TARGET_TABLES,
            conflictPolicy: 'airtableWins',
        });

        expect(run.summary.error).toBeNull();
        expect(countConflicts(run.summary)).toBe(0);
        expect(run.dynamicsWrites).toBe(0);
        const adaRow = harness.getRowId(CONTACTS_TABLE, ADA_ID);
        const globexRow = harness.getRowId(ACCOUNTS_TABLE, GLOBEX_ID);
        expect(harness.airtable.getCell(CONTACTS_TABLE, adaRow, COMPANY.field.id)).toEqual(
            links(globexRow),
        );
        expect(harness.dataverse.getValues(CONTACT, ADA_ID).parentcustomerid).toEqual(
            reference(ACCOUNT, GLOBEX_ID),
        );
    });

    test('gaining a target pushes an Airtable edit', async () => {
        const harness = await createSyncedHarnessAsync(ONE_TARGET_TABLES);
        const dealRow = harness.getRowId(OPPORTUNITIES_TABLE, DEAL_ID);
        const globexRow = harness.getRowId(ACCOUNTS_TABLE, GLOBEX_ID);
        harness.airtable.editRow(OPPORTUNITIES_TABLE, dealRow, {
            [CUSTOMER_ACCOUNT.field.id]: links(globexRow),
        });

        const run = await runCountingWritesAsync(harness, {tables: TWO_TARGET_TABLES});

        expect(run.summary.error).toBeNull();
        expect(countConflicts(run.summary)).toBe(0);
        expect(harness.dataverse.getValues(OPPORTUNITY, DEAL_ID).customerid).toEqual(
            reference(ACCOUNT, GLOBEX_ID),
        );
        const acmeRow = harness.getRowId(ACCOUNTS_TABLE, ACME_ID);
        const adaRow = harness.getRowId(CONTACTS_TABLE, ADA_ID);
        expect(harness.airtable.getCell(CONTACTS_TABLE, adaRow, COMPANY.field.id)).toEqual(
            links(acmeRow),
        );
    });
});
