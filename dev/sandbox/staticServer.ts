/**
 * A small static file server for the sandbox page. It binds to 127.0.0.1 only, sends
 * `cache-control: no-store` so a reload always gets the latest bundle, and serves nothing outside
 * its root folder.
 */
import {createReadStream} from 'node:fs';
import {stat} from 'node:fs/promises';
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';

const LOOPBACK_HOST = '127.0.0.1';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.map': 'application/json; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.png': 'image/png',
    '.svg': 'image/svg+xml',
};

export interface StaticServerOptions {
    /** The folder served at `/`. */
    readonly root: string;
    /** The port to listen on; 0 picks a free one. */
    readonly port: number;
}

export interface StaticServer {
    /** The server's origin, such as `http://127.0.0.1:5173`. */
    readonly url: string;
    closeAsync(): Promise<void>;
}

export async function serveStaticAsync(options: StaticServerOptions): Promise<StaticServer> {
    const root = path.resolve(options.root);
    const server = createServer((request, response) => {
        handleRequestAsync(root, request, response).catch((error: unknown) => {
            const message = `Failed to serve ${request.url ?? '/'}: ${String(error)}`;
            console.error(message);
            sendText(response, 500, message);
        });
    });

    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, LOOPBACK_HOST, () => resolve());
    });

    const {port} = server.address() as AddressInfo;
    return {
        url: `http://${LOOPBACK_HOST}:${port}`,
        closeAsync: () =>
            new Promise<void>((resolve, reject) => {
                server.close(error => (error ? reject(error) : resolve()));
                server.closeAllConnections();
            }),
    };
}

async function handleRequestAsync(
    root: string,
    request: IncomingMessage,
    response: ServerResponse,
): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
        sendText(response, 405, `Method ${request.method ?? ''} is not allowed; use GET.`);
        return;
    }

    const filePath = resolveFilePathIfInside(root, request.url ?? '/');
    const stats = filePath === null ? null : await stat(filePath).catch(() => null);
    if (filePath === null || stats === null || !stats.isFile()) {
        sendText(response, 404, `Not found: ${request.url ?? '/'}`);
        return;
    }

    response.writeHead(200, {
        'content-type': CONTENT_TYPES[path.extname(filePath)] ?? 'application/octet-stream',
        'content-length': stats.size,
        'cache-control': 'no-store',
    });
    if (request.method === 'HEAD') {
        response.end();
        return;
    }
    createReadStream(filePath).pipe(response);
}

/** Maps a request path to a file under `root`, or null when it would leave `root`. */
function resolveFilePathIfInside(root: string, requestUrl: string): string | null {
    let pathname: string;
    try {
        pathname = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
    } catch {
        return null;
    }
    const relativePath = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    const filePath = path.resolve(root, `.${relativePath}`);
    return filePath === root || filePath.startsWith(root + path.sep) ? filePath : null;
}

function sendText(response: ServerResponse, status: number, text: string): void {
    if (response.headersSent) {
        response.destroy();
        return;
    }
    response.writeHead(status, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
    });
    response.end(text);
}
