import {ACCOUNTS_TEMPLATE} from './accountsTemplate';
import {CONTACTS_TEMPLATE} from './contactsTemplate';
import type {MappingTemplate} from './mappingTemplate';
import {OPPORTUNITIES_TEMPLATE} from './opportunitiesTemplate';

/** The tables the extension syncs, parents first, which is the order the UI lists them in. */
export const SYNC_TEMPLATES: readonly MappingTemplate[] = [
    ACCOUNTS_TEMPLATE,
    CONTACTS_TEMPLATE,
    OPPORTUNITIES_TEMPLATE,
];
