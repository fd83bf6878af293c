/**
 * Reads the `multipart/mixed` body of a `$batch` request: parts that each contain one embedded HTTP
 * request (`Content-Type: application/http`), or a change set that contains several. The wire uses
 * CRLF line endings; bare LF is accepted too, since documentation examples print LF.
 */
import {queryError} from '../errors';

export interface EmbeddedRequest {
    readonly method: string;
    /** The request target as written: absolute, root-relative or a `$n` reference. */
    readonly target: string;
    /** Header values by lower-case name. */
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
    /** The part's `Content-ID`, or null when it has none. */
    readonly contentId: string | null;
}

export type BatchPart =
    | {readonly kind: 'request'; readonly request: EmbeddedRequest}
    | {readonly kind: 'changeSet'; readonly requests: readonly EmbeddedRequest[]};

/** Returns the `boundary` parameter of a multipart Content-Type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
    if (contentType === undefined || !/^\s*multipart\/mixed\s*;/i.test(contentType)) {
        return null;
    }
    const match = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
    return match?.[1] ?? match?.[2] ?? null;
}

/** Splits text at its first blank line into header lines and the rest. */
function splitHead(text: string): {head: string[]; rest: string} {
    const match = /\r?\n\r?\n/.exec(text);
    if (match === null) {
        return {head: text.split(/\r?\n/).filter(line => line !== ''), rest: ''};
    }
    const head = text.slice(0, match.index).split(/\r?\n/);
    return {head, rest: text.slice(match.index + match[0].length)};
}

function parseHeaders(lines: readonly string[]): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const line of lines) {
        const separator = line.indexOf(':');
        if (separator > 0) {
            headers[line.slice(0, separator).trim().toLowerCase()] = line
                .slice(separator + 1)
                .trim();
        }
    }
    return headers;
}

/** Returns the texts between the delimiters of a multipart body, without the closing part. */
function splitParts(body: string, boundary: string): string[] {
    const delimiter = `--${boundary}`;
    const closeIndex = body.indexOf(`${delimiter}--`);
    if (closeIndex === -1) {
        throw queryError(`The batch body has no closing delimiter '${delimiter}--'.`);
    }
    return body
        .slice(0, closeIndex)
        .split(delimiter)
        .slice(1)
        .map(part => part.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, ''));
}

function parseEmbeddedRequest(part: string): EmbeddedRequest {
    const outer = splitHead(part);
    const partHeaders = parseHeaders(outer.head);
    const inner = splitHead(outer.rest);
    const [requestLine = '', ...headerLines] = inner.head;
    const match = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/1\.[01])?$/.exec(requestLine.trim());
    if (match === null) {
        throw queryError(
            `The batch part's request line '${requestLine}' is not '<METHOD> <URL> HTTP/1.1'.`,
        );
    }
    return {
        method: match[1] ?? 'GET',
        target: match[2] ?? '',
        headers: parseHeaders(headerLines),
        body: inner.rest.replace(/\s+$/, ''),
        contentId: partHeaders['content-id'] ?? null,
    };
}

function parsePart(part: string): BatchPart {
    const {head, rest} = splitHead(part);
    const changeSetBoundary = boundaryOf(parseHeaders(head)['content-type']);
    if (changeSetBoundary === null) {
        return {kind: 'request', request: parseEmbeddedRequest(part)};
    }
    const requests = splitParts(rest, changeSetBoundary).map(parseEmbeddedRequest);
    return {kind: 'changeSet', requests};
}

export function parseBatch(body: string, boundary: string): BatchPart[] {
    return splitParts(body, boundary).map(parsePart);
}
