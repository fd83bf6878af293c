/**
 * Creates the Airtable fields and tables that `suggestNewField` and `suggestedFieldsForNewTable`
 * describe: a field of the type the column needs, a choice for each option of a Choice column,
 * and a new table with the suggested fields and the sync's bookkeeping fields. Each creation has
 * a check that runs first, so its control can be disabled with the reason.
 */
import type {Base, Table} from '@airtable/blocks/models';
import type {FieldType} from '@airtable/blocks/models';
import {fromPermissionCheck, type CheckResult} from '../../airtable/checkResult';
import {toFieldDefinition} from '../../airtable/fieldCreation';
import {readTableSchema} from '../../airtable/tableSchema';
import {BOOKKEEPING_TEMPLATES, findBookkeepingFields} from '../../settings/mapping/bookkeeping';
import type {StoredFieldMapping, StoredTableMapping} from '../../settings/mapping/storedMapping';
import {
    suggestNewField,
    type NewFieldOptions,
    type NewFieldSuggestion,
    type SuggestedField,
} from '../../settings/mapping/suggestNewFields';
import type {TemplateField} from '../../settings/mappingTemplate';
import {airtableFieldId, airtableTableId, type AirtableFieldId} from '../../sync/ids';
import type {ColumnSpec} from '../../sync/mapping';

interface SdkFieldDefinition {
    readonly name: string;
    readonly type: FieldType;
    readonly options: Readonly<Record<string, unknown>> | null;
}

/**
 * Suggests the field to create for the column, renamed with its logical name when the table has a
 * field of that name, or returns the reason none can be created.
 */
export function suggestFieldToCreate(
    table: Table,
    column: ColumnSpec,
    options: NewFieldOptions,
): NewFieldSuggestion | {readonly reason: string} {
    const suggestion = suggestNewField(column, options);
    if (suggestion === null) {
        return {
            reason:
                `The lookup '${column.displayName}' needs a linked-record field, and none of ` +
                `the tables it points at syncs yet. Map one of them first.`,
        };
    }
    const name = chooseFreeName(table, suggestion.field.name, column);
    return {...suggestion, field: {...suggestion.field, name}};
}

export function checkCanCreateField(table: Table, suggestion: NewFieldSuggestion): CheckResult {
    const {name, type, options} = toSdkFieldDefinition(suggestion.field);
    const check = fromPermissionCheck(table.checkPermissionsForCreateField(name, type, options));
    return check.ok
        ? check
        : {ok: false, reason: `Can't create field "${name}" in "${table.name}": ${check.reason}`};
}

/** Creates the field and returns its mapping. The SDK resolves once the field exists. */
export async function createFieldAsync(
    table: Table,
    suggestion: NewFieldSuggestion,
): Promise<StoredFieldMapping> {
    const {name, type, options} = toSdkFieldDefinition(suggestion.field);
    const created = await table.createFieldAsync(name, type, options);
    return {
        column: suggestion.column,
        airtableFieldId: airtableFieldId(created.id),
        direction: suggestion.direction,
    };
}

export function checkCanCreateSyncFields(table: Table): CheckResult {
    for (const template of Object.values(BOOKKEEPING_TEMPLATES)) {
        const {name, type, options} = toFieldDefinition(template);
        const check = fromPermissionCheck(
            table.checkPermissionsForCreateField(name, type, options),
        );
        if (!check.ok) {
            return {
                ok: false,
                reason: `Can't create the sync fields in "${table.name}": ${check.reason}`,
            };
        }
    }
    return {ok: true};
}

/** Creates the bookkeeping fields the table lacks and returns the entry with both field ids. */
export async function createSyncFieldsAsync(
    table: Table,
    entry: StoredTableMapping,
): Promise<Pick<StoredTableMapping, 'dynamicsIdFieldId' | 'syncStateFieldId'>> {
    const ids = new Map<string, AirtableFieldId>();
    for (const lookup of findBookkeepingFields(entry, readTableSchema(table))) {
        const id = lookup.field?.id ?? (await createTemplateFieldAsync(table, lookup.template));
        ids.set(lookup.role, id);
    }
    return {
        dynamicsIdFieldId: ids.get('dynamicsId') ?? null,
        syncStateFieldId: ids.get('syncState') ?? null,
    };
}

