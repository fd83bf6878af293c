/** Cascade planning against custom relationships, including Restrict, which no default table has. */
import {applyDeletePlan, planDelete} from '../../dev/emulator/cascade';
import {ACCOUNT} from '../../dev/emulator/entities/account';
import {CONTACT} from '../../dev/emulator/entities/contact';
import {EntityRegistry} from '../../dev/emulator/entities/registry';
import type {CascadeDelete} from '../../dev/emulator/entities/relationships';
import {SYSTEM_USER} from '../../dev/emulator/entities/system';
import {DataverseError} from '../../dev/emulator/errors';
import {EmulatorStore} from '../../dev/emulator/store';

/** Builds a store whose only relationship is a contact's company account, with the given rule. */
function setUp(cascadeDelete: CascadeDelete): {store: EmulatorStore; registry: EntityRegistry} {
    const registry = new EntityRegistry(
        [ACCOUNT, CONTACT, SYSTEM_USER],
        [
            {
                schemaName: 'contact_customer_accounts',
                referencedEntity: 'account',
                referencingEntity: 'contact',
                referencingAttribute: 'parentcustomerid',
                navigationProperty: 'parentcustomerid_account',
                cascadeDelete,
            },
        ],
    );
    const store = new EmulatorStore(registry, {
        ownerId: '00000000-0000-0000-0000-0000000000f2',
        currencyId: '00000000-0000-0000-0000-0000000000c1',
    });
    return {store, registry};
}

function seedPair(store: EmulatorStore): {accountId: string; contactId: string} {
    const accountId = String(store.insert('account', {name: 'Parent'})['accountid']);
    const contact = store.insert('contact', {
        lastname: 'Child',
        parentcustomerid: {logicalName: 'account', id: accountId},
    });
    return {accountId, contactId: String(contact['contactid'])};
}

test('restrict rejects the whole delete', () => {
    const {store, registry} = setUp('Restrict');
    const {accountId, contactId} = seedPair(store);
    let error: unknown = null;
    try {
        planDelete(store, registry, {logicalName: 'account', id: accountId});
    } catch (caught) {
        error = caught;
    }

    expect(error).toBeInstanceOf(DataverseError);
    expect((error as DataverseError).code).toBe('0x80040227');
    expect((error as DataverseError).status).toBe(405);
    expect(store.getIfExists('account', accountId)).not.toBeNull();
    expect(store.getIfExists('contact', contactId)).not.toBeNull();
});

test('remove link keeps the child', () => {
    const {store, registry} = setUp('RemoveLink');
    const {accountId, contactId} = seedPair(store);
    applyDeletePlan(store, planDelete(store, registry, {logicalName: 'account', id: accountId}));

    expect(store.getIfExists('account', accountId)).toBeNull();
    expect(store.get('contact', contactId)['parentcustomerid']).toBeNull();
});

test('cascade lists children before parents', () => {
    const {store, registry} = setUp('Cascade');
    const {accountId, contactId} = seedPair(store);
    const plan = planDelete(store, registry, {
        logicalName: 'account',
        id: accountId,
    });

    expect(plan.deletes).toEqual([
        {logicalName: 'contact', id: contactId},
        {logicalName: 'account', id: accountId},
    ]);
    expect(plan.unlinks).toEqual([]);
});
