/**
 * Renders the real App in a TestDriver base. Test files import `@airtable/blocks-testing` before
 * this module, because the SDK must find the simulated Airtable when it loads.
 */
import TestDriver from '@airtable/blocks-testing';
import {render, type RenderResult} from '@testing-library/react';
import {createStaticTokenProvider} from '../../frontend/dataverse/tokenProvider';
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

/** An environment that sends requests with `fetch` and the static bearer token. */
export function createTestEnvironment(
    fetch: ExtensionEnvironment['fetch'],
    token: string,
): ExtensionEnvironment {
    return {
        fetch,
        clock: {
            nowMs: () => Date.now(),
            sleepAsync: ms => new Promise(resolve => setTimeout(resolve, ms)),
        },
        createTokenProvider: () => createStaticTokenProvider(token),
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