async function createTemplateFieldAsync(
    table: Table,
    template: TemplateField,
): Promise<AirtableFieldId> {
    const {name, type, options} = toFieldDefinition(template);
    const created = await table.createFieldAsync(name, type, options);
    return airtableFieldId(created.id);
}

/** Returns the ids of the table's bookkeeping fields found by the entry's ids or by name. */
export function findSyncFieldIds(
    table: Table,
    entry: StoredTableMapping,
): Pick<StoredTableMapping, 'dynamicsIdFieldId' | 'syncStateFieldId'> {
    const lookups = findBookkeepingFields(entry, readTableSchema(table));
    const idOf = (role: string) => lookups.find(lookup => lookup.role === role)?.field?.id ?? null;
    return {dynamicsIdFieldId: idOf('dynamicsId'), syncStateFieldId: idOf('syncState')};
}

export function checkCanCreateTable(
    base: Base,
    name: string,
    fields: readonly NewFieldSuggestion[],
): CheckResult {
    const check = fromPermissionCheck(
        base.checkPermissionsForCreateTable(name, listTableFields(fields)),
    );
    return check.ok ? check : {ok: false, reason: `Can't create table "${name}": ${check.reason}`};
}

/**
 * Creates the table with the suggested fields, the first as its primary field, and the sync's
 * bookkeeping fields, and returns the entry that maps the Dynamics table to it.
 */
export async function createTableAsync(
    base: Base,
    entry: StoredTableMapping,
    name: string,
    fields: readonly NewFieldSuggestion[],
): Promise<StoredTableMapping> {
    const table = await base.createTableAsync(name, listTableFields(fields));
    const mappings = fields.map(suggestion => ({
        column: suggestion.column,
        airtableFieldId: airtableFieldId(table.getFieldByName(suggestion.field.name).id),
        direction: suggestion.direction,
    }));
    const mapped = {...entry, airtableTableId: airtableTableId(table.id), fields: mappings};
    // The entry's bookkeeping ids belong to its old table, so the new table's are found by name.
    return {...mapped, ...findSyncFieldIds(table, mapped)};
}

function listTableFields(fields: readonly NewFieldSuggestion[]) {
    const definitions = [
        ...fields.map(suggestion => toSdkFieldDefinition(suggestion.field)),
        ...Object.values(BOOKKEEPING_TEMPLATES).map(toFieldDefinition),
    ];
    return definitions.map(({name, type, options}) =>
        options === null ? {name, type} : {name, type, options},
    );
}

/** Adds what `toFieldDefinition` leaves to the caller: a select's choices, a time zone. */
function toSdkFieldDefinition(field: SuggestedField): SdkFieldDefinition {
    const definition = toFieldDefinition(field);
    if (field.choices !== undefined) {
        return {...definition, options: {choices: field.choices.map(name => ({name}))}};
    }
    if (field.timeZone !== undefined && definition.options !== null) {
        return {...definition, options: {...definition.options, timeZone: field.timeZone}};
    }
    return definition;
}

/** Airtable rejects a second field whose name differs only in case, so a clash gets a suffix. */
function chooseFreeName(table: Table, name: string, column: ColumnSpec): string {
    const taken = new Set(table.fields.map(field => field.name.toLowerCase()));
    const candidates = [name, `${name} (${column.logicalName})`];
    const free = candidates.find(candidate => !taken.has(candidate.toLowerCase()));
    if (free !== undefined) {
        return free;
    }
    let number = 2;
    while (taken.has(`${name} (${column.logicalName} ${number})`.toLowerCase())) {
        number++;
    }
    return `${name} (${column.logicalName} ${number})`;
}
