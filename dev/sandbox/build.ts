/**
 * Bundles the sandbox page with esbuild: the real extension UI on Airtable's TestDriver, pointed
 * at the local Dataverse emulator and sign-in, whose addresses are fixed into the bundle at build
 * time.
 */
import * as esbuild from 'esbuild';
import path from 'node:path';
import type {SandboxPageConfig} from './pageConfig';

export const SANDBOX_DIR = __dirname;
/** The page's static files, which each sandbox copies into the folder it serves. */
export const SANDBOX_PUBLIC_DIR = path.join(SANDBOX_DIR, 'public');
const ENTRY_POINT = path.join(SANDBOX_DIR, 'entry.tsx');

export interface SandboxBuildOptions {
    readonly page: SandboxPageConfig;
    /** The folder the sandbox serves; the bundle goes to its `dist/`. */
    readonly servedDir: string;
    /** Minifies the bundle; esbuild then also sets `process.env.NODE_ENV` to "production". */
    readonly minify?: boolean;
}

export interface SandboxBuild {
    /** The bundle's path relative to the public folder, as `index.html` loads it. */
    readonly bundlePath: string;
    readonly bundleBytes: number;
    readonly warnings: readonly string[];
}

/** Builds `dist/entry.js` in the served folder; throws with esbuild's messages when it fails. */
export async function buildSandboxAsync(options: SandboxBuildOptions): Promise<SandboxBuild> {
    const result = await esbuild.build({
        entryPoints: [ENTRY_POINT],
        outdir: path.join(options.servedDir, 'dist'),
        bundle: true,
        format: 'iife',
        platform: 'browser',
        jsx: 'automatic',
        sourcemap: true,
        minify: options.minify ?? false,
        metafile: true,
        logLevel: 'silent',
        define: {SANDBOX_CONFIG: JSON.stringify(options.page)},
    });

    const outputs = Object.entries(result.metafile.outputs).filter(([file]) =>
        file.endsWith('.js'),
    );
    const [bundleFile, bundleOutput] = outputs[0] ?? [];
    if (bundleFile === undefined || bundleOutput === undefined) {
        throw new Error(`esbuild wrote no JavaScript bundle for ${ENTRY_POINT}.`);
    }

    const warnings = await esbuild.formatMessages(result.warnings, {kind: 'warning'});
    return {
        bundlePath: path.relative(options.servedDir, path.resolve(bundleFile)),
        bundleBytes: bundleOutput.bytes,
        warnings,
    };
}
