/** @jest-environment ./test/setup/jsdomEnvironment.ts */
import TestDriver from '@airtable/blocks-testing';
import {FieldType} from '@airtable/blocks/models';
import {readBaseSchema} from '../../../frontend/settings/mapping/readBaseSchema';
import {ACCOUNTS_FIELDS, createAccountsFixture} from '../../fixtures/accountsBase';

const INDUSTRY_FIELD = {
    id: 'fldIndustry',
    name: 'Industry',
    type: FieldType.SINGLE_SELECT,
    options: {
        choices: [
            {id: 'selAccounting', name: 'Accounting', color: 'blueLight2'},
            {id: 'selFarming', name: 'Farming', color: 'greenLight2'},
        ],
    },
    description: null,
};

describe('readBaseSchema', () => {
    test('reads select choices', () => {
        const driver = new TestDriver(
            createAccountsFixture({fields: [...ACCOUNTS_FIELDS, INDUSTRY_FIELD]}),
        );

        const [accounts] = readBaseSchema(driver.base);

        const industry = accounts?.fields.find(field => field.id === 'fldIndustry');
        expect(industry?.type).toBe('singleSelect');
        expect(industry?.choices).toEqual(['Accounting', 'Farming']);
    });

    test('leaves other fields without choices', () => {
        const driver = new TestDriver(createAccountsFixture());

        const [accounts] = readBaseSchema(driver.base);

        expect(accounts?.fields.some(field => field.choices !== undefined)).toBe(false);
        expect(accounts?.fields).toHaveLength(ACCOUNTS_FIELDS.length);
    });
});
