/**
 * Renders the real App in a TestDriver base. Test files import `@airtable/blocks-testing` before
 * this module, because the SDK must find the simulated Airtable when it loads.
 */
import TestDriver from '@airtable/blocks-testing';
import {
    act,
    fireEvent,
    render,
    screen,
    waitFor,
    waitForElementToBeRemoved,
    type RenderResult,
} from '@testing-library/react';
import type {AuthClient} from '../../frontend/auth/authClient';
import {MsalTokenProvider} from '../../frontend/auth/msalTokenProvider';
import type {SignInSession} from '../../frontend/auth/signInSession';
import {createStaticSignInSession} from '../../frontend/auth/staticSignInSession';
import {ConfigKeys} from '../../frontend/settings/configKeys';
import {getDataverseScope, type ConnectionSettings} from '../../frontend/settings/connection';
import {App} from '../../frontend/ui/App';
import type {ExtensionEnvironment} from '../../frontend/ui/environment';
import type {Fixture} from '../fixtures/accountsBase';

export interface RenderedApp extends RenderResult {
    readonly driver: TestDriver;
}

/** An environment whose `fetch` fails, for tests that must not reach any server. */
export function createOfflineEnvironment(): ExtensionEnvironment {
    const fetch: ExtensionEnvironment['fetch'] = async url => {
        throw new TypeError(`This test has no network; it requested ${url}.`);
    };
    return createTestEnvironment(fetch, 'no-token');
}

/** The redirect URI the test environments report; jsdom's page has no real origin. */
export const TEST_REDIRECT_URI = 'http://localhost/';

/** Returns an environment that sends requests with `fetch` and a session signed in with `token`. */
export function createTestEnvironment(
    fetch: ExtensionEnvironment['fetch'],
    token: string,
): ExtensionEnvironment {
    return createSessionEnvironment(fetch, async () =>
        createStaticSignInSession(token, 'Test User'),
    );
}

/** Returns an environment whose sign-in sessions come from `createSessionAsync`. */
export function createSessionEnvironment(
    fetch: ExtensionEnvironment['fetch'],
    createSessionAsync: (settings: ConnectionSettings) => Promise<SignInSession>,
): ExtensionEnvironment {
    return {
        fetch,
        clock: {
            nowMs: () => Date.now(),
            sleepAsync: ms => new Promise(resolve => setTimeout(resolve, ms)),
        },
        createSignInSessionAsync: createSessionAsync,
        redirectUri: TEST_REDIRECT_URI,
        connectionValidation: {allowLoopbackHosts: true},
    };
}

export interface RenderOptions {
    /**
     * Denies every write, as for a read-only collaborator. Set before the first render, because
     * the TestDriver does not re-render components when its permission check changes.
     */
    readonly isReadOnly?: boolean;
}

export function renderApp(
    fixture: Fixture,
    environment: ExtensionEnvironment,
    options: RenderOptions = {},
): RenderedApp {
    const driver = new TestDriver(fixture);
    if (options.isReadOnly === true) {
        driver.simulatePermissionCheck(() => false);
    }
    const result = render(
        <driver.Container>
            <App environment={environment} />
        </driver.Container>,
    );
    return {...result, driver};
}

/** A directory id and an application id that pass validation; no provider checks them here. */
export const TEST_TENANT_ID = '11111111-1111-1111-1111-111111111111';
export const TEST_CLIENT_ID = 'aaaaaaaa-0000-0000-0000-000000000001';

/** globalConfig with valid connection settings for the environment at `environmentUrl`. */
export function createConnectedConfig(environmentUrl: string): Record<string, string> {
    return {
        [ConfigKeys.environmentUrl]: environmentUrl,
        [ConfigKeys.tenantId]: TEST_TENANT_ID,
        [ConfigKeys.clientId]: TEST_CLIENT_ID,
    };
}

/**
 * Clicks Airtable's settings button. The TestDriver offers no method for it, so this calls the
 * SDK's own click handler on the driver's SDK instance.
 */
export function clickSettingsButton(driver: TestDriver): void {
    const sdk = (driver as unknown as {_sdk: {settingsButton: {__onClick(): void}}})._sdk;
    act(() => sdk.settingsButton.__onClick());
}

/**
 * Waits until the button is enabled and returns it. "Sync now" and "Test connection" stay
 * disabled until the sign-in session has been created, which happens after the first render.
 */
export async function findEnabledButtonAsync(name: string): Promise<HTMLButtonElement> {
    return waitFor(() => {
        const button = screen.getByRole('button', {name});
        if (!(button instanceof HTMLButtonElement) || button.disabled) {
            throw new Error(`The button "${name}" is not an enabled button yet.`);
        }
        return button;
    });
}

/**
 * Waits until the connected view has created its sign-in session. The view creates it after the
 * first render, and a test that ends before the session's promise settles leaves that state
 * update outside `act`, which React reports as an error.
 */
export async function waitForSignInPreparedAsync(): Promise<void> {
    await waitForElementToBeRemoved(() => screen.queryByText('Preparing Microsoft sign-in…'));
}

/** Returns an environment whose sessions run the real token provider over a fake client. */
export function createFakeMsalEnvironment(
    fetch: ExtensionEnvironment['fetch'],
    client: AuthClient,
): ExtensionEnvironment {
    return createSessionEnvironment(fetch, settings =>
        MsalTokenProvider.createAsync({client, scopes: [getDataverseScope(settings)]}),
    );
}

/** The heading of the dialog that previews a sync before it writes. */
export const RUN_PREVIEW_HEADING = 'Review the sync before it writes';

/** Waits for the run preview and clicks Apply in it. */
export async function approveRunPreviewAsync(timeoutMs: number): Promise<void> {
    await screen.findByText(RUN_PREVIEW_HEADING, {}, {timeout: timeoutMs});
    fireEvent.click(screen.getByRole('button', {name: 'Apply'}));
}

/**
 * Waits for the running sync to finish, approving its preview if it shows one: a run that writes
 * nothing, or needs no approval, shows none.
 */
export async function finishSyncAsync(timeoutMs: number): Promise<void> {
    await waitFor(
        () => {
            if (
                screen.queryByText(RUN_PREVIEW_HEADING) === null &&
                screen.queryByText('Sync finished') === null
            ) {
                throw new Error('The sync has neither finished nor shown its preview yet.');
            }
        },
        {timeout: timeoutMs},
    );
    if (screen.queryByText(RUN_PREVIEW_HEADING) !== null) {
        fireEvent.click(screen.getByRole('button', {name: 'Apply'}));
        await screen.findByText('Sync finished', {}, {timeout: timeoutMs});
    }
}
