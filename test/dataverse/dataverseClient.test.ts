import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {DataverseError} from '../../frontend/dataverse/errors';
import {logicalName} from '../../frontend/sync/ids';
import {CountingTokenProvider, FakeClock, ScriptedFetch} from './doubles';
import {ACCOUNT, ACCOUNT_ID, CONTACT} from './fixtures';

const ORIGIN = 'https://contoso.crm.dynamics.com';
const API_ROOT = `${ORIGIN}/api/data/v9.2/`;

function setUp() {
    const scriptedFetch = new ScriptedFetch();
    const client = new DataverseClient({
        environmentUrl: `${ORIGIN}/`,
        tokenProvider: new CountingTokenProvider(),
        fetch: scriptedFetch.fetch,
        clock: new FakeClock(),
        random: () => 0,
    });
    return {client, scriptedFetch};
}

async function catchDataverseErrorAsync(promise: Promise<unknown>): Promise<DataverseError> {
    try {
        await promise;
    } catch (error) {
        if (error instanceof DataverseError) {
            return error;
        }
        throw error;
    }
    throw new Error('Expected a DataverseError, but the call succeeded.');
}

function contactRow(suffix: string): Record<string, unknown> {
    return {
        '@odata.etag': `W/"${suffix}"`,
        fullname: `Contact ${suffix}`,
        contactid: `1b5c0a1e-0d5a-4f0e-9a11-0000000000${suffix}`,
    };
}

describe('DataverseClient environment URL', () => {
    it('derives the API root', () => {
        const {client} = setUp();
        expect(client.environmentUrl).toBe(ORIGIN);
        expect(client.apiRoot).toBe(API_ROOT);
    });

    it('rejects an invalid URL', () => {
        expect(
            () =>
                new DataverseClient({
                    environmentUrl: 'http://contoso.crm.dynamics.com',
                    tokenProvider: new CountingTokenProvider(),
                }),
        ).toThrow(TypeError);
    });
});

describe('DataverseClient.retrieveAllAsync', () => {
    it('follows nextLink verbatim with the same Prefer', async () => {
        const {client, scriptedFetch} = setUp();
        const nextLink = `${API_ROOT}contacts?$select=fullname&$skiptoken=%3Ccookie%20pagenumber=%222%22%20/%3E`;
        scriptedFetch.enqueue(
            {
                status: 200,
                body: {value: [contactRow('a1'), contactRow('a2')], '@odata.nextLink': nextLink},
            },
            {status: 200, body: {value: [contactRow('a3')]}},
        );
        const progress: unknown[] = [];

        const rows = await client.retrieveAllAsync(
            CONTACT,
            {select: ['fullname']},
            {maxPageSize: 2, onPage: page => progress.push(page)},
        );

        expect(rows.map(row => row.fullname)).toEqual(['Contact a1', 'Contact a2', 'Contact a3']);
        expect(scriptedFetch.requests[0]?.url).toBe(`${API_ROOT}contacts?$select=fullname`);
        expect(scriptedFetch.requests[1]?.url).toBe(nextLink);
        expect(scriptedFetch.requests[0]?.headers.Prefer).toBe('odata.maxpagesize=2');
        expect(scriptedFetch.requests[1]?.headers.Prefer).toBe('odata.maxpagesize=2');
        expect(progress).toEqual([
            {pageCount: 1, rowCount: 2},
            {pageCount: 2, rowCount: 3},
        ]);
    });

    it('asks for 5000 rows per page by default', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({status: 200, body: {value: []}});

        await client.retrieveAllAsync(CONTACT);

        expect(scriptedFetch.requests[0]?.headers.Prefer).toBe('odata.maxpagesize=5000');
    });

    it('rejects a nextLink to another host', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 200,
            body: {value: [], '@odata.nextLink': 'https://attacker.example/api/data/v9.2/contacts'},
        });

        const error = await catchDataverseErrorAsync(client.retrieveAllAsync(CONTACT));

        expect(error.code).toBe('badResponse');
        expect(scriptedFetch.requests).toHaveLength(1);
    });

    it('stops when a nextLink repeats', async () => {
        const {client, scriptedFetch} = setUp();
        const nextLink = `${API_ROOT}contacts?$skiptoken=1`;
        const page = {status: 200, body: {value: [], '@odata.nextLink': nextLink}};
        scriptedFetch.enqueue(page, page, page);

        const error = await catchDataverseErrorAsync(client.retrieveAllAsync(CONTACT));

        expect(error.code).toBe('badResponse');
        expect(scriptedFetch.requests).toHaveLength(2);
    });

    it('rejects a page without value', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({status: 200, body: {rows: []}});

        const error = await catchDataverseErrorAsync(client.retrieveAllAsync(CONTACT));

        expect(error.code).toBe('badResponse');
    });
});

