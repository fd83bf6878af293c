import {request as httpsRequest} from 'node:https';

export interface HttpsResponse {
    readonly status: number;
    readonly headers: Readonly<Record<string, string | string[] | undefined>>;
    readonly body: string;
}

/**
 * Sends one https request that trusts `caCertificatePem`. Node 20's `fetch` has no per-request
 * certificate option, so the provider's self-signed certificate needs `node:https`.
 */
export function sendHttpsRequestAsync(
    url: string,
    options: {readonly caCertificatePem: string; readonly form?: Record<string, string>},
): Promise<HttpsResponse> {
    const body =
        options.form === undefined ? undefined : new URLSearchParams(options.form).toString();
    return new Promise((resolve, reject) => {
        const request = httpsRequest(
            url,
            {
                method: body === undefined ? 'GET' : 'POST',
                ca: options.caCertificatePem,
                headers:
                    body === undefined ? {} : {'Content-Type': 'application/x-www-form-urlencoded'},
            },
            response => {
                const chunks: Buffer[] = [];
                response.on('data', (chunk: Buffer) => chunks.push(chunk));
                response.on('end', () =>
                    resolve({
                        status: response.statusCode ?? 0,
                        headers: response.headers,
                        body: Buffer.concat(chunks).toString('utf8'),
                    }),
                );
            },
        );
        request.on('error', reject);
        request.end(body);
    });
}
