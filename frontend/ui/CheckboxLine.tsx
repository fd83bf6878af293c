import {Box, Text} from '@airtable/blocks/ui';
import {useElementId} from './useElementId';

interface CheckboxLineProps {
    readonly label: string;
    /** A sentence below the label on what ticking the box does, read out with the label. */
    readonly description?: string;
    readonly isChecked: boolean;
    onToggle(): void;
}

/** Renders a native checkbox with its label, because the Blocks UI kit has only switches. */
export function CheckboxLine({label, description, isChecked, onToggle}: CheckboxLineProps) {
    const descriptionId = useElementId('checkbox-description');
    return (
        <Box marginBottom={1}>
            <label style={CHECKBOX_LINE_STYLE}>
                <input
                    type="checkbox"
                    checked={isChecked}
                    onChange={onToggle}
                    aria-describedby={description === undefined ? undefined : descriptionId}
                />
                <Text marginLeft={2}>{label}</Text>
            </label>
            {description === undefined ? null : (
                <Text id={descriptionId} size="small" textColor="light" marginLeft={4}>
                    {description}
                </Text>
            )}
        </Box>
    );
}

const CHECKBOX_LINE_STYLE = {display: 'flex', alignItems: 'flex-start'} as const;