describe('DataverseClient single-row reads', () => {
    it('reads one row with annotations', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({status: 200, body: {accountid: ACCOUNT_ID, name: 'Contoso'}});

        const row = await client.retrieveAsync(ACCOUNT, ACCOUNT_ID, {
            select: ['name'],
            includeAnnotations: ['*'],
        });

        expect(row.name).toBe('Contoso');
        expect(scriptedFetch.requests[0]?.url).toBe(
            `${API_ROOT}accounts(${ACCOUNT_ID})?$select=name`,
        );
        expect(scriptedFetch.requests[0]?.headers.Prefer).toBe('odata.include-annotations="*"');
    });

    it('returns null for a missing row', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 404,
            body: {error: {code: '0x80040217', message: 'Does Not Exist'}},
        });

        expect(await client.retrieveIfExistsAsync(ACCOUNT, ACCOUNT_ID)).toBeNull();
    });

    it('throws notFound for a missing row', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 404,
            body: {error: {code: '0x80040217', message: 'Does Not Exist'}},
        });

        const error = await catchDataverseErrorAsync(client.retrieveAsync(ACCOUNT, ACCOUNT_ID));

        expect(error.code).toBe('notFound');
        expect(error.context).toEqual({
            operation: 'read',
            tableDisplayName: 'Account',
            recordId: ACCOUNT_ID,
        });
    });
});

describe('DataverseClient writes', () => {
    it('creates and reads the OData-EntityId', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 204,
            headers: {'OData-EntityId': `${API_ROOT}accounts(${ACCOUNT_ID})`},
        });

        const outcome = await client.createAsync(ACCOUNT, {name: 'Contoso'});

        expect(outcome).toEqual({id: ACCOUNT_ID, version: null, row: null, wasCreated: null});
        expect(scriptedFetch.requests[0]?.method).toBe('POST');
        expect(scriptedFetch.requests[0]?.url).toBe(`${API_ROOT}accounts`);
        expect(scriptedFetch.requests[0]?.body).toEqual({name: 'Contoso'});
    });

    it('creates with representation', async () => {
        const {client, scriptedFetch} = setUp();
        const row = {'@odata.etag': 'W/"1200503"', accountid: ACCOUNT_ID, name: 'Contoso'};
        scriptedFetch.enqueue({status: 201, body: row});

        const outcome = await client.createAsync(ACCOUNT, {name: 'Contoso'}, {select: ['name']});

        expect(outcome).toEqual({id: ACCOUNT_ID, version: 'W/"1200503"', row, wasCreated: true});
        expect(scriptedFetch.requests[0]?.url).toBe(`${API_ROOT}accounts?$select=name`);
        expect(scriptedFetch.requests[0]?.headers.Prefer).toBe('return=representation');
    });

    it('rejects a create without an id', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({status: 204});

        const error = await catchDataverseErrorAsync(
            client.createAsync(ACCOUNT, {name: 'Contoso'}),
        );

        expect(error.code).toBe('badResponse');
    });

    it('creates with a chosen id only once', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 412,
            body: {error: {code: '', message: 'A record with matching key values already exists.'}},
        });

        const error = await catchDataverseErrorAsync(
            client.createWithIdAsync(ACCOUNT, ACCOUNT_ID, {name: 'Contoso'}),
        );

        expect(error.code).toBe('alreadyExists');
        expect(scriptedFetch.requests[0]?.method).toBe('PATCH');
        expect(scriptedFetch.requests[0]?.url).toBe(`${API_ROOT}accounts(${ACCOUNT_ID})`);
        expect(scriptedFetch.requests[0]?.headers['If-None-Match']).toBe('*');
        expect(scriptedFetch.requests[0]?.headers['If-Match']).toBeUndefined();
    });

    it('updates only an existing row', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({status: 204, headers: {ETag: 'W/"7"'}});

        const outcome = await client.updateAsync(ACCOUNT, ACCOUNT_ID, {name: 'Contoso plc'});

        expect(outcome.version).toBe('W/"7"');
        expect(outcome.id).toBe(ACCOUNT_ID);
        expect(scriptedFetch.requests[0]?.headers['If-Match']).toBe('*');
    });

    it('maps a stale If-Match', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 412,
            body: {
                error: {
                    code: '',
                    message:
                        "The version of the existing record doesn't match the RowVersion property provided.",
                },
            },
        });

        const error = await catchDataverseErrorAsync(
            client.updateAsync(ACCOUNT, ACCOUNT_ID, {name: 'x'}, {ifMatch: 'W/"1"'}),
        );

        expect(error.code).toBe('versionMismatch');
        expect(scriptedFetch.requests[0]?.headers['If-Match']).toBe('W/"1"');
    });

    it('upserts without conditions', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({status: 200, body: {'@odata.etag': 'W/"9"', accountid: ACCOUNT_ID}});

        const outcome = await client.upsertAsync(
            ACCOUNT,
            ACCOUNT_ID,
            {name: 'x'},
            {select: ['accountid']},
        );

        expect(outcome.wasCreated).toBe(false);
        expect(scriptedFetch.requests[0]?.headers['If-Match']).toBeUndefined();
        expect(scriptedFetch.requests[0]?.headers['If-None-Match']).toBeUndefined();
    });

    it('deletes with If-Match', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({status: 204});

        await client.deleteAsync(ACCOUNT, ACCOUNT_ID, {ifMatch: 'W/"3"'});

        expect(scriptedFetch.requests[0]?.method).toBe('DELETE');
        expect(scriptedFetch.requests[0]?.headers['If-Match']).toBe('W/"3"');
    });

    it('maps a restricted delete', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 405,
            body: {
                error: {
                    code: '0x80040227',
                    message:
                        'The object you tried to delete is associated with another object and cannot be deleted.',
                },
            },
        });

        const error = await catchDataverseErrorAsync(client.deleteAsync(ACCOUNT, ACCOUNT_ID));

        expect(error.code).toBe('deleteRestricted');
        expect(error.message).toContain(`Couldn't delete Account record ${ACCOUNT_ID}`);
    });
});

