/**
 * Fills a new emulator the way a new Dynamics org starts. It inserts the organization, the
 * signed-in user and the base currency, then the ten sample accounts with a primary contact each
 * and a few opportunities (`seed/*.json`, fixed ids), then any number of generated accounts. The generator is
 * deterministic, so the same count always yields the same rows and ids.
 */
import type {ColumnValue} from './entities/types';
import {EMULATOR_IDENTITY} from './identity';
import SAMPLE_ACCOUNTS from './seed/accounts.json';
import SAMPLE_CONTACTS from './seed/contacts.json';
import SAMPLE_OPPORTUNITIES from './seed/opportunities.json';
import type {ColumnValues, EmulatorStore} from './store';

export interface SeedOptions {
    /** Generated accounts on top of the samples. */
    readonly seedCount: number;
    readonly seedSamples: boolean;
}

const NAME_FIRST = [
    'Northwind',
    'Tailspin',
    'Wide World',
    'Proseware',
    'Lucerne',
    'Margie',
    'Trey',
    'Woodgrove',
    'Humongous',
    'Wingtip',
    'Graphic',
    'Southridge',
    'Relecloud',
    'Bellows',
    'Consolidated',
    'Datum',
];
const NAME_SECOND = [
    'Traders',
    'Toys',
    'Importers',
    'Publishing',
    'Travel',
    'Research',
    'Bank',
    'Insurance',
    'Design',
    'Video',
    'Logistics',
    'Foods',
    'Systems',
    'Outfitters',
    'Energy',
    'Labs',
];
const NAME_SUFFIX = ['Ltd', 'Inc.', 'GmbH', 'LLC', 'Group', 'Co.', 'plc', 'AG'];
const CITIES: ReadonlyArray<readonly [city: string, country: string]> = [
    ['Seattle', 'United States'],
    ['Chicago', 'United States'],
    ['Toronto', 'Canada'],
    ['London', 'United Kingdom'],
    ['Berlin', 'Germany'],
    ['Paris', 'France'],
    ['Madrid', 'Spain'],
    ['Sydney', 'Australia'],
    ['Tokyo', 'Japan'],
    ['São Paulo', 'Brazil'],
];
const ACTIVITIES = [
    'Wholesale distributor',
    'Regional retailer',
    'Consulting firm',
    'Manufacturer',
    'Software company',
    'Logistics provider',
];

/** A small seeded pseudo-random generator (mulberry32), so generated rows never change. */
function createRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function pick<T>(random: () => number, items: readonly T[]): T {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) {
        throw new Error('Cannot pick from an empty list.');
    }
    return item;
}

function randomGuid(random: () => number): string {
    const hex = Array.from({length: 32}, () => Math.floor(random() * 16).toString(16)).join('');
    const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Returns `count` generated accounts; the same count always gives the same accounts. */
export function generateAccounts(count: number): ColumnValues[] {
    const random = createRandom(20250603);
    const accounts: ColumnValues[] = [];
    for (let index = 1; index <= count; index += 1) {
        const name = `${pick(random, NAME_FIRST)} ${pick(random, NAME_SECOND)} ${pick(random, NAME_SUFFIX)} ${String(index).padStart(3, '0')}`;
        const slug = name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '');
        const [city, country] = pick(random, CITIES);
        accounts.push({
            accountid: randomGuid(random),
            name,
            accountnumber: `GEN-${String(index).padStart(5, '0')}`,
            telephone1: `555-${String(1000 + Math.floor(random() * 9000))}`,
            emailaddress1: `info@${slug}.example.com`,
            websiteurl: `https://www.${slug}.example.com`,
            address1_city: city,
            address1_country: country,
            revenue: Math.round(random() * 5_000_000) * 100,
            numberofemployees: 5 + Math.floor(random() * 20_000),
            description: `${pick(random, ACTIVITIES)} based in ${city}.`,
        });
    }
    return accounts;
}

/** Narrows a row read from a seed file to column values; lookups are `{logicalName, id}`. */
function toColumnValues(record: Readonly<Record<string, unknown>>): ColumnValues {
    const values: Record<string, ColumnValue> = {};
    for (const [name, value] of Object.entries(record)) {
        if (
            value === null ||
            typeof value === 'string' ||
            typeof value === 'number' ||
            typeof value === 'boolean'
        ) {
            values[name] = value;
        } else if (isReference(value)) {
            values[name] = {logicalName: value.logicalName, id: value.id};
        } else {
            throw new Error(
                `The seed value of '${name}' is not a column value: ${JSON.stringify(value)}`,
            );
        }
    }
    return values;
}

function isReference(value: unknown): value is {logicalName: string; id: string} {
    if (typeof value !== 'object' || value === null) {
        return false;
    }
    const candidate = value as Record<string, unknown>;
    return typeof candidate['logicalName'] === 'string' && typeof candidate['id'] === 'string';
}

/**
 * Inserts the sample contacts and opportunities and makes each contact its company's primary
 * contact. They refer to the sample accounts, so they are seeded only with them.
 */
function seedSampleRelations(store: EmulatorStore): void {
    for (const contact of SAMPLE_CONTACTS.map(toColumnValues)) {
        const row = store.insert('contact', contact);
        const company = row['parentcustomerid'];
        if (company !== undefined && company !== null && typeof company === 'object') {
            store.update('account', company.id, {
                primarycontactid: {logicalName: 'contact', id: String(row['contactid'])},
            });
        }
    }
    for (const opportunity of SAMPLE_OPPORTUNITIES.map(toColumnValues)) {
        store.insert('opportunity', opportunity);
    }
}

/** Inserts the org's system rows: organization, default user and base currency. */
export function seedSystemRows(store: EmulatorStore): void {
    store.insert('organization', {
        organizationid: EMULATOR_IDENTITY.organizationId,
        name: EMULATOR_IDENTITY.organizationName,
    });
    store.insert('systemuser', {
        systemuserid: EMULATOR_IDENTITY.defaultUserId,
        fullname: EMULATOR_IDENTITY.defaultUserName,
        firstname: 'Local',
        lastname: 'Developer',
        domainname: 'developer@contoso.example.com',
        internalemailaddress: 'developer@contoso.example.com',
    });
    store.insert('transactioncurrency', {
        transactioncurrencyid: EMULATOR_IDENTITY.baseCurrencyId,
        currencyname: 'US Dollar',
        isocurrencycode: 'USD',
        currencysymbol: '$',
        currencyprecision: 2,
        exchangerate: 1,
    });
}

/** Seeds system rows and accounts; returns how many accounts were inserted. */
export function seedStore(store: EmulatorStore, options: SeedOptions): number {
    seedSystemRows(store);
    const accounts = [
        ...(options.seedSamples ? SAMPLE_ACCOUNTS.map(toColumnValues) : []),
        ...generateAccounts(options.seedCount),
    ];
    for (const account of accounts) {
        store.insert('account', account);
    }
    if (options.seedSamples) {
        seedSampleRelations(store);
    }
    return accounts.length;
}
