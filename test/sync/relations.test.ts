import {airtableFieldId, parseGuid} from '../../frontend/sync/ids';
import {orderTables} from '../../frontend/sync/links/tableOrder';
import {isLookupBinding} from '../../frontend/sync/lookupValues';
import {
    ACCOUNT,
    ACCOUNTS_TABLE,
    accountsTable,
    COMPANY,
    CONTACT,
    CONTACTS_TABLE,
    contactsTable,
    createRelationsHarness,
    CUSTOMER_ACCOUNT,
    CUSTOMER_BOTH_TARGETS,
    CUSTOMER_CONTACT,
    links,
    OPPORTUNITIES_TABLE,
    opportunitiesTable,
    OPPORTUNITY,
    reference,
} from './relationFixtures';

const ACME_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b1');
const ADA_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a1');
const GRACE_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a2');
const DEAL_ID = parseGuid('5e9b0c77-1a2b-4c3d-8e9f-0000000000d1');

const COMPANY_FIELD = airtableFieldId('fldCompany');
const PRIMARY_CONTACT_FIELD = airtableFieldId('fldPrimaryContact');
const CUSTOMER_FIELD = airtableFieldId('fldCustomerAccount');

describe('orderTables', () => {
    test('puts parents before children', () => {
        const order = orderTables([
            opportunitiesTable([CUSTOMER_CONTACT]),
            contactsTable(),
            accountsTable([]),
        ]);

        expect(order.tables.map(table => table.table.name)).toEqual([
            'Accounts',
            'Contacts',
            'Opportunities',
        ]);
        expect([...(order.deferredColumns.get(CONTACTS_TABLE) ?? [])]).toEqual([]);
    });

    test('defers the link closing a cycle', () => {
        const order = orderTables([contactsTable(), accountsTable()]);

        expect(order.tables.map(table => table.table.name)).toEqual(['Contacts', 'Accounts']);
        expect([...(order.deferredColumns.get(CONTACTS_TABLE) ?? [])]).toEqual([
            'parentcustomerid',
        ]);
        expect([...(order.deferredColumns.get(ACCOUNTS_TABLE) ?? [])]).toEqual([]);
    });
});

