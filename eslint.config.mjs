import tseslint from 'typescript-eslint';

export default tseslint.config(
    {
        ignores: [
            'node_modules/',
            '.tmp/',
            'build/',
            'dev/sandbox/public/',
            'e2e/artifacts/',
            'coverage/',
        ],
    },
    ...tseslint.configs.recommended,
    {
        files: ['**/*.ts', '**/*.tsx'],
        rules: {
            '@typescript-eslint/no-explicit-any': 'error',
            '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_'}],
            'no-console': 'error',
        },
    },
    {
        // The engine stays pure: no SDK, MSAL, React or network access.
        files: ['frontend/sync/**'],
        rules: {
            'no-restricted-imports': [
                'error',
                {
                    patterns: [
                        '@airtable/*',
                        '@azure/*',
                        'react',
                        'react-dom',
                        '**/dataverse/**',
                        '**/airtable/**',
                        '**/ui/**',
                        '**/auth/**',
                        '**/settings/**',
                    ],
                },
            ],
            'no-restricted-globals': ['error', 'fetch', 'window', 'document'],
        },
    },
    {
        // Command-line programs under dev/ and bench/ print to the terminal.
        files: ['dev/**', 'bench/**', 'e2e/**'],
        rules: {'no-console': 'off'},
    },
);
