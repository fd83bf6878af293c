/** Sends one `$batch` request and splits its `multipart/mixed` response into one part per request. */
import {
    buildBatchBody,
    parseBatchResponseIfValid,
    type BatchOperation,
    type BatchPartResponse,
} from './batch';
import type {ClientConnection} from './clientConnection';
import {createBadResponseError, type DataverseErrorContext} from './errors';
import {buildPreferValues} from './odata';

export async function executeBatchAsync(
    connection: ClientConnection,
    operations: readonly BatchOperation[],
    options: {readonly context: DataverseErrorContext; readonly signal?: AbortSignal},
): Promise<BatchPartResponse[]> {
    const boundary = `batch_${globalThis.crypto.randomUUID()}`;
    const apiPath = new URL(connection.apiRoot).pathname;
    const response = await connection.http.sendAsync({
        method: 'POST',
        url: `${connection.apiRoot}$batch`,
        context: options.context,
        rawBody: {
            contentType: `multipart/mixed; boundary="${boundary}"`,
            text: buildBatchBody(boundary, apiPath, operations),
        },
        prefer: buildPreferValues({continueOnError: true}),
        isTextResponse: true,
        signal: options.signal,
    });
    const parts =
        typeof response.body === 'string'
            ? parseBatchResponseIfValid(response.headers.get('Content-Type'), response.body)
            : null;
    if (parts === null || parts.length !== operations.length) {
        throw createBadResponseError(
            options.context,
            `The $batch response does not have one readable part for each of its ${operations.length} requests.`,
        );
    }
    return parts;
}
