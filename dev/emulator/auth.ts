/**
 * Bearer-token checks. Like Dataverse, a request without an acceptable token gets `401` with an
 * empty body and a `WWW-Authenticate` challenge naming the tenant's authorize endpoint.
 */
import type {ApiResponse} from './context';
import {EMULATOR_IDENTITY} from './identity';

export type TokenVerdict = {ok: true; userId?: string} | {ok: false; reason: string};
export type TokenVerifier = (token: string) => Promise<TokenVerdict>;

/** Reads the token of an `Authorization: Bearer <token>` header and passes it to the verifier. */
export async function checkAuthorizationAsync(
    header: string | undefined,
    verifyToken: TokenVerifier,
): Promise<TokenVerdict> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    const token = match?.[1];
    if (token === undefined) {
        return {ok: false, reason: 'The request has no bearer token in its Authorization header.'};
    }
    return verifyToken(token);
}

export function unauthorizedResponse(environmentUrl: string): ApiResponse {
    const authorizationUri = `https://login.microsoftonline.com/${EMULATOR_IDENTITY.tenantId}/oauth2/authorize`;
    return {
        status: 401,
        headers: {
            'WWW-Authenticate': `Bearer authorization_uri=${authorizationUri}, resource_id=${environmentUrl}/`,
        },
        body: '',
    };
}
