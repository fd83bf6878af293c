/**
 * A read-only grid of the simulated Accounts table below the extension, so the sandbox's user sees
 * rows arrive and change while a sync runs. In Airtable the base's own grid plays this part.
 *
 * It also keeps a query on the table loaded for the page's lifetime, which the sandbox needs:
 * TestDriver keeps record updates only while a query on the table is loaded, where a real base
 * stores them. Without it, each sync's updates would be gone by the next sync.
 */
import {Box, Heading, Text, useBase, useRecords} from '@airtable/blocks/ui';
import type {Table} from '@airtable/blocks/models';
import {SANDBOX_TABLE_ID} from './fixture';

/** The fields shown, by name. The sync state is left out because it is long and unreadable. */
const SHOWN_FIELD_NAMES = ['Name', 'City', 'Main Phone', 'Employees', 'Dynamics ID'];

export function RecordsPreview() {
    const base = useBase();
    const table = base.getTableByIdIfExists(SANDBOX_TABLE_ID);
    return (
        <Box padding={3} borderTop="thick">
            <Heading size="small">Simulated Airtable base</Heading>
            {table === null ? (
                <Text>The Accounts table was removed from the simulated base.</Text>
            ) : (
                <RecordsGrid table={table} />
            )}
        </Box>
    );
}

function RecordsGrid({table}: {readonly table: Table}) {
    const fields = SHOWN_FIELD_NAMES.map(name => table.getFieldByNameIfExists(name)).filter(
        field => field !== null,
    );
    const records = useRecords(table, {fields});
    return (
        <Box>
            <Text textColor="light" marginBottom={2}>
                {table.name}: {records.length} rows
            </Text>
            <table data-testid="records-preview" style={{borderCollapse: 'collapse', fontSize: 12}}>
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
                                    {record.getCellValueAsString(field)}
                                </td>
                            ))}
                        </tr>
                    ))}
                </tbody>
            </table>
        </Box>
    );
}

const CELL_STYLE = {border: '1px solid #ddd', padding: '2px 6px', textAlign: 'left'} as const;
