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
        logger.error('Sync stopped', {code: summary.error.code, table: summary.error.tableName});
    }
    logger.info('Sync finished', {
        ...summary.counts,
        durationMs: summary.endedAtMs - summary.startedAtMs,
    });
}