describe('runSyncAsync with linked tables', () => {
    test('creates new Airtable rows linked', async () => {
        const harness = createRelationsHarness();
        const acme = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Acme'});
        const ada = harness.addRow(CONTACTS_TABLE, {fldName: 'Lovelace', fldCompany: links(acme)});
        const deal = harness.addRow(OPPORTUNITIES_TABLE, {
            fldName: 'Engines',
            fldCustomerAccount: links(acme),
        });

        const summary = await harness.runAsync();

        const acmeId = harness.getDynamicsId(ACCOUNTS_TABLE, acme);
        const adaId = harness.getDynamicsId(CONTACTS_TABLE, ada);
        const dealId = harness.getDynamicsId(OPPORTUNITIES_TABLE, deal);
        expect(summary.error).toBeNull();
        expect(summary.counts.createdInDynamics).toBe(3);
        expect(harness.dataverse.getValues(CONTACT, adaId).parentcustomerid).toEqual(
            reference(ACCOUNT, acmeId),
        );
        expect(harness.dataverse.getValues(OPPORTUNITY, dealId).customerid).toEqual(
            reference(ACCOUNT, acmeId),
        );
    });

    test('sends the link with the create', async () => {
        const harness = createRelationsHarness();
        const acme = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Acme'});
        harness.addRow(CONTACTS_TABLE, {fldName: 'Lovelace', fldCompany: links(acme)});

        await harness.runAsync();

        const contactCreate = harness.dataverse.writeCalls
            .flat()
            .find(write => write.kind === 'create' && write.entity.logicalName === 'contact');
        const values = contactCreate?.kind === 'create' ? contactCreate.values : {};
        expect(isLookupBinding(values.parentcustomerid)).toBe(true);
        expect(values.parentcustomerid).toMatchObject({
            navigationProperty: 'parentcustomerid_account',
            entitySetName: 'accounts',
            id: harness.getDynamicsId(ACCOUNTS_TABLE, acme),
        });
    });

    test('creates new Dynamics records linked', async () => {
        const harness = createRelationsHarness();
        harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
        harness.dataverse.insertRecord(CONTACT, ADA_ID, {
            lastname: 'Lovelace',
            parentcustomerid: reference(ACCOUNT, ACME_ID),
        });
        harness.dataverse.insertRecord(OPPORTUNITY, DEAL_ID, {
            name: 'Engines',
            customerid: reference(ACCOUNT, ACME_ID),
        });

        const summary = await harness.runAsync();

        const acmeRow = harness.findRowId(ACCOUNTS_TABLE, ACME_ID);
        const adaRow = harness.findRowId(CONTACTS_TABLE, ADA_ID);
        const dealRow = harness.findRowId(OPPORTUNITIES_TABLE, DEAL_ID);
        expect(summary.counts.createdInAirtable).toBe(3);
        expect(acmeRow).not.toBeNull();
        expect(harness.airtable.getCell(CONTACTS_TABLE, adaRow!, COMPANY_FIELD)).toEqual(
            links(acmeRow!),
        );
        expect(harness.airtable.getCell(OPPORTUNITIES_TABLE, dealRow!, CUSTOMER_FIELD)).toEqual(
            links(acmeRow!),
        );
    });

    test('links a cycle from Airtable', async () => {
        const harness = createRelationsHarness([accountsTable(), contactsTable()]);
        const acme = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Acme'});
        const ada = harness.addRow(CONTACTS_TABLE, {fldName: 'Lovelace', fldCompany: links(acme)});
        harness.airtable.editRow(ACCOUNTS_TABLE, acme, {fldPrimaryContact: links(ada)});

        const summary = await harness.runAsync();

        const acmeId = harness.getDynamicsId(ACCOUNTS_TABLE, acme);
        const adaId = harness.getDynamicsId(CONTACTS_TABLE, ada);
        expect(summary.error).toBeNull();
        expect(summary.counts.failed).toBe(0);
        expect(harness.dataverse.getValues(ACCOUNT, acmeId).primarycontactid).toEqual(
            reference(CONTACT, adaId),
        );
        expect(harness.dataverse.getValues(CONTACT, adaId).parentcustomerid).toEqual(
            reference(ACCOUNT, acmeId),
        );
        expect(summary.outcomes.map(outcome => outcome.status)).toEqual(['created', 'created']);
    });

    test('links a cycle from Dynamics', async () => {
        const harness = createRelationsHarness([accountsTable(), contactsTable()]);
        harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
        harness.dataverse.insertRecord(CONTACT, ADA_ID, {
            lastname: 'Lovelace',
            parentcustomerid: reference(ACCOUNT, ACME_ID),
        });
        harness.dataverse.editRecord(ACCOUNT, ACME_ID, {
            primarycontactid: reference(CONTACT, ADA_ID),
        });

        await harness.runAsync();

        const acmeRow = harness.findRowId(ACCOUNTS_TABLE, ACME_ID);
        const adaRow = harness.findRowId(CONTACTS_TABLE, ADA_ID);
        expect(harness.airtable.getCell(ACCOUNTS_TABLE, acmeRow!, PRIMARY_CONTACT_FIELD)).toEqual(
            links(adaRow!),
        );
        expect(harness.airtable.getCell(CONTACTS_TABLE, adaRow!, COMPANY_FIELD)).toEqual(
            links(acmeRow!),
        );
    });

    test('second run changes nothing', async () => {
        const harness = createRelationsHarness();
        const acme = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Acme'});
        const ada = harness.addRow(CONTACTS_TABLE, {fldName: 'Lovelace', fldCompany: links(acme)});
        harness.airtable.editRow(ACCOUNTS_TABLE, acme, {fldPrimaryContact: links(ada)});
        harness.dataverse.insertRecord(CONTACT, GRACE_ID, {
            lastname: 'Hopper',
            parentcustomerid: null,
        });
        await harness.runAsync();
        const dynamicsWrites = harness.dataverse.writeCalls.length;
        const airtableWrites = harness.airtable.writeCalls.length;

        const summary = await harness.runAsync();

        expect(summary.outcomes.map(outcome => outcome.status)).toEqual([
            'unchanged',
            'unchanged',
            'unchanged',
        ]);
        expect(harness.dataverse.writeCalls).toHaveLength(dynamicsWrites);
        expect(harness.airtable.writeCalls).toHaveLength(airtableWrites);
    });

    test('pushes a changed link', async () => {
        const harness = createRelationsHarness();
        const acme = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Acme'});
        const globex = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Globex'});
        const ada = harness.addRow(CONTACTS_TABLE, {fldName: 'Lovelace', fldCompany: links(acme)});
        await harness.runAsync();
        harness.airtable.editRow(CONTACTS_TABLE, ada, {fldCompany: links(globex)});

        const summary = await harness.runAsync();

        const adaOutcome = summary.outcomes.find(outcome => outcome.ref.airtableRecordId === ada);
        expect(adaOutcome).toMatchObject({status: 'updated', dynamicsFields: ['parentcustomerid']});
        expect(
            harness.dataverse.getValues(CONTACT, harness.getDynamicsId(CONTACTS_TABLE, ada))
                .parentcustomerid,
        ).toEqual(reference(ACCOUNT, harness.getDynamicsId(ACCOUNTS_TABLE, globex)));
    });

    test('pulls a cleared link', async () => {
        const harness = createRelationsHarness();
        harness.dataverse.insertRecord(ACCOUNT, ACME_ID, {name: 'Acme'});
        harness.dataverse.insertRecord(CONTACT, ADA_ID, {
            lastname: 'Lovelace',
            parentcustomerid: reference(ACCOUNT, ACME_ID),
        });
        await harness.runAsync();
        harness.dataverse.editRecord(CONTACT, ADA_ID, {parentcustomerid: null});

        await harness.runAsync();

        const adaRow = harness.findRowId(CONTACTS_TABLE, ADA_ID);
        expect(harness.airtable.getCell(CONTACTS_TABLE, adaRow!, COMPANY_FIELD)).toEqual([]);
    });
});

