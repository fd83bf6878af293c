/**
 * A token that expires in the middle of a paged read. The emulator checks every page's token
 * with the real verifier and returns 401 for the expired one. The client's single forced refresh
 * then gets a new token and finishes the read.
 */
import {startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {startIdentityProviderAsync, type IdentityProvider} from '../../dev/idp/identityProvider';
import {createAccessTokenVerifier, type VerifyToken} from '../../dev/idp/tokenVerifier';
import {DataverseClient} from '../../frontend/dataverse/dataverseClient';
import type {TokenProvider} from '../../frontend/dataverse/tokenProvider';
import {entitySetName, logicalName} from '../../frontend/sync/ids';
import type {EntityRef} from '../../frontend/sync/mapping';

const ACCOUNT: EntityRef = {
    logicalName: logicalName('account'),
    entitySetName: entitySetName('accounts'),
    primaryIdAttribute: logicalName('accountid'),
    primaryNameAttribute: logicalName('name'),
    displayName: 'Account',
};
const PAGE_SIZE = 5;
const SEED_COUNT = 12;
// The emulator's ten sample accounts come on top of the generated ones.
const ACCOUNT_COUNT = SEED_COUNT + 10;

let provider: IdentityProvider;
let emulator: RunningEmulator;

beforeAll(async () => {
    provider = await startIdentityProviderAsync({port: 0});
    let verifyToken: VerifyToken | null = null;
    emulator = await startEmulatorAsync({
        port: 0,
        seedCount: SEED_COUNT,
        verifyToken: async token =>
            verifyToken === null ? {ok: false, reason: 'Not ready.'} : verifyToken(token),
    });
    verifyToken = createAccessTokenVerifier({
        jwksUrl: provider.jwksUrl,
        issuer: provider.issuer,
        audience: emulator.url,
        caCertificatePem: provider.caCertificatePem,
    });
});

afterAll(async () => {
    await emulator.closeAsync();
    await provider.closeAsync();
});

interface TokenRequest {
    readonly forceRefresh: boolean;
    readonly kind: 'valid' | 'expired';
}

/**
 * Returns a provider that acts like msal-browser's cache. It keeps returning its cached token,
 * which expires for the server from the second page on, until the client forces a refresh, which
 * caches a new token.
 */
function createExpiringTokenProvider(requests: TokenRequest[]): TokenProvider {
    let cached: 'valid' | 'expired' = 'valid';
    return {
        getTokenAsync: async ({forceRefresh}) => {
            if (forceRefresh) {
                cached = 'valid';
            }
            const kind = cached;
            requests.push({forceRefresh, kind});
            if (!forceRefresh && requests.length === 1) {
                cached = 'expired';
            }
            return provider.createAccessTokenAsync({
                audience: emulator.url,
                expiresInSeconds: kind === 'valid' ? 3600 : -60,
            });
        },
    };
}

describe('Expired token mid-read', () => {
    test('finishes after one refresh', async () => {
        const requests: TokenRequest[] = [];
        const client = new DataverseClient({
            environmentUrl: emulator.url,
            tokenProvider: createExpiringTokenProvider(requests),
        });
        const logStart = emulator.requestLog.length;

        const rows = await client.retrieveAllAsync(
            ACCOUNT,
            {select: ['name']},
            {maxPageSize: PAGE_SIZE},
        );

        const statuses = emulator.requestLog.slice(logStart).map(({status}) => status);
        const pageCount = Math.ceil(ACCOUNT_COUNT / PAGE_SIZE);
        expect(rows).toHaveLength(ACCOUNT_COUNT);
        expect(new Set(rows.map(row => row.accountid)).size).toBe(ACCOUNT_COUNT);
        expect(statuses).toEqual([200, 401, ...Array<number>(pageCount - 1).fill(200)]);
        expect(requests.slice(0, 3)).toEqual([
            {forceRefresh: false, kind: 'valid'},
            {forceRefresh: false, kind: 'expired'},
            {forceRefresh: true, kind: 'valid'},
        ]);
        expect(requests.filter(({forceRefresh}) => forceRefresh)).toHaveLength(1);
    });

    test('rejects the expired token', async () => {
        const expired = await provider.createAccessTokenAsync({
            audience: emulator.url,
            expiresInSeconds: -60,
        });

        const response = await fetch(`${emulator.url}/api/data/v9.2/WhoAmI`, {
            headers: {Authorization: `Bearer ${expired}`},
        });

        expect(response.status).toBe(401);
    });
});
