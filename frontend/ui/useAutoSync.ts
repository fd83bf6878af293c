/**
 * Runs the sync at the interval the "Sync every N minutes" setting sets, while the extension is
 * open. A tick that finds a run in progress, or a user who may not sync, does nothing.
 * Automatic runs have no one to ask, so only runs that need no approval write. When one needs it,
 * the hook keeps a message with the reasons until the next run, and the user presses "Sync now"
 * to see the preview.
 */
import {useEffect, useRef, useState} from 'react';
import type {AutoSyncMinutes} from '../settings/syncOptions';
import type {RunSummary} from '../sync';

const MS_PER_MINUTE = 60_000;

export interface AutoSyncOptions {
    /** The interval, or null when automatic sync is off. */
    readonly minutes: AutoSyncMinutes | null;
    /** Whether the user may sync now: signed in, and allowed to write the synced tables. */
    readonly canSync: boolean;
    readonly isRunning: boolean;
    startAutomaticAsync(): Promise<RunSummary | null>;
}

export interface AutoSync {
    /** Such as "Automatic sync is waiting for your approval: …", or null. */
    readonly waitingMessage: string | null;
    clearWaitingMessage(): void;
}

export function useAutoSync(options: AutoSyncOptions): AutoSync {
    const [waitingMessage, setWaitingMessage] = useState<string | null>(null);
    // The interval outlives renders, so each tick reads the options of the latest render.
    const optionsRef = useRef(options);
    optionsRef.current = options;
    const isMountedRef = useRef(true);
    useEffect(
        () => () => {
            isMountedRef.current = false;
        },
        [],
    );

    useEffect(() => {
        if (options.minutes === null) {
            return undefined;
        }
        const tickAsync = async () => {
            const current = optionsRef.current;
            if (current.isRunning || !current.canSync) {
                return;
            }
            const summary = await current.startAutomaticAsync();
            if (isMountedRef.current && summary !== null) {
                setWaitingMessage(getWaitingMessageIfExists(summary));
            }
        };
        const interval = setInterval(() => void tickAsync(), options.minutes * MS_PER_MINUTE);
        return () => clearInterval(interval);
    }, [options.minutes]);

    return {waitingMessage, clearWaitingMessage: () => setWaitingMessage(null)};
}

function getWaitingMessageIfExists(summary: RunSummary): string | null {
    const error = summary.error;
    if (error === null || error.code !== 'approvalNeeded') {
        return null;
    }
    return `Automatic sync is waiting for your approval: ${error.detail ?? error.message}`;
}
