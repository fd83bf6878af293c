/**
 * Fills a new emulator the way a new Dynamics org starts: the organization, the signed-in user,
 * the base currency, the ten sample accounts (`seed/accounts.json`, fixed ids) and any number of
 * generated accounts. The generator is deterministic, so the same count always yields the same
 * rows and ids.
 */
import type {ColumnValue} from './entities/types';
import {EMULATOR_IDENTITY} from './identity';
import SAMPLE_ACCOUNTS from './seed/accounts.json';
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

function sampleAccounts(): ColumnValues[] {
    return SAMPLE_ACCOUNTS.map(account => {
        const values: Record<string, ColumnValue> = {};
        for (const [name, value] of Object.entries(account)) {
            values[name] = value;
        }
        return values;
    });
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
        ...(options.seedSamples ? sampleAccounts() : []),
        ...generateAccounts(options.seedCount),
    ];
    for (const account of accounts) {
        store.insert('account', account);
    }
    return accounts.length;
}
