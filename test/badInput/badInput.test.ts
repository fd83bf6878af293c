/**
 * Drives the real engine, the real Airtable adapter on TestDriver and the real Dataverse client
 * against the emulator with every value of the bad-input corpus. Each value is tried where a new
 * row or record brings it, and where an edit brings it to one already synced. The bad record must
 * end with a message that names the record, its field and its value and states the fix. Every
 * other record must sync, and the bad value must stay where it was typed while the other side
 * keeps its own value.
 */
import '../../dev/demo/browserGlobals';
import {closeBrowserGlobals} from '../../dev/demo/browserGlobals';
import {SDK_UNLOAD_DELAY_MS} from '../../dev/demo/demoSync';
import type {Row} from '../../dev/emulator/entities/types';
import type {RecordOutcome, RunSummary} from '../../frontend/sync';
import {
    ACCOUNTS_TABLE_ID,
    OPPORTUNITIES_TABLE_ID,
    createDefaultMappings,
    row,
    type RecordFixture,
} from './badInputBase';
import {BadInputWorld, SharedEmulator} from './badInputWorld';
import {
    AIRTABLE_VALUE_CASES,
    DYNAMICS_VALUE_CASES,
    SETTING_CASES,
    type AirtableValueCase,
    type DynamicsValueCase,
} from './corpus';
import {SCENARIO_CASES} from './scenarios';
import {checkSettingCase} from './settingCases';

/** Every message ends with a fix, which contains one of these phrases. */
const FIX_PATTERN = /(sync again|Correct it|Shorten it|Add the|Change the|Remove |Map |Check )/;

let shared: SharedEmulator;

beforeAll(async () => {
    shared = await SharedEmulator.startAsync();
});

afterAll(async () => {
    await shared?.closeAsync();
    // Lets the SDK release the cases' queries, so no SDK timer outlives the file.
    await new Promise(resolve => setTimeout(resolve, SDK_UNLOAD_DELAY_MS + 100));
    closeBrowserGlobals();
    const size =
        AIRTABLE_VALUE_CASES.length +
        DYNAMICS_VALUE_CASES.length +
        SCENARIO_CASES.length +
        SETTING_CASES.length;
    process.stdout.write(
        `Bad-input corpus: ${size} cases (${AIRTABLE_VALUE_CASES.length} Airtable values, ` +
            `${DYNAMICS_VALUE_CASES.length} Dynamics values, ${SCENARIO_CASES.length} ` +
            `mid-run and permission scenarios, ${SETTING_CASES.length} stored settings)\n`,
    );
});

const GOOD_ACCOUNTS: readonly RecordFixture[] = [
    row('recGoodOne', {fldName: 'Good One', fldCity: 'Oslo', fldIndustry: {name: 'Financial'}}),
    row('recGoodTwo', {fldName: 'Good Two', fldCreditHold: true}),
];
const GOOD_DEAL = row('recGoodDeal', {
    fldTopic: 'Good Deal',
    fldProbability: 0.25,
    fldCloseDate: '2025-06-30',
    fldAccount: [{id: 'recGoodOne'}],
});

function findOutcome(summary: RunSummary, matches: (outcome: RecordOutcome) => boolean) {
    return summary.outcomes.find(matches) ?? null;
}

function getMessage(outcome: RecordOutcome | null): string {
    return outcome !== null && 'message' in outcome ? outcome.message : '';
}

function findRecordByName(world: BadInputWorld, logicalName: string, name: string): Row | null {
    return world.listRecords(logicalName).find(record => record['name'] === name) ?? null;
}

function findRowIdByName(world: BadInputWorld, tableId: string, name: string): string | null {
    const nameField = tableId === ACCOUNTS_TABLE_ID ? 'fldName' : 'fldTopic';
    const ids = world.listRowIds(tableId);
    return ids.find(id => world.getCell(tableId, id, nameField) === name) ?? null;
}

