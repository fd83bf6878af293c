import type {RunLogger} from '../logger';
import type {RunSummary} from '../outcomes';

/** Failed records logged one per line; the rest are only counted, so a bad table cannot flood the log. */
const MAX_LOGGED_FAILURES = 20;

export function logFinish(logger: RunLogger, summary: RunSummary): void {
    const failures = summary.outcomes.filter(outcome => outcome.status === 'failed');
    for (const outcome of failures.slice(0, MAX_LOGGED_FAILURES)) {
        if (outcome.status === 'failed') {
            logger.warn('Record failed', {
                code: outcome.code,
                table: outcome.tableId,
                airtableRecordId: outcome.ref.airtableRecordId,
                dynamicsId: outcome.ref.dynamicsId,
            });
        }
    }
    if (failures.length > MAX_LOGGED_FAILURES) {
        logger.warn('More records failed', {count: failures.length - MAX_LOGGED_FAILURES});
    }
    if (summary.error !== null) {
        const fields = {code: summary.error.code, table: summary.error.tableName};
        // A cancel is the person's own choice, not a failure, so it stays out of the error log.
        if (summary.error.code === 'cancelled') {
            logger.info('Sync stopped', fields);
        } else {
            logger.error('Sync stopped', fields);
        }
    }
    logger.info('Sync finished', {
        ...summary.counts,
        durationMs: summary.endedAtMs - summary.startedAtMs,
    });
}
