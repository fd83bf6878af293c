/** Airtable's own names for field types, as people see them in the field editor. */
const FIELD_TYPE_NAMES: Readonly<Record<string, string>> = {
    singleLineText: 'single line text',
    multilineText: 'long text',
    richText: 'long text with rich text formatting',
    email: 'email',
    url: 'URL',
    phoneNumber: 'phone number',
    number: 'number',
    currency: 'currency',
    percent: 'percent',
    checkbox: 'checkbox',
    singleSelect: 'single select',
    date: 'date',
    dateTime: 'date and time',
};

/** Returns the readable name of an SDK `FieldType` value, such as "long text". */
export function describeFieldType(type: string): string {
    return FIELD_TYPE_NAMES[type] ?? type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Joins readable type names as "a, b or c". */
export function describeFieldTypes(types: readonly string[]): string {
    const names = types.map(describeFieldType);
    const last = names.pop();
    if (last === undefined) {
        return '';
    }
    return names.length === 0 ? last : `${names.join(', ')} or ${last}`;
}
