import {airtableTableId} from '../../../frontend/sync/ids';
import {
    DEFAULT_APPROVAL_SETTINGS,
    DEFAULT_MAX_DELETE_SHARE,
    describeApprovalReason,
    getApprovalReasons,
} from '../../../frontend/sync/preview/approvalRules';
import type {PreviewDelete, TablePreview} from '../../../frontend/sync/preview/types';

const NO_PREVIEW = {shouldPreviewEveryRun: false, maxDeleteShare: DEFAULT_MAX_DELETE_SHARE};
const EMPTY_SIDE = {creates: [], updates: [], deletes: []};

function rowDeletes(count: number): PreviewDelete[] {
    return Array.from({length: count}, (_, index) => ({
        key: `airtable:tblContacts:rec${index}`,
        ref: {airtableRecordId: null, dynamicsId: null, name: `Contact ${index}`},
        unsyncedFieldNames: [],
        cascade: null,
    }));
}

function tablePreview(overrides: Partial<TablePreview> = {}): TablePreview {
    return {
        tableId: airtableTableId('tblContacts'),
        tableName: 'Contacts',
        entityDisplayName: 'Contact',
        isFirstSync: false,
        rowCount: 20,
        recordCount: 20,
        airtable: EMPTY_SIDE,
        dynamics: EMPTY_SIDE,
        conflicts: [],
        failures: [],
        blockedDeletes: [],
        ...overrides,
    };
}

const ONE_UPDATE = {
    ...EMPTY_SIDE,
    updates: [{ref: {airtableRecordId: null, dynamicsId: null, name: 'Ada'}, changes: []}],
};

describe('getApprovalReasons', () => {
    test('empty run needs nothing', () => {
        const reasons = getApprovalReasons(
            [tablePreview({isFirstSync: true})],
            DEFAULT_APPROVAL_SETTINGS,
        );

        expect(reasons).toEqual([]);
    });

    test('first sync needs approval', () => {
        const table = tablePreview({isFirstSync: true, airtable: ONE_UPDATE});

        const reasons = getApprovalReasons([table], NO_PREVIEW);

        expect(reasons).toEqual([{kind: 'firstSync', tableNames: ['Contacts']}]);
    });

    test('Dynamics delete needs approval', () => {
        const dynamics = {...EMPTY_SIDE, deletes: rowDeletes(1)};

        const reasons = getApprovalReasons([tablePreview({dynamics})], NO_PREVIEW);

        expect(reasons).toEqual([{kind: 'dynamicsDeletes', count: 1}]);
    });

    test('share at the limit passes', () => {
        const airtable = {...EMPTY_SIDE, deletes: rowDeletes(2)};

        const reasons = getApprovalReasons([tablePreview({airtable})], NO_PREVIEW);

        expect(reasons).toEqual([]);
    });

    test('share above the limit asks', () => {
        const airtable = {...EMPTY_SIDE, deletes: rowDeletes(3)};

        const reasons = getApprovalReasons([tablePreview({airtable})], NO_PREVIEW);

        expect(reasons).toEqual([
            {
                kind: 'largeDelete',
                tableName: 'Contacts',
                side: 'airtable',
                count: 3,
                total: 20,
                maxShare: 0.1,
            },
        ]);
    });

    test('preview every run asks', () => {
        const reasons = getApprovalReasons(
            [tablePreview({dynamics: ONE_UPDATE})],
            DEFAULT_APPROVAL_SETTINGS,
        );

        expect(reasons).toEqual([{kind: 'previewEveryRun'}]);
    });

    test('preview off applies small runs', () => {
        const reasons = getApprovalReasons([tablePreview({dynamics: ONE_UPDATE})], NO_PREVIEW);

        expect(reasons).toEqual([]);
    });

    test('blocked delete counts as a write', () => {
        const blocked = {
            key: 'dynamics:tblContacts:1',
            ref: {airtableRecordId: null, dynamicsId: null, name: 'Ada'},
            reason: 'Blocked.',
        };

        const reasons = getApprovalReasons(
            [tablePreview({blockedDeletes: [blocked]})],
            DEFAULT_APPROVAL_SETTINGS,
        );

        expect(reasons).toEqual([{kind: 'previewEveryRun'}]);
    });
});

describe('describeApprovalReason', () => {
    test('names the share and side', () => {
        const text = describeApprovalReason({
            kind: 'largeDelete',
            tableName: 'Contacts',
            side: 'dynamics',
            count: 3,
            total: 20,
            maxShare: 0.1,
        });

        expect(text).toBe(
            'Deletes 3 of 20 records of Contacts in Dynamics, more than the 10 % a run may ' +
                'delete without approval.',
        );
    });
});
