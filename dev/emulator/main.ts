/**
 * `npm run emulator`: serves the Dataverse emulator on 127.0.0.1 until SIGINT or SIGTERM.
 * EMULATOR_PORT sets the port (default 7071); EMULATOR_SEED_COUNT the generated accounts
 * (default 25) on top of the ten samples.
 */
import {DEFAULT_SEED_COUNT, DEV_TOKEN, startEmulatorAsync} from './server';

const DEFAULT_PORT = 7071;

function readIntegerEnv(name: string, fallback: number): number {
    const text = process.env[name];
    if (text === undefined || text === '') {
        return fallback;
    }
    if (!/^\d+$/.test(text)) {
        throw new Error(`${name} must be a whole number, but it is '${text}'.`);
    }
    return Number(text);
}

async function mainAsync(): Promise<void> {
    const emulator = await startEmulatorAsync({
        port: readIntegerEnv('EMULATOR_PORT', DEFAULT_PORT),
        seedCount: readIntegerEnv('EMULATOR_SEED_COUNT', DEFAULT_SEED_COUNT),
    });
    console.log(`Dataverse emulator listening on ${emulator.url}/api/data/v9.2/`);
    const contactCount = emulator.store.list('contact').length;
    const opportunityCount = emulator.store.list('opportunity').length;
    console.log(
        `Seeded ${emulator.seededAccountCount} accounts, ${contactCount} contacts and ` +
            `${opportunityCount} opportunities. Bearer token: ${DEV_TOKEN}`,
    );

    const stopAsync = async (signal: string) => {
        console.log(`Received ${signal}; stopping the emulator.`);
        await emulator.closeAsync();
        process.exit(0);
    };
    process.once('SIGINT', signal => void stopAsync(signal));
    process.once('SIGTERM', signal => void stopAsync(signal));
}

mainAsync().catch((error: unknown) => {
    console.error(
        `The Dataverse emulator failed to start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
});
