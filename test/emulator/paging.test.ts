/**
 * Server-driven paging: `Prefer: odata.maxpagesize`, the opaque `$skiptoken` in `@odata.nextLink`
 * that keeps the other query options, the default page of 5000 rows and `$top` beside a page size.
 */
import {DEV_TOKEN} from '../../dev/emulator/server';
import {callApiAsync, readJsonAsync, useEmulator} from './helpers';

const getEmulator = useEmulator({seedCount: 23});

interface Page {
    readonly names: string[];
    readonly nextLink: string | undefined;
    readonly response: Response;
}

async function readPageAsync(response: Response): Promise<Page> {
    const body = await readJsonAsync(response);
    const rows = body['value'] as Record<string, unknown>[];
    const nextLink = body['@odata.nextLink'];
    return {
        names: rows.map(row => String(row['name'])),
        nextLink: typeof nextLink === 'string' ? nextLink : undefined,
        response,
    };
}

function followAsync(nextLink: string, pageSize: number): Promise<Response> {
    return fetch(nextLink, {
        headers: {Authorization: `Bearer ${DEV_TOKEN}`, Prefer: `odata.maxpagesize=${pageSize}`},
    });
}

async function readAllPagesAsync(path: string, pageSize: number): Promise<Page[]> {
    const pages = [
        await readPageAsync(
            await callApiAsync(getEmulator(), path, {
                headers: {Prefer: `odata.maxpagesize=${pageSize}`},
            }),
        ),
    ];
    for (let page = pages[0]; page?.nextLink !== undefined; page = pages[pages.length - 1]) {
        pages.push(await readPageAsync(await followAsync(page.nextLink, pageSize)));
    }
    return pages;
}

test('pages with maxpagesize and nextLink', async () => {
    const pages = await readAllPagesAsync('accounts?$select=name', 10);

    expect(pages.map(page => page.names.length)).toEqual([10, 10, 10, 3]);
    expect(pages[0]?.response.headers.get('preference-applied')).toBe('odata.maxpagesize=10');
    expect(pages[3]?.nextLink).toBeUndefined();
    expect(new Set(pages.flatMap(page => page.names)).size).toBe(33);
});

test('nextLink keeps the other query options', async () => {
    const [first] = await readAllPagesAsync(
        'accounts?$select=name,revenue&$filter=revenue gt 0&$orderby=name desc&$count=true',
        5,
    );
    const nextLink = new URL(first?.nextLink ?? '');

    expect(nextLink.pathname).toBe('/api/data/v9.2/accounts');
    expect(nextLink.searchParams.get('$select')).toBe('name,revenue');
    expect(nextLink.searchParams.get('$filter')).toBe('revenue gt 0');
    expect(nextLink.searchParams.get('$orderby')).toBe('name desc');
    expect(nextLink.searchParams.get('$count')).toBe('true');
    expect(nextLink.searchParams.get('$skiptoken')).toMatch(
        /^<cookie pagenumber="2" pagingcookie="[^"]+" istracking="False" \/>$/,
    );
});

test('pages keep the requested order', async () => {
    const pages = await readAllPagesAsync('accounts?$select=name&$orderby=name desc', 7);
    const names = pages.flatMap(page => page.names);
    const sorted = [...names].sort((a, b) => b.localeCompare(a, 'en', {sensitivity: 'base'}));

    expect(names).toEqual(sorted);
});

test('next page resumes after the last row', async () => {
    const emulator = getEmulator();
    const [first] = await readAllPagesAsync('accounts?$select=name&$orderby=name', 4);
    const inserted = emulator.store.insert('account', {name: 'AAA Inserted Between Pages'});
    try {
        const second = await readPageAsync(await followAsync(first?.nextLink ?? '', 4));

        expect(second.names).not.toContain('AAA Inserted Between Pages');
        expect(second.names).not.toContain(first?.names[3]);
        expect(second.names[0]?.localeCompare(first?.names[3] ?? '')).toBeGreaterThan(0);
    } finally {
        emulator.store.remove('account', String(inserted['accountid']));
    }
});

test('default page holds every row', async () => {
    const page = await readPageAsync(await callApiAsync(getEmulator(), 'accounts?$select=name'));

    expect(page.names).toHaveLength(33);
    expect(page.nextLink).toBeUndefined();
    expect(page.response.headers.get('preference-applied')).toBeNull();
});

test('maxpagesize above 5000 is capped', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts?$select=name', {
        headers: {Prefer: 'odata.maxpagesize=9000'},
    });

    expect(response.headers.get('preference-applied')).toBe('odata.maxpagesize=5000');
});

test('top is ignored beside maxpagesize', async () => {
    const page = await readPageAsync(
        await callApiAsync(getEmulator(), 'accounts?$select=name&$top=3', {
            headers: {Prefer: 'odata.maxpagesize=5'},
        }),
    );

    expect(page.names).toHaveLength(5);
    expect(page.nextLink).toBeDefined();
});

test('rejects a damaged skiptoken', async () => {
    const response = await callApiAsync(getEmulator(), 'accounts?$select=name&$skiptoken=garbage');
    const body = await readJsonAsync(response);

    expect(response.status).toBe(400);
    expect(body).toHaveProperty('error.code', '0x80060888');
});
