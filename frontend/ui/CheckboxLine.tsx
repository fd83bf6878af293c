import {Box, Text} from '@airtable/blocks/ui';

interface CheckboxLineProps {
    readonly label: string;
    readonly isChecked: boolean;
    onToggle(): void;
}

/** Renders a native checkbox with its label, because the Blocks UI kit has only switches. */
export function CheckboxLine({label, isChecked, onToggle}: CheckboxLineProps) {
    return (
        <Box marginBottom={1}>
            <label style={CHECKBOX_LINE_STYLE}>
                <input type="checkbox" checked={isChecked} onChange={onToggle} />
                <Text marginLeft={2}>{label}</Text>
            </label>
        </Box>
    );
}

const CHECKBOX_LINE_STYLE = {display: 'flex', alignItems: 'flex-start'} as const;
