/**
 * What the UI needs from the place it runs in. Airtable, the local sandbox and the UI tests each
 * pass their own, so the same components run everywhere without reaching for globals.
 */
import type {CheckResult} from '../airtable/checkResult';
import type {SignInSession} from '../auth/signInSession';
import type {FetchFunction} from '../dataverse/http';
import type {ConnectionSettings, ConnectionValidationOptions} from '../settings/connection';
import type {Clock, Logger} from '../sync';

export interface ExtensionEnvironment {
    readonly fetch: FetchFunction;
    readonly clock: Clock;
    /**
     * Creates the user's sign-in for valid connection settings. The UI calls it again whenever
     * the settings change, and enables "Sign in" once it resolves, so that the click can open
     * the popup without waiting.
     */
    createSignInSessionAsync(settings: ConnectionSettings): Promise<SignInSession>;
    /** The redirect URI to register for sign-in, shown in the settings panel. */
    readonly redirectUri: string;
    readonly logger?: Logger;
    /**
     * Whether `127.0.0.1` addresses (the local Dataverse emulator and the local sign-in provider)
     * are accepted. Defaults to rejecting them; only the sandbox and tests allow them.
     */
    readonly connectionValidation?: ConnectionValidationOptions;
    /**
     * Whether the host can open a row in Airtable's expanded record view. Defaults to yes. The
     * sandbox's simulated base has no such view, so a click on a row shows the reason.
     */
    readonly canOpenRecords?: CheckResult;
    /**
     * Whether the host can add fields to a table. Defaults to yes. The sandbox's simulated base
     * cannot, so "Create missing fields" is disabled there with the reason.
     */
    readonly canCreateFields?: CheckResult;
}
