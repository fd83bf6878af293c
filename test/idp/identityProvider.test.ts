import {createHash, randomBytes} from 'node:crypto';
import {decodeJwt} from 'jose';
import {IdentityProvider, startIdentityProviderAsync} from '../../dev/idp/identityProvider';
import {createAccessTokenVerifier, VerifyToken} from '../../dev/idp/tokenVerifier';
import {HttpsResponse, sendHttpsRequestAsync} from './httpsRequest';

const ENVIRONMENT_URL = 'http://127.0.0.1:8081';
const SCOPE = `${ENVIRONMENT_URL}/user_impersonation openid profile offline_access`;
const CLIENT_ID = 'aaaaaaaa-0000-0000-0000-000000000001';
const REDIRECT_URI = 'http://127.0.0.1:5173/blank.html';

interface Metadata {
    readonly issuer: string;
    readonly authorization_endpoint: string;
    readonly token_endpoint: string;
    readonly jwks_uri: string;
}

interface TokenResponse {
    readonly access_token: string;
    readonly id_token: string;
    readonly refresh_token: string;
    readonly client_info: string;
    readonly scope: string;
}

function base64Url(bytes: Buffer): string {
    return bytes.toString('base64url');
}

function createPkcePair(): {verifier: string; challenge: string} {
    const verifier = base64Url(randomBytes(32));
    return {verifier, challenge: base64Url(createHash('sha256').update(verifier).digest())};
}

function getHeader(response: HttpsResponse, name: string): string {
    const value = response.headers[name];
    return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

async function getJsonAsync<T>(provider: IdentityProvider, url: string): Promise<T> {
    const response = await sendHttpsRequestAsync(url, {
        caCertificatePem: provider.caCertificatePem,
    });
    expect(response.status).toBe(200);
    return JSON.parse(response.body) as T;
}

function buildAuthorizeUrl(endpoint: string, challenge: string, state: string): string {
    const url = new URL(endpoint);
    url.search = new URLSearchParams({
        client_id: CLIENT_ID,
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        scope: SCOPE,
        state,
        nonce: 'nonce-1',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        response_mode: 'fragment',
    }).toString();
    return url.href;
}

/** Runs the authorize step and returns the code from the redirect's fragment. */
async function authorizeAsync(provider: IdentityProvider, challenge: string): Promise<string> {
    const metadata = await getMetadataAsync(provider);
    const response = await sendHttpsRequestAsync(
        buildAuthorizeUrl(metadata.authorization_endpoint, challenge, 'state-1'),
        {caCertificatePem: provider.caCertificatePem},
    );
    expect(response.status).toBe(302);
    const location = new URL(getHeader(response, 'location'));
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('state')).toBe('state-1');
    return fragment.get('code') ?? '';
}

async function redeemCodeAsync(
    provider: IdentityProvider,
    code: string,
    verifier: string,
): Promise<HttpsResponse> {
    const metadata = await getMetadataAsync(provider);
    return sendHttpsRequestAsync(metadata.token_endpoint, {
        caCertificatePem: provider.caCertificatePem,
        form: {
            grant_type: 'authorization_code',
            client_id: CLIENT_ID,
            redirect_uri: REDIRECT_URI,
            code,
            code_verifier: verifier,
            scope: SCOPE,
        },
    });
}

function getMetadataAsync(provider: IdentityProvider): Promise<Metadata> {
    return getJsonAsync<Metadata>(
        provider,
        `${provider.authority}/v2.0/.well-known/openid-configuration`,
    );
}

