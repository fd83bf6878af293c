/**
 * The sandbox page: the real extension UI on Airtable's TestDriver, syncing with the local
 * Dataverse emulator. `@airtable/blocks-testing` must stay the first import, because it installs
 * the simulated Airtable that `@airtable/blocks` looks for when it loads, and esbuild keeps the
 * order of imports.
 */
import TestDriver from '@airtable/blocks-testing';
import {render} from 'react-dom';
import {SYSTEM_CLOCK} from '../../frontend/dataverse/systemClock';
import {createStaticSignInSession} from '../../frontend/auth/staticSignInSession';
import {getRedirectUri} from '../../frontend/settings/connection';
import {App} from '../../frontend/ui/App';
import type {ExtensionEnvironment} from '../../frontend/ui/environment';
import {consoleLogger} from './consoleLogger';
import {createSandboxFixture} from './fixture';
import {RecordsPreview} from './RecordsPreview';

/** The emulator's origin, fixed into the bundle by `buildSandboxAsync`. */
declare const SANDBOX_EMULATOR_URL: string;
/** The bearer token the emulator accepts, fixed into the bundle by `buildSandboxAsync`. */
declare const SANDBOX_DEV_TOKEN: string;

declare global {
    interface Window {
        /** The simulated base's driver, for browser tests that inspect or change the base. */
        sandboxDriver?: TestDriver;
    }
}

const environment: ExtensionEnvironment = {
    fetch: (url, init) => window.fetch(url, init),
    clock: SYSTEM_CLOCK,
    // Signed in from the start with the emulator's development token, so no popup is needed.
    createSignInSessionAsync: async () =>
        createStaticSignInSession(SANDBOX_DEV_TOKEN, 'Sandbox developer'),
    redirectUri: getRedirectUri(window.location.origin),
    logger: consoleLogger,
    // The emulator listens on 127.0.0.1, which the production extension rejects.
    connectionValidation: {allowLoopbackHosts: true},
};

const driver = new TestDriver(createSandboxFixture(SANDBOX_EMULATOR_URL));
window.sandboxDriver = driver;

render(
    <driver.Container>
        <App environment={environment} />
        <RecordsPreview />
    </driver.Container>,
    document.getElementById('root'),
);
