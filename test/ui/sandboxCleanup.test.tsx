/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {fireEvent, screen} from '@testing-library/react';
import {DEV_TOKEN, startEmulatorAsync, type RunningEmulator} from '../../dev/emulator/server';
import {createSandboxFixture} from '../../dev/sandbox/fixture';
import {createTestEnvironment, findEnabledButtonAsync, renderApp} from './renderApp';

/** Reading the sandbox's three tables over HTTP takes a moment; findBy* waits 1 s by default. */
const READ_TIMEOUT_MS = 15_000;

let emulator: RunningEmulator;

beforeEach(async () => {
    emulator = await startEmulatorAsync({port: 0, seedCount: 0});
});

afterEach(async () => {
    await emulator.closeAsync();
});

describe('sandbox Clean up', () => {
    test('finds and deletes the emptied rows', async () => {
        renderApp(createSandboxFixture(emulator.url), createTestEnvironment(fetch, DEV_TOKEN));

        fireEvent.click(await findEnabledButtonAsync('Clean up'));
        await screen.findByText('2 rows look emptied.', {exact: false}, {timeout: READ_TIMEOUT_MS});
        const labels = screen
            .getAllByRole('checkbox')
            .map(checkbox => checkbox.closest('label')?.textContent)
            // The "Preview every run" switch is a checkbox too, but it has no label element.
            .filter(label => label !== undefined);
        fireEvent.click(screen.getByRole('button', {name: 'Delete 2 rows'}));

        expect(labels).toEqual([
            'Contacts: (empty row, recEmptiedContact)',
            'Opportunities: (empty row, recEmptiedOpportunity)',
        ]);
        expect(
            await screen.findByText('Deleted 2 rows.', {}, {timeout: READ_TIMEOUT_MS}),
        ).toBeTruthy();
    });
});
