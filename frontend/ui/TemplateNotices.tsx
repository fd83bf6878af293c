/**
 * Notices for the template tables that cannot sync yet: a missing table (with "Create table"
 * when the user may create it), fields to fix, or a table waiting for another one.
 */
import type {Base} from '@airtable/blocks/models';
import {Box, Heading, Text} from '@airtable/blocks/ui';
import type {CheckResult} from '../airtable/checkResult';
import type {TemplateResolution} from '../settings/resolveTemplates';
import {assertNever} from '../sync/assertNever';
import {SchemaNotice} from './SchemaNotice';
import {TableMissingNotice} from './TableMissingNotice';

export interface TemplateNoticesProps {
    readonly base: Base;
    readonly resolutions: readonly TemplateResolution[];
    /** Whether the host can add fields at all. The sandbox's simulated base cannot. */
    readonly canCreateFields: CheckResult;
}

export function TemplateNotices({base, resolutions, canCreateFields}: TemplateNoticesProps) {
    return (
        <Box>
            {resolutions.map(resolution => (
                <TemplateNotice
                    key={resolution.template.tableName}
                    base={base}
                    resolution={resolution}
                    canCreateFields={canCreateFields}
                />
            ))}
        </Box>
    );
}

function TemplateNotice({
    base,
    resolution,
    canCreateFields,
}: {
    readonly base: Base;
    readonly resolution: TemplateResolution;
    readonly canCreateFields: CheckResult;
}) {
    switch (resolution.kind) {
        case 'ready':
            return null;
        case 'tableMissing':
            return (
                <Box marginTop={3}>
                    <TableMissingNotice base={base} template={resolution.template} />
                </Box>
            );
        case 'schemaProblems': {
            const table = base.getTableByIdIfExists(resolution.table.id);
            return table === null ? null : (
                <Box marginTop={3}>
                    <SchemaNotice
                        table={table}
                        problems={resolution.problems}
                        canCreateFields={canCreateFields}
                    />
                </Box>
            );
        }
        case 'waiting':
            return (
                <Box marginTop={3}>
                    <Heading size="small">"{resolution.template.tableName}" can't sync yet</Heading>
                    <Text>{resolution.reason}</Text>
                </Box>
            );
        default:
            return assertNever(resolution);
    }
}
