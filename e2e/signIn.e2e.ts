/** A person signs in to Dynamics through the popup and tests the connection. */
import {
    openSandboxAsync,
    signInAsync,
    waitForTextAsync,
    type SandboxSession,
} from './support/sandboxSession';

describe('signing in', () => {
    let session: SandboxSession;

    beforeAll(async () => {
        session = await openSandboxAsync('sign-in');
    });

    afterAll(async () => {
        await session?.closeAsync();
    });

    test('emulator rejects anonymous requests', async () => {
        const response = await fetch(`${session.emulator.url}/api/data/v9.2/WhoAmI`);

        expect(response.status).toBe(401);
    });

    test('popup signs the user in', async () => {
        await session.page.getByRole('button', {name: 'Sign in to Dynamics'}).waitFor();
        await session.screenshotAsync('signed-out');

        await signInAsync(session);

        await session.screenshotAsync('signed-in');
    });

    test('connection test names the user', async () => {
        const {page, identityProvider} = session;
        await page.getByRole('button', {name: 'Test connection'}).click();

        const connected = page.getByText(
            new RegExp(`^Connected to .+ as ${identityProvider.user.name}$`),
        );
        await waitForTextAsync(page, connected);
        await session.screenshotAsync('connected');
        session.checkNoPageProblems();
    });
});
