import {Box, FormField, SelectButtons} from '@airtable/blocks/ui';
import type {SettingsState} from '../settings/useSettings';
import type {ConflictPolicy} from '../sync';
import {DisabledReason} from './DisabledReason';

const OPTIONS: ReadonlyArray<{value: ConflictPolicy; label: string}> = [
    {value: 'dynamicsWins', label: 'Dynamics wins'},
    {value: 'airtableWins', label: 'Airtable wins'},
];

/** Chooses which side's value a sync keeps when a field changed on both sides. */
export function ConflictPolicyPicker({settings}: {readonly settings: SettingsState}) {
    const canEdit = settings.canEditSettings;
    return (
        <Box marginBottom={3}>
            <FormField label="When a field changed in both places" marginBottom={0}>
                <SelectButtons
                    value={settings.settings.conflictPolicy}
                    options={[...OPTIONS]}
                    disabled={!canEdit.ok}
                    onChange={value => {
                        if (value === 'dynamicsWins' || value === 'airtableWins') {
                            void settings.setConflictPolicyAsync(value);
                        }
                    }}
                />
            </FormField>
            <DisabledReason check={canEdit} />
        </Box>
    );
}
