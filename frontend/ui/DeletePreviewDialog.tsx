/**
 * Shows every delete a sync is about to make, per table and side, before anything is deleted:
 * what a Dynamics delete takes with it through cascades, which links are only cleared, and which
 * deletes Dynamics blocks. Each delete starts ticked, and the person approves the ticked ones or
 * declines them all. Closing the dialog declines, so nothing goes without a click on Approve.
 */
import {Box, Button, Dialog, Heading, Text} from '@airtable/blocks/ui';
import {useState} from 'react';
import type {DeleteDecision, DeletePreview, DeletePreviewTable, PlannedRowDelete} from '../sync';
import {
    describeBlockedDelete,
    describeCascadedRecord,
    describeClearedLink,
    describeDynamicsDelete,
    describePreviewCounts,
    describeRowDelete,
    describeUnsyncedChangesIfExists,
    pluralize,
} from './deletePreviewText';
import {CheckboxLine} from './CheckboxLine';
import {DisabledReason} from './DisabledReason';
import {WRAP_LONG_TEXT_STYLE} from './shortenText';

export const RESTORE_ROWS_LABEL = 'Re-create the deleted Airtable rows of records kept in Dynamics';
export const RESTORE_ROWS_DESCRIPTION =
    'A record stays in Dynamics when you untick or decline its delete, or when Dynamics blocks ' +
    'it. Tick this to add its row back to Airtable from Dynamics. Leave it unticked to keep ' +
    'the row deleted, and the next sync asks about that delete again.';

export interface DeletePreviewDialogProps {
    readonly preview: DeletePreview;
    onDecide(decision: DeleteDecision): void;
}

export function DeletePreviewDialog({preview, onDecide}: DeletePreviewDialogProps) {
    const allKeys = listDeleteKeys(preview);
    const [approvedKeys, setApprovedKeys] = useState<ReadonlySet<string>>(() => new Set(allKeys));
    const [shouldRestoreRows, setShouldRestoreRows] = useState(false);
    const decline = () => onDecide({kind: 'declineAll', restoreRows: shouldRestoreRows});

    const toggle = (key: string) => {
        const next = new Set(approvedKeys);
        if (!next.delete(key)) {
            next.add(key);
        }
        setApprovedKeys(next);
    };
    const approve = () => onDecide(toDecision(allKeys, approvedKeys, shouldRestoreRows));
    const canApprove =
        approvedKeys.size > 0
            ? {ok: true as const}
            : {ok: false as const, reason: 'Tick at least one delete, or decline them all.'};

    return (
        <Dialog onClose={decline} width="640px" maxWidth="100%" style={WRAP_LONG_TEXT_STYLE}>
            <Dialog.CloseButton />
            <Heading size="small">Review deletes before they happen</Heading>
            <Text marginBottom={2}>{describePreviewCounts(preview)}</Text>
            <Box maxHeight="60vh" overflowY="auto">
                {preview.tables.map(table => (
                    <PreviewTable
                        key={table.tableId}
                        table={table}
                        approvedKeys={approvedKeys}
                        onToggle={toggle}
                    />
                ))}
            </Box>
            {hasKeptRecords(preview) ? (
                <CheckboxLine
                    label={RESTORE_ROWS_LABEL}
                    description={RESTORE_ROWS_DESCRIPTION}
                    isChecked={shouldRestoreRows}
                    onToggle={() => setShouldRestoreRows(!shouldRestoreRows)}
                />
            ) : null}
            <Box display="flex" marginTop={3}>
                <Button variant="danger" disabled={!canApprove.ok} onClick={approve}>
                    {approvedKeys.size === allKeys.length
                        ? `Approve ${pluralize(allKeys.length, 'delete')}`
                        : `Approve ${approvedKeys.size} of ${pluralize(allKeys.length, 'delete')}`}
                </Button>
                <Button marginLeft={2} onClick={decline}>
                    Decline all
                </Button>
            </Box>
            <DisabledReason check={canApprove} />
        </Dialog>
    );
}

export interface PreviewTableProps {
    readonly table: DeletePreviewTable;
    readonly approvedKeys: ReadonlySet<string>;
    onToggle(key: string): void;
}

/** Shows one table's deletes in a section under the table's name. */
function PreviewTable(props: PreviewTableProps) {
    return (
        <Box as="section" marginBottom={3} aria-label={props.table.tableName}>
            <Heading size="xsmall">{props.table.tableName}</Heading>
            <TableDeletes {...props} />
        </Box>
    );
}

/**
 * Shows one table's deletes without a heading, so a dialog can list them in a section of its own
 * for the table.
 */
export function TableDeletes({table, approvedKeys, onToggle}: PreviewTableProps) {
    return (
        <>
            {table.dynamicsDeletes.map(planned => (
                <Box key={planned.key} marginBottom={2}>
                    <CheckboxLine
                        label={describeDynamicsDelete(table, planned)}
                        isChecked={approvedKeys.has(planned.key)}
                        onToggle={() => onToggle(planned.key)}
                    />
                    <Box as="ul" paddingLeft={4} marginY={0}>
                        {planned.cascade.deletedRecords.map(record => (
                            <Text
                                as="li"
                                size="small"
                                key={`${record.tableId}:${recordKey(record.ref)}`}
                            >
                                Also deleted: {describeCascadedRecord(record)}
                            </Text>
                        ))}
                        {planned.cascade.clearedLinks.map(link => (
                            <Text
                                as="li"
                                size="small"
                                key={`${link.tableId}:${recordKey(link.ref)}:${link.column}`}
                            >
                                {describeClearedLink(link)}
                            </Text>
                        ))}
                    </Box>
                </Box>
            ))}
            {table.airtableDeletes.map(planned => (
                <Box key={planned.key}>
                    <CheckboxLine
                        label={describeRowDelete(table, planned)}
                        isChecked={approvedKeys.has(planned.key)}
                        onToggle={() => onToggle(planned.key)}
                    />
                    <UnsyncedChangesWarning planned={planned} />
                </Box>
            ))}
            {table.blockedDeletes.map(blocked => (
                <Text key={blocked.key} textColor="red" marginBottom={1}>
                    {describeBlockedDelete(table, blocked)}
                </Text>
            ))}
        </>
    );
}

function recordKey(ref: {
    readonly airtableRecordId: string | null;
    readonly dynamicsId: string | null;
}) {
    return ref.dynamicsId ?? ref.airtableRecordId ?? '';
}

export function listDeleteKeys(preview: DeletePreview): string[] {
    return preview.tables.flatMap(table => [
        ...table.dynamicsDeletes.map(planned => planned.key),
        ...table.airtableDeletes.map(planned => planned.key),
    ]);
}

export function hasKeptRecords(preview: DeletePreview): boolean {
    return preview.counts.dynamicsDeletes > 0 || preview.counts.blockedDeletes > 0;
}

export function toDecision(
    allKeys: readonly string[],
    approvedKeys: ReadonlySet<string>,
    restoreRows: boolean,
): DeleteDecision {
    if (approvedKeys.size === allKeys.length) {
        return {kind: 'approveAll', restoreRows};
    }
    return {kind: 'approveSome', approvedKeys: [...approvedKeys], restoreRows};
}

function UnsyncedChangesWarning({planned}: {readonly planned: PlannedRowDelete}) {
    const warning = describeUnsyncedChangesIfExists(planned);
    if (warning === null) {
        return null;
    }
    return (
        <Text textColor="red" size="small" marginBottom={1} paddingLeft={4}>
            {warning}
        </Text>
    );
}
