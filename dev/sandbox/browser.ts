/**
 * Launches Debian's Chromium through playwright-core for browser checks of the sandbox. Every
 * request that is not to 127.0.0.1 or localhost is aborted, so a wrong address in the page (or a
 * library's discovery call) fails at once instead of reaching the network.
 */
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {chromium, type BrowserContext} from 'playwright-core';

/** Debian's `chromium` package; playwright's own browser downloads are not used. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
];

const LOOPBACK_URL_PATTERN = /^(?:https?|wss?):\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\//;
const NETWORK_URL_PATTERN = /^(?:https?|wss?):/;

export interface GuardedBrowser {
    readonly context: BrowserContext;
    /** Every URL the guard aborted, in order. */
    readonly blockedUrls: readonly string[];
    /** Closes the browser and deletes its profile folder. */
    closeAsync(): Promise<void>;
}

export interface GuardedBrowserOptions {
    /**
     * Accepts any certificate, which the local sign-in provider's self-signed one needs. The
     * route guard still keeps every request on 127.0.0.1 or localhost.
     */
    readonly shouldIgnoreHttpsErrors?: boolean;
}

export async function launchGuardedBrowserAsync(
    options: GuardedBrowserOptions = {},
): Promise<GuardedBrowser> {
    const profileDir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-chromium-'));
    const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: {width: 900, height: 1000},
        ignoreHTTPSErrors: options.shouldIgnoreHttpsErrors ?? false,
    });

    const blockedUrls: string[] = [];
    await context.route(
        url => NETWORK_URL_PATTERN.test(url.href) && !LOOPBACK_URL_PATTERN.test(url.href),
        route => {
            blockedUrls.push(route.request().url());
            return route.abort('blockedbyclient');
        },
    );

    return {
        context,
        blockedUrls,
        closeAsync: async () => {
            await context.close();
            await rm(profileDir, {recursive: true, force: true});
        },
    };
}