describe('DataverseClient metadata', () => {
    it('reads WhoAmI', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 200,
            body: {
                BusinessUnitId: 'c0ffee00-0000-4000-8000-0000000000f1',
                UserId: 'c0ffee00-0000-4000-8000-0000000000f2',
                OrganizationId: 'c0ffee00-0000-4000-8000-0000000000f3',
            },
        });

        const whoAmI = await client.whoAmIAsync();

        expect(whoAmI.userId).toBe('c0ffee00-0000-4000-8000-0000000000f2');
        expect(scriptedFetch.requests[0]?.url).toBe(`${API_ROOT}WhoAmI`);
    });

    it('rejects WhoAmI without ids', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({status: 200, body: {UserId: 'x'}});

        const error = await catchDataverseErrorAsync(client.whoAmIAsync());

        expect(error.code).toBe('badResponse');
    });

    it('reads an entity definition', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 200,
            body: {
                LogicalName: 'account',
                EntitySetName: 'accounts',
                PrimaryIdAttribute: 'accountid',
                PrimaryNameAttribute: 'name',
                DisplayName: {
                    LocalizedLabels: [],
                    UserLocalizedLabel: {Label: 'Account', LanguageCode: 1033},
                },
                ChangeTrackingEnabled: true,
                IsOptimisticConcurrencyEnabled: true,
                MetadataId: '70816501-edb9-4740-a16c-6a5efbc05d84',
            },
        });

        const definition = await client.getEntityDefinitionAsync(logicalName('account'));

        expect(definition).toEqual({
            ...ACCOUNT,
            isChangeTrackingEnabled: true,
            isOptimisticConcurrencyEnabled: true,
        });
        expect(scriptedFetch.requests[0]?.url).toBe(
            `${API_ROOT}EntityDefinitions(LogicalName='account')?$select=LogicalName,EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute,DisplayName,ChangeTrackingEnabled,IsOptimisticConcurrencyEnabled`,
        );
    });

    it('reads a definition wrapped in value', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 200,
            body: {
                value: [
                    {
                        LogicalName: 'contact',
                        EntitySetName: 'contacts',
                        PrimaryIdAttribute: 'contactid',
                        PrimaryNameAttribute: 'fullname',
                    },
                ],
            },
        });

        const definition = await client.getEntityDefinitionAsync(logicalName('contact'));

        expect(definition.entitySetName).toBe('contacts');
        expect(definition.displayName).toBe('contact');
        expect(definition.isChangeTrackingEnabled).toBeNull();
    });

    it('rejects a definition without names', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 200,
            body: {LogicalName: 'account', EntitySetName: 'Bad Name'},
        });

        const error = await catchDataverseErrorAsync(
            client.getEntityDefinitionAsync(logicalName('account')),
        );

        expect(error.code).toBe('badResponse');
        expect(error.context.operation).toBe('readMetadata');
    });

    it('reads attribute definitions', async () => {
        const {client, scriptedFetch} = setUp();
        scriptedFetch.enqueue({
            status: 200,
            body: {
                value: [
                    {
                        '@odata.type': '#Microsoft.Dynamics.CRM.StringAttributeMetadata',
                        LogicalName: 'name',
                        SchemaName: 'Name',
                        AttributeType: 'String',
                        AttributeTypeName: {Value: 'StringType'},
                        IsValidForCreate: true,
                        IsValidForUpdate: true,
                        IsValidForRead: true,
                        IsCustomAttribute: false,
                        RequiredLevel: {Value: 'ApplicationRequired', CanBeChanged: true},
                        DisplayName: {
                            LocalizedLabels: [{Label: 'Account Name', LanguageCode: 1033}],
                            UserLocalizedLabel: null,
                        },
                    },
                    {LogicalName: 'Not Valid'},
                    'not an object',
                ],
            },
        });

        const attributes = await client.getAttributesAsync(logicalName('account'));

        expect(attributes).toEqual([
            {
                logicalName: 'name',
                schemaName: 'Name',
                attributeType: 'String',
                attributeTypeName: 'StringType',
                odataType: '#Microsoft.Dynamics.CRM.StringAttributeMetadata',
                displayName: 'Account Name',
                isValidForCreate: true,
                isValidForUpdate: true,
                isValidForRead: true,
                requiredLevel: 'ApplicationRequired',
                isCustomAttribute: false,
            },
        ]);
        expect(scriptedFetch.requests[0]?.url).toContain(
            `${API_ROOT}EntityDefinitions(LogicalName='account')/Attributes?$select=LogicalName,`,
        );
    });
});
