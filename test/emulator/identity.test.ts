/** What a client needs to say "Connected to <org> as <user>": WhoAmI, the user and the org. */
import {startEmulatorAsync} from '../../dev/emulator/server';
import {callApiAsync, readJsonAsync, readRowsAsync, useEmulator} from './helpers';

const getEmulator = useEmulator();

test('WhoAmI returns the three ids', async () => {
    const response = await callApiAsync(getEmulator(), 'WhoAmI');
    const body = await readJsonAsync(response);

    expect(response.status).toBe(200);
    expect(Object.keys(body)).toEqual([
        '@odata.context',
        'BusinessUnitId',
        'UserId',
        'OrganizationId',
    ]);
    expect(body['@odata.context']).toBe(
        `${getEmulator().url}/api/data/v9.2/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
    );
    expect(body['UserId']).toBe('c0ffee00-0000-4000-8000-0000000000f2');
});

test('WhoAmI accepts empty parentheses', async () => {
    const response = await callApiAsync(getEmulator(), 'WhoAmI()');

    expect(response.status).toBe(200);
});

test('systemusers returns the full name', async () => {
    const whoAmI = await readJsonAsync(await callApiAsync(getEmulator(), 'WhoAmI'));
    const response = await callApiAsync(
        getEmulator(),
        `systemusers(${String(whoAmI['UserId'])})?$select=fullname`,
    );
    const body = await readJsonAsync(response);

    expect(response.status).toBe(200);
    expect(body['fullname']).toBe('Local Developer');
});

test('organizations returns the org name', async () => {
    const rows = await readRowsAsync(
        await callApiAsync(getEmulator(), 'organizations?$select=name'),
    );

    expect(rows).toHaveLength(1);
    expect(rows[0]?.['name']).toBe('Contoso (local emulator)');
});

test('WhoAmI names the verified user', async () => {
    const userId = '7e57a11e-0000-4000-8000-000000000001';
    const emulator = await startEmulatorAsync({
        port: 0,
        seedCount: 0,
        seedSamples: false,
        verifyToken: async token =>
            token === 'user-token' ? {ok: true, userId} : {ok: false, reason: 'unknown token'},
    });
    try {
        const response = await fetch(`${emulator.url}/api/data/v9.2/WhoAmI`, {
            headers: {Authorization: 'Bearer user-token'},
        });
        const body = await readJsonAsync(response);
        const user = await fetch(
            `${emulator.url}/api/data/v9.2/systemusers(${userId})?$select=fullname`,
            {
                headers: {Authorization: 'Bearer user-token'},
            },
        );

        expect(body['UserId']).toBe(userId);
        expect(user.status).toBe(200);
    } finally {
        await emulator.closeAsync();
    }
});
