/** Reads the mapped tables from both sides for Clean up, with every record of each table. */
import {createRunLogger, type Logger} from '../logger';
import type {TableMapping} from '../mapping';
import type {AirtableSide, DataverseSide} from '../ports';
import {readTableAsync} from '../run/readTable';
import type {CleanupInput} from './findCleanupCandidates';

export interface CleanupReadInput {
    readonly airtable: AirtableSide;
    readonly dataverse: DataverseSide;
    readonly tables: readonly TableMapping[];
    readonly runId: string;
    readonly logger?: Logger;
    readonly signal?: AbortSignal;
}

/** Reads every table; a failing read throws, so no candidate comes from a partial read. */
export async function readCleanupInputAsync(input: CleanupReadInput): Promise<CleanupInput> {
    const context = {
        airtable: input.airtable,
        dataverse: input.dataverse,
        signal: input.signal,
        logger: createRunLogger(input.logger, input.runId),
        onProgress: () => undefined,
    };
    const tables = [];
    for (const table of input.tables) {
        tables.push(await readTableAsync(context, table, []));
    }
    return {tables};
}
