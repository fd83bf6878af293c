/**
 * `npm run sandbox:smoke`: starts the sandbox on free ports, opens it in headless Chromium, signs
 * in through the local provider's popup, tests the connection, presses "Sync now", waits for the
 * run summary and saves screenshots, then syncs again. Exits non-zero when the emulator accepts a
 * request without a token, or when the page does not render or sign-in or the connection test
 * fails. It also exits non-zero when a sync does not finish, the first sync creates nothing in
 * either direction, the second changes anything, the page logs an error, or a request left
 * 127.0.0.1.
 *
 * Usage: npm run sandbox:smoke [-- screenshot.png]
 * The screenshots before sign-in and after the connection test go next to it, with `-signed-out`
 * and `-connected` added to its name.
 */
import os from 'node:os';
import path from 'node:path';
import type {BrowserContext, Locator, Page, Response} from 'playwright-core';
import type {IdentityProvider} from '../idp/identityProvider';
import {launchGuardedBrowserAsync} from './browser';
import {startSandboxAsync} from './runSandbox';

const DEFAULT_SCREENSHOT_PATH = path.join(os.tmpdir(), 'sandbox-smoke.png');
/** Generous for a cold page load plus one sync of a few dozen records. */
const STEP_TIMEOUT_MS = 30_000;

/** A line of the summary's counts, such as "Created in Airtable: 32". */
const COUNT_LINE_PATTERN = /^([A-Z][A-Za-z ]*): (\d+)$/gm;
/** The counts of records a run changed; labels the summary does not show are not checked. */
const CHANGE_LABELS = [
    'Created in Airtable',
    'Updated in Airtable',
    'Deleted in Airtable',
    'Restored in Airtable',
    'Created in Dynamics',
    'Updated in Dynamics',
    'Deleted in Dynamics',
];

/** The run counts the summary shows, by label, such as `{'Created in Airtable': 32}`. */
type SummaryCounts = Readonly<Record<string, number>>;

async function mainAsync(): Promise<void> {
    const screenshotPath = path.resolve(process.argv[2] ?? DEFAULT_SCREENSHOT_PATH);
    const sandbox = await startSandboxAsync({
        emulatorPort: 0,
        sandboxPort: 0,
        identityProviderPort: 0,
        signIn: 'localProvider',
    });
    const identityProvider = sandbox.identityProvider;
    // Chromium rejects the provider's self-signed certificate without this option.
    const browser = await launchGuardedBrowserAsync({shouldIgnoreHttpsErrors: true}).catch(
        async (error: unknown) => {
            await sandbox.closeAsync();
            throw error;
        },
    );

    try {
        if (identityProvider === null) {
            throw new Error('The sandbox started without the local sign-in provider.');
        }
        const page = await browser.context.newPage();
        const pageErrors = collectPageErrors(page);
        await checkRejectsAnonymousRequestAsync(sandbox.emulatorUrl);
        await page.goto(sandbox.pageUrl);
        const signedOutScreenshotPath = addToFileName(screenshotPath, '-signed-out');
        await page.getByRole('button', {name: 'Sign in to Dynamics'}).waitFor();
        await page.screenshot({path: signedOutScreenshotPath, fullPage: true});
        console.log(`Screenshot:  ${signedOutScreenshotPath}`);

        await signInThroughPopupAsync(page, browser.context, identityProvider);
        const connection = await testConnectionAsync(page);
        const connectedScreenshotPath = addToFileName(screenshotPath, '-connected');
        await page.screenshot({path: connectedScreenshotPath, fullPage: true});
        console.log(`Sign-in:     signed in as ${identityProvider.user.name}`);
        console.log(`Connection:  ${connection}`);
        console.log(`Screenshot:  ${connectedScreenshotPath}`);

        const first = await syncOnceAsync(page);
        await page.screenshot({path: screenshotPath, fullPage: true});
        console.log(`First sync:  ${formatCounts(first)}`);
        console.log(`Screenshot:  ${screenshotPath}`);
        checkFirstSync(first);

        const second = await syncOnceAsync(page);
        console.log(`Second sync: ${formatCounts(second)}`);
        checkSecondSync(second);
        checkNoProblems(pageErrors, browser.blockedUrls);
    } finally {
        await browser.closeAsync();
        await sandbox.closeAsync();
    }
}

/**
 * Clicks "Sign in to Dynamics", which opens the provider's sign-in page in a popup, clicks its
 * "Continue", and waits until the page shows the signed-in user.
 */
async function signInThroughPopupAsync(
    page: Page,
    context: BrowserContext,
    identityProvider: IdentityProvider,
): Promise<void> {
    const signInButton = page.getByRole('button', {name: 'Sign in to Dynamics'});
    await signInButton.waitFor({timeout: STEP_TIMEOUT_MS});
    const [popup] = await Promise.all([
        context.waitForEvent('page', {timeout: STEP_TIMEOUT_MS}),
        signInButton.click(),
    ]);

    await popup.getByRole('link', {name: 'Continue'}).click({timeout: STEP_TIMEOUT_MS});
    const signedIn = page.getByText(`Signed in as ${identityProvider.user.name}`);
    await signedIn.waitFor({timeout: STEP_TIMEOUT_MS}).catch(async (error: unknown) => {
        const pageText = await page.locator('#root').innerText();
        throw new Error(`Sign-in did not finish (${String(error)}). The page shows:\n${pageText}`);
    });
}

