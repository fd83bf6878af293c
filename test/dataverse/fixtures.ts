/** Table references and ids shared by the client tests. */
import {entitySetName, logicalName, parseGuid} from '../../frontend/sync/ids';
import type {EntityRef} from '../../frontend/sync/mapping';

export const ACCOUNT: EntityRef = {
    logicalName: logicalName('account'),
    entitySetName: entitySetName('accounts'),
    primaryIdAttribute: logicalName('accountid'),
    primaryNameAttribute: logicalName('name'),
    displayName: 'Account',
};

export const CONTACT: EntityRef = {
    logicalName: logicalName('contact'),
    entitySetName: entitySetName('contacts'),
    primaryIdAttribute: logicalName('contactid'),
    primaryNameAttribute: logicalName('fullname'),
    displayName: 'Contact',
};

export const ACCOUNT_ID = parseGuid('7d1f3a52-3e6b-4c87-8d5a-0000000000b1');
export const OTHER_ACCOUNT_ID = parseGuid('8a1b2c3d-0000-4000-8000-0000000000b2');