describe('unresolvable links', () => {
    test('two links fail the record', async () => {
        const harness = createRelationsHarness();
        const acme = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Acme'});
        const globex = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Globex'});
        const ada = harness.addRow(CONTACTS_TABLE, {
            fldName: 'Lovelace',
            fldCompany: links(acme, globex),
        });

        const summary = await harness.runAsync();

        const outcome = summary.outcomes.find(item => item.ref.airtableRecordId === ada);
        const message = outcome?.status === 'failed' ? outcome.message : '';
        expect(outcome).toMatchObject({status: 'failed', code: 'unresolvedLink'});
        expect(message).toContain("'Company'");
        expect(message).toContain('2 rows');
        expect(harness.dataverse.getRecordCount(CONTACT)).toBe(0);
    });

    test('link to a failed row fails', async () => {
        const harness = createRelationsHarness();
        const broken = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Broken', fldEmail: 'ana@'});
        const ada = harness.addRow(CONTACTS_TABLE, {
            fldName: 'Lovelace',
            fldCompany: [{id: broken, name: 'Broken'}],
        });

        const summary = await harness.runAsync();

        const outcome = summary.outcomes.find(item => item.ref.airtableRecordId === ada);
        const message = outcome?.status === 'failed' ? outcome.message : '';
        expect(outcome).toMatchObject({status: 'failed', code: 'unresolvedLink'});
        expect(message).toContain("'Broken' in Accounts");
        expect(message).toContain("'Company'");
        expect(harness.dataverse.getRecordCount(CONTACT)).toBe(0);
    });

    test('link to an unmapped table fails', async () => {
        const harness = createRelationsHarness([
            accountsTable([]),
            opportunitiesTable([CUSTOMER_BOTH_TARGETS]),
        ]);
        harness.dataverse.insertRecord(OPPORTUNITY, DEAL_ID, {
            name: 'Engines',
            customerid: reference(CONTACT, ADA_ID),
        });

        const summary = await harness.runAsync();

        const outcome = summary.outcomes.find(item => item.ref.dynamicsId === DEAL_ID);
        const message = outcome?.status === 'failed' ? outcome.message : '';
        expect(outcome).toMatchObject({status: 'failed', code: 'unresolvedLink'});
        expect(message).toContain('Potential Customer');
        expect(harness.airtable.getRows(OPPORTUNITIES_TABLE)).toHaveLength(0);
    });
});