describe('bad Airtable values', () => {
    function badRows(badCase: AirtableValueCase, value: unknown) {
        const isAccount = badCase.table === 'accounts';
        const nameField = isAccount ? 'fldName' : 'fldTopic';
        // A second filled field keeps the row from counting as empty when the name is the bad value.
        const otherCell = isAccount ? {fldAccountNumber: 'AC-BAD'} : {fldValue: 100};
        const badRow = row('recBad', {
            [nameField]: isAccount ? 'Bad Row' : 'Bad Deal',
            ...otherCell,
            [badCase.fieldId]: value,
        });
        return {
            accounts: isAccount ? [...GOOD_ACCOUNTS, badRow] : GOOD_ACCOUNTS,
            opportunities: isAccount ? [GOOD_DEAL] : [GOOD_DEAL, badRow],
        };
    }

    function tableIdOf(badCase: AirtableValueCase): string {
        return badCase.table === 'accounts' ? ACCOUNTS_TABLE_ID : OPPORTUNITIES_TABLE_ID;
    }

    function expectBadRowReported(summary: RunSummary, badCase: AirtableValueCase): void {
        const outcome = findOutcome(summary, item => item.ref.airtableRecordId === 'recBad');
        const message = getMessage(outcome);
        const isNameCase = badCase.fieldId === 'fldName' || badCase.fieldId === 'fldTopic';

        expect(summary.error).toBeNull();
        expect(outcome?.status).toBe('failed');
        if (!isNameCase) {
            expect(message).toContain(badCase.table === 'accounts' ? "'Bad Row'" : "'Bad Deal'");
        }
        for (const mention of badCase.mentions) {
            expect(message).toContain(mention);
        }
        expect(message).toMatch(FIX_PATTERN);
    }

    function expectGoodRowsSynced(world: BadInputWorld): void {
        expect(findRecordByName(world, 'account', 'Good One')?.['address1_city']).toBe('Oslo');
        expect(findRecordByName(world, 'account', 'Good Two')?.['creditonhold']).toBe(true);
        expect(findRecordByName(world, 'opportunity', 'Good Deal')?.['closeprobability']).toBe(25);
    }

    test.each(AIRTABLE_VALUE_CASES.map(badCase => [badCase.title, badCase] as const))(
        'new row: %s',
        async (_title, badCase) => {
            const world = await BadInputWorld.createAsync(shared, {
                ...badRows(badCase, badCase.value),
            });
            try {
                const summary = await world.syncAsync(createDefaultMappings());

                expectBadRowReported(summary, badCase);
                expectGoodRowsSynced(world);
                expect(world.getCell(tableIdOf(badCase), 'recBad', badCase.fieldId)).toEqual(
                    badCase.value,
                );
                const logicalName = badCase.table === 'accounts' ? 'account' : 'opportunity';
                expect(world.listRecords(logicalName)).toHaveLength(
                    badCase.table === 'accounts' ? 2 : 1,
                );
            } finally {
                world.close();
            }
        },
    );

    test.each(AIRTABLE_VALUE_CASES.map(badCase => [badCase.title, badCase] as const))(
        'edited row: %s',
        async (_title, badCase) => {
            const world = await BadInputWorld.createAsync(shared, {
                ...badRows(badCase, badCase.goodValue),
            });
            const tableId = tableIdOf(badCase);
            const logicalName = badCase.table === 'accounts' ? 'account' : 'opportunity';
            try {
                await world.syncAsync(createDefaultMappings());
                const badRecordId = world.getCell(tableId, 'recBad', world.idFieldOf(tableId));
                const recordBefore = world.getRecord(logicalName, String(badRecordId));
                await world.setCellAsync(tableId, 'recBad', badCase.fieldId, badCase.value);
                await world.setCellAsync(ACCOUNTS_TABLE_ID, 'recGoodOne', 'fldCity', 'Bergen');

                const summary = await world.syncAsync(createDefaultMappings());

                expectBadRowReported(summary, badCase);
                expect(findRecordByName(world, 'account', 'Good One')?.['address1_city']).toBe(
                    'Bergen',
                );
                expect(world.getCell(tableId, 'recBad', badCase.fieldId)).toEqual(badCase.value);
                expect(recordBefore).not.toBeNull();
                expect(world.getRecord(logicalName, String(badRecordId))).toEqual(recordBefore);
            } finally {
                world.close();
            }
        },
    );
});

