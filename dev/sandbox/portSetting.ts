/** Reads a TCP port from an environment variable, for the command-line programs under dev/. */
const MAX_PORT = 65535;

/** Returns the port in `process.env[name]`, or `defaultPort` when it is unset or empty. */
export function readPortSetting(name: string, defaultPort: number): number {
    const text = process.env[name]?.trim() ?? '';
    if (text === '') {
        return defaultPort;
    }
    const port = Number(text);
    if (!Number.isInteger(port) || port < 0 || port > MAX_PORT) {
        throw new Error(
            `${name} is "${text}", which is not a port. Set it to a whole number from 0 to ` +
                `${MAX_PORT} (0 picks a free port), or unset it to use ${defaultPort}.`,
        );
    }
    return port;
}
