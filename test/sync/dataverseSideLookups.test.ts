/** The Dataverse side's lookup reads, lookup bindings and cascade rules on the Web API wire. */
import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {createDataverseSide} from '../../frontend/dataverse/dataverseSide';
import {entitySetName, parseGuid} from '../../frontend/sync/ids';
import {getLookupValueProperty} from '../../frontend/sync/lookupValues';
import type {LookupBinding} from '../../frontend/sync/ports';
import {
    CountingTokenProvider,
    FakeClock,
    ScriptedFetch,
    type ScriptStep,
} from '../dataverse/doubles';
import {batchReply, readBatchParts} from '../dataverse/batchDoubles';
import {ACCOUNT, ACCOUNT_ID, CONTACT} from '../dataverse/fixtures';

const API_ROOT = 'https://contoso.crm.dynamics.com/api/data/v9.2/';
const CONTACT_ID = parseGuid('1b5c0a1e-0d5a-4f0e-9a11-0000000000a1');
const LOOKUP_ANNOTATION = 'Microsoft.Dynamics.CRM.lookuplogicalname';

function setUp(steps: ScriptStep[]) {
    const scriptedFetch = new ScriptedFetch(steps);
    const client = new DataverseClient({
        environmentUrl: 'https://contoso.crm.dynamics.com',
        tokenProvider: new CountingTokenProvider(),
        fetch: scriptedFetch.fetch,
        clock: new FakeClock(),
    });
    return {side: createDataverseSide(client), scriptedFetch};
}

function binding(id: string | null): LookupBinding {
    return {
        kind: 'lookupBinding',
        navigationProperty: 'parentcustomerid_account',
        entitySetName: entitySetName('accounts'),
        id: id === null ? null : parseGuid(id),
    };
}

describe('Dataverse side lookups', () => {
    test('selects the lookup value property', async () => {
        const {side, scriptedFetch} = setUp([{status: 200, body: {value: []}}]);

        await side.readAllAsync(CONTACT, ['lastname', getLookupValueProperty('parentcustomerid')]);

        expect(scriptedFetch.requests[0]?.url).toBe(
            `${API_ROOT}contacts?$select=contactid,lastname,_parentcustomerid_value`,
        );
    });

    test('reads a lookup as a reference', async () => {
        const {side} = setUp([
            {
                status: 200,
                body: {
                    value: [
                        {
                            contactid: CONTACT_ID,
                            [`_parentcustomerid_value@${LOOKUP_ANNOTATION}`]: 'account',
                            _parentcustomerid_value: ACCOUNT_ID.toUpperCase(),
                        },
                        {contactid: ACCOUNT_ID, _parentcustomerid_value: null},
                    ],
                },
            },
        ]);

        const [linked, unlinked] = await side.readAllAsync(CONTACT, ['_parentcustomerid_value']);

        expect(linked?.values.parentcustomerid).toEqual({logicalName: 'account', id: ACCOUNT_ID});
        expect(unlinked?.values.parentcustomerid).toBeNull();
    });

    test('rejects a lookup without its table', async () => {
        const {side} = setUp([
            {
                status: 200,
                body: {value: [{contactid: CONTACT_ID, _parentcustomerid_value: ACCOUNT_ID}]},
            },
        ]);

        await expect(side.readAllAsync(CONTACT, ['_parentcustomerid_value'])).rejects.toMatchObject(
            {
                code: 'badResponse',
                rawMessage: expect.stringContaining('_parentcustomerid_value'),
            },
        );
    });

    test('writes a binding as odata.bind', async () => {
        const {side, scriptedFetch} = setUp([batchReply([{status: 204}, {status: 204}])]);

        await side.writeAsync([
            {
                kind: 'update',
                entity: CONTACT,
                id: CONTACT_ID,
                values: {lastname: 'Lovelace', parentcustomerid: binding(ACCOUNT_ID)},
                ifMatch: null,
            },
            {
                kind: 'update',
                entity: CONTACT,
                id: CONTACT_ID,
                values: {parentcustomerid: binding(null)},
                ifMatch: null,
            },
        ]);

        const [bound, cleared] = readBatchParts(scriptedFetch.requests[0]);
        expect(bound?.body).toEqual({
            lastname: 'Lovelace',
            'parentcustomerid_account@odata.bind': `/accounts(${ACCOUNT_ID})`,
        });
        expect(cleared?.body).toEqual({
            'parentcustomerid_account@odata.bind': null,
        });
    });
});

describe('Dataverse side cascade rules', () => {
    test('reads the delete behaviours', async () => {
        const {side, scriptedFetch} = setUp([
            {
                status: 200,
                body: {
                    value: [
                        {
                            ReferencingEntity: 'contact',
                            ReferencingAttribute: 'parentcustomerid',
                            ReferencedEntity: 'account',
                            CascadeConfiguration: {Assign: 'Cascade', Delete: 'Cascade'},
                        },
                        {
                            ReferencingEntity: 'opportunity',
                            ReferencingAttribute: 'parentaccountid',
                            ReferencedEntity: 'account',
                            CascadeConfiguration: {Delete: 'RemoveLink'},
                        },
                    ],
                },
            },
        ]);

        const rules = await side.readCascadeDeleteRulesAsync(ACCOUNT);

        expect(scriptedFetch.requests[0]?.url).toBe(
            `${API_ROOT}EntityDefinitions(LogicalName='account')/OneToManyRelationships` +
                '?$select=ReferencingEntity,ReferencingAttribute,ReferencedEntity,CascadeConfiguration',
        );
        expect(rules).toEqual([
            {
                referencedEntity: 'account',
                referencingEntity: 'contact',
                referencingAttribute: 'parentcustomerid',
                onDelete: 'Cascade',
            },
            {
                referencedEntity: 'account',
                referencingEntity: 'opportunity',
                referencingAttribute: 'parentaccountid',
                onDelete: 'RemoveLink',
            },
        ]);
    });

    test('rejects an unknown delete behaviour', async () => {
        const {side} = setUp([
            {
                status: 200,
                body: {
                    value: [
                        {
                            ReferencingEntity: 'contact',
                            ReferencingAttribute: 'parentcustomerid',
                            ReferencedEntity: 'account',
                            CascadeConfiguration: {Delete: 'Sometimes'},
                        },
                    ],
                },
            },
        ]);

        await expect(side.readCascadeDeleteRulesAsync(ACCOUNT)).rejects.toMatchObject({
            code: 'badResponse',
            rawMessage: expect.stringContaining('delete behaviour'),
        });
    });
});
