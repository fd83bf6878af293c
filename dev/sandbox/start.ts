/**
 * `npm start`: runs the extension's real UI in a local page, on a simulated Airtable base, syncing
 * with the local Dataverse emulator. Stops everything on Ctrl+C.
 */
import {readPortSetting} from './portSetting';
import {startSandboxAsync} from './runSandbox';

const DEFAULT_EMULATOR_PORT = 7071;
const DEFAULT_SANDBOX_PORT = 5173;

async function mainAsync(): Promise<void> {
    const emulatorPort = readPortSetting('EMULATOR_PORT', DEFAULT_EMULATOR_PORT);
    const sandboxPort = readPortSetting('SANDBOX_PORT', DEFAULT_SANDBOX_PORT);
    const sandbox = await startSandboxAsync({emulatorPort, sandboxPort});

    const megabytes = (sandbox.build.bundleBytes / 1_000_000).toFixed(1);
    console.log(`Dataverse emulator:  ${sandbox.emulatorUrl}`);
    console.log(`Sandbox page:        ${sandbox.pageUrl}  (bundle ${megabytes} MB)`);
    for (const warning of sandbox.build.warnings) {
        console.warn(warning);
    }
    console.log('');
    console.log('Open the sandbox page and press "Sync now": the simulated Accounts table syncs');
    console.log('with the emulator. Reload the page to start again from the same rows; restart');
    console.log('this command to reset the emulator too. Press Ctrl+C to stop.');

    let isStopping = false;
    const stopAsync = async (signal: NodeJS.Signals) => {
        if (isStopping) {
            return;
        }
        isStopping = true;
        console.log(`\nStopping the sandbox and the emulator (${signal}).`);
        await sandbox.closeAsync();
        process.exit(0);
    };
    process.on('SIGINT', signal => void stopAsync(signal));
    process.on('SIGTERM', signal => void stopAsync(signal));
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
            `set EMULATOR_PORT and SANDBOX_PORT to free ports (0 picks one).`
        );
    }
    return error.message;
}

mainAsync().catch((error: unknown) => {
    console.error(`Failed to start the sandbox: ${describeStartError(error)}`);
    process.exitCode = 1;
});
