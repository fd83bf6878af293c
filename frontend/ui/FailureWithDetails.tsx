import {Box, Text, TextButton} from '@airtable/blocks/ui';
import {useState} from 'react';
import {ErrorText} from './ErrorText';

interface FailureWithDetailsProps {
    /** The failure and the next step, written for a person. */
    readonly message: string;
    /** The raw error text from the SDK or the service, shown only on request. */
    readonly detail: string;
}

/** Shows a failure in words, with the raw error one click away under "Show details". */
export function FailureWithDetails({message, detail}: FailureWithDetailsProps) {
    const [isDetailShown, setIsDetailShown] = useState(false);
    return (
        <Box>
            <ErrorText>{message}</ErrorText>
            <TextButton size="small" onClick={() => setIsDetailShown(shown => !shown)}>
                {isDetailShown ? 'Hide details' : 'Show details'}
            </TextButton>
            {isDetailShown ? (
                <Text size="small" textColor="light">
                    {detail}
                </Text>
            ) : null}
        </Box>
    );
}
