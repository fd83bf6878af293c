import type {TemplateField} from './mappingTemplate';

/** The field that stores each row's Dataverse GUID; people and formulas may read it. */
export const DYNAMICS_ID_FIELD: TemplateField = {name: 'Dynamics ID', type: 'singleLineText'};

/**
 * The field that stores each row's sync state as JSON. It must be plain long text: rich text
 * would rewrite the JSON as markdown.
 */
export const SYNC_STATE_FIELD: TemplateField = {name: 'Sync state', type: 'multilineText'};
