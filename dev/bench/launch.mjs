/**
 * Starts the benchmark in a Node process whose `JSON.stringify` is native, as it is in the browsers
 * Airtable runs extensions in.
 *
 * The Blocks SDK loads core-js, which replaces `JSON.stringify` with a much slower script version
 * wherever `JSON.rawJSON` is missing. Current Chrome has it, and Node 20 has it only behind a V8
 * flag. Without the flag the replacement would slow down the emulator's responses and the
 * engine's sync states in a way the extension's users never meet, so this sets it where needed.
 */
import {spawn} from 'node:child_process';

const nodeFlags = typeof JSON.rawJSON === 'function' ? [] : ['--harmony-json-parse-with-source'];
const child = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', 'dev/bench/main.ts', ...process.argv.slice(2)],
    {stdio: 'inherit'},
);
child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal === null ? 1 : 128);
});
