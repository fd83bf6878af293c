import {checkEnvironmentUrl, parseEnvironmentUrl} from '../../frontend/dataverse/environmentUrl';

describe('parseEnvironmentUrl', () => {
    it.each([
        'https://contoso.crm.dynamics.com',
        'https://contoso.crm.dynamics.com/',
        ' https://CONTOSO.crm.dynamics.com ',
        'https://contoso.crm.dynamics.com/api/data/v9.2',
        'https://contoso.crm.dynamics.com/api/data/v9.0/',
    ])('normalises "%s"', text => {
        expect(parseEnvironmentUrl(text)).toEqual({
            origin: 'https://contoso.crm.dynamics.com',
            apiRoot: 'https://contoso.crm.dynamics.com/api/data/v9.2/',
        });
    });

    it('accepts the local emulator over http', () => {
        expect(parseEnvironmentUrl('http://127.0.0.1:5555').apiRoot).toBe(
            'http://127.0.0.1:5555/api/data/v9.2/',
        );
    });

    it('rejects text that is not a URL', () => {
        expect(() => parseEnvironmentUrl('contoso')).toThrow(TypeError);
    });
});

describe('checkEnvironmentUrl', () => {
    it('rejects http for a remote host', () => {
        const check = checkEnvironmentUrl('http://contoso.crm.dynamics.com');
        expect(check).toEqual({ok: false, reason: expect.stringContaining('https://')});
    });

    it('rejects credentials in the URL', () => {
        const check = checkEnvironmentUrl('https://user:secret@contoso.crm.dynamics.com');
        expect(check.ok).toBe(false);
    });

    it('rejects an app page path', () => {
        const check = checkEnvironmentUrl('https://contoso.crm.dynamics.com/main.aspx?appid=1');
        expect(check).toEqual({ok: false, reason: expect.stringContaining('/main.aspx')});
    });

    it('rejects other schemes', () => {
        expect(checkEnvironmentUrl('ftp://127.0.0.1').ok).toBe(false);
    });
});
