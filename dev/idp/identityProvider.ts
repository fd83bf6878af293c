/**
 * A local OpenID Connect provider that looks like Microsoft Entra ID to msal-browser. It serves
 * https on 127.0.0.1 with tenant-scoped endpoints and runs the authorization code flow with PKCE.
 * Codes come back in the URL fragment, token responses carry `client_info`, and an access
 * token's `aud` is the Dataverse environment named in the requested scope.
 *
 * NOTE: it is built on oauth2-mock-server, which signs in one fixed test user and does not check
 * client ids or redirect URIs against a registration, so AADSTS50011 cannot be reproduced.
 */
import {OAuth2Server} from 'oauth2-mock-server';
import {generateKeyPairSync, randomUUID} from 'node:crypto';
import type {IncomingMessage} from 'node:http';
import {createSelfSignedCertificateAsync} from './certificate';
import {writeLoginPage} from './loginPage';

const LOOPBACK_HOST = '127.0.0.1';
const DEFAULT_TENANT_ID = '11111111-1111-1111-1111-111111111111';
// Entra's access token lifetime is 60-90 minutes; one hour keeps tests simple.
const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

/** The one user this provider signs in. */
export interface TestUser {
    /** The user's object id, which Dataverse would map to a systemuser. */
    readonly objectId: string;
    readonly name: string;
    readonly userPrincipalName: string;
}

export const DEFAULT_TEST_USER: TestUser = {
    objectId: '22222222-2222-2222-2222-222222222222',
    name: 'Avery Tester',
    userPrincipalName: 'avery@contoso.example',
};

export interface IdentityProviderOptions {
    /** The port to listen on; 0 picks a free one. */
    readonly port: number;
    readonly tenantId?: string;
    readonly user?: TestUser;
    /** Serves a page with "Continue" and "Cancel" before redirecting back. */
    readonly showLoginPage?: boolean;
}

export interface IdentityProvider {
    /** The authority msal-browser uses: `https://127.0.0.1:<port>/<tenant>`. */
    readonly authority: string;
    /** The `iss` of every token: `<authority>/v2.0`. */
    readonly issuer: string;
    readonly jwksUrl: string;
    /** The self-signed certificate's file, valid while the provider runs. */
    readonly certificatePath: string;
    /** The certificate that clients must trust to reach the provider over https. */
    readonly caCertificatePem: string;
    readonly tenantId: string;
    readonly user: TestUser;
    /**
     * Signs an access token directly, without a browser flow, for tests of token checks.
     * A negative `expiresInSeconds` gives an expired token.
     */
    createAccessTokenAsync(options: {
        readonly audience: string;
        readonly scope?: string;
        readonly expiresInSeconds?: number;
    }): Promise<string>;
    closeAsync(): Promise<void>;
}

/** Starts the provider on 127.0.0.1. */
export async function startIdentityProviderAsync(
    options: IdentityProviderOptions,
): Promise<IdentityProvider> {
    const tenantId = options.tenantId ?? DEFAULT_TENANT_ID;
    const user = options.user ?? DEFAULT_TEST_USER;
    const endpoints = getEndpointPaths(tenantId, options.showLoginPage === true);
    const certificate = await createSelfSignedCertificateAsync();

    const server = new OAuth2Server(certificate.keyPath, certificate.certificatePath, {endpoints});
    await server.issuer.keys.add(createSigningKey());
    await server.start(options.port, LOOPBACK_HOST);

    // The mock names itself after localhost; msal-browser needs the issuer on the authority's host.
    const origin = `https://${LOOPBACK_HOST}:${server.address().port}`;
    const authority = `${origin}/${tenantId}`;
    const issuer = `${authority}/v2.0`;
    server.issuer.url = issuer;

    const claims = {tenantId, user};
    addEntraMetadata(server, origin, issuer, endpoints);
    addEntraTokenClaims(server, claims);
    addFragmentResponseMode(server);
    if (options.showLoginPage === true) {
        server.service.addRoute('GET', endpoints.loginPage, (request, response) =>
            writeLoginPage(request, response, endpoints.authorize),
        );
    }

    return {
        authority,
        issuer,
        jwksUrl: origin + endpoints.jwks,
        certificatePath: certificate.certificatePath,
        caCertificatePem: certificate.certificatePem,
        tenantId,
        user,
        createAccessTokenAsync: tokenOptions =>
            server.issuer.buildToken({
                expiresIn: tokenOptions.expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
                scopesOrTransform: (_header, payload) => {
                    Object.assign(payload, {
                        ...userClaims(claims),
                        aud: tokenOptions.audience,
                        scp: tokenOptions.scope ?? 'user_impersonation',
                    });
                },
            }),
        closeAsync: async () => {
            await server.stop();
            await certificate.removeAsync();
        },
    };
}

// The mock's own `keys.generate()` fails under Jest: its plain-object check compares prototypes,
// and a key exported by Node's crypto comes from outside Jest's module sandbox. `keys.add()`
// copies the key into a fresh object first.
function createSigningKey(): Record<string, unknown> {
    const {privateKey} = generateKeyPairSync('rsa', {modulusLength: 2048});
    return {...privateKey.export({format: 'jwk'}), alg: 'RS256', use: 'sig', kid: randomUUID()};
}

interface EndpointPaths {
    readonly wellKnownDocument: string;
    readonly authorize: string;
    readonly loginPage: string;
    readonly token: string;
    readonly jwks: string;
    readonly endSession: string;
    readonly userinfo: string;
    readonly revoke: string;
    readonly introspect: string;
}

