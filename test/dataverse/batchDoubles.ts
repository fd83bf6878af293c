/**
 * Helpers for `$batch` on the scripted wire: a reply with one `application/http` part per scripted
 * response, and the requests a sent batch body contains.
 */
import type {ScriptedReply, SentRequest} from './doubles';

const CRLF = '\r\n';
const RESPONSE_BOUNDARY = 'batchresponse_0d2e8f10-5a6b-4c7d-9e8f-000000000001';

/** One request read back from a sent batch body. */
export interface BatchPartRequest {
    readonly method: string;
    readonly url: string;
    /** Header values by name as sent. */
    readonly headers: Readonly<Record<string, string>>;
    readonly body: unknown;
}

/** Builds a `200` batch response whose parts have the given statuses, headers and bodies. */
export function batchReply(parts: readonly ScriptedReply[]): ScriptedReply {
    const body =
        parts.map(part => `--${RESPONSE_BOUNDARY}${CRLF}${writePart(part)}${CRLF}`).join('') +
        `--${RESPONSE_BOUNDARY}--${CRLF}`;
    return {
        status: 200,
        rawBody: body,
        headers: {'Content-Type': `multipart/mixed; boundary=${RESPONSE_BOUNDARY}`},
    };
}

function writePart(part: ScriptedReply): string {
    const headers: Record<string, string> = {'OData-Version': '4.0', ...part.headers};
    if (part.body !== undefined) {
        headers['Content-Type'] = 'application/json; odata.metadata=minimal';
    }
    const headerLines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    return [
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        '',
        `HTTP/1.1 ${part.status} Status`,
        ...headerLines,
        '',
        part.body === undefined ? '' : JSON.stringify(part.body),
    ].join(CRLF);
}

/** Reads the requests of a sent `$batch` body, in order. */
export function readBatchParts(request: SentRequest | undefined): BatchPartRequest[] {
    const boundary = /boundary="?([^";]+)"?/.exec(request?.headers['Content-Type'] ?? '')?.[1];
    if (request?.rawBody === undefined || boundary === undefined) {
        throw new Error('The request is not a $batch request with a multipart body.');
    }
    const closeIndex = request.rawBody.indexOf(`--${boundary}--`);
    return request.rawBody
        .slice(0, closeIndex)
        .split(`--${boundary}${CRLF}`)
        .slice(1)
        .map(readPart);
}

function readPart(part: string): BatchPartRequest {
    const messageStart = part.indexOf(`${CRLF}${CRLF}`) + 4;
    const [head = '', body = ''] = splitOnce(part.slice(messageStart), `${CRLF}${CRLF}`);
    const [requestLine = '', ...headerLines] = head.split(CRLF);
    const [method = '', url = ''] = requestLine.split(' ');
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
        const separator = line.indexOf(':');
        headers[line.slice(0, separator)] = line.slice(separator + 1).trim();
    }
    const text = body.trim();
    return {method, url, headers, body: text === '' ? undefined : (JSON.parse(text) as unknown)};
}

function splitOnce(text: string, separator: string): [string, string] {
    const index = text.indexOf(separator);
    return index === -1 ? [text, ''] : [text.slice(0, index), text.slice(index + separator.length)];
}
