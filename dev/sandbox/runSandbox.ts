/**
 * Starts everything the sandbox page needs: the local OpenID provider, the Dataverse emulator
 * checking that provider's tokens, the page bundle built for both, and the static server for the
 * page. `npm start` and the browser check share it. With `signIn: 'devToken'` no provider starts,
 * and the emulator and the page use the emulator's fixed development token instead.
 */
import {cp, mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../emulator/server';
import {startIdentityProviderAsync, type IdentityProvider} from '../idp/identityProvider';
import {createAccessTokenVerifier, type VerifyToken} from '../idp/tokenVerifier';
import {buildSandboxAsync, SANDBOX_PUBLIC_DIR, type SandboxBuild} from './build';
import type {SandboxSignIn} from './pageConfig';
import {serveStaticAsync} from './staticServer';

export type SandboxSignInMode = SandboxSignIn['kind'];

export interface SandboxOptions {
    /** The emulator's port on 127.0.0.1, or 0 for a free one. */
    readonly emulatorPort: number;
    /** The page server's port on 127.0.0.1, or 0 for a free one. */
    readonly sandboxPort: number;
    /** The local OpenID provider's port on 127.0.0.1, or 0 for a free one. */
    readonly identityProviderPort: number;
    readonly signIn: SandboxSignInMode;
    readonly minify?: boolean;
}

export interface RunningSandbox {
    /** The sandbox page, such as `http://127.0.0.1:5173/`. */
    readonly pageUrl: string;
    /** The emulator's origin, preset as the page's environment URL. */
    readonly emulatorUrl: string;
    /** The local provider, or null when the page uses the development token. */
    readonly identityProvider: IdentityProvider | null;
    /** The emulator itself, so browser tests can change Dynamics' data or check it. */
    readonly emulator: RunningEmulator;
    readonly build: SandboxBuild;
    /** Stops the page server, the emulator and the provider. */
    closeAsync(): Promise<void>;
}

export async function startSandboxAsync(options: SandboxOptions): Promise<RunningSandbox> {
    const identityProvider =
        options.signIn === 'localProvider'
            ? await startIdentityProviderAsync({
                  port: options.identityProviderPort,
                  showLoginPage: true,
              })
            : null;
    const stopProviderAsync = async () => identityProvider?.closeAsync();

    const emulator = await startCheckingEmulatorAsync(options.emulatorPort, identityProvider).catch(
        async (error: unknown) => {
            await stopProviderAsync();
            throw error;
        },
    );
    // Each sandbox serves its own copy of the page, because the bundle has its servers' addresses
    // built in. So a browser test's sandbox does not replace the page of a sandbox someone uses.
    const servedDir = await mkdtemp(path.join(tmpdir(), 'dynamics-sync-sandbox-'));
    const stopServersAsync = async () => {
        await Promise.all([emulator.closeAsync(), stopProviderAsync()]);
        await rm(servedDir, {recursive: true, force: true});
    };

    try {
        await cp(SANDBOX_PUBLIC_DIR, servedDir, {
            recursive: true,
            filter: source => path.basename(source) !== 'dist',
        });
        const build = await buildSandboxAsync({
            page: {emulatorUrl: emulator.url, signIn: describeSignIn(identityProvider)},
            servedDir,
            minify: options.minify,
        });
        const server = await serveStaticAsync({root: servedDir, port: options.sandboxPort});
        return {
            pageUrl: `${server.url}/`,
            emulatorUrl: emulator.url,
            identityProvider,
            emulator,
            build,
            closeAsync: async () => {
                await Promise.all([server.closeAsync(), stopServersAsync()]);
            },
        };
    } catch (error) {
        await stopServersAsync();
        throw error;
    }
}

/**
 * Starts the emulator. With a provider, it accepts only that provider's tokens for its own URL,
 * and its store contains the provider's user with their name, which "Test connection" shows.
 */
async function startCheckingEmulatorAsync(
    port: number,
    identityProvider: IdentityProvider | null,
): Promise<RunningEmulator> {
    if (identityProvider === null) {
        return startEmulatorAsync({port});
    }

    // The token's audience is the emulator's URL, which exists only once the emulator listens.
    let verifyToken: VerifyToken | null = null;
    const emulator = await startEmulatorAsync({
        port,
        verifyToken: async token =>
            verifyToken === null
                ? {ok: false, reason: 'The emulator is still starting.'}
                : verifyToken(token),
    });
    verifyToken = createAccessTokenVerifier({
        jwksUrl: identityProvider.jwksUrl,
        issuer: identityProvider.issuer,
        audience: emulator.url,
        caCertificatePem: identityProvider.caCertificatePem,
    });
    emulator.store.insert('systemuser', {
        systemuserid: identityProvider.user.objectId,
        fullname: identityProvider.user.name,
    });
    return emulator;
}

function describeSignIn(identityProvider: IdentityProvider | null): SandboxSignIn {
    if (identityProvider === null) {
        return {kind: 'devToken', token: DEV_TOKEN};
    }
    return {
        kind: 'localProvider',
        authorityHost: new URL(identityProvider.authority).origin,
        tenantId: identityProvider.tenantId,
    };
}
