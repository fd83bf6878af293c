/** Formats the benchmark's report as plain-text tables, one per workload. */
import type {WorkloadReport} from './benchSession';
import {formatRequestKinds} from './requestKinds';
import type {BenchReport} from './runBench';

/** The rows every workload's table prints, in order. */
export const WORKLOAD_ROWS = [
    'Sync result',
    'Dataverse requests',
    'Airtable write calls',
    'Wall time',
    'Peak memory',
    'Lower bound',
    'Wall time / bound',
    'Client vs dynamics-web-api',
] as const;

export type WorkloadRow = (typeof WORKLOAD_ROWS)[number];

/** The target for wall time over the lower bound, for the import and the edits. */
export const TARGET_BOUND_RATIO = 1.2;
/** The target for the CPU time of planning the nothing-changed resync. */
export const TARGET_PLANNING_CPU_MS = 1000;

const LABEL_WIDTH = Math.max(...WORKLOAD_ROWS.map(row => row.length)) + 2;

export function formatReport(report: BenchReport): string[] {
    const {options} = report;
    const lines = [
        `Benchmark (${options.isSmall ? 'small' : 'full'}): Dataverse latency ` +
            `${options.latencyMs} ms per request, Airtable ${options.writeDelayMs} ms per write call`,
        '',
    ];
    report.workloads.forEach((workload, index) => {
        lines.push(`${index + 1}. ${workload.title}`);
        const rows = formatWorkloadRows(workload, index === 1);
        for (const row of WORKLOAD_ROWS) {
            lines.push(`  ${row.padEnd(LABEL_WIDTH)}${rows[row]}`);
        }
        lines.push('');
    });
    lines.push(...formatPlanning(report), '', `Total run time: ${formatSeconds(report.totalMs)}`);
    return lines;
}

function formatWorkloadRows(
    workload: WorkloadReport,
    isNothingChanged: boolean,
): Record<WorkloadRow, string> {
    const {bound, memory, airtable} = workload;
    const ratio = workload.wallMs / bound.totalMs;
    const writeKinds = Object.entries(airtable.writeCalls)
        .filter(([, count]) => count > 0)
        .map(([kind, count]) => `${kind} ${count}`);
    const rejected = airtable.rejectedCalls > 0 ? `; REJECTED ${airtable.rejectedCalls}` : '';
    return {
        'Sync result': formatSyncResult(workload),
        'Dataverse requests':
            `${workload.dataverseRequests.total} (${formatRequestKinds(workload.dataverseRequests)}); ` +
            `${workload.dataverseWrites} record writes`,
        'Airtable write calls': `${workload.airtableWriteCalls} (${writeKinds.join(', ') || 'none'})${rejected}`,
        'Wall time': formatSeconds(workload.wallMs),
        'Peak memory': `heap ${formatMegabytes(memory.heapUsedBytes)}, rss ${formatMegabytes(memory.rssBytes)}`,
        'Lower bound':
            `${formatSeconds(bound.totalMs)} (Airtable ${formatSeconds(bound.airtableMs)}, ` +
            `Dataverse ${formatSeconds(bound.dataverseMs)} in ${bound.dataverseRequests} requests)`,
        'Wall time / bound': isNothingChanged
            ? `${ratio.toFixed(2)}; ${formatNothingChangedTarget(workload)}`
            : `${ratio.toFixed(2)} (target ${TARGET_BOUND_RATIO}: ${ratio <= TARGET_BOUND_RATIO ? 'met' : 'not met'})`,
        'Client vs dynamics-web-api': formatClientComparison(workload),
    };
}

function formatSyncResult(workload: WorkloadReport): string {
    const {summary} = workload;
    const counts = Object.entries(summary.counts)
        .filter(([, count]) => count > 0)
        .map(([name, count]) => `${name} ${count}`);
    const error = summary.error === null ? '' : `; STOPPED: ${summary.error.message}`;
    return `${counts.join(', ') || 'no records'}${error}`;
}

/** Checks the target of a resync with nothing changed: one request per table and no write. */
function formatNothingChangedTarget(workload: WorkloadReport): string {
    const tableCount = workload.summary.tables.length;
    const isMet =
        workload.dataverseRequests.total <= tableCount &&
        workload.dataverseWrites === 0 &&
        workload.airtableWriteCalls === 0;
    return `target ${tableCount} requests and no write: ${isMet ? 'met' : 'not met'}`;
}

function formatClientComparison(workload: WorkloadReport): string {
    const {webApi} = workload;
    const ratio = webApi.wallMs > 0 ? (workload.clientMs / webApi.wallMs).toFixed(2) : 'n/a';
    const failed = webApi.writesFailed > 0 ? `, ${webApi.writesFailed} writes failed` : '';
    const skipped =
        webApi.deletesSkipped > 0 ? `, ${webApi.deletesSkipped} deletes not replayed` : '';
    return (
        `ours ${formatSeconds(workload.clientMs)}, dynamics-web-api ` +
        `${formatSeconds(webApi.wallMs)} in ${workload.webApiRequests.total} requests, ` +
        `ratio ${ratio}${failed}${skipped}`
    );
}

function formatPlanning(report: BenchReport): string[] {
    const {planning} = report;
    const steps = Object.entries(planning.stepsByKind)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', ');
    const isMet = planning.cpuMs < TARGET_PLANNING_CPU_MS;
    return [
        `Planning the resync of ${planning.recordCount} records: ${planning.cpuMs.toFixed(0)} ms CPU ` +
            `(target under ${TARGET_PLANNING_CPU_MS} ms: ${isMet ? 'met' : 'not met'})`,
        `  steps: ${steps || 'none'}`,
    ];
}

function formatSeconds(ms: number): string {
    return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function formatMegabytes(bytes: number): string {
    return `${Math.round(bytes / (1024 * 1024))} MB`;
}
