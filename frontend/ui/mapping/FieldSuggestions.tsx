/** Lists suggested field mappings for the user to accept one by one or all at once. */
import {Box, Button, Heading, Text} from '@airtable/blocks/ui';
import type {CheckResult} from '../../airtable/checkResult';
import type {StoredFieldMapping} from '../../settings/mapping/storedMapping';
import type {FieldSuggestion} from '../../settings/mapping/suggestFieldMappings';

interface FieldSuggestionsProps {
    readonly suggestions: readonly FieldSuggestion[];
    readonly canEdit: CheckResult;
    onAccept(mappings: readonly StoredFieldMapping[]): void;
}

export function FieldSuggestions({suggestions, canEdit, onAccept}: FieldSuggestionsProps) {
    if (suggestions.length === 0) {
        return null;
    }
    return (
        <Box marginY={2} padding={2} backgroundColor="lightGray1" borderRadius="default">
            <Box display="flex" alignItems="center" justifyContent="space-between">
                <Heading size="xsmall" marginBottom={0}>
                    Suggested fields
                </Heading>
                <Button
                    size="small"
                    variant="primary"
                    disabled={!canEdit.ok}
                    onClick={() => onAccept(suggestions.map(toFieldMapping))}
                >
                    Accept all
                </Button>
            </Box>
            {suggestions.map(suggestion => (
                <Box
                    key={suggestion.column.logicalName}
                    display="flex"
                    alignItems="center"
                    justifyContent="space-between"
                    marginTop={1}
                >
                    <Text>
                        {suggestion.column.displayName} → {suggestion.fieldName}
                    </Text>
                    <Button
                        size="small"
                        disabled={!canEdit.ok}
                        aria-label={`Accept ${suggestion.fieldName} for ${suggestion.column.displayName}`}
                        onClick={() => onAccept([toFieldMapping(suggestion)])}
                    >
                        Accept
                    </Button>
                </Box>
            ))}
        </Box>
    );
}

function toFieldMapping(suggestion: FieldSuggestion): StoredFieldMapping {
    const {column, airtableFieldId, direction} = suggestion;
    return {column, airtableFieldId, direction};
}
