import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {createDataverseSide, MAX_WRITES_PER_BATCH} from '../../frontend/dataverse/dataverseSide';
import {DataverseError} from '../../frontend/dataverse/errors';
import {parseGuid} from '../../frontend/sync/ids';
import {PartialWriteError, type DataverseWrite} from '../../frontend/sync/ports';
import {batchReply, readBatchParts} from './batchDoubles';
import {CountingTokenProvider, FakeClock, ScriptedFetch, type ScriptStep} from './doubles';
import {ACCOUNT, ACCOUNT_ID, OTHER_ACCOUNT_ID} from './fixtures';

const API_ROOT = 'https://contoso.crm.dynamics.com/api/data/v9.2/';
const THIRD_ID = parseGuid('9b2c3d4e-0000-4000-8000-0000000000b3');

function setUp(steps: ScriptStep[], maxBatchesInFlight = 4) {
    const scriptedFetch = new ScriptedFetch(steps);
    const client = new DataverseClient({
        environmentUrl: 'https://contoso.crm.dynamics.com',
        tokenProvider: new CountingTokenProvider(),
        fetch: scriptedFetch.fetch,
        clock: new FakeClock(),
        retryPolicy: {
            retryableStatuses: [429, 503],
            shouldRetryNetworkErrors: true,
            maxAttempts: 2,
            initialDelayMs: 10,
            maxDelayMs: 10,
            maxTotalWaitMs: 100,
            jitterRatio: 0,
        },
    });
    return {side: createDataverseSide(client, {maxBatchesInFlight}), scriptedFetch};
}

function errorReply(status: number, code: string, message: string) {
    return {status, body: {error: {code, message}}};
}

describe('DataverseSide.readAllAsync', () => {
    it('selects columns plus the primary id', async () => {
        const {side, scriptedFetch} = setUp([{status: 200, body: {value: []}}]);

        await side.readAllAsync(ACCOUNT, ['name', 'telephone1']);

        expect(scriptedFetch.requests[0]?.url).toBe(
            `${API_ROOT}accounts?$select=accountid,name,telephone1`,
        );
        expect(scriptedFetch.requests[0]?.headers.Prefer).toBe(
            'odata.maxpagesize=5000,odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname,Microsoft.Dynamics.CRM.associatednavigationproperty"',
        );
    });

    it('maps rows to records', async () => {
        const {side} = setUp([
            {
                status: 200,
                body: {
                    '@odata.context': `${API_ROOT}$metadata#accounts(name)`,
                    value: [
                        {
                            '@odata.etag': 'W/"5"',
                            accountid: ACCOUNT_ID.toUpperCase(),
                            name: 'Contoso',
                        },
                    ],
                },
            },
        ]);

        const records = await side.readAllAsync(ACCOUNT, ['name']);

        expect(records).toEqual([
            {
                id: ACCOUNT_ID,
                version: 'W/"5"',
                values: {accountid: ACCOUNT_ID.toUpperCase(), name: 'Contoso'},
            },
        ]);
    });

    it('rejects a row without an id', async () => {
        const {side} = setUp([{status: 200, body: {value: [{name: 'No id'}]}}]);

        await expect(side.readAllAsync(ACCOUNT, ['name'])).rejects.toMatchObject({
            code: 'badResponse',
        });
    });
});

