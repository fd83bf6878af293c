/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import '@airtable/blocks-testing';
import {screen} from '@testing-library/react';
import {
    createSandboxFixture,
    SANDBOX_TABLE_ID,
    type SandboxFixture,
} from '../../dev/sandbox/fixture';
import {SANDBOX_CAN_CREATE_FIELDS, SANDBOX_CAN_OPEN_RECORDS} from '../../dev/sandbox/hostLimits';
import type {ExtensionEnvironment} from '../../frontend/ui/environment';
import type {CheckResult} from '../../frontend/airtable/checkResult';
import {
    createOfflineEnvironment,
    findEnabledButtonAsync,
    renderApp,
    waitForSignInPreparedAsync,
} from './renderApp';

const EMULATOR_URL = 'http://127.0.0.1:7071';

function createSandboxEnvironment(): ExtensionEnvironment {
    return {
        ...createOfflineEnvironment(),
        canOpenRecords: SANDBOX_CAN_OPEN_RECORDS,
        canCreateFields: SANDBOX_CAN_CREATE_FIELDS,
    };
}

/** Returns the sandbox base with the Accounts table's field `fieldId` left out. */
function withoutAccountsField(fixture: SandboxFixture, fieldId: string): SandboxFixture {
    const tables = fixture.base.tables.map(table =>
        table.id === SANDBOX_TABLE_ID
            ? {...table, fields: table.fields.filter(field => field.id !== fieldId)}
            : table,
    );
    return {...fixture, base: {...fixture.base, tables}};
}

function getReason(check: CheckResult): string {
    if (check.ok) {
        throw new Error('The check passes, so it has no reason.');
    }
    return check.reason;
}

describe('sandbox base', () => {
    test('needs no schema changes', async () => {
        renderApp(createSandboxFixture(EMULATOR_URL), createSandboxEnvironment());

        expect(await findEnabledButtonAsync('Sync now')).toBeTruthy();
        expect(await findEnabledButtonAsync('Clean up')).toBeTruthy();
        expect(screen.queryByRole('button', {name: /^Create/})).toBeNull();
        expect(screen.queryByText(/needs changes before it can sync/)).toBeNull();
        expect(screen.queryByText(/can't sync yet/)).toBeNull();
    });

    test('disables field creation', async () => {
        const fixture = withoutAccountsField(
            createSandboxFixture(EMULATOR_URL),
            'fldPrimaryContact',
        );
        renderApp(fixture, createSandboxEnvironment());
        await waitForSignInPreparedAsync();

        const button = screen.getByRole('button', {name: 'Create missing fields'});
        expect(button.hasAttribute('disabled')).toBe(true);
        expect(screen.getByText(getReason(SANDBOX_CAN_CREATE_FIELDS))).toBeTruthy();
    });
});
