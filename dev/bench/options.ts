/** The benchmark's command-line options: the workload sizes and the simulated latencies. */

export interface WorkloadSizes {
    readonly accounts: number;
    readonly contacts: number;
    readonly opportunities: number;
    /** Records edited on each side before the last sync. */
    readonly editsPerSide: number;
}

export interface BenchOptions {
    readonly sizes: WorkloadSizes;
    readonly isSmall: boolean;
    /** Whether to run only the import and then measure the planning of a resync, in both modes. */
    readonly isPlanningOnly: boolean;
    /** Milliseconds the emulator waits before it handles each Dataverse request. */
    readonly latencyMs: number;
    /** Milliseconds the simulated Airtable server takes for each write call. */
    readonly writeDelayMs: number;
}

export const FULL_SIZES: WorkloadSizes = {
    accounts: 10_000,
    contacts: 30_000,
    opportunities: 10_000,
    editsPerSide: 1_000,
};

/** A few hundred records: enough to run every step and every table, in seconds. */
export const SMALL_SIZES: WorkloadSizes = {
    accounts: 100,
    contacts: 300,
    opportunities: 100,
    editsPerSide: 50,
};

export const DEFAULT_LATENCY_MS = 50;
export const DEFAULT_WRITE_DELAY_MS = 50;

export const USAGE =
    'Usage: npm run bench -- [--small] [--planning-only] [--latency-ms <ms>] [--write-delay-ms <ms>]\n' +
    '  --small               sync a few hundred records instead of 50,000\n' +
    '  --planning-only       import, then print only the CPU time of planning a resync\n' +
    `  --latency-ms <ms>     delay of each Dataverse request in milliseconds (default ${DEFAULT_LATENCY_MS})\n` +
    `  --write-delay-ms <ms> delay of each Airtable write call in milliseconds (default ${DEFAULT_WRITE_DELAY_MS})`;

/** Parses the arguments after `npm run bench --`; throws with the usage on an invalid one. */
export function parseBenchArgs(args: readonly string[]): BenchOptions {
    let isSmall = false;
    let isPlanningOnly = false;
    let latencyMs = DEFAULT_LATENCY_MS;
    let writeDelayMs = DEFAULT_WRITE_DELAY_MS;
    for (let index = 0; index < args.length; index += 1) {
        const arg = args[index];
        if (arg === '--small') {
            isSmall = true;
        } else if (arg === '--planning-only') {
            isPlanningOnly = true;
        } else if (arg === '--latency-ms') {
            index += 1;
            latencyMs = parseMilliseconds(arg, args[index]);
        } else if (arg === '--write-delay-ms') {
            index += 1;
            writeDelayMs = parseMilliseconds(arg, args[index]);
        } else {
            throw new Error(`Unknown option '${String(arg)}'.\n${USAGE}`);
        }
    }
    const sizes = isSmall ? SMALL_SIZES : FULL_SIZES;
    return {sizes, isSmall, isPlanningOnly, latencyMs, writeDelayMs};
}

function parseMilliseconds(option: string, text: string | undefined): number {
    const value = Number(text);
    if (text === undefined || text.trim() === '' || !Number.isFinite(value) || value < 0) {
        throw new Error(
            `${option} expects a number of milliseconds of 0 or more; got '${text ?? ''}'.\n${USAGE}`,
        );
    }
    return value;
}
