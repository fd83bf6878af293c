import {readDeltaStates} from '../../frontend/settings/settings';

const STATE = {
    deltaLink:
        'https://contoso.crm.dynamics.com/api/data/v9.2/accounts?$deltatoken=919042%2108%2f22',
    columnsKey: '1x2y3z4a5b6c7d',
    rowCount: 2,
    rowDigest: '9q8w7e6r5t4y3u',
};

describe('readDeltaStates', () => {
    test('keeps a valid entry', () => {
        expect(readDeltaStates({tblAccounts: STATE})).toEqual({tblAccounts: STATE});
    });

    test('drops damaged entries', () => {
        const stored = {
            tblAccounts: {...STATE, rowCount: -1},
            tblContacts: {...STATE, deltaLink: 7},
            tblDeals: 'link',
            tblLeads: STATE,
        };

        expect(readDeltaStates(stored)).toEqual({tblLeads: STATE});
    });

    test('drops extra keys', () => {
        expect(readDeltaStates({tblAccounts: {...STATE, extra: 1}})).toEqual({tblAccounts: STATE});
    });

    test.each([undefined, null, 'text', []])('reads %p as none', value => {
        expect(readDeltaStates(value)).toEqual({});
    });
});
