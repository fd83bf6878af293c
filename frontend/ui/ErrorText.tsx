import {Text} from '@airtable/blocks/ui';

/** A failure message for a person, announced to screen readers when it appears. */
export function ErrorText({children}: {readonly children: string}) {
    return (
        <Text textColor="red" marginTop={2} role="alert">
            {children}
        </Text>
    );
}
