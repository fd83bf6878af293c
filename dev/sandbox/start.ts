/**
 * `npm start`: runs the extension's real UI in a local page, on a simulated Airtable base, signing
 * in through the local OpenID provider and syncing with the local Dataverse emulator. Stops
 * everything on Ctrl+C. `SANDBOX_AUTH=dev-token` skips sign-in and uses the emulator's fixed token.
 */
import {readPortSetting} from './portSetting';
import {startSandboxAsync, type RunningSandbox, type SandboxSignInMode} from './runSandbox';

const DEFAULT_EMULATOR_PORT = 7071;
const DEFAULT_SANDBOX_PORT = 5173;
const DEFAULT_IDENTITY_PROVIDER_PORT = 8443;

async function mainAsync(): Promise<void> {
    const emulatorPort = readPortSetting('EMULATOR_PORT', DEFAULT_EMULATOR_PORT);
    const sandboxPort = readPortSetting('SANDBOX_PORT', DEFAULT_SANDBOX_PORT);
    const identityProviderPort = readPortSetting('IDP_PORT', DEFAULT_IDENTITY_PROVIDER_PORT);
    const signIn = readSignInMode();
    const sandbox = await startSandboxAsync({
        emulatorPort,
        sandboxPort,
        identityProviderPort,
        signIn,
    });

    printBanner(sandbox);

    let isStopping = false;
    const stopAsync = async (signal: NodeJS.Signals) => {
        if (isStopping) {
            return;
        }
        isStopping = true;
        console.log(`\nStopping the sandbox page and its local servers (${signal}).`);
        await sandbox.closeAsync();
        process.exit(0);
    };
    process.on('SIGINT', signal => void stopAsync(signal));
    process.on('SIGTERM', signal => void stopAsync(signal));
}

/** Reads `SANDBOX_AUTH`: unset for the local provider, `dev-token` for the development token. */
function readSignInMode(): SandboxSignInMode {
    const text = process.env.SANDBOX_AUTH?.trim() ?? '';
    if (text === '' || text === 'local-provider') {
        return 'localProvider';
    }
    if (text === 'dev-token') {
        return 'devToken';
    }
    throw new Error(
        `SANDBOX_AUTH is "${text}", which is not a sign-in mode. Unset it to sign in through the ` +
            'local provider, or set it to dev-token to skip sign-in.',
    );
}

function printBanner(sandbox: RunningSandbox): void {
    const megabytes = (sandbox.build.bundleBytes / 1_000_000).toFixed(1);
    const provider = sandbox.identityProvider;
    if (provider !== null) {
        console.log(`Sign-in provider:    ${provider.authority}`);
    }
    console.log(`Dataverse emulator:  ${sandbox.emulatorUrl}`);
    console.log(`Sandbox page:        ${sandbox.pageUrl}  (bundle ${megabytes} MB)`);
    for (const warning of sandbox.build.warnings) {
        console.warn(warning);
    }
    console.log('');

    if (provider === null) {
        console.log("The page is signed in with the emulator's development token.");
    } else {
        const metadataUrl = `${provider.authority}/v2.0/.well-known/openid-configuration`;
        console.log('The sign-in provider uses a self-signed certificate, which the browser must');
        console.log('accept before sign-in works. Open this address once and accept the warning:');
        console.log(`  ${metadataUrl}`);
        console.log(`(or trust ${provider.certificatePath} while it runs).`);
        console.log(
            `Then click "Sign in to Dynamics" and "Continue" to sign in as ${provider.user.name}.`,
        );
    }
    console.log('Press "Sync now": the simulated tables sync with the emulator. Reload the page');
    console.log('to start again from the same rows; restart this command to reset the emulator');
    console.log('too. Press Ctrl+C to stop.');
}

/** Describes why the sandbox did not start, with the fix for a port that is taken. */
function describeStartError(error: unknown): string {
    if (!(error instanceof Error)) {
        return String(error);
    }
    const {code, port} = error as Error & {code?: unknown; port?: unknown};
    if (code === 'EADDRINUSE') {
        return (
            `port ${String(port)} on 127.0.0.1 is already in use. Stop the program using it, or ` +
            `set EMULATOR_PORT, SANDBOX_PORT and IDP_PORT to free ports (0 picks one).`
        );
    }
    return error.message;
}

mainAsync().catch((error: unknown) => {
    console.error(`Failed to start the sandbox: ${describeStartError(error)}`);
    process.exitCode = 1;
});
