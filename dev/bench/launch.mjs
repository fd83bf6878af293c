/**
 * Starts the benchmark in a Node process whose `JSON.stringify` is native, as it is in the browsers
 * Airtable runs extensions in.
 *
 * The Blocks SDK loads core-js, which replaces `JSON.stringify` with a much slower script version
 * wherever `JSON.rawJSON` is missing. Chrome has had it since version 114, Node only from 21 on.
 * On Node 20 the replacement would slow down the emulator's responses and the engine's sync states
 * in a way no user sees, so this turns on V8's flag for it there.
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
