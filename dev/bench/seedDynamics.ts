/**
 * Fills the emulator with the benchmark's contacts and opportunities, linked to its generated
 * accounts, straight into the store: the seeding is set-up, not part of what is measured.
 */
import type {EmulatorStore} from '../emulator/server';
import type {WorkloadSizes} from './options';

const JOB_TITLES = ['Buyer', 'Account Manager', 'CFO', 'Office Manager', 'Engineer'];
const TOPICS = ['Renewal', 'Expansion', 'New site', 'Pilot', 'Service contract'];

/**
 * Inserts the contacts and opportunities, spread evenly over the store's accounts, each opportunity
 * also linked to a contact.
 */
export function seedRelatedRecords(store: EmulatorStore, sizes: WorkloadSizes): void {
    const accountIds = store.list('account').map(account => String(account['accountid']));
    if (accountIds.length === 0 || (sizes.contacts === 0 && sizes.opportunities > 0)) {
        throw new Error('The benchmark needs accounts and contacts to link its records to.');
    }

    const contactIds: string[] = [];
    for (let index = 0; index < sizes.contacts; index += 1) {
        const accountId = pickAt(accountIds, index);
        const contact = store.insert('contact', {
            firstname: `First${index}`,
            lastname: `Last${index}`,
            jobtitle: pickAt(JOB_TITLES, index),
            emailaddress1: `person${index}@example.com`,
            parentcustomerid: {logicalName: 'account', id: accountId},
        });
        contactIds.push(String(contact['contactid']));
    }

    for (let index = 0; index < sizes.opportunities; index += 1) {
        const accountId = pickAt(accountIds, index);
        store.insert('opportunity', {
            name: `${pickAt(TOPICS, index)} ${index}`,
            estimatedvalue: 1000 + (index % 100) * 250,
            closeprobability: index % 101,
            customerid: {logicalName: 'account', id: accountId},
            parentaccountid: {logicalName: 'account', id: accountId},
            parentcontactid: {logicalName: 'contact', id: pickAt(contactIds, index)},
        });
    }
}

function pickAt<T>(items: readonly T[], index: number): T {
    const item = items[index % items.length];
    if (item === undefined) {
        throw new Error('Cannot pick from an empty list.');
    }
    return item;
}
