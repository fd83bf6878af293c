/** Jest runs every test under test/: plain Node for the engine, jsdom where a file asks for it. */

// Packages that ship only ES modules, which Jest on Node 20 cannot require, so they are compiled
// to CommonJS.
const ES_MODULE_PACKAGES = '(jose|oauth2-mock-server|basic-auth)';

module.exports = {
    testEnvironment: 'node',
    roots: ['<rootDir>/test'],
    setupFiles: ['<rootDir>/test/setup/env.ts', '<rootDir>/test/setup/webCrypto.ts'],
    transform: {
        '^.+\\.tsx?$': ['ts-jest', {tsconfig: 'tsconfig.json', diagnostics: false}],
        [`/node_modules/${ES_MODULE_PACKAGES}/.+\\.m?js$`]:
            '<rootDir>/test/setup/esmToCommonJs.mjs',
    },
    transformIgnorePatterns: [`/node_modules/(?!${ES_MODULE_PACKAGES}/)`],
    testTimeout: 20000,
};
