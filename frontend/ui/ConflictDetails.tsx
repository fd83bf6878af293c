import {Box, Text} from '@airtable/blocks/ui';
import type {FieldConflict} from '../sync';
import {formatValue} from './formatValue';

/** Lists each conflicting field with both sides' values and which one the policy kept. */
export function ConflictDetails({conflicts}: {readonly conflicts: readonly FieldConflict[]}) {
    return (
        <Box as="ul" paddingLeft={3} marginY={1}>
            {conflicts.map(conflict => (
                <Text as="li" key={conflict.logicalName} size="small">
                    {conflict.fieldName}: Airtable had {formatValue(conflict.airtableValue)},
                    Dynamics had {formatValue(conflict.dynamicsValue)}. Kept the{' '}
                    {conflict.kept === 'airtable' ? 'Airtable' : 'Dynamics'} value.
                </Text>
            ))}
        </Box>
    );
}
