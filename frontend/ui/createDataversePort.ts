/** Wires the engine's Dataverse port for one run over the environment's `fetch` and tokens. */
import {DataverseClient} from '../dataverse/dataverseClient';
import {createDataverseSide} from '../dataverse/dataverseSide';
import type {HttpLogger} from '../dataverse/http';
import type {TokenProvider} from '../dataverse/tokenProvider';
import {parseGuid, type DataverseSide, type Guid, type Logger} from '../sync';
import type {ExtensionEnvironment} from './environment';

export function createDataversePort(
    environmentUrl: string,
    environment: ExtensionEnvironment,
    tokenProvider: TokenProvider,
    runId: string,
): DataverseSide {
    const client = new DataverseClient({
        environmentUrl,
        tokenProvider,
        fetch: environment.fetch,
        clock: environment.clock,
        logger: toHttpLogger(environment.logger, runId),
    });
    return createDataverseSide(client);
}

/** Returns a random version 4 GUID from the browser's cryptographic generator. */
export function createRandomGuid(): Guid {
    return parseGuid(globalThis.crypto.randomUUID());
}

/** Returns a short random id that marks every log line of one run. */
export function createRunId(): string {
    return globalThis.crypto.randomUUID().slice(0, 8);
}

function toHttpLogger(logger: Logger | undefined, runId: string): HttpLogger | undefined {
    if (logger === undefined) {
        return undefined;
    }
    return {
        info: message => logger.log({level: 'info', runId, message, fields: {}}),
        warn: message => logger.log({level: 'warn', runId, message, fields: {}}),
    };
}
