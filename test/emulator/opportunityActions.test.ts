/**
 * Closing opportunities: WinOpportunity and LoseOpportunity close an open opportunity, a PATCH may
 * not set Won or Lost, and a PATCH may reopen a closed one.
 */
import {callApiAsync, readErrorAsync, useEmulator} from './helpers';

const getEmulator = useEmulator({seedSamples: false});

function insertOpportunity(name: string): string {
    return String(
        getEmulator().store.insert('opportunity', {name, estimatedvalue: 1000})['opportunityid'],
    );
}

function closeAsync(action: string, id: string, status: number): Promise<Response> {
    return callApiAsync(getEmulator(), action, {
        method: 'POST',
        body: {
            Status: status,
            OpportunityClose: {
                subject: 'Closed',
                'opportunityid@odata.bind': `/opportunities(${id})`,
                actualrevenue: 900,
                actualend: '2025-06-30',
            },
        },
    });
}

test('WinOpportunity closes as won', async () => {
    const id = insertOpportunity('Winning Deal');
    const response = await closeAsync('WinOpportunity', id, 3);
    const row = getEmulator().store.get('opportunity', id);

    expect(response.status).toBe(204);
    expect(row['statecode']).toBe(1);
    expect(row['statuscode']).toBe(3);
    expect(row['actualvalue']).toBe(900);
    expect(row['actualclosedate']).toBe('2025-06-30');
});

test('LoseOpportunity closes as lost', async () => {
    const id = insertOpportunity('Losing Deal');
    const response = await closeAsync('LoseOpportunity', id, 5);
    const row = getEmulator().store.get('opportunity', id);

    expect(response.status).toBe(204);
    expect(row['statecode']).toBe(2);
    expect(row['statuscode']).toBe(5);
});

test('rejects a status of the wrong state', async () => {
    const id = insertOpportunity('Mismatched');
    const response = await closeAsync('LoseOpportunity', id, 3);

    expect(response.status).toBe(400);
    expect((await readErrorAsync(response)).code).toBe('0x80048408');
    expect(getEmulator().store.get('opportunity', id)['statecode']).toBe(0);
});

test('PATCH may not set Won', async () => {
    const id = insertOpportunity('Patched Shut');
    const response = await callApiAsync(getEmulator(), `opportunities(${id})`, {
        method: 'PATCH',
        body: {statecode: 1, statuscode: 3},
    });

    expect(response.status).toBe(400);
    expect((await readErrorAsync(response)).message).toContain('WinOpportunity');
});

test('PATCH reopens a closed opportunity', async () => {
    const id = insertOpportunity('Reopened');
    await closeAsync('WinOpportunity', id, 3);
    const response = await callApiAsync(getEmulator(), `opportunities(${id})`, {
        method: 'PATCH',
        body: {statecode: 0, statuscode: 1},
    });

    expect(response.status).toBe(204);
    expect(getEmulator().store.get('opportunity', id)['statecode']).toBe(0);
});

test('closing twice is rejected', async () => {
    const id = insertOpportunity('Already Won');
    await closeAsync('WinOpportunity', id, 3);
    const response = await closeAsync('LoseOpportunity', id, 4);

    expect(response.status).toBe(400);
    expect(getEmulator().store.get('opportunity', id)['statecode']).toBe(1);
});

test('closing a missing opportunity returns 404', async () => {
    const response = await closeAsync('WinOpportunity', '00000000-0000-0000-0000-0000000000bb', 3);

    expect(response.status).toBe(404);
});
