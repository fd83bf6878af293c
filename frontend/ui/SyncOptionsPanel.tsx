/**
 * The settings of when a sync needs approval and how often it runs on its own: "Preview every run",
 * the share of a table a run may delete without approval, and "Sync every N minutes". Editors
 * change them. Everyone else sees them, with the reason the controls are disabled.
 */
import {Box, FormField, Input, Select, Switch, Text} from '@airtable/blocks/ui';
import {useState} from 'react';
import {
    AUTO_SYNC_MINUTES,
    toAutoSyncMinutesIfValid,
    validateMaxDeletePercent,
} from '../settings/syncOptions';
import type {SyncOptionsState} from '../settings/useSyncOptions';
import {DisabledReason} from './DisabledReason';
import type {CheckResult} from '../airtable/checkResult';
import {ErrorText} from './ErrorText';

const OFF = 'off';

const INTERVAL_OPTIONS = [
    {value: OFF, label: 'Off'},
    ...AUTO_SYNC_MINUTES.map(minutes => ({value: String(minutes), label: `${minutes} minutes`})),
];

export function SyncOptionsPanel({state}: {readonly state: SyncOptionsState}) {
    const {options, canEditOptions} = state;
    const isDisabled = !canEditOptions.ok;
    const savedPercent = String(Math.round(options.approval.maxDeleteShare * 1000) / 10);
    const [percentText, setPercentText] = useState<string | null>(null);
    const percentValidation = validateMaxDeletePercent(percentText ?? savedPercent);

    const savePercent = () => {
        if (percentText !== null && percentValidation.isValid) {
            void state.setMaxDeletePercentAsync(percentValidation.value);
            setPercentText(null);
        }
    };

    return (
        <Box marginBottom={3}>
            <Switch
                value={options.approval.shouldPreviewEveryRun}
                label="Preview every run"
                disabled={isDisabled}
                onChange={value => void state.setPreviewEveryRunAsync(value)}
                marginBottom={1}
            />
            <Text size="small" textColor="light" marginBottom={2}>
                When off, a sync asks first only for a table's first sync, a delete in Dynamics, or
                a delete of more than the share below.
            </Text>
            <FormField label="Always ask before deleting more than this % of a table">
                <Input
                    type="number"
                    value={percentText ?? savedPercent}
                    disabled={isDisabled}
                    onChange={event => setPercentText(event.target.value)}
                    onBlur={savePercent}
                />
            </FormField>
            {percentValidation.isValid ? null : <ErrorText>{percentValidation.message}</ErrorText>}
            <FormField label="Sync every" marginBottom={0}>
                <Select
                    value={options.autoSyncMinutes === null ? OFF : String(options.autoSyncMinutes)}
                    options={INTERVAL_OPTIONS}
                    disabled={isDisabled}
                    onChange={value =>
                        void state.setAutoSyncMinutesAsync(toAutoSyncMinutesIfValid(Number(value)))
                    }
                />
            </FormField>
            <Text size="small" textColor="light">
                Automatic sync runs only while this extension is open, and writes only runs that
                need no approval.
            </Text>
            <DisabledReason check={describeReadOnly(canEditOptions)} />
        </Box>
    );
}

/** Words the reason for locked options so it reads apart from the other settings' reasons. */
function describeReadOnly(check: CheckResult): CheckResult {
    return check.ok
        ? check
        : {
              ok: false,
              reason: `You can see these sync options but not change them: ${check.reason}`,
          };
}
