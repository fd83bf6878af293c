/**
 * One browser test's sandbox: the emulator, the local sign-in provider and the sandbox page in a
 * guarded headless Chromium, with the steps most tests share. Screenshots go to `e2e/artifacts/`,
 * named after the test and the step, so a failed run in CI leaves pictures of what the page showed.
 */
import {mkdir} from 'node:fs/promises';
import path from 'node:path';
import type {BrowserContext, Locator, Page} from 'playwright-core';
import type {RunningEmulator} from '../../dev/emulator/server';
import type {IdentityProvider} from '../../dev/idp/identityProvider';
import {launchGuardedBrowserAsync, type GuardedBrowser} from '../../dev/sandbox/browser';
import {startSandboxAsync, type RunningSandbox} from '../../dev/sandbox/runSandbox';

export const ARTIFACTS_DIR = path.resolve(__dirname, '..', 'artifacts');

/** Generous for a cold page load plus one sync of a few dozen records on a busy machine. */
export const STEP_TIMEOUT_MS = 45_000;

export interface SandboxSession {
    readonly page: Page;
    readonly context: BrowserContext;
    readonly emulator: RunningEmulator;
    readonly identityProvider: IdentityProvider;
    /** Saves a full-page screenshot as `e2e/artifacts/<test>-<step>.png` and returns its path. */
    screenshotAsync(step: string): Promise<string>;
    /** Fails when the page logged an error or a request left 127.0.0.1. */
    checkNoPageProblems(): void;
    closeAsync(): Promise<void>;
}

export async function openSandboxAsync(testName: string): Promise<SandboxSession> {
    await mkdir(ARTIFACTS_DIR, {recursive: true});
    const sandbox = await startSandboxAsync({
        emulatorPort: 0,
        sandboxPort: 0,
        identityProviderPort: 0,
        signIn: 'localProvider',
    });
    let browser: GuardedBrowser;
    try {
        // Chromium rejects the provider's self-signed certificate without this option.
        browser = await launchGuardedBrowserAsync({shouldIgnoreHttpsErrors: true});
    } catch (error) {
        await sandbox.closeAsync();
        throw error;
    }
    const identityProvider = getIdentityProvider(sandbox);
    const page = await browser.context.newPage();
    const pageErrors = collectPageErrors(page);
    await page.goto(sandbox.pageUrl);

    return {
        page,
        context: browser.context,
        emulator: sandbox.emulator,
        identityProvider,
        screenshotAsync: async step => {
            const filePath = path.join(ARTIFACTS_DIR, `${testName}-${step}.png`);
            await page.screenshot({path: filePath, fullPage: true});
            return filePath;
        },
        checkNoPageProblems: () => {
            const problems = [
                ...pageErrors,
                ...browser.blockedUrls.map(url => `Blocked a request outside 127.0.0.1: ${url}`),
            ];
            if (problems.length > 0) {
                throw new Error(`The sandbox page reported problems:\n${problems.join('\n')}`);
            }
        },
        closeAsync: async () => {
            await browser.closeAsync();
            await sandbox.closeAsync();
        },
    };
}

function getIdentityProvider(sandbox: RunningSandbox): IdentityProvider {
    if (sandbox.identityProvider === null) {
        throw new Error('The sandbox started without the local sign-in provider.');
    }
    return sandbox.identityProvider;
}

/**
 * Clicks "Sign in to Dynamics", which opens the provider's sign-in page in a popup, clicks its
 * "Continue", and waits until the page shows the signed-in user.
 */
export async function signInAsync(session: SandboxSession): Promise<void> {
    const {page, context, identityProvider} = session;
    const signInButton = page.getByRole('button', {name: 'Sign in to Dynamics'});
    await signInButton.waitFor({timeout: STEP_TIMEOUT_MS});
    const [popup] = await Promise.all([
        context.waitForEvent('page', {timeout: STEP_TIMEOUT_MS}),
        signInButton.click(),
    ]);
    await popup.getByRole('link', {name: 'Continue'}).click({timeout: STEP_TIMEOUT_MS});
    await waitForTextAsync(page, page.getByText(`Signed in as ${identityProvider.user.name}`));
}

/** Waits for the locator, and on timeout fails with the text the page shows instead. */
export async function waitForTextAsync(page: Page, locator: Locator): Promise<void> {
    await locator
        .first()
        .waitFor({timeout: STEP_TIMEOUT_MS})
        .catch(async (error: unknown) => {
            const pageText = await page.locator('body').innerText();
            throw new Error(`${String(error)}\nThe page shows:\n${pageText}`);
        });
}

/** The run counts the summary shows, by label, such as `{'Created in Airtable': 32}`. */
export type SummaryCounts = Readonly<Record<string, number>>;

