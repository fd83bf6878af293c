/**
 * Bundles the sandbox page with esbuild: the real extension UI on Airtable's TestDriver, pointed
 * at the local Dataverse emulator and sign-in, whose addresses are fixed into the bundle at build
 * time.
 */
import * as esbuild from 'esbuild';
import path from 'node:path';
import type {SandboxPageConfig} from './pageConfig';

export const SANDBOX_DIR = __dirname;
/** The folder the static server serves; the bundle goes to its `dist/` (git-ignored). */
export const SANDBOX_PUBLIC_DIR = path.join(SANDBOX_DIR, 'public');
const ENTRY_POINT = path.join(SANDBOX_DIR, 'entry.tsx');
const OUT_DIR = path.join(SANDBOX_PUBLIC_DIR, 'dist');

export interface SandboxBuildOptions {
    readonly page: SandboxPageConfig;
    /** Minifies the bundle; esbuild then also sets `process.env.NODE_ENV` to "production". */
    readonly minify?: boolean;
}

export interface SandboxBuild {
    /** The bundle's path relative to the public folder, as `index.html` loads it. */
    readonly bundlePath: string;
    readonly bundleBytes: number;
    readonly warnings: readonly string[];
}

/** Builds `public/dist/entry.js`; throws with esbuild's formatted messages when the build fails. */
export async function buildSandboxAsync(options: SandboxBuildOptions): Promise<SandboxBuild> {
    const result = await esbuild.build({
        entryPoints: [ENTRY_POINT],
        outdir: OUT_DIR,
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
        bundlePath: path.relative(SANDBOX_PUBLIC_DIR, path.resolve(bundleFile)),
        bundleBytes: bundleOutput.bytes,
        warnings,
    };
}
