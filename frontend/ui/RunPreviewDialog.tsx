/**
 * Shows everything a sync is about to write, per table and side, before it writes anything: rows
 * and records to create, updates with the fields they change, deletes with their cascades,
 * conflicts with both values, and values that cannot cross. It lists the reasons approval is needed. Each
 * delete starts ticked and can be unticked. Apply runs the sync with the ticked deletes, and
 * Cancel or closing the dialog writes nothing.
 */
import {Box, Button, Dialog, Heading, Text} from '@airtable/blocks/ui';
import {useState} from 'react';
import {
    describeApprovalReason,
    type DeleteDecision,
    type DeletePreviewTable,
    type PreviewWrite,
    type RunDecision,
    type RunPreview,
    type TablePreview,
} from '../sync';
import {CheckboxLine} from './CheckboxLine';
import {
    hasKeptRecords,
    listDeleteKeys,
    RESTORE_ROWS_DESCRIPTION,
    RESTORE_ROWS_LABEL,
    TableDeletes,
    toDecision,
} from './DeletePreviewDialog';
import {RecordList, type RecordListItem} from './RecordList';
import {
    describeChange,
    describeChangeInFullIfShortened,
    describeConflict,
    describeRunTotals,
    describeSideCounts,
    hasTableContent,
} from './runPreviewText';
import {WRAP_LONG_TEXT_STYLE} from './shortenText';

export interface RunPreviewDialogProps {
    readonly preview: RunPreview;
    onDecide(decision: RunDecision): void;
}

export function RunPreviewDialog({preview, onDecide}: RunPreviewDialogProps) {
    const allKeys = listDeleteKeys(preview.deletes);
    const [approvedKeys, setApprovedKeys] = useState<ReadonlySet<string>>(() => new Set(allKeys));
    const [shouldRestoreRows, setShouldRestoreRows] = useState(false);
    const cancel = () => onDecide({kind: 'cancel'});
    const apply = () => {
        const deletes: DeleteDecision =
            allKeys.length === 0
                ? {kind: 'approveAll', restoreRows: shouldRestoreRows}
                : toDecision(allKeys, approvedKeys, shouldRestoreRows);
        onDecide({kind: 'apply', deletes});
    };
    const toggle = (key: string) => {
        const next = new Set(approvedKeys);
        if (!next.delete(key)) {
            next.add(key);
        }
        setApprovedKeys(next);
    };

    return (
        <Dialog onClose={cancel} width="720px" maxWidth="100%" style={WRAP_LONG_TEXT_STYLE}>
            <Dialog.CloseButton />
            <Heading size="small">Review the sync before it writes</Heading>
            <Text marginBottom={2}>{describeRunTotals(preview)}</Text>
            <Box as="ul" paddingLeft={4} marginY={0} aria-label="Why approval is needed">
                {preview.reasons.map(reason => (
                    <Text as="li" key={describeApprovalReason(reason)}>
                        {describeApprovalReason(reason)}
                    </Text>
                ))}
            </Box>
            <Box maxHeight="60vh" overflowY="auto" marginTop={2}>
                {preview.tables.filter(hasTableContent).map(table => (
                    <TableSection
                        key={table.tableId}
                        table={table}
                        deleteTable={findDeleteTable(preview, table)}
                        approvedKeys={approvedKeys}
                        onToggle={toggle}
                    />
                ))}
            </Box>
            {hasKeptRecords(preview.deletes) ? (
                <CheckboxLine
                    label={RESTORE_ROWS_LABEL}
                    description={RESTORE_ROWS_DESCRIPTION}
                    isChecked={shouldRestoreRows}
                    onToggle={() => setShouldRestoreRows(!shouldRestoreRows)}
                />
            ) : null}
            <Box display="flex" marginTop={3}>
                <Button variant="primary" onClick={apply}>
                    Apply
                </Button>
                <Button marginLeft={2} onClick={cancel}>
                    Cancel
                </Button>
            </Box>
        </Dialog>
    );
}

interface TableSectionProps {
    readonly table: TablePreview;
    readonly deleteTable: DeletePreviewTable | null;
    readonly approvedKeys: ReadonlySet<string>;
    onToggle(key: string): void;
}

function TableSection({table, deleteTable, approvedKeys, onToggle}: TableSectionProps) {
    return (
        <Box as="section" marginBottom={3} aria-label={`Changes to ${table.tableName}`}>
            <Heading size="xsmall">{table.tableName}</Heading>
            <Text>{describeSideCounts(table.airtable, 'Airtable')}</Text>
            <Text marginBottom={1}>{describeSideCounts(table.dynamics, 'Dynamics')}</Text>
            <RecordList
                title="Rows to create in Airtable"
                items={toItems(table.airtable.creates)}
            />
            <RecordList
                title="Rows to update in Airtable"
                items={toItems(table.airtable.updates)}
            />
            <RecordList
                title="Records to create in Dynamics"
                items={toItems(table.dynamics.creates)}
            />
            <RecordList
                title="Records to update in Dynamics"
                items={toItems(table.dynamics.updates)}
            />
            <RecordList
                title="Conflicts"
                items={table.conflicts.map((conflict, index) => ({
                    key: `${index}`,
                    text: describeConflict(conflict),
                    name: conflict.ref.name,
                }))}
            />
            <RecordList
                title="Values that cannot cross"
                items={table.failures.map((failure, index) => ({
                    key: `${index}`,
                    text: failure.message,
                    name: failure.ref.name,
                }))}
            />
            {deleteTable === null ? null : (
                <TableDeletes table={deleteTable} approvedKeys={approvedKeys} onToggle={onToggle} />
            )}
        </Box>
    );
}

function toItems(writes: readonly PreviewWrite[]): RecordListItem[] {
    return writes.map((write, index) => ({
        key: `${index}:${write.ref.airtableRecordId ?? ''}:${write.ref.dynamicsId ?? ''}`,
        text: write.ref.name,
        name: write.ref.name,
        details: write.changes.map(change => {
            const fullText = describeChangeInFullIfShortened(change);
            const text = describeChange(change);
            return fullText === null ? text : {text, fullText};
        }),
    }));
}

function findDeleteTable(preview: RunPreview, table: TablePreview): DeletePreviewTable | null {
    return preview.deletes.tables.find(candidate => candidate.tableId === table.tableId) ?? null;
}
