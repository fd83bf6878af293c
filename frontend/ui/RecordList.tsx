/**
 * An expandable list of records in the run preview. It starts collapsed, with its title and count.
 * Expanded, it shows the first records and "and N more", and "Show all" turns it into a scrolling
 * list of every record, so a long list never needs an export to be read. A long record name is
 * shortened where a line shows it, with the line's full text on hover.
 */
import {Box, Button, Text} from '@airtable/blocks/ui';
import {useState} from 'react';
import {shortenNameInMessage} from './shortenText';
import {useElementId} from './useElementId';

/** The records an expanded list shows before "and N more"; the rest are one click away. */
export const MAX_LISTED_RECORDS = 10;

export interface RecordListItem {
    readonly key: string;
    /** The record's line: its name, or a sentence that contains the name. */
    readonly text: string;
    /**
     * The record's name as `text` contains it. Only the name is shortened, because the rest of a
     * sentence is short and describes what happens to the record.
     */
    readonly name: string;
    /** Lines shown under the record, such as the fields an update changes. */
    readonly details?: ReadonlyArray<string | RecordDetail>;
}

/** A line under a record whose text was shortened, with the full text shown on hover. */
export interface RecordDetail {
    readonly text: string;
    readonly fullText: string;
}

interface RecordListProps {
    readonly title: string;
    readonly items: readonly RecordListItem[];
}

export function RecordList({title, items}: RecordListProps) {
    const [isExpanded, setIsExpanded] = useState(false);
    const [isShowingAll, setIsShowingAll] = useState(false);
    const listId = useElementId('record-list');
    if (items.length === 0) {
        return null;
    }

    const shown = isShowingAll ? items : items.slice(0, MAX_LISTED_RECORDS);
    const hiddenCount = items.length - shown.length;
    return (
        <Box marginBottom={1}>
            <Button
                size="small"
                variant="secondary"
                icon={isExpanded ? 'chevronDown' : 'chevronRight'}
                aria-expanded={isExpanded}
                aria-controls={listId}
                onClick={() => setIsExpanded(!isExpanded)}
            >
                {`${title} (${items.length})`}
            </Button>
            {isExpanded ? (
                <Box id={listId} maxHeight={isShowingAll ? '240px' : undefined} overflowY="auto">
                    <Box as="ul" paddingLeft={4} marginY={1}>
                        {shown.map(item => (
                            <Text as="li" key={item.key} size="small">
                                <ItemText item={item} />
                                {(item.details ?? []).map(detail => {
                                    const line =
                                        typeof detail === 'string'
                                            ? {text: detail, fullText: undefined}
                                            : detail;
                                    return (
                                        <Text
                                            as="span"
                                            display="block"
                                            key={line.text}
                                            textColor="light"
                                        >
                                            <span title={line.fullText}>{line.text}</span>
                                        </Text>
                                    );
                                })}
                            </Text>
                        ))}
                    </Box>
                    {hiddenCount > 0 ? (
                        <Box display="flex" alignItems="center">
                            <Text size="small">and {hiddenCount} more</Text>
                            <Button
                                size="small"
                                variant="secondary"
                                marginLeft={2}
                                onClick={() => setIsShowingAll(true)}
                            >
                                Show all
                            </Button>
                        </Box>
                    ) : null}
                </Box>
            ) : null}
        </Box>
    );
}

/** Shows the item's line with a long name shortened, and the full line as the title. */
function ItemText({item}: {readonly item: RecordListItem}) {
    const shownText = shortenNameInMessage(item.text, item.name);
    return <span title={shownText === item.text ? undefined : item.text}>{shownText}</span>;
}