describe('DataverseSide.writeAsync', () => {
    it('returns one result per write in order', async () => {
        const writes: DataverseWrite[] = [
            {kind: 'create', entity: ACCOUNT, id: ACCOUNT_ID, values: {name: 'New'}},
            {
                kind: 'update',
                entity: ACCOUNT,
                id: OTHER_ACCOUNT_ID,
                values: {name: 'Changed'},
                ifMatch: 'W/"4"',
            },
            {kind: 'delete', entity: ACCOUNT, id: THIRD_ID, ifMatch: null},
        ];
        const {side} = setUp([
            batchReply([
                {status: 201, body: {'@odata.etag': 'W/"10"', accountid: ACCOUNT_ID}},
                {status: 200, body: {'@odata.etag': 'W/"11"', accountid: OTHER_ACCOUNT_ID}},
                {status: 204},
            ]),
        ]);

        const results = await side.writeAsync(writes);

        expect(results).toEqual([
            {status: 'ok', version: 'W/"10"'},
            {status: 'ok', version: 'W/"11"'},
            {status: 'ok', version: null},
        ]);
    });

    it('sends the writes as batch parts', async () => {
        const writes: DataverseWrite[] = [
            {kind: 'create', entity: ACCOUNT, id: ACCOUNT_ID, values: {name: 'New'}},
            {kind: 'update', entity: ACCOUNT, id: OTHER_ACCOUNT_ID, values: {}, ifMatch: 'W/"4"'},
            {kind: 'delete', entity: ACCOUNT, id: THIRD_ID, ifMatch: null},
        ];
        const {side, scriptedFetch} = setUp([
            batchReply([{status: 204}, {status: 204}, {status: 204}]),
        ]);

        await side.writeAsync(writes);

        const [batch] = scriptedFetch.requests;
        const [create, update, remove] = readBatchParts(batch);
        expect(batch?.url).toBe(`${API_ROOT}$batch`);
        expect(batch?.headers.Prefer).toBe('odata.continue-on-error');
        expect(create?.method).toBe('PATCH');
        expect(create?.url).toBe(
            `/api/data/v9.2/accounts(${ACCOUNT_ID})?$select=accountid,modifiedon`,
        );
        expect(create?.headers['If-None-Match']).toBe('*');
        expect(create?.headers.Prefer).toBe('return=representation');
        expect(create?.body).toEqual({name: 'New'});
        expect(update?.headers['If-Match']).toBe('W/"4"');
        expect(remove?.method).toBe('DELETE');
        expect(remove?.url).toBe(`/api/data/v9.2/accounts(${THIRD_ID})`);
        expect(remove?.headers['If-Match']).toBeUndefined();
    });

    it('updates any version without ifMatch', async () => {
        const {side, scriptedFetch} = setUp([
            batchReply([{status: 200, body: {'@odata.etag': 'W/"2"'}}]),
        ]);

        await side.writeAsync([
            {kind: 'update', entity: ACCOUNT, id: ACCOUNT_ID, values: {}, ifMatch: null},
        ]);

        expect(readBatchParts(scriptedFetch.requests[0])[0]?.headers['If-Match']).toBe('*');
    });

    it('maps per-record failures to results', async () => {
        const writes: DataverseWrite[] = [
            {kind: 'create', entity: ACCOUNT, id: ACCOUNT_ID, values: {}},
            {kind: 'update', entity: ACCOUNT, id: ACCOUNT_ID, values: {}, ifMatch: 'W/"1"'},
            {kind: 'delete', entity: ACCOUNT, id: ACCOUNT_ID, ifMatch: null},
            {
                kind: 'update',
                entity: ACCOUNT,
                id: ACCOUNT_ID,
                values: {name: 'x'.repeat(200)},
                ifMatch: null,
            },
        ];
        const tooLong =
            "A validation error occurred.  The length of the 'name' attribute of the 'account' entity exceeded the maximum allowed length of '160'.";
        const {side} = setUp([
            batchReply([
                errorReply(412, '', 'A record with matching key values already exists.'),
                errorReply(
                    412,
                    '',
                    "The version of the existing record doesn't match the RowVersion property provided.",
                ),
                errorReply(404, '0x80040217', 'account With Id = x Does Not Exist'),
                errorReply(400, '0x80044331', tooLong),
            ]),
        ]);

        const results = await side.writeAsync(writes);

        expect(results).toEqual([
            {status: 'alreadyExists'},
            {status: 'versionMismatch'},
            {status: 'notFound'},
            {status: 'failed', message: tooLong, code: '0x80044331', httpStatus: 400},
        ]);
    });

    it('splits writes into batches of ten', async () => {
        const writes = Array.from({length: MAX_WRITES_PER_BATCH + 1}, (): DataverseWrite => ({
            kind: 'delete',
            entity: ACCOUNT,
            id: ACCOUNT_ID,
            ifMatch: null,
        }));
        const {side, scriptedFetch} = setUp(
            [
                batchReply(Array.from({length: MAX_WRITES_PER_BATCH}, () => ({status: 204}))),
                batchReply([{status: 204}]),
            ],
            1,
        );

        const results = await side.writeAsync(writes);

        expect(results).toHaveLength(MAX_WRITES_PER_BATCH + 1);
        expect(readBatchParts(scriptedFetch.requests[0])).toHaveLength(MAX_WRITES_PER_BATCH);
        expect(readBatchParts(scriptedFetch.requests[1])).toHaveLength(1);
    });

    it('fails every write of a rejected batch', async () => {
        const {side} = setUp([errorReply(400, '0x80048d19', 'The batch body is malformed.')]);

        const results = await side.writeAsync([
            {kind: 'delete', entity: ACCOUNT, id: ACCOUNT_ID, ifMatch: null},
            {kind: 'delete', entity: ACCOUNT, id: OTHER_ACCOUNT_ID, ifMatch: null},
        ]);

        const failed = {
            status: 'failed',
            message: 'The batch body is malformed.',
            code: '0x80048d19',
            httpStatus: 400,
        };
        expect(results).toEqual([failed, failed]);
    });

    it('rejects a response with missing parts', async () => {
        const {side} = setUp([batchReply([{status: 204}])]);

        const results = await side.writeAsync([
            {kind: 'delete', entity: ACCOUNT, id: ACCOUNT_ID, ifMatch: null},
            {kind: 'delete', entity: ACCOUNT, id: OTHER_ACCOUNT_ID, ifMatch: null},
        ]);

        expect(results[0]).toMatchObject({status: 'failed', httpStatus: null});
        expect(results[1]).toMatchObject({status: 'failed', httpStatus: null});
    });

    it('throws a partial error when the sign-in fails', async () => {
        const writes: DataverseWrite[] = Array.from({length: 2 * MAX_WRITES_PER_BATCH}, () => ({
            kind: 'delete',
            entity: ACCOUNT,
            id: ACCOUNT_ID,
            ifMatch: null,
        }));
        const {side, scriptedFetch} = setUp(
            [
                batchReply(Array.from({length: MAX_WRITES_PER_BATCH}, () => ({status: 204}))),
                {status: 401},
                {status: 401},
            ],
            1,
        );

        const failure = await side.writeAsync(writes).catch((error: unknown) => error);

        expect(failure).toBeInstanceOf(PartialWriteError);
        const partial = failure as PartialWriteError;
        expect(partial.cause).toBeInstanceOf(DataverseError);
        expect((partial.cause as DataverseError).code).toBe('unauthorized');
        expect(partial.results.slice(0, MAX_WRITES_PER_BATCH)).toEqual(
            Array.from({length: MAX_WRITES_PER_BATCH}, () => ({status: 'ok', version: null})),
        );
        expect(partial.results.slice(MAX_WRITES_PER_BATCH)).toEqual(
            Array.from({length: MAX_WRITES_PER_BATCH}, () => undefined),
        );
        expect(scriptedFetch.requests).toHaveLength(3);
    });

    it('returns an empty list for no writes', async () => {
        const {side, scriptedFetch} = setUp([]);

        expect(await side.writeAsync([])).toEqual([]);
        expect(scriptedFetch.requests).toHaveLength(0);
    });
});