// Entra's layout under login.microsoftonline.com/<tenant>. With the login page, the page takes
// the advertised authorize path and the mock's own handler moves behind it.
function getEndpointPaths(tenantId: string, showLoginPage: boolean): EndpointPaths {
    const tenantPath = (path: string) => `/${tenantId}${path}`;
    const advertisedAuthorize = tenantPath('/oauth2/v2.0/authorize');
    return {
        wellKnownDocument: tenantPath('/v2.0/.well-known/openid-configuration'),
        authorize: showLoginPage ? `${advertisedAuthorize}/approve` : advertisedAuthorize,
        loginPage: advertisedAuthorize,
        token: tenantPath('/oauth2/v2.0/token'),
        jwks: tenantPath('/discovery/v2.0/keys'),
        endSession: tenantPath('/oauth2/v2.0/logout'),
        userinfo: tenantPath('/openid/userinfo'),
        revoke: tenantPath('/oauth2/v2.0/revoke'),
        introspect: tenantPath('/oauth2/v2.0/introspect'),
    };
}

// The mock builds endpoint URLs by appending paths to the issuer, which would repeat the tenant.
function addEntraMetadata(
    server: OAuth2Server,
    origin: string,
    issuer: string,
    endpoints: EndpointPaths,
): void {
    server.service.on('beforeWellKnownOpenIdConfiguration', (response: {body: unknown}) => {
        Object.assign(response.body as Record<string, unknown>, {
            issuer,
            authorization_endpoint: origin + endpoints.loginPage,
            token_endpoint: origin + endpoints.token,
            jwks_uri: origin + endpoints.jwks,
            end_session_endpoint: origin + endpoints.endSession,
            userinfo_endpoint: origin + endpoints.userinfo,
            response_modes_supported: ['query', 'fragment'],
        });
    });
}

interface ClaimSource {
    readonly tenantId: string;
    readonly user: TestUser;
}

function userClaims(source: ClaimSource): Record<string, string> {
    return {
        oid: source.user.objectId,
        sub: source.user.objectId,
        tid: source.tenantId,
        name: source.user.name,
    };
}

// Access tokens carry the mock's `scope` claim; id tokens do not.
function addEntraTokenClaims(server: OAuth2Server, source: ClaimSource): void {
    server.service.on(
        'beforeTokenSigning',
        (token: {payload: Record<string, unknown>}, request: TokenRequest) => {
            const payload = token.payload;
            if (!('scope' in payload)) {
                Object.assign(payload, userClaims(source), {
                    preferred_username: source.user.userPrincipalName,
                });
                return;
            }

            const resource = getResourceIfExists(request.body.scope);
            delete payload.scope;
            Object.assign(payload, userClaims(source), {
                aud: resource?.audience ?? String(request.body.client_id ?? ''),
                scp: resource?.scopeNames.join(' ') ?? '',
                upn: source.user.userPrincipalName,
                appid: String(request.body.client_id ?? ''),
                ver: '2.0',
            });
        },
    );

    server.service.on(
        'beforeResponse',
        (response: {statusCode: number; body: unknown}, request: TokenRequest) => {
            if (response.statusCode !== 200 || typeof response.body !== 'object') {
                return;
            }
            const resource = getResourceIfExists(request.body.scope);
            const clientInfo = {uid: source.user.objectId, utid: source.tenantId};
            Object.assign(response.body as Record<string, unknown>, {
                scope: resource?.fullScopes.join(' ') ?? request.body.scope ?? '',
                client_info: Buffer.from(JSON.stringify(clientInfo)).toString('base64url'),
            });
        },
    );
}

interface TokenRequest extends IncomingMessage {
    readonly body: {readonly scope?: string; readonly client_id?: unknown};
}

interface Resource {
    /** The resource's origin, such as `http://127.0.0.1:8081`. */
    readonly audience: string;
    /** `user_impersonation` for `http://127.0.0.1:8081/user_impersonation`. */
    readonly scopeNames: string[];
    readonly fullScopes: string[];
}

// Entra issues an access token for one resource, named by the URL prefix of its scopes.
function getResourceIfExists(scopeText: string | undefined): Resource | null {
    const fullScopes = (scopeText ?? '').split(' ').filter(scope => /^https?:\/\//.test(scope));
    const first = fullScopes[0];
    if (first === undefined) {
        return null;
    }
    const audience = new URL(first).origin;
    const ofResource = fullScopes.filter(scope => new URL(scope).origin === audience);
    return {
        audience,
        scopeNames: ofResource.map(scope => toScopeName(new URL(scope).pathname)),
        fullScopes: ofResource,
    };
}

// `.default` stands for the permissions the app registration lists, which for Dynamics CRM is
// user_impersonation.
function toScopeName(path: string): string {
    const name = path.replace(/^\//, '');
    return name === '.default' ? 'user_impersonation' : name;
}

// msal-browser requests `response_mode=fragment`, but the mock always puts the code in the query.
function addFragmentResponseMode(server: OAuth2Server): void {
    server.service.on(
        'beforeAuthorizeRedirect',
        (redirect: {url: URL}, request: IncomingMessage) => {
            const query = new URL(request.url ?? '/', 'https://127.0.0.1').searchParams;
            if (query.get('response_mode') !== 'fragment') {
                return;
            }
            redirect.url.hash = redirect.url.searchParams.toString();
            redirect.url.search = '';
        },
    );
}
