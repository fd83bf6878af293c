/**
 * A jsdom test environment with the Node globals that jsdom lacks and the extension uses: `fetch`
 * (to reach the Dataverse emulator), `TextEncoder` and `TextDecoder`. UI test files pick it with
 * the docblock `@jest-environment ./test/setup/jsdomEnvironment.ts`.
 */
import type {EnvironmentContext, JestEnvironmentConfig} from '@jest/environment';
import {TestEnvironment} from 'jest-environment-jsdom';

export default class JsdomEnvironment extends TestEnvironment {
    constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
        super(config, context);
        const nodeFetch = globalThis.fetch;
        Object.assign(this.global, {
            fetch: (input: string | URL, init: RequestInit = {}) =>
                nodeFetch(input, {...init, signal: toNodeSignal(init.signal)}),
            Headers: globalThis.Headers,
            Request: globalThis.Request,
            Response: globalThis.Response,
            TextEncoder: globalThis.TextEncoder,
            TextDecoder: globalThis.TextDecoder,
        });
    }
}

/**
 * Node's `fetch` accepts only Node's own `AbortSignal`, and code in the test sees jsdom's, so the
 * abort is forwarded to a Node signal.
 */
function toNodeSignal(signal: AbortSignal | null | undefined): AbortSignal | undefined {
    if (signal === null || signal === undefined) {
        return undefined;
    }
    const controller = new AbortController();
    if (signal.aborted) {
        controller.abort(signal.reason);
    } else {
        signal.addEventListener('abort', () => controller.abort(signal.reason), {once: true});
    }
    return controller.signal;
}
