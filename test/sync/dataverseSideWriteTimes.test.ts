/** The Dataverse side returns the `modifiedon` Dynamics stamped with each create and update. */
import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import {createDataverseSide} from '../../frontend/dataverse/dataverseSide';
import type {DataverseWrite} from '../../frontend/sync/ports';
import {
    CountingTokenProvider,
    FakeClock,
    ScriptedFetch,
    type ScriptStep,
} from '../dataverse/doubles';
import {batchReply, readBatchParts} from '../dataverse/batchDoubles';
import {ACCOUNT, ACCOUNT_ID, OTHER_ACCOUNT_ID} from '../dataverse/fixtures';

/** Batch parts address rows by root-relative paths. */
const API_PATH = '/api/data/v9.2/';

function setUp(steps: ScriptStep[]) {
    const scriptedFetch = new ScriptedFetch(steps);
    const client = new DataverseClient({
        environmentUrl: 'https://contoso.crm.dynamics.com',
        tokenProvider: new CountingTokenProvider(),
        fetch: scriptedFetch.fetch,
        clock: new FakeClock(),
        maxConcurrentRequests: 1,
    });
    return {side: createDataverseSide(client), scriptedFetch};
}

const WRITES: DataverseWrite[] = [
    {kind: 'create', entity: ACCOUNT, id: ACCOUNT_ID, values: {name: 'New'}},
    {
        kind: 'update',
        entity: ACCOUNT,
        id: OTHER_ACCOUNT_ID,
        values: {name: 'Changed'},
        ifMatch: null,
    },
];

describe('Dataverse side write times', () => {
    test('selects modifiedon on every write', async () => {
        const {side, scriptedFetch} = setUp([
            batchReply([
                {status: 201, body: {'@odata.etag': 'W/"10"', accountid: ACCOUNT_ID}},
                {status: 200, body: {'@odata.etag': 'W/"11"', accountid: OTHER_ACCOUNT_ID}},
            ]),
        ]);

        await side.writeAsync(WRITES);

        const [create, update] = readBatchParts(scriptedFetch.requests[0]);
        expect(create?.url).toBe(`${API_PATH}accounts(${ACCOUNT_ID})?$select=accountid,modifiedon`);
        expect(update?.url).toBe(
            `${API_PATH}accounts(${OTHER_ACCOUNT_ID})?$select=accountid,modifiedon`,
        );
        expect(create?.headers['Prefer']).toContain('return=representation');
    });

    test('returns the stamped modifiedon', async () => {
        const {side} = setUp([
            batchReply([
                {
                    status: 201,
                    body: {
                        '@odata.etag': 'W/"10"',
                        accountid: ACCOUNT_ID,
                        modifiedon: '2025-06-03T16:20:11Z',
                    },
                },
                {
                    status: 200,
                    body: {
                        '@odata.etag': 'W/"11"',
                        accountid: OTHER_ACCOUNT_ID,
                        modifiedon: '2025-06-03T16:20:12Z',
                    },
                },
            ]),
        ]);

        const [created, updated] = await side.writeAsync(WRITES);

        expect(created).toEqual({
            status: 'ok',
            version: 'W/"10"',
            modifiedOn: '2025-06-03T16:20:11Z',
        });
        expect(updated).toEqual({
            status: 'ok',
            version: 'W/"11"',
            modifiedOn: '2025-06-03T16:20:12Z',
        });
    });

    test('leaves out a missing modifiedon', async () => {
        const {side} = setUp([batchReply([{status: 204, headers: {ETag: 'W/"12"'}}])]);

        const [updated] = await side.writeAsync(WRITES.slice(1));

        expect(updated).toStrictEqual({status: 'ok', version: 'W/"12"'});
    });
});
