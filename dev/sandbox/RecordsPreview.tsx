/**
 * Read-only grids of the simulated Accounts and Opportunities tables below the extension, so the
 * sandbox's user sees rows arrive and change while a sync runs. In Airtable the base's own grid
 * plays this part.
 *
 * It also keeps a query on each shown table loaded for the page's lifetime, which the sandbox
 * needs: TestDriver keeps record updates only while a query on the table is loaded, where a real
 * base stores them. Without it, each sync's updates would be gone by the next sync.
 */
import {Box, Heading, Text, useBase, useRecords} from '@airtable/blocks/ui';
import {
    FieldType,
    type Field,
    type Record as AirtableRecord,
    type Table,
} from '@airtable/blocks/models';
import {SANDBOX_TABLE_ID} from './fixture';
import {OPPORTUNITIES_TABLE_ID} from './relatedTables';

interface ShownTable {
    readonly tableId: string;
    readonly tableName: string;
    /** The fields shown, by name. The sync state is left out because it is long and unreadable. */
    readonly fieldNames: readonly string[];
}

const SHOWN_TABLES: readonly ShownTable[] = [
    {
        tableId: SANDBOX_TABLE_ID,
        tableName: 'Accounts',
        fieldNames: ['Name', 'City', 'Main Phone', 'Employees', 'Dynamics ID'],
    },
    {
        tableId: OPPORTUNITIES_TABLE_ID,
        tableName: 'Opportunities',
        fieldNames: [
            'Topic',
            'Estimated Value',
            'Potential Customer',
            'Est. Close Date',
            'Status Reason',
            'Dynamics ID',
        ],
    },
];

export function RecordsPreview() {
    const base = useBase();
    return (
        <Box padding={3} borderTop="thick">
            <Heading size="small">Simulated Airtable base</Heading>
            {SHOWN_TABLES.map(shown => {
                const table = base.getTableByIdIfExists(shown.tableId);
                return table === null ? (
                    <Text key={shown.tableId}>
                        The {shown.tableName} table was removed from the simulated base.
                    </Text>
                ) : (
                    <RecordsGrid key={shown.tableId} table={table} fieldNames={shown.fieldNames} />
                );
            })}
        </Box>
    );
}

interface RecordsGridProps {
    readonly table: Table;
    readonly fieldNames: readonly string[];
}

function RecordsGrid({table, fieldNames}: RecordsGridProps) {
    const fields = fieldNames
        .map(name => table.getFieldByNameIfExists(name))
        .filter(field => field !== null);
    const records = useRecords(table, {fields});
    return (
        <Box marginBottom={3}>
            <Text textColor="light" marginBottom={2}>
                {table.name}: {records.length} rows
            </Text>
            <table
                data-testid={`records-preview-${table.id}`}
                style={{borderCollapse: 'collapse', fontSize: 12}}
            >
                <thead>
                    <tr>
                        {fields.map(field => (
                            <th key={field.id} style={CELL_STYLE}>
                                {field.name}
                            </th>
                        ))}
                    </tr>
                </thead>
                <tbody>
                    {records.map(record => (
                        <tr key={record.id}>
                            {fields.map(field => (
                                <td key={field.id} style={CELL_STYLE}>
                                    {formatCell(record, field)}
                                </td>
                            ))}
                        </tr>
                    ))}
                </tbody>
            </table>
        </Box>
    );
}

/**
 * Formats a cell for the grid. TestDriver's `getCellValueAsString` turns linked records into
 * "[object Object]", so links are listed by name, or by row id where the cell has no name.
 */
function formatCell(record: AirtableRecord, field: Field): string {
    const value = record.getCellValue(field);
    if (field.type !== FieldType.MULTIPLE_RECORD_LINKS || !Array.isArray(value)) {
        return record.getCellValueAsString(field);
    }
    return value
        .map((link: {readonly id: string; readonly name?: string}) => link.name ?? link.id)
        .join(', ');
}

const CELL_STYLE = {border: '1px solid #ddd', padding: '2px 6px', textAlign: 'left'} as const;
