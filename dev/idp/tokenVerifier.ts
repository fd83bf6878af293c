/**
 * Checks a bearer token the way Dataverse does, for the emulator: the signature against the
 * local provider's keys, the issuer, the audience (the environment URL), the expiry, and the
 * delegated `user_impersonation` scope.
 */
import {createLocalJWKSet, errors, JSONWebKeySet, jwtVerify} from 'jose';
import {get} from 'node:https';

export type TokenVerification =
    {readonly ok: true; readonly userId?: string} | {readonly ok: false; readonly reason: string};

export type VerifyToken = (token: string) => Promise<TokenVerification>;

export interface AccessTokenVerifierOptions {
    readonly jwksUrl: string;
    readonly issuer: string;
    /** The environment URL the token must be for, such as `http://127.0.0.1:8081`. */
    readonly audience: string;
    /** The provider's self-signed certificate, trusted only for the key download. */
    readonly caCertificatePem: string;
}

const REQUIRED_SCOPE = 'user_impersonation';
// Keys are downloaded again at most this often when a token names an unknown key id, so a
// stream of foreign tokens cannot make the verifier hammer the provider.
const KEY_RELOAD_INTERVAL_MS = 30_000;
const JWKS_DOWNLOAD_TIMEOUT_MS = 5_000;

/** Returns the emulator's `verifyToken` function. Keys are downloaded on first use. */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): VerifyToken {
    const keys = createKeyCache(options);

    return async token => {
        try {
            const {payload} = await verifyWithReloadAsync(token, options, keys);
            const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
            if (!scopes.includes(REQUIRED_SCOPE)) {
                return {ok: false, reason: `The access token lacks the ${REQUIRED_SCOPE} scope.`};
            }
            const userId = typeof payload.oid === 'string' ? payload.oid : undefined;
            return userId === undefined ? {ok: true} : {ok: true, userId};
        } catch (error) {
            return {ok: false, reason: describeFailure(error, options)};
        }
    };
}

interface KeyCache {
    getAsync(): Promise<ReturnType<typeof createLocalJWKSet>>;
    /** Starts a new download unless one happened within `KEY_RELOAD_INTERVAL_MS`. */
    reloadIfStale(): boolean;
}

function createKeyCache(options: AccessTokenVerifierOptions): KeyCache {
    let keySet: Promise<ReturnType<typeof createLocalJWKSet>> | null = null;
    let loadedAt = 0;

    const load = () => {
        loadedAt = Date.now();
        keySet = downloadJsonAsync(options.jwksUrl, options.caCertificatePem).then(body =>
            createLocalJWKSet(body as JSONWebKeySet),
        );
        // A failed download is retried on the next token instead of being cached.
        keySet.catch(() => {
            keySet = null;
        });
        return keySet;
    };

    return {
        getAsync: () => keySet ?? load(),
        reloadIfStale: () => {
            if (Date.now() - loadedAt < KEY_RELOAD_INTERVAL_MS) {
                return false;
            }
            void load();
            return true;
        },
    };
}

async function verifyWithReloadAsync(
    token: string,
    options: AccessTokenVerifierOptions,
    keys: KeyCache,
): ReturnType<typeof jwtVerify> {
    const claims = {issuer: options.issuer, audience: options.audience};
    try {
        return await jwtVerify(token, await keys.getAsync(), claims);
    } catch (error) {
        // The provider may have been restarted with new keys since the last download.
        if (error instanceof errors.JWKSNoMatchingKey && keys.reloadIfStale()) {
            return jwtVerify(token, await keys.getAsync(), claims);
        }
        throw error;
    }
}

function describeFailure(error: unknown, options: AccessTokenVerifierOptions): string {
    if (error instanceof errors.JWTExpired) {
        return 'The access token has expired. Sign in again to get a new one.';
    }
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
        return `The access token is not for ${options.audience}; sign in for this environment.`;
    }
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') {
        return `The access token was not issued by ${options.issuer}.`;
    }
    if (error instanceof errors.JWKSNoMatchingKey) {
        return `The access token is signed with a key that ${options.issuer} does not publish.`;
    }
    if (error instanceof errors.JWSSignatureVerificationFailed) {
        return 'The access token signature is invalid.';
    }
    if (error instanceof errors.JOSEError) {
        return `The access token is invalid (${error.code}).`;
    }
    return `Failed to check the access token: ${String(error)}.`;
}

function downloadJsonAsync(url: string, caCertificatePem: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
        const request = get(
            url,
            {ca: caCertificatePem, timeout: JWKS_DOWNLOAD_TIMEOUT_MS},
            response => {
                const chunks: Buffer[] = [];
                response.on('data', (chunk: Buffer) => chunks.push(chunk));
                response.on('end', () => {
                    if (response.statusCode !== 200) {
                        reject(new Error(`GET ${url} returned HTTP ${response.statusCode ?? 0}.`));
                        return;
                    }
                    try {
                        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
                    } catch (error) {
                        reject(new Error(`GET ${url} returned invalid JSON: ${String(error)}.`));
                    }
                });
            },
        );
        request.on('timeout', () => request.destroy(new Error(`GET ${url} timed out.`)));
        request.on('error', reject);
    });
}