describe('bad Dynamics values', () => {
    function tableIdOf(badCase: DynamicsValueCase): string {
        return badCase.logicalName === 'account' ? ACCOUNTS_TABLE_ID : OPPORTUNITIES_TABLE_ID;
    }

    function insertRecords(
        world: BadInputWorld,
        badCase: DynamicsValueCase,
        value: string | number,
    ): string {
        world.insertRecord('account', {name: 'Good One', address1_city: 'Oslo'});
        world.insertRecord('account', {name: 'Good Two'});
        const name = badCase.logicalName === 'account' ? 'Bad Record' : 'Bad Deal';
        return world.insertRecord(badCase.logicalName, {name, [badCase.column]: value});
    }

    function expectBadRecordReported(
        summary: RunSummary,
        badCase: DynamicsValueCase,
        id: string,
    ): void {
        const outcome = findOutcome(summary, item => item.ref.dynamicsId === id);
        const message = getMessage(outcome);

        expect(summary.error).toBeNull();
        expect(outcome?.status).toBe('failed');
        if (badCase.column !== 'name') {
            expect(message).toMatch(/'Bad (Record|Deal)'/);
        }
        for (const mention of badCase.mentions) {
            expect(message).toContain(mention);
        }
        expect(message).toMatch(FIX_PATTERN);
    }

    test.each(DYNAMICS_VALUE_CASES.map(badCase => [badCase.title, badCase] as const))(
        'new record: %s',
        async (_title, badCase) => {
            const world = await BadInputWorld.createAsync(shared, {
                accounts: [],
                opportunities: [],
            });
            try {
                const id = insertRecords(world, badCase, badCase.value);
                const recordBefore = world.getRecord(badCase.logicalName, id);

                const summary = await world.syncAsync(createDefaultMappings());

                expectBadRecordReported(summary, badCase, id);
                expect(findRowIdByName(world, ACCOUNTS_TABLE_ID, 'Good One')).not.toBeNull();
                expect(findRowIdByName(world, ACCOUNTS_TABLE_ID, 'Good Two')).not.toBeNull();
                expect(world.findRowIdByDynamicsId(tableIdOf(badCase), id)).toBeNull();
                expect(world.getRecord(badCase.logicalName, id)).toEqual(recordBefore);
            } finally {
                world.close();
            }
        },
    );

    test.each(DYNAMICS_VALUE_CASES.map(badCase => [badCase.title, badCase] as const))(
        'edited record: %s',
        async (_title, badCase) => {
            const world = await BadInputWorld.createAsync(shared, {
                accounts: [],
                opportunities: [],
            });
            try {
                const id = insertRecords(world, badCase, badCase.goodValue);
                await world.syncAsync(createDefaultMappings());
                const tableId = tableIdOf(badCase);
                const rowId = world.findRowIdByDynamicsId(tableId, id);
                const cellsBefore = world.getCells(tableId, String(rowId));
                world.updateRecord(badCase.logicalName, id, {[badCase.column]: badCase.value});
                const goodTwo = findRecordByName(world, 'account', 'Good Two');
                world.updateRecord('account', String(goodTwo?.['accountid']), {
                    address1_city: 'Bergen',
                });
                const recordBefore = world.getRecord(badCase.logicalName, id);

                const summary = await world.syncAsync(createDefaultMappings());

                expectBadRecordReported(summary, badCase, id);
                const goodTwoRowId = findRowIdByName(world, ACCOUNTS_TABLE_ID, 'Good Two');
                expect(world.getCell(ACCOUNTS_TABLE_ID, String(goodTwoRowId), 'fldCity')).toBe(
                    'Bergen',
                );
                expect(rowId).not.toBeNull();
                expect(world.getCells(tableId, String(rowId))).toEqual(cellsBefore);
                expect(world.getRecord(badCase.logicalName, id)).toEqual(recordBefore);
            } finally {
                world.close();
            }
        },
    );
});

describe('bad runs', () => {
    const working = SCENARIO_CASES.filter(scenario => scenario.knownBug === undefined);
    const broken = SCENARIO_CASES.filter(scenario => scenario.knownBug !== undefined);

    test.each(working.map(scenario => [scenario.title, scenario] as const))(
        '%s',
        async (_title, scenario) => {
            await scenario.runAsync(shared);
        },
    );

    // Each of these fails until the engine is fixed, and its `knownBug` describes what happens instead.
    test.failing.each(broken.map(scenario => [scenario.title, scenario] as const))(
        '%s (known bug)',
        async (_title, scenario) => {
            await scenario.runAsync(shared);
        },
    );
});

describe('bad stored settings', () => {
    test.each(SETTING_CASES.map(settingCase => [settingCase.title, settingCase] as const))(
        '%s',
        (_title, settingCase) => {
            checkSettingCase(settingCase);
        },
    );
});
