/**
 * Runs the local OpenID provider until Ctrl+C and prints what a client needs to use it.
 * `IDP_PORT` sets the port (default 8443); `IDP_LOGIN_PAGE=1` adds the sign-in page.
 */
import {startIdentityProviderAsync} from './identityProvider';

const DEFAULT_PORT = 8443;

async function mainAsync(): Promise<void> {
    const port = parsePort(process.env.IDP_PORT);
    const provider = await startIdentityProviderAsync({
        port,
        showLoginPage: process.env.IDP_LOGIN_PAGE === '1',
    });

    console.log(`Local OpenID provider listening.`);
    console.log(`  authority:   ${provider.authority}`);
    console.log(`  issuer:      ${provider.issuer}`);
    console.log(`  JWKS:        ${provider.jwksUrl}`);
    console.log(`  certificate: ${provider.certificatePath}`);
    console.log(`  user:        ${provider.user.name} (${provider.user.objectId})`);

    const stopAsync = async () => {
        await provider.closeAsync();
        process.exit(0);
    };
    process.on('SIGINT', () => void stopAsync());
    process.on('SIGTERM', () => void stopAsync());
}

function parsePort(text: string | undefined): number {
    if (text === undefined || text === '') {
        return DEFAULT_PORT;
    }
    const port = Number(text);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(
            `IDP_PORT "${text}" is not a port number; use 0 to 65535, or 0 for any free port.`,
        );
    }
    return port;
}

mainAsync().catch((error: unknown) => {
    console.error(`Failed to start the local OpenID provider: ${String(error)}`);
    process.exit(1);
});