describe('local identity provider', () => {
    let provider: IdentityProvider;
    let verifyToken: VerifyToken;

    beforeAll(async () => {
        provider = await startIdentityProviderAsync({port: 0});
        verifyToken = createAccessTokenVerifier({
            jwksUrl: provider.jwksUrl,
            issuer: provider.issuer,
            audience: ENVIRONMENT_URL,
            caCertificatePem: provider.caCertificatePem,
        });
    });

    afterAll(async () => {
        await provider.closeAsync();
    });

    test('advertises tenant-scoped endpoints', async () => {
        const metadata = await getMetadataAsync(provider);

        expect(provider.authority).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]{36}$/);
        expect(metadata.issuer).toBe(provider.issuer);
        expect(metadata.authorization_endpoint).toBe(`${provider.authority}/oauth2/v2.0/authorize`);
        expect(metadata.token_endpoint).toBe(`${provider.authority}/oauth2/v2.0/token`);
        expect(metadata.jwks_uri).toBe(provider.jwksUrl);
    });

    test('issues a Dataverse token via PKCE', async () => {
        const pkce = createPkcePair();
        const code = await authorizeAsync(provider, pkce.challenge);

        const response = await redeemCodeAsync(provider, code, pkce.verifier);

        expect(response.status).toBe(200);
        const body = JSON.parse(response.body) as TokenResponse;
        const claims = decodeJwt(body.access_token);
        expect(claims.aud).toBe(ENVIRONMENT_URL);
        expect(claims.scp).toBe('user_impersonation');
        expect(claims.iss).toBe(provider.issuer);
        expect(claims.oid).toBe(provider.user.objectId);
        expect(claims.upn).toBe(provider.user.userPrincipalName);
        expect(claims.scope).toBeUndefined();
        expect(body.scope).toBe(`${ENVIRONMENT_URL}/user_impersonation`);
    });

    test('returns client_info and id token', async () => {
        const pkce = createPkcePair();
        const code = await authorizeAsync(provider, pkce.challenge);

        const response = await redeemCodeAsync(provider, code, pkce.verifier);

        const body = JSON.parse(response.body) as TokenResponse;
        const clientInfo: unknown = JSON.parse(
            Buffer.from(body.client_info, 'base64url').toString('utf8'),
        );
        expect(clientInfo).toEqual({uid: provider.user.objectId, utid: provider.tenantId});
        const idClaims = decodeJwt(body.id_token);
        expect(idClaims.aud).toBe(CLIENT_ID);
        expect(idClaims.nonce).toBe('nonce-1');
        expect(idClaims.preferred_username).toBe(provider.user.userPrincipalName);
        expect(idClaims.tid).toBe(provider.tenantId);
    });

    test('rejects a wrong PKCE verifier', async () => {
        const code = await authorizeAsync(provider, createPkcePair().challenge);

        const response = await redeemCodeAsync(provider, code, createPkcePair().verifier);

        expect(response.status).toBe(400);
    });

    test('refreshes for the resource', async () => {
        const metadata = await getMetadataAsync(provider);
        const response = await sendHttpsRequestAsync(metadata.token_endpoint, {
            caCertificatePem: provider.caCertificatePem,
            form: {
                grant_type: 'refresh_token',
                client_id: CLIENT_ID,
                refresh_token: 'any-refresh-token',
                scope: SCOPE,
            },
        });

        expect(response.status).toBe(200);
        const body = JSON.parse(response.body) as TokenResponse;
        expect(decodeJwt(body.access_token).aud).toBe(ENVIRONMENT_URL);
    });

    test('verifier accepts the flow token', async () => {
        const pkce = createPkcePair();
        const code = await authorizeAsync(provider, pkce.challenge);
        const response = await redeemCodeAsync(provider, code, pkce.verifier);
        const body = JSON.parse(response.body) as TokenResponse;

        const result = await verifyToken(body.access_token);

        expect(result).toEqual({ok: true, userId: provider.user.objectId});
    });

    test('verifier rejects another provider', async () => {
        const other = await startIdentityProviderAsync({port: 0});
        try {
            const token = await other.createAccessTokenAsync({audience: ENVIRONMENT_URL});

            const result = await verifyToken(token);

            expect(result.ok).toBe(false);
        } finally {
            await other.closeAsync();
        }
    });

    test('verifier rejects a wrong audience', async () => {
        const token = await provider.createAccessTokenAsync({audience: 'http://127.0.0.1:9999'});

        const result = await verifyToken(token);

        expect(result).toEqual({ok: false, reason: expect.stringContaining('is not for')});
    });

    test('verifier rejects an expired token', async () => {
        const token = await provider.createAccessTokenAsync({
            audience: ENVIRONMENT_URL,
            expiresInSeconds: -60,
        });

        const result = await verifyToken(token);

        expect(result).toEqual({ok: false, reason: expect.stringContaining('expired')});
    });

    test('verifier rejects a missing scope', async () => {
        const token = await provider.createAccessTokenAsync({
            audience: ENVIRONMENT_URL,
            scope: 'Files.Read',
        });

        const result = await verifyToken(token);

        expect(result).toEqual({ok: false, reason: expect.stringContaining('user_impersonation')});
    });

    test('verifier rejects a tampered token', async () => {
        const token = await provider.createAccessTokenAsync({audience: ENVIRONMENT_URL});
        const [header, , signature] = token.split('.');
        const payload = Buffer.from(
            JSON.stringify({...decodeJwt(token), oid: 'someone-else'}),
        ).toString('base64url');

        const result = await verifyToken(`${header}.${payload}.${signature}`);

        expect(result).toEqual({ok: false, reason: expect.stringContaining('signature')});
    });
});

describe('local identity provider login page', () => {
    let provider: IdentityProvider;

    beforeAll(async () => {
        provider = await startIdentityProviderAsync({port: 0, showLoginPage: true});
    });

    afterAll(async () => {
        await provider.closeAsync();
    });

    async function openLoginPageAsync(extraQuery: string): Promise<HttpsResponse> {
        const metadata = await getMetadataAsync(provider);
        const url = buildAuthorizeUrl(metadata.authorization_endpoint, 'challenge', 'state-2');
        return sendHttpsRequestAsync(url + extraQuery, {
            caCertificatePem: provider.caCertificatePem,
        });
    }

    test('serves the page with COOP', async () => {
        const response = await openLoginPageAsync('');

        expect(response.status).toBe(200);
        expect(response.body).toContain('id="continue"');
        expect(getHeader(response, 'cross-origin-opener-policy')).toBe('same-origin');
    });

    test('omits COOP when pocd=1', async () => {
        const response = await openLoginPageAsync('&pocd=1');

        expect(getHeader(response, 'cross-origin-opener-policy')).toBe('');
    });

    test('continue link returns a code', async () => {
        const page = await openLoginPageAsync('');
        const href = /id="continue" href="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
        const origin = new URL(provider.authority).origin;

        const response = await sendHttpsRequestAsync(`${origin}${href ?? ''}`, {
            caCertificatePem: provider.caCertificatePem,
        });

        expect(response.status).toBe(302);
        const fragment = new URLSearchParams(
            new URL(getHeader(response, 'location')).hash.slice(1),
        );
        expect(fragment.get('code')).not.toBeNull();
    });

    test('cancel link returns access_denied', async () => {
        const page = await openLoginPageAsync('');
        const href = /id="cancel" href="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');

        const fragment = new URLSearchParams(new URL(href ?? 'http://invalid').hash.slice(1));

        expect(href?.startsWith(REDIRECT_URI)).toBe(true);
        expect(fragment.get('error')).toBe('access_denied');
        expect(fragment.get('state')).toBe('state-2');
    });
});
