/**
 * The `multipart/mixed` wire format of a Web API `$batch`: builds the request body, one
 * `application/http` part per request and no change sets, and reads the response parts back in
 * order. Lines end in CRLF as on the wire. Nothing here sends a request.
 */
import type {HttpMethod} from './http';
import type {JsonObject} from './json';

const CRLF = '\r\n';

/** One request inside a batch. */
export interface BatchOperation {
    readonly method: HttpMethod;
    /** The path below the Web API root, with its query, such as `accounts(7d1f…)?$select=name`. */
    readonly path: string;
    readonly headers: Readonly<Record<string, string>>;
    /** JSON body, sent with `Content-Type: application/json; type=entry`. */
    readonly body?: JsonObject;
}

/** One response inside a batch response. */
export interface BatchPartResponse {
    readonly status: number;
    readonly headers: Headers;
    /** Parsed JSON, or null when the part had no body or one that is not JSON. */
    readonly body: unknown;
    /** The body as sent, for error text that is not JSON. */
    readonly rawText: string;
}

/**
 * Builds the body of a `$batch` request. `apiPath` is the root-relative Web API path, such as
 * `/api/data/v9.2/`, which every part's request line starts with.
 */
export function buildBatchBody(
    boundary: string,
    apiPath: string,
    operations: readonly BatchOperation[],
): string {
    const parts = operations.map(operation => buildPart(apiPath, operation));
    return (
        parts.map(part => `--${boundary}${CRLF}${part}${CRLF}`).join('') + `--${boundary}--${CRLF}`
    );
}

function buildPart(apiPath: string, operation: BatchOperation): string {
    const headers: Record<string, string> = {...operation.headers};
    if (operation.body !== undefined) {
        headers['Content-Type'] = 'application/json; type=entry';
    }
    const headerLines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
    return [
        'Content-Type: application/http',
        'Content-Transfer-Encoding: binary',
        '',
        `${operation.method} ${apiPath}${operation.path} HTTP/1.1`,
        ...headerLines,
        '',
        operation.body === undefined ? '' : JSON.stringify(operation.body),
    ].join(CRLF);
}

/** Returns the `boundary` parameter of a `multipart/mixed` Content-Type, or null. */
export function getBoundaryIfExists(contentType: string | null): string | null {
    if (contentType === null || !/^\s*multipart\/mixed\s*;/i.test(contentType)) {
        return null;
    }
    const match = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
    return match?.[1] ?? match?.[2] ?? null;
}

/**
 * Reads the parts of a `$batch` response in order. A change set's responses are listed in place of
 * the change set. Returns null when the body is not a multipart body with the given Content-Type's
 * boundary or a part is not an HTTP response.
 */
export function parseBatchResponseIfValid(
    contentType: string | null,
    text: string,
): BatchPartResponse[] | null {
    const boundary = getBoundaryIfExists(contentType);
    if (boundary === null) {
        return null;
    }
    const parts = splitMultipart(text, boundary);
    if (parts === null) {
        return null;
    }
    const responses: BatchPartResponse[] = [];
    for (const part of parts) {
        const parsed = parsePart(part);
        if (parsed === null) {
            return null;
        }
        responses.push(...parsed);
    }
    return responses;
}

/** Returns the texts between the delimiters, or null without a closing delimiter. */
function splitMultipart(text: string, boundary: string): string[] | null {
    const delimiter = `--${boundary}`;
    const closeIndex = text.indexOf(`${delimiter}--`);
    if (closeIndex === -1) {
        return null;
    }
    return text
        .slice(0, closeIndex)
        .split(delimiter)
        .slice(1)
        .map(part => part.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, ''));
}

function parsePart(part: string): BatchPartResponse[] | null {
    const {head, rest} = splitHead(part);
    const partHeaders = parseHeaderLines(head);
    const changeSetBoundary = getBoundaryIfExists(partHeaders.get('Content-Type'));
    if (changeSetBoundary === null) {
        const response = parseEmbeddedResponse(rest);
        return response === null ? null : [response];
    }
    const innerParts = splitMultipart(rest, changeSetBoundary);
    if (innerParts === null) {
        return null;
    }
    const responses: BatchPartResponse[] = [];
    for (const innerPart of innerParts) {
        const response = parseEmbeddedResponse(splitHead(innerPart).rest);
        if (response === null) {
            return null;
        }
        responses.push(response);
    }
    return responses;
}

/** Reads `HTTP/1.1 <status> <reason>`, its headers and its body. */
function parseEmbeddedResponse(message: string): BatchPartResponse | null {
    const {head, rest} = splitHead(message);
    const [statusLine = '', ...headerLines] = head;
    const status = /^HTTP\/1\.[01]\s+(\d{3})\b/.exec(statusLine.trim())?.[1];
    if (status === undefined) {
        return null;
    }
    const rawText = rest.replace(/\s+$/, '');
    return {
        status: Number(status),
        headers: parseHeaderLines(headerLines),
        body: parseJsonIfValid(rawText),
        rawText,
    };
}

/** Splits text at its first blank line into header lines and the rest. */
function splitHead(text: string): {head: string[]; rest: string} {
    const match = /\r?\n\r?\n/.exec(text);
    if (match === null) {
        return {head: text.split(/\r?\n/).filter(line => line !== ''), rest: ''};
    }
    return {
        head: text.slice(0, match.index).split(/\r?\n/),
        rest: text.slice(match.index + match[0].length),
    };
}

function parseHeaderLines(lines: readonly string[]): Headers {
    const headers = new Headers();
    for (const line of lines) {
        const separator = line.indexOf(':');
        if (separator > 0) {
            headers.append(line.slice(0, separator).trim(), line.slice(separator + 1).trim());
        }
    }
    return headers;
}

function parseJsonIfValid(text: string): unknown {
    if (text === '') {
        return null;
    }
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return null;
    }
}
