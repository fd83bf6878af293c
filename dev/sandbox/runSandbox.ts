/**
 * Starts everything the sandbox page needs: the Dataverse emulator, the page bundle built for that
 * emulator, and the static server for the page. `npm start` and the browser tests share it.
 */
import {DEV_TOKEN, startEmulatorAsync} from '../emulator/server';
import {buildSandboxAsync, SANDBOX_PUBLIC_DIR, type SandboxBuild} from './build';
import {serveStaticAsync} from './staticServer';

export interface SandboxOptions {
    /** The emulator's port on 127.0.0.1, or 0 for a free one. */
    readonly emulatorPort: number;
    /** The page server's port on 127.0.0.1, or 0 for a free one. */
    readonly sandboxPort: number;
    readonly minify?: boolean;
}

export interface RunningSandbox {
    /** The sandbox page, such as `http://127.0.0.1:5173/`. */
    readonly pageUrl: string;
    /** The emulator's origin, preset as the page's environment URL. */
    readonly emulatorUrl: string;
    readonly build: SandboxBuild;
    /** Stops the page server and the emulator. */
    closeAsync(): Promise<void>;
}

export async function startSandboxAsync(options: SandboxOptions): Promise<RunningSandbox> {
    const emulator = await startEmulatorAsync({port: options.emulatorPort});
    try {
        const build = await buildSandboxAsync({
            emulatorUrl: emulator.url,
            devToken: DEV_TOKEN,
            minify: options.minify,
        });
        const server = await serveStaticAsync({
            root: SANDBOX_PUBLIC_DIR,
            port: options.sandboxPort,
        });
        return {
            pageUrl: `${server.url}/`,
            emulatorUrl: emulator.url,
            build,
            closeAsync: async () => {
                await Promise.all([server.closeAsync(), emulator.closeAsync()]);
            },
        };
    } catch (error) {
        await emulator.closeAsync();
        throw error;
    }
}
