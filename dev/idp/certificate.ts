/**
 * A throwaway self-signed certificate for the local OpenID provider, made with `openssl` in a
 * temporary folder. It is its own certificate authority, so a client that trusts its PEM (Node's
 * `ca` option, Chromium's `--ignore-certificate-errors-spki-list`) accepts the provider.
 */
import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';

const execFileAsync = promisify(execFile);

const CERTIFICATE_VALIDITY_DAYS = 30;

export interface SelfSignedCertificate {
    readonly keyPath: string;
    readonly certificatePath: string;
    readonly certificatePem: string;
    /** Deletes the temporary folder with the key and certificate. */
    removeAsync(): Promise<void>;
}

/** Creates a key and a certificate for 127.0.0.1 and localhost. Needs `openssl` on the PATH. */
export async function createSelfSignedCertificateAsync(): Promise<SelfSignedCertificate> {
    const directory = await mkdtemp(join(tmpdir(), 'local-idp-'));
    const keyPath = join(directory, 'idp.key');
    const certificatePath = join(directory, 'idp.crt');

    try {
        await execFileAsync('openssl', [
            'req',
            '-x509',
            '-newkey',
            'rsa:2048',
            '-nodes',
            '-keyout',
            keyPath,
            '-out',
            certificatePath,
            '-days',
            String(CERTIFICATE_VALIDITY_DAYS),
            '-subj',
            '/CN=127.0.0.1',
            '-addext',
            'subjectAltName=IP:127.0.0.1,DNS:localhost',
            '-addext',
            'basicConstraints=critical,CA:TRUE',
        ]);
    } catch (error) {
        await rm(directory, {recursive: true, force: true});
        throw new Error(
            `Failed to create the local provider's certificate with openssl: ${String(error)}. ` +
                'Install openssl and make sure it is on the PATH.',
        );
    }

    return {
        keyPath,
        certificatePath,
        certificatePem: await readFile(certificatePath, 'utf8'),
        removeAsync: () => rm(directory, {recursive: true, force: true}),
    };
}
