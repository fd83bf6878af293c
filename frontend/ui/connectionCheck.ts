/**
 * "Test connection": requests the signed-in user's ids from Dynamics (`WhoAmI`), then reads the
 * user's full name and the organization's name. Any failure becomes one reason a person can act
 * on: a wrong address, missing consent, a missing licence or role, CORS or the network.
 */
import {getAuthErrorForDataverseForbiddenIfExists, isAuthError} from '../auth/authErrors';
import {DataverseClient} from '../dataverse/dataverseClient';
import {isDataverseError, type DataverseError} from '../dataverse/errors';
import type {FetchFunction} from '../dataverse/http';
import {getStringIfExists} from '../dataverse/json';
import {DEFAULT_RETRY_POLICY, type RetryPolicy} from '../dataverse/retryPolicy';
import type {TokenProvider} from '../dataverse/tokenProvider';
import {entitySetName, logicalName} from '../sync/ids';
import type {EntityRef} from '../sync/mapping';
import type {Clock} from '../sync';
import {describeError} from './describeError';

export type ConnectionCheckResult =
    | {readonly ok: true; readonly organizationName: string; readonly userName: string}
    | {
          readonly ok: false;
          readonly reason: string;
          /** The underlying error code or Dynamics' own message, for a "details" line. */
          readonly detail: string | null;
      };

export interface ConnectionCheckOptions {
    readonly environmentUrl: string;
    readonly tokenProvider: TokenProvider;
    readonly fetch: FetchFunction;
    readonly clock: Clock;
}

// A person is waiting for the result, so a failing request is sent at most twice instead of the
// sync's six times over up to two minutes.
const CONNECTION_CHECK_RETRY_POLICY: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    maxAttempts: 2,
    maxTotalWaitMs: 5_000,
};

const SYSTEM_USER: EntityRef = {
    logicalName: logicalName('systemuser'),
    entitySetName: entitySetName('systemusers'),
    primaryIdAttribute: logicalName('systemuserid'),
    primaryNameAttribute: logicalName('fullname'),
    displayName: 'User',
};

const ORGANIZATION: EntityRef = {
    logicalName: logicalName('organization'),
    entitySetName: entitySetName('organizations'),
    primaryIdAttribute: logicalName('organizationid'),
    primaryNameAttribute: logicalName('name'),
    displayName: 'Organization',
};

/** Runs the three reads and returns the names, or the reason the first failing one failed. */
export async function checkConnectionAsync(
    options: ConnectionCheckOptions,
): Promise<ConnectionCheckResult> {
    const client = new DataverseClient({
        environmentUrl: options.environmentUrl,
        tokenProvider: options.tokenProvider,
        fetch: options.fetch,
        clock: options.clock,
        retryPolicy: CONNECTION_CHECK_RETRY_POLICY,
    });

    try {
        const whoAmI = await client.whoAmIAsync();
        const user = await client.retrieveAsync(SYSTEM_USER, whoAmI.userId, {
            select: ['fullname'],
        });
        const organizations = await client.retrieveMultipleAsync(ORGANIZATION, {select: ['name']});

        const organization = organizations.rows[0];
        return {
            ok: true,
            userName: getStringIfExists(user, 'fullname') ?? `user ${whoAmI.userId}`,
            organizationName:
                (organization && getStringIfExists(organization, 'name')) ?? options.environmentUrl,
        };
    } catch (error) {
        return describeConnectionFailure(error, options.environmentUrl);
    }
}

/** Returns the reason for a failed check, naming the address where that helps. */
export function describeConnectionFailure(
    error: unknown,
    environmentUrl: string,
): ConnectionCheckResult {
    if (isAuthError(error)) {
        return {ok: false, reason: error.message, detail: error.detail};
    }
    if (!isDataverseError(error)) {
        return {
            ok: false,
            reason: `The connection test failed unexpectedly: ${describeError(error)}`,
            detail: null,
        };
    }
    return {
        ok: false,
        reason: describeDataverseFailure(error, environmentUrl),
        detail: formatDataverseDetail(error),
    };
}

function describeDataverseFailure(error: DataverseError, environmentUrl: string): string {
    switch (error.code) {
        case 'notFound':
            return (
                `${environmentUrl} answered, but has no Dynamics 365 Web API at ` +
                `/api/data/v9.2/. Check the environment URL: copy it from Power Apps > Settings ` +
                `> Developer resources.`
            );
        case 'network':
            return (
                `Couldn't reach ${environmentUrl}. Check your internet connection and that the ` +
                `environment URL is right: copy it from Power Apps > Settings > Developer ` +
                `resources.`
            );
        case 'cors':
            // Browsers report an unknown host (DNS) and a CORS rejection the same way.
            return (
                `The browser got no readable response from ${environmentUrl}: either no server ` +
                `has that address, or the browser blocked the request (CORS). Check the ` +
                `environment URL: copy it from Power Apps > Settings > Developer resources.`
            );
        case 'forbidden':
            return (
                getAuthErrorForDataverseForbiddenIfExists(error.dataverseCode ?? '')?.message ??
                error.message
            );
        case 'unauthorized':
            return (
                `${environmentUrl} rejected your sign-in token, also after a refresh. The ` +
                `account you signed in with may belong to another directory than the ` +
                `environment. Sign out, then sign in with an account of the environment's ` +
                `directory.`
            );
        default:
            return error.message;
    }
}

function formatDataverseDetail(error: DataverseError): string | null {
    const parts = [
        error.httpStatus === null ? null : `HTTP ${error.httpStatus}`,
        error.dataverseCode,
        error.rawMessage,
    ].filter((part): part is string => part !== null && part !== '');
    return parts.length === 0 ? null : parts.join(' ');
}
