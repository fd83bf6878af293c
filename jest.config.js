/** Jest runs every test under test/: plain Node for the engine, jsdom where a file asks for it. */
module.exports = {
    testEnvironment: 'node',
    roots: ['<rootDir>/test'],
    setupFiles: ['<rootDir>/test/setup/env.ts'],
    transform: {'^.+\\.tsx?$': ['ts-jest', {tsconfig: 'tsconfig.json', diagnostics: false}]},
    testTimeout: 20000,
};
