/** Seed data: the ten sample accounts of a new org plus deterministic generated accounts. */
import {generateAccounts} from '../../dev/emulator/seed';
import {startEmulatorAsync} from '../../dev/emulator/server';
import {callApiAsync, readRowsAsync, useEmulator} from './helpers';

const getEmulator = useEmulator({seedCount: 25});

const SAMPLE_NAMES = [
    'A. Datum Corporation (sample)',
    'Adventure Works (sample)',
    'Alpine Ski House (sample)',
    'Blue Yonder Airlines (sample)',
    'City Power & Light (sample)',
    'Coho Winery (sample)',
    'Contoso Pharmaceuticals (sample)',
    'Fabrikam, Inc. (sample)',
    'Fourth Coffee (sample)',
    'Litware, Inc. (sample)',
];
const MAPPED_COLUMNS = [
    'name',
    'accountnumber',
    'telephone1',
    'emailaddress1',
    'websiteurl',
    'address1_city',
    'address1_country',
    'revenue',
    'numberofemployees',
    'description',
];

test('seeds the ten samples and generated accounts', async () => {
    const rows = await readRowsAsync(await callApiAsync(getEmulator(), 'accounts?$select=name'));
    const names = rows.map(row => String(row['name']));

    expect(getEmulator().seededAccountCount).toBe(35);
    expect(rows).toHaveLength(35);
    expect(names.filter(name => name.endsWith('(sample)')).sort()).toEqual(SAMPLE_NAMES);
});

test('samples fill the mapped columns', async () => {
    const query = `$select=${MAPPED_COLUMNS.join(',')}&$filter=endswith(name,'(sample)')`;
    const rows = await readRowsAsync(await callApiAsync(getEmulator(), `accounts?${query}`));

    for (const row of rows) {
        for (const column of MAPPED_COLUMNS) {
            expect(row[column]).not.toBeNull();
        }
    }
});

test('generated accounts are deterministic', () => {
    const first = generateAccounts(5);
    const second = generateAccounts(5);

    expect(second).toEqual(first);
    expect(new Set(generateAccounts(200).map(account => account['name'])).size).toBe(200);
});

test('seeds nothing when asked', async () => {
    const emulator = await startEmulatorAsync({port: 0, seedCount: 0, seedSamples: false});
    try {
        expect(emulator.store.list('account')).toHaveLength(0);
        expect(emulator.seededAccountCount).toBe(0);
    } finally {
        await emulator.closeAsync();
    }
});

test('samples include linked contacts', () => {
    const store = getEmulator().store;
    const fourthCoffee = store.get('account', 'a1d4e2b0-5c1f-4e0a-9b7d-000000000009');
    const primary = fourthCoffee['primarycontactid'];
    const contacts = store.list('contact');

    expect(contacts).toHaveLength(10);
    expect(primary).toEqual({logicalName: 'contact', id: expect.any(String)});
    expect(store.get('contact', (primary as {id: string}).id)['fullname']).toBe(
        'Yvonne McKay (sample)',
    );
    expect(store.list('opportunity')).toHaveLength(8);
});

test('deleting a sample account cascades', async () => {
    const emulator = await startEmulatorAsync({port: 0, seedCount: 0});
    try {
        const aDatum = 'a1d4e2b0-5c1f-4e0a-9b7d-000000000001';
        const response = await callApiAsync(emulator, `accounts(${aDatum})`, {method: 'DELETE'});
        const remainingCustomers = emulator.store
            .list('opportunity')
            .map(row => (row['customerid'] as {id: string} | null)?.id);

        expect(response.status).toBe(204);
        expect(emulator.store.list('contact')).toHaveLength(9);
        expect(remainingCustomers).not.toContain(aDatum);
    } finally {
        await emulator.closeAsync();
    }
});
