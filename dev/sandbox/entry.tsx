/**
 * The sandbox page: the real extension UI on Airtable's TestDriver, syncing with the local
 * Dataverse emulator. By default the user signs in through the real msal-browser popup against
 * the local OpenID provider, as in Airtable against Microsoft Entra ID. `@airtable/blocks-testing`
 * must stay the first import, because it installs the simulated Airtable that `@airtable/blocks`
 * looks for when it loads, and esbuild keeps the order of imports.
 */
import TestDriver from '@airtable/blocks-testing';
import {render} from 'react-dom';
import {
    createMsalSignInSessionAsync,
    getExtensionRedirectUri,
} from '../../frontend/auth/msalSignInSession';
import {createStaticSignInSession} from '../../frontend/auth/staticSignInSession';
import {SYSTEM_CLOCK} from '../../frontend/dataverse/systemClock';
import {App} from '../../frontend/ui/App';
import type {ExtensionEnvironment} from '../../frontend/ui/environment';
import {consoleLogger} from './consoleLogger';
import {createSandboxFixture, type SandboxSignInSettings} from './fixture';
import {SANDBOX_CAN_CREATE_FIELDS, SANDBOX_CAN_OPEN_RECORDS} from './hostLimits';
import type {SandboxPageConfig} from './pageConfig';
import {removeLinksToDeletedRowsAsync} from './linkRemoval';
import {RecordsPreview} from './RecordsPreview';

/** The servers' addresses and the sign-in mode, fixed into the bundle by `buildSandboxAsync`. */
declare const SANDBOX_CONFIG: SandboxPageConfig;

declare global {
    interface Window {
        /** The simulated base's driver, for browser tests that inspect or change the base. */
        sandboxDriver?: TestDriver;
    }
}

function createEnvironment(config: SandboxPageConfig): ExtensionEnvironment {
    // The sandbox page's own address is the redirect URI, as the extension's origin is in Airtable.
    const redirectUri = getExtensionRedirectUri();
    const signIn = config.signIn;
    return {
        fetch: (url, init) => window.fetch(url, init),
        clock: SYSTEM_CLOCK,
        createSignInSessionAsync:
            signIn.kind === 'devToken'
                ? async () => createStaticSignInSession(signIn.token, 'Sandbox developer')
                : settings => createMsalSignInSessionAsync(settings, redirectUri),
        redirectUri,
        logger: consoleLogger,
        // The emulator and the local provider listen on 127.0.0.1, which production rejects.
        connectionValidation: {allowLoopbackHosts: true},
        canOpenRecords: SANDBOX_CAN_OPEN_RECORDS,
        canCreateFields: SANDBOX_CAN_CREATE_FIELDS,
    };
}

function getSignInSettings(config: SandboxPageConfig): SandboxSignInSettings | undefined {
    if (config.signIn.kind === 'devToken') {
        return undefined;
    }
    return {tenantId: config.signIn.tenantId, authorityHost: config.signIn.authorityHost};
}

const driver = new TestDriver(
    createSandboxFixture(SANDBOX_CONFIG.emulatorUrl, getSignInSettings(SANDBOX_CONFIG)),
);
window.sandboxDriver = driver;
const environment = createEnvironment(SANDBOX_CONFIG);

// The page renders once the base follows deletes, so no sync deletes a row before it does.
void removeLinksToDeletedRowsAsync(driver)
    .catch((error: unknown) => {
        console.error('The sandbox will not remove links to deleted rows:', error);
    })
    .then(() =>
        render(
            <driver.Container>
                <App environment={environment} />
                <RecordsPreview />
            </driver.Container>,
            document.getElementById('root'),
        ),
    );
