/**
 * The browser tests: each file under e2e/ drives the sandbox in Debian's Chromium through one thing
 * a person does. They run one at a time, because each starts its own sandbox and browser.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest loads its config as CommonJS.
const base = require('../jest.config.js');

module.exports = {
    ...base,
    rootDir: '..',
    roots: ['<rootDir>/e2e'],
    testMatch: ['**/*.e2e.ts'],
    maxWorkers: 1,
    // A cold sandbox build, a sign-in through the popup and a few syncs.
    testTimeout: 180_000,
};
