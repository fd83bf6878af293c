/**
 * Gives Node the few browser globals that `@airtable/blocks-testing` and the SDK read when they
 * load: a jsdom `window` and `document`, `navigator` (read by react-dom), animation frames, and a
 * MessageChannel that lets Node exit.
 * Importing this module installs them, so it must be imported before `@airtable/blocks-testing`.
 * Node's own `fetch`, `crypto` and timers stay in place.
 */
import {JSDOM} from 'jsdom';

// pretendToBeVisual gives the window requestAnimationFrame, which react-dom warns about otherwise.
const dom = new JSDOM('<!doctype html><html><body></body></html>', {
    url: 'http://127.0.0.1/',
    pretendToBeVisual: true,
});

const NodeMessageChannel = globalThis.MessageChannel;

/**
 * A MessageChannel whose ports stop holding Node open once a listener is set. React's scheduler,
 * which the SDK loads, listens on a channel's port from the moment it loads under a `window` and
 * never closes it, which would keep Node running after the program's work is done. Messages are
 * still delivered while anything else keeps Node running.
 */
class BackgroundMessageChannel {
    readonly port1: MessagePort;
    readonly port2: MessagePort;

    constructor() {
        const channel = new NodeMessageChannel();
        this.port1 = unrefWhenListened(channel.port1);
        this.port2 = unrefWhenListened(channel.port2);
    }
}

function unrefWhenListened(port: MessagePort): MessagePort {
    const handler = findPropertyDescriptor(port, 'onmessage');
    if (handler?.get === undefined || handler.set === undefined) {
        return port;
    }
    const {get, set} = handler;
    const nodePort = port as MessagePort & {unref(): void};
    Object.defineProperty(port, 'onmessage', {
        configurable: true,
        get: () => get.call(port),
        set: (listener: unknown) => {
            set.call(port, listener);
            nodePort.unref();
        },
    });
    return port;
}

function findPropertyDescriptor(target: object, name: string): PropertyDescriptor | undefined {
    for (let owner: object | null = target; owner !== null; owner = Object.getPrototypeOf(owner)) {
        const descriptor = Object.getOwnPropertyDescriptor(owner, name);
        if (descriptor !== undefined) {
            return descriptor;
        }
    }
    return undefined;
}

const BROWSER_GLOBALS = {
    window: dom.window,
    document: dom.window.document,
    navigator: dom.window.navigator,
    requestAnimationFrame: dom.window.requestAnimationFrame,
    cancelAnimationFrame: dom.window.cancelAnimationFrame,
    MessageChannel: BackgroundMessageChannel,
};

for (const [name, value] of Object.entries(BROWSER_GLOBALS)) {
    Object.defineProperty(globalThis, name, {value, configurable: true, writable: true});
}

/**
 * Closes the jsdom window, whose animation-frame timer would otherwise keep Node running after the
 * program's work is done. The globals stay defined, so call it only at the very end.
 */
export function closeBrowserGlobals(): void {
    dom.window.close();
}
