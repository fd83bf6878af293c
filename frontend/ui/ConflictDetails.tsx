import {Box, Text} from '@airtable/blocks/ui';
import type {CanonicalValue, FieldConflict} from '../sync';
import {formatValue} from './formatValue';

/**
 * Lists each conflicting field with both sides' values and which one the policy kept. Long values
 * are shortened, and hovering over the line shows them in full.
 */
export function ConflictDetails({conflicts}: {readonly conflicts: readonly FieldConflict[]}) {
    return (
        <Box as="ul" paddingLeft={3} marginY={1}>
            {conflicts.map(conflict => (
                <Text as="li" key={conflict.logicalName} size="small">
                    <span title={describeFullValues(conflict)}>
                        {conflict.fieldName}: Airtable had {formatValue(conflict.airtableValue)},
                        Dynamics had {formatValue(conflict.dynamicsValue)}. Kept the{' '}
                        {conflict.kept === 'airtable' ? 'Airtable' : 'Dynamics'} value.
                    </span>
                </Text>
            ))}
        </Box>
    );
}

/** Returns both values in full when formatting shortened either, and undefined otherwise. */
function describeFullValues(conflict: FieldConflict): string | undefined {
    const values = [conflict.airtableValue, conflict.dynamicsValue];
    if (values.every(value => formatValue(value) === formatFullValue(value))) {
        return undefined;
    }
    return (
        `Airtable had ${formatFullValue(conflict.airtableValue)}. ` +
        `Dynamics had ${formatFullValue(conflict.dynamicsValue)}.`
    );
}

function formatFullValue(value: CanonicalValue): string {
    return typeof value === 'string' ? `"${value}"` : formatValue(value);
}