describe('Customer columns', () => {
    test('one field per target', async () => {
        const harness = createRelationsHarness([
            accountsTable([]),
            contactsTable([COMPANY]),
            opportunitiesTable([CUSTOMER_ACCOUNT, CUSTOMER_CONTACT]),
        ]);
        harness.dataverse.insertRecord(CONTACT, ADA_ID, {lastname: 'Lovelace'});
        harness.dataverse.insertRecord(OPPORTUNITY, DEAL_ID, {
            name: 'Engines',
            customerid: reference(CONTACT, ADA_ID),
        });

        await harness.runAsync();

        const adaRow = harness.findRowId(CONTACTS_TABLE, ADA_ID);
        const dealRow = harness.findRowId(OPPORTUNITIES_TABLE, DEAL_ID);
        const cell = (id: string) =>
            harness.airtable.getCell(OPPORTUNITIES_TABLE, dealRow!, airtableFieldId(id));
        expect(cell('fldCustomerContact')).toEqual(links(adaRow!));
        expect(cell('fldCustomerAccount') ?? []).toEqual([]);
    });

    test('moves between target tables', async () => {
        const harness = createRelationsHarness([
            accountsTable([]),
            contactsTable([COMPANY]),
            opportunitiesTable([CUSTOMER_ACCOUNT, CUSTOMER_CONTACT]),
        ]);
        const ada = harness.addRow(CONTACTS_TABLE, {fldName: 'Lovelace'});
        const acme = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Acme'});
        const deal = harness.addRow(OPPORTUNITIES_TABLE, {
            fldName: 'Engines',
            fldCustomerContact: links(ada),
        });
        await harness.runAsync();
        harness.airtable.editRow(OPPORTUNITIES_TABLE, deal, {
            fldCustomerContact: [],
            fldCustomerAccount: links(acme),
        });

        await harness.runAsync();

        const dealId = harness.getDynamicsId(OPPORTUNITIES_TABLE, deal);
        expect(harness.dataverse.getValues(OPPORTUNITY, dealId).customerid).toEqual(
            reference(ACCOUNT, harness.getDynamicsId(ACCOUNTS_TABLE, acme)),
        );
    });

    test('links in both fields fail', async () => {
        const harness = createRelationsHarness([
            accountsTable([]),
            contactsTable([COMPANY]),
            opportunitiesTable([CUSTOMER_ACCOUNT, CUSTOMER_CONTACT]),
        ]);
        const ada = harness.addRow(CONTACTS_TABLE, {fldName: 'Lovelace'});
        const acme = harness.addRow(ACCOUNTS_TABLE, {fldName: 'Acme'});
        const deal = harness.addRow(OPPORTUNITIES_TABLE, {
            fldName: 'Engines',
            fldCustomerContact: links(ada),
            fldCustomerAccount: links(acme),
        });

        const summary = await harness.runAsync();

        const outcome = summary.outcomes.find(item => item.ref.airtableRecordId === deal);
        const message = outcome?.status === 'failed' ? outcome.message : '';
        expect(outcome).toMatchObject({status: 'failed', code: 'unresolvedLink'});
        expect(message).toContain("'Customer account' and 'Customer contact'");
    });
});
