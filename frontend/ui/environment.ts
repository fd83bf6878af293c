/**
 * What the UI needs from the place it runs in. Airtable, the local sandbox and the UI tests each
 * pass their own, so the same components run everywhere without reaching for globals.
 */
import type {FetchFunction} from '../dataverse/http';
import type {TokenProvider} from '../dataverse/tokenProvider';
import type {ConnectionValidationOptions} from '../settings/connection';
import type {Clock, Logger} from '../sync';

export interface ExtensionEnvironment {
    readonly fetch: FetchFunction;
    readonly clock: Clock;
    /** Returns the provider of access tokens for one Dataverse environment. */
    createTokenProvider(environmentUrl: string): TokenProvider;
    readonly logger?: Logger;
    /**
     * Whether a `127.0.0.1` environment address (the local Dataverse emulator) is accepted.
     * Defaults to rejecting it; only the sandbox and tests allow it.
     */
    readonly connectionValidation?: ConnectionValidationOptions;
}