/** A line of the summary's counts, such as "Created in Airtable: 32". */
const COUNT_LINE_PATTERN = /^([A-Z][A-Za-z ]*): (\d+)$/gm;

export function parseSummaryCounts(pageText: string): SummaryCounts {
    const counts: Record<string, number> = {};
    for (const [, label, value] of pageText.matchAll(COUNT_LINE_PATTERN)) {
        if (label !== undefined && value !== undefined) {
            counts[label] = Number(value);
        }
    }
    return counts;
}

/** Waits for the run's summary heading and returns the summary's counts. */
export async function readSummaryAsync(page: Page): Promise<SummaryCounts> {
    const heading = page.getByText(/^Sync (finished|stopped|cancelled)$/);
    await waitForTextAsync(page, heading);
    const pageText = await page.locator('#root').innerText();
    if ((await heading.first().textContent()) !== 'Sync finished') {
        throw new Error(`The sync did not finish. The page shows:\n${pageText}`);
    }
    return parseSummaryCounts(pageText);
}

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

/**
 * The decision on the preview a sync shows before it writes. `apply` runs everything it lists.
 * `applyWithoutDeletes` unticks every delete first, so the run writes all but the deletes and the
 * next sync lists them again. `cancel` writes nothing.
 */
export type PreviewDecision = 'apply' | 'applyWithoutDeletes' | 'cancel';

export interface RunPreviewText {
    /** The text of the whole page while the preview is open. */
    readonly pageText: string;
    /** The text of each table's part of the preview by table name, with its record lists open. */
    readonly tables: Readonly<Record<string, string>>;
}

export interface SyncResult {
    readonly counts: SummaryCounts;
    /** The preview the run showed, or null when it showed none. */
    readonly preview: RunPreviewText | null;
}

/** Each table's part of the run preview is a section labelled like "Changes to Accounts". */
const PREVIEW_TABLE_PREFIX = 'Changes to ';

/**
 * Presses "Sync now", decides on the preview if the run shows one (after a screenshot named
 * `<step>-preview`), and returns the summary's counts (after a screenshot named `<step>`).
 */
export async function syncAsync(
    session: SandboxSession,
    step: string,
    decision: PreviewDecision,
): Promise<SyncResult> {
    const {page} = session;
    const syncButton = page.getByRole('button', {name: 'Sync now'});
    await syncButton.waitFor({timeout: STEP_TIMEOUT_MS});
    await syncButton.click();

    // Airtable's Dialog has no dialog role, so the preview is found by its Apply button. The
    // panel has a Cancel button of its own while a run reads, and the dialog renders last in the
    // page, so `last()` picks the dialog's buttons.
    const applyButton = page.getByRole('button', {name: 'Apply', exact: true}).last();
    const cancelButton = page.getByRole('button', {name: 'Cancel', exact: true}).last();
    const heading = page.getByText(/^Sync (finished|stopped|cancelled)$/);
    await waitForTextAsync(page, applyButton.or(heading));
    let preview: RunPreviewText | null = null;
    if (!(await heading.isVisible())) {
        preview = await readRunPreviewAsync(page);
        if (decision === 'applyWithoutDeletes') {
            await untickDeletesAsync(page);
        }
        await session.screenshotAsync(`${step}-preview`);
        await (decision === 'cancel' ? cancelButton : applyButton).click();
    }
    const counts = await readSummaryAsync(page);
    await session.screenshotAsync(step);
    return {counts, preview};
}

/** Opens every record list of the open run preview and reads its text. */
async function readRunPreviewAsync(page: Page): Promise<RunPreviewText> {
    const sections = page.locator(`section[aria-label^="${PREVIEW_TABLE_PREFIX}"]`);
    // A list starts collapsed behind a button titled with its count, such as "Conflicts (1)".
    // The Blocks Button drops `aria-expanded`, so the lists are found by that title and each
    // is clicked once.
    const listButtons = sections.getByRole('button', {name: /\(\d+\)$/});
    const listCount = await listButtons.count();
    for (let index = 0; index < listCount; index++) {
        await listButtons.nth(index).click();
    }

    const tables: Record<string, string> = {};
    for (const section of await sections.all()) {
        const label = (await section.getAttribute('aria-label')) ?? '';
        tables[label.slice(PREVIEW_TABLE_PREFIX.length)] = await section.innerText();
    }
    return {pageText: await page.locator('body').innerText(), tables};
}

/**
 * Unticks the delete checkboxes of the open run preview. They are the only checkboxes in its
 * table sections. The checkbox that re-creates deleted rows sits below them and stays unticked.
 */
async function untickDeletesAsync(page: Page): Promise<void> {
    const ticked = page.locator(
        `section[aria-label^="${PREVIEW_TABLE_PREFIX}"] input[type="checkbox"]:checked`,
    );
    while ((await ticked.count()) > 0) {
        await ticked.first().uncheck();
    }
}