describe('DataverseSide.readChangesAsync', () => {
    const definitionReply = (isTracked: boolean): ScriptStep => ({
        status: 200,
        body: {
            LogicalName: 'account',
            EntitySetName: 'accounts',
            PrimaryIdAttribute: 'accountid',
            PrimaryNameAttribute: 'name',
            ChangeTrackingEnabled: isTracked,
        },
    });
    const firstLink = `${API_ROOT}accounts?$select=accountid,name&$deltatoken=1200520%2106%2f03%2f2025%2016%3a30%3a02`;
    const nextLink = `${API_ROOT}accounts?$select=accountid,name&$deltatoken=1200544%2106%2f03%2f2025%2017%3a02%3a41`;

    it('reads the delta and its deletions', async () => {
        const {side, scriptedFetch} = setUp([
            {
                status: 200,
                body: {
                    '@odata.context': `${API_ROOT}$metadata#accounts(name)/$delta`,
                    '@odata.nextLink': `${firstLink}&$skiptoken=page2`,
                    value: [
                        {
                            '@odata.etag': 'W/"1200539"',
                            name: 'Difference',
                            accountid: OTHER_ACCOUNT_ID,
                        },
                    ],
                },
            },
            {
                status: 200,
                body: {
                    '@odata.context': `${API_ROOT}$metadata#accounts(name)/$delta`,
                    '@odata.deltaLink': nextLink,
                    value: [
                        {
                            '@odata.context': `${API_ROOT}$metadata#accounts/$deletedEntity`,
                            id: THIRD_ID,
                            reason: 'deleted',
                        },
                    ],
                },
            },
        ]);

        const result = await side.readChangesAsync(ACCOUNT, ['name'], firstLink);

        expect(result).toEqual({
            kind: 'changes',
            changed: [
                {
                    id: OTHER_ACCOUNT_ID,
                    version: 'W/"1200539"',
                    values: {name: 'Difference', accountid: OTHER_ACCOUNT_ID},
                },
            ],
            removedIds: [THIRD_ID],
            deltaLink: nextLink,
        });
        expect(scriptedFetch.requests[0]?.url).toBe(firstLink);
        expect(scriptedFetch.requests[1]?.headers.Prefer).toContain('odata.maxpagesize=5000');
    });

    it('reads all with track-changes', async () => {
        const {side, scriptedFetch} = setUp([
            {status: 200, body: {'@odata.deltaLink': firstLink, value: []}},
        ]);

        const result = await side.readChangesAsync(ACCOUNT, ['name'], null);

        expect(result).toEqual({
            kind: 'all',
            records: [],
            deltaLink: firstLink,
            fallbackReason: null,
        });
        expect(scriptedFetch.requests).toHaveLength(1);
        expect(scriptedFetch.requests[0]?.headers.Prefer).toContain('odata.track-changes');
    });

    it('falls back after a 4xx', async () => {
        const {side} = setUp([
            errorReply(
                400,
                '',
                'Version stamp associated with the client has expired. Please perform a full sync.',
            ),
            {status: 200, body: {'@odata.deltaLink': nextLink, value: []}},
        ]);

        const result = await side.readChangesAsync(ACCOUNT, ['name'], firstLink);

        expect(result).toEqual({
            kind: 'all',
            records: [],
            deltaLink: nextLink,
            fallbackReason: 'linkExpired',
        });
    });

    it('throws when throttled on a delta', async () => {
        const throttled = () => ({
            ...errorReply(429, '0x80072322', 'Too many.'),
            headers: {'Retry-After': '1'},
        });
        const {side} = setUp([throttled(), throttled()]);

        await expect(side.readChangesAsync(ACCOUNT, ['name'], firstLink)).rejects.toMatchObject({
            code: 'throttled',
        });
    });

    it('reads untracked tables without tracking', async () => {
        const rejection = errorReply(400, '0x80060888', 'Change tracking is not enabled.');
        const {side, scriptedFetch} = setUp([
            rejection,
            definitionReply(false),
            {status: 200, body: {value: []}},
            {status: 200, body: {value: []}},
        ]);

        const first = await side.readChangesAsync(ACCOUNT, ['name'], null);
        const second = await side.readChangesAsync(ACCOUNT, ['name'], null);

        expect(first).toEqual({kind: 'all', records: [], deltaLink: null, fallbackReason: null});
        expect(second).toEqual(first);
        expect(scriptedFetch.requests).toHaveLength(4);
        expect(scriptedFetch.requests[0]?.headers.Prefer).toContain('odata.track-changes');
        expect(scriptedFetch.requests[2]?.headers.Prefer).not.toContain('odata.track-changes');
        expect(scriptedFetch.requests[3]?.headers.Prefer).not.toContain('odata.track-changes');
    });

    it('rethrows a 400 on tracked tables', async () => {
        const {side, scriptedFetch} = setUp([
            errorReply(400, '0x80060888', "Could not find a property named 'name'."),
            definitionReply(true),
        ]);

        await expect(side.readChangesAsync(ACCOUNT, ['name'], null)).rejects.toMatchObject({
            httpStatus: 400,
        });
        expect(scriptedFetch.requests).toHaveLength(2);
    });
});