/** Clicks "Test connection" and returns the "Connected to … as …" line. */
async function testConnectionAsync(page: Page): Promise<string> {
    await page.getByRole('button', {name: 'Test connection'}).click({timeout: STEP_TIMEOUT_MS});
    const connected = page.getByText(/^Connected to .+ as .+$/);
    await connected.waitFor({timeout: STEP_TIMEOUT_MS}).catch(async (error: unknown) => {
        const pageText = await page.locator('#root').innerText();
        throw new Error(
            `The connection test failed (${String(error)}). The page shows:\n${pageText}`,
        );
    });
    return (await connected.textContent()) ?? '';
}

/** Checks that the emulator returns 401 for a request without a token, as Dataverse does. */
async function checkRejectsAnonymousRequestAsync(emulatorUrl: string): Promise<void> {
    const response = await fetch(`${emulatorUrl}/api/data/v9.2/WhoAmI`);
    if (response.status !== 401) {
        throw new Error(
            `The emulator returned ${response.status} for a request without a token, but 401 was expected.`,
        );
    }
}

function addToFileName(filePath: string, suffix: string): string {
    const extension = path.extname(filePath);
    return `${filePath.slice(0, filePath.length - extension.length)}${suffix}${extension}`;
}

/** Presses "Sync now" and returns the counts of the run's summary once it is shown. */
async function syncOnceAsync(page: Page): Promise<SummaryCounts> {
    const syncButton = page.getByRole('button', {name: 'Sync now'});
    await syncButton.waitFor({timeout: STEP_TIMEOUT_MS});
    // The panel hides the previous summary as the run starts, before the run reads Dynamics, so
    // the summary shown after that read is this run's.
    await Promise.all([
        page.waitForResponse(isAccountsRead, {timeout: STEP_TIMEOUT_MS}),
        syncButton.click(),
    ]);

    const heading = page.getByText(/^Sync (finished|stopped)$/);
    await approveRunPreviewIfShownAsync(page, heading);
    await heading.waitFor({timeout: STEP_TIMEOUT_MS});
    const headingText = (await heading.textContent()) ?? '';
    const pageText = await page.locator('#root').innerText();
    if (headingText !== 'Sync finished') {
        throw new Error(`The sync did not finish. The page shows:\n${pageText}`);
    }
    return parseCounts(pageText);
}

/**
 * Approves the run preview when the run shows one, with every delete unticked. The sandbox base
 * has emptied rows whose records are gone, and every sync offers to delete them. Declining those
 * deletes keeps the rows for Clean up.
 */
async function approveRunPreviewIfShownAsync(page: Page, heading: Locator): Promise<void> {
    const preview = page.getByText('Review the sync before it writes');
    await preview.or(heading).first().waitFor({timeout: STEP_TIMEOUT_MS});
    if (!(await preview.isVisible())) {
        return;
    }
    const deletes = page.getByRole('checkbox', {name: /^Deleting /});
    for (const checkbox of await deletes.all()) {
        await checkbox.uncheck({timeout: STEP_TIMEOUT_MS});
    }
    await page.getByRole('button', {name: 'Apply'}).click({timeout: STEP_TIMEOUT_MS});
}

function isAccountsRead(response: Response): boolean {
    const url = new URL(response.url());
    return response.request().method() === 'GET' && url.pathname.endsWith('/accounts');
}

function parseCounts(pageText: string): SummaryCounts {
    const counts: Record<string, number> = {};
    for (const [, label, value] of pageText.matchAll(COUNT_LINE_PATTERN)) {
        if (label !== undefined && value !== undefined) {
            counts[label] = Number(value);
        }
    }
    return counts;
}

function formatCounts(counts: SummaryCounts): string {
    return Object.entries(counts)
        .map(([label, value]) => `${label} ${value}`)
        .join(', ');
}

function checkFirstSync(counts: SummaryCounts): void {
    for (const label of ['Created in Airtable', 'Created in Dynamics']) {
        checkCount('first', counts, label, count => count > 0, 'more than 0');
    }
    checkCount('first', counts, 'Failed', count => count === 0, '0');
}

function checkSecondSync(counts: SummaryCounts): void {
    const shownLabels = CHANGE_LABELS.filter(label => counts[label] !== undefined);
    for (const label of [...shownLabels, 'Failed']) {
        checkCount('second', counts, label, count => count === 0, '0');
    }
}

function checkCount(
    which: string,
    counts: SummaryCounts,
    label: string,
    isExpected: (count: number) => boolean,
    expected: string,
): void {
    const count = counts[label];
    if (count === undefined || !isExpected(count)) {
        const shown = `${label}: ${count ?? '(missing)'}`;
        throw new Error(`The ${which} sync shows "${shown}", but ${expected} was expected.`);
    }
}

/** Console errors and uncaught exceptions of the page, collected while it runs. */
function collectPageErrors(page: Page): string[] {
    const errors: string[] = [];
    page.on('pageerror', error => errors.push(`Uncaught: ${error.message}`));
    page.on('console', message => {
        if (message.type() === 'error') {
            errors.push(`Console error: ${message.text()}`);
        }
    });
    return errors;
}

function checkNoProblems(pageErrors: readonly string[], blockedUrls: readonly string[]): void {
    const problems = [
        ...pageErrors,
        ...blockedUrls.map(url => `Blocked a request outside 127.0.0.1: ${url}`),
    ];
    if (problems.length > 0) {
        throw new Error(`The sandbox page reported problems:\n${problems.join('\n')}`);
    }
}

mainAsync().catch((error: unknown) => {
    console.error(
        `Sandbox smoke check failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
});
