/**
 * Writes a `$batch` response: a `multipart/mixed` body with the server's own boundary, one
 * `application/http` part per response, and change-set results nested under a
 * `changesetresponse_<guid>` boundary. Lines end in CRLF, as on the wire.
 */
import {randomUUID} from 'node:crypto';
import {STATUS_CODES} from 'node:http';

import type {ApiResponse} from '../context';
import {preferenceApplied} from '../representation';

const CRLF = '\r\n';

export type PartResult =
    | {readonly kind: 'response'; readonly response: ApiResponse; readonly contentId: string | null}
    | {
          readonly kind: 'changeSet';
          readonly responses: ReadonlyArray<{
              readonly response: ApiResponse;
              readonly contentId: string | null;
          }>;
      };

function writeHttpPart(response: ApiResponse, contentId: string | null): string {
    const partHeaders = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
    if (contentId !== null) {
        partHeaders.push(`Content-ID: ${contentId}`);
    }
    const headers: Record<string, string> = {...response.headers};
    const entityId = headers['OData-EntityId'];
    if (entityId !== undefined) {
        // Inside a batch the service repeats the new row's URL as Location.
        delete headers['OData-EntityId'];
        headers['Location'] = entityId;
        headers['OData-EntityId'] = entityId;
    }
    const statusLine = `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`;
    const headerLines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    return [
        partHeaders.join(CRLF),
        '',
        [statusLine, ...headerLines].join(CRLF),
        '',
        response.body,
    ].join(CRLF);
}

function writeMultipart(boundary: string, parts: readonly string[]): string {
    return (
        parts.map(part => `--${boundary}${CRLF}${part}${CRLF}`).join('') + `--${boundary}--${CRLF}`
    );
}

function writePart(result: PartResult): string {
    switch (result.kind) {
        case 'response':
            return writeHttpPart(result.response, result.contentId);
        case 'changeSet': {
            const boundary = `changesetresponse_${randomUUID()}`;
            const inner = result.responses.map(({response, contentId}) =>
                writeHttpPart(response, contentId),
            );
            return `Content-Type: multipart/mixed; boundary=${boundary}${CRLF}${CRLF}${writeMultipart(boundary, inner)}`;
        }
    }
}

export function writeBatchResponse(
    status: number,
    boundary: string,
    results: readonly PartResult[],
    hasContinuedOnError: boolean,
): ApiResponse {
    return {
        status,
        headers: {
            'OData-Version': '4.0',
            'Content-Type': `multipart/mixed; boundary=${boundary}`,
            ...preferenceApplied([hasContinuedOnError ? 'odata.continue-on-error' : null]),
        },
        body: writeMultipart(boundary, results.map(writePart)),
    };
}
